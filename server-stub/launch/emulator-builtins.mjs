// The emulator's built-in test keys and seeded ids, read from the C++ headers that define
// them (server-stub/emulator/builtin_keys.hpp and seed_ids.hpp), so `npm start`, the test
// launchers and the benchmarks never restate them. Each `inline constexpr const char*
// name = "value";` becomes a camelCase entry: full_access_redact → fullAccessRedact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const emulatorSources = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'emulator');

function constantsOf(header) {
  const text = readFileSync(path.join(emulatorSources, header), 'utf8');
  const entries = [...text.matchAll(/inline constexpr const char\* (\w+) = "([^"]*)";/g)]
    .map(([, name, value]) => [name.replace(/_([a-z0-9])/g, (_, next) => next.toUpperCase()), value]);
  // A header rewritten in another style must fail here, not hand the callers nothing.
  if (entries.length === 0) throw new Error(`no string constants found in server-stub/emulator/${header}`);
  return entries;
}

/** The keys the emulator accepts without a --keys file: { fullAccess, fullAccessRedact, secret, … }. */
export const builtinKeys = Object.freeze(Object.fromEntries(constantsOf('builtin_keys.hpp')));

/** The VerificationSessions it starts with: { passportVerified, idCardWithSelfie, … }. */
export const seedSessions = Object.freeze(Object.fromEntries(
  constantsOf('seed_ids.hpp').filter(([, id]) => id.startsWith('vs_'))));
