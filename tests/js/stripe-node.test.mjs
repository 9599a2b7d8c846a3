// Stripe's official Node library (the `stripe` npm package) against the built-in emulator:
// if stripe-node can retrieve, expand, list, create FileLinks and raise its typed errors,
// the emulator speaks Stripe's wire format.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import Stripe from 'stripe';

import { builtinKeys, seedSessions, startEmulator } from '../../scripts/harness/emulator-process.mjs';

let emulator;

before(async () => {
  emulator = await startEmulator({ quiet: true });
});

after(async () => {
  assert.equal(await emulator?.stop(), 0, 'the emulator stops cleanly');
});

function stripeFor(key, target = emulator) {
  const { hostname, port } = new URL(target.apiBase);
  return new Stripe(key, {
    // The version the emulator models (common::kStripeApiVersion); it refuses any other,
    // including the newer one this library would send by default.
    apiVersion: '2022-11-15',
    host: hostname,
    port: Number(port),
    protocol: 'http',
    telemetry: false,
    maxNetworkRetries: 0,
    timeout: 10_000,
  });
}

async function emulatorNow() {
  return (await emulator.admin.clock()).now;
}

async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the request was expected to fail');
}

test('retrieves a VerificationSession with its report and sensitive fields expanded', async () => {
  const stripe = stripeFor(builtinKeys.fullAccess);
  const session = await stripe.identity.verificationSessions.retrieve(seedSessions.idCardWithSelfie, {
    expand: ['last_verification_report', 'verified_outputs.dob', 'last_verification_report.document.number'],
  });
  assert.equal(session.object, 'identity.verification_session');
  assert.equal(session.id, seedSessions.idCardWithSelfie);
  assert.equal(session.status, 'verified');
  assert.equal(session.livemode, false);
  assert.match(session.lastResponse.requestId, /^req_/);
  const report = session.last_verification_report;
  assert.equal(report.object, 'identity.verification_report');
  assert.deepEqual(report.document.files, ['file_1EmuIdCardWithSelfieFront', 'file_1EmuIdCardWithSelfieBack']);
  assert.equal(report.selfie.selfie, 'file_1EmuIdCardWithSelfieSelfie');
  assert.equal(typeof report.document.number, 'string');
  assert.equal(typeof session.verified_outputs.dob.year, 'number');

  const plain = await stripe.identity.verificationSessions.retrieve(seedSessions.idCardWithSelfie);
  assert.equal(plain.last_verification_report, report.id);
  assert.equal('verified_outputs' in plain, false);
});

test('creates a short-lived FileLink whose URL serves the image from the files host', async () => {
  const stripe = stripeFor(builtinKeys.fullAccess);
  const link = await stripe.fileLinks.create(
    { file: 'file_1EmuIdCardWithSelfieFront', expires_at: (await emulatorNow()) + 30 },
    { idempotencyKey: 'stripe-node-test-link-1' },
  );
  assert.equal(link.object, 'file_link');
  assert.match(link.id, /^link_/);
  assert.equal(link.expired, false);
  assert.ok(link.url.startsWith(`${emulator.filesBase}/links/`));

  const image = await fetch(link.url);
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/jpeg');
  assert.equal(image.headers.get('cache-control'), 'no-store');
  assert.equal(image.headers.get('access-control-allow-origin'), '*');
  const bytes = new Uint8Array(await image.arrayBuffer());
  assert.equal(Number(image.headers.get('content-length')), bytes.length);
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8]);

  const replay = await stripe.fileLinks.create(
    { file: 'file_1EmuIdCardWithSelfieFront', expires_at: link.expires_at },
    { idempotencyKey: 'stripe-node-test-link-1' },
  );
  assert.equal(replay.id, link.id);
  const reused = await rejection(stripe.fileLinks.create(
    { file: 'file_1EmuIdCardWithSelfieBack', expires_at: link.expires_at },
    { idempotencyKey: 'stripe-node-test-link-1' },
  ));
  assert.equal(reused.type, 'StripeIdempotencyError');

  const again = await stripe.fileLinks.retrieve(link.id, { expand: ['file'] });
  assert.equal(again.file.id, 'file_1EmuIdCardWithSelfieFront');
  assert.equal(again.file.purpose, 'identity_document_downloadable');
  const file = await stripe.files.retrieve('file_1EmuIdCardWithSelfieFront');
  assert.equal(file.size, bytes.length);
});

test('lists every seeded session through auto-pagination', async () => {
  const stripe = stripeFor(builtinKeys.fullAccess);
  const ids = [];
  for await (const session of stripe.identity.verificationSessions.list({ limit: 3 })) ids.push(session.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of Object.values(seedSessions)) assert.ok(ids.includes(id), `${id} is listed`);
  const page = await stripe.identity.verificationSessions.list({ limit: 2 });
  assert.equal(page.object, 'list');
  assert.equal(page.has_more, true);
  assert.equal(page.data.length, 2);
});

test('a key without Files: Write gets a StripePermissionError naming the permission', async () => {
  const stripe = stripeFor(builtinKeys.noFilesWrite);
  const error = await rejection(stripe.fileLinks.create({
    file: 'file_1EmuPassportVerifiedPage',
    expires_at: (await emulatorNow()) + 20,
  }));
  assert.equal(error.type, 'StripePermissionError');
  assert.ok(error instanceof Stripe.errors.StripePermissionError);
  assert.equal(error.statusCode, 403);
  assert.match(error.message, /Having the 'rak_file_write' permission would allow this request to continue/);
  assert.match(error.requestId, /^req_/);
});

test('a secret key cannot expand sensitive results', async () => {
  const stripe = stripeFor(builtinKeys.secret);
  const error = await rejection(stripe.identity.verificationSessions.retrieve(seedSessions.passportVerified, {
    expand: ['verified_outputs.dob'],
  }));
  assert.equal(error.type, 'StripePermissionError');
  assert.match(error.message, /secret key/);
});

test('a FileLink beyond 30 seconds is a StripeInvalidRequestError on expires_at', async () => {
  const stripe = stripeFor(builtinKeys.fullAccess);
  const error = await rejection(stripe.fileLinks.create({
    file: 'file_1EmuIdCardWithSelfieSelfie',
    expires_at: (await emulatorNow()) + 3600,
  }));
  assert.equal(error.type, 'StripeInvalidRequestError');
  assert.ok(error instanceof Stripe.errors.StripeInvalidRequestError);
  assert.equal(error.statusCode, 400);
  assert.equal(error.param, 'expires_at');
  assert.equal(error.rawType, 'invalid_request_error');
});

test('an unknown session is a StripeInvalidRequestError with code resource_missing', async () => {
  const stripe = stripeFor(builtinKeys.fullAccess);
  const error = await rejection(stripe.identity.verificationSessions.retrieve('vs_1EmuNoSuchSession'));
  assert.equal(error.type, 'StripeInvalidRequestError');
  assert.equal(error.statusCode, 404);
  assert.equal(error.code, 'resource_missing');
});

test('a rolled key is a StripeAuthenticationError with code api_key_expired', async () => {
  const stripe = stripeFor(builtinKeys.rolled);
  const error = await rejection(stripe.identity.verificationSessions.list());
  assert.equal(error.type, 'StripeAuthenticationError');
  assert.equal(error.statusCode, 401);
  assert.equal(error.code, 'api_key_expired');
  assert.ok(!error.message.includes(builtinKeys.rolled), 'the key is masked in the message');
});

test('redaction through stripe-node: processing, then placeholders', async () => {
  const stripe = stripeFor(builtinKeys.secret);
  const redacted = await stripe.identity.verificationSessions.redact(seedSessions.readyToRedact);
  assert.equal(redacted.redaction.status, 'processing');
  const later = await stripeFor(builtinKeys.fullAccess).identity.verificationSessions.retrieve(
    seedSessions.readyToRedact,
    { expand: ['verified_outputs'] },
  );
  assert.equal(later.redaction.status, 'redacted');
  assert.equal(later.verified_outputs.first_name, '[redacted]');
});

test('startEmulator options reach the program: key file, CORS off, latency', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'iiv-emulator-keys-'));
  const keysFile = path.join(dir, 'keys.json');
  writeFileSync(keysFile, JSON.stringify([{
    name: 'reviewer',
    key: 'rk_test_js_helper_reviewer_key_JSRK',
    kind: 'restricted',
    permissions: ['rak_identity_product_read', 'rak_identity_sensitive_results_read', 'rak_file_write'],
  }]));
  const custom = await startEmulator({ keysFile, filesCors: false, latencyMs: 5, quiet: true });
  try {
    assert.equal(custom.keys.reviewer, 'rk_test_js_helper_reviewer_key_JSRK');
    const stripe = stripeFor(custom.keys.reviewer, custom);
    const link = await stripe.fileLinks.create({
      file: 'file_1EmuPassportVerifiedPage',
      expires_at: (await custom.admin.clock()).now + 20,
    });
    const image = await fetch(link.url);
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('access-control-allow-origin'), null);
    await image.arrayBuffer();
    assert.equal((await custom.admin.config()).latency_ms, 5);
    const refused = await rejection(stripeFor(builtinKeys.fullAccess, custom).identity.verificationSessions.list());
    assert.equal(refused.type, 'StripeAuthenticationError');
  } finally {
    assert.equal(await custom.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  }
});
