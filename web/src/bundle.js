// The link bundle from the server: the core owns every rule (roles, https-only URLs on
// an allow-listed host, links not expired); this file only adapts JS values to it.
import { DEFAULT_CLOCK_SKEW_SECONDS } from './core-facts.js';
import { loadCore } from './core-loader.js';
import { ViewerError } from './errors.js';
import { checkLinkPolicy } from './options.js';

/** Accepts the bundle as JSON text or as the parsed object and returns JSON text. */
export function bundleToText(bundle) {
  if (typeof bundle === 'string') return bundle;
  if (bundle === null || typeof bundle !== 'object') {
    throw new ViewerError('bad_bundle', 'The bundle must be an object or JSON text');
  }
  try {
    return JSON.stringify(bundle);
  } catch (error) {
    throw new ViewerError('bad_json', 'The bundle cannot be written as JSON', { cause: error });
  }
}

/**
 * @returns {{verificationSession: string, verificationReport: string, issuedAt: number,
 *   images: {role: string, file: string, fileLink: string, url: string, expiresAt: number}[]}}
 */
export function validateBundleText(core, bundleText, { allowedHosts, clockSkewSeconds }) {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const result = core.validateBundle(bundleText, nowSeconds, { allowedHosts, clockSkewSeconds });
  if (!result.ok) throw new ViewerError(result.code, result.message);
  return result.bundle;
}

export function findImage(bundle, role) {
  if (role === undefined) return bundle.images[0];
  const image = bundle.images.find((candidate) => candidate.role === role);
  if (!image) {
    const roles = bundle.images.map((candidate) => candidate.role).join(', ');
    throw new ViewerError('unknown_role', `The bundle has no image for the role "${String(role).slice(0, 40)}" (it has: ${roles})`);
  }
  return image;
}

/**
 * The public check, usable without a canvas (also in Node): resolves with the
 * validated bundle or rejects with the ViewerError the viewer would give.
 */
export async function validateBundle(bundle, { allowedHosts = [], clockSkewSeconds = DEFAULT_CLOCK_SKEW_SECONDS } = {}) {
  checkLinkPolicy({ allowedHosts, clockSkewSeconds });
  const core = await loadCore();
  return validateBundleText(core, bundleToText(bundle), { allowedHosts, clockSkewSeconds });
}
