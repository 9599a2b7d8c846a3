// The demo's plain words (demo/js/messages.js) are keyed by error codes written elsewhere:
// the server stub's (one table in server-stub/stub/api/api_error.hpp), the viewer's
// (web/src/core-facts.js, generated from the core) and the demo's own. A code renamed or
// removed there would leave its words unused and the reviewer with the raw message: each
// key must still be a code that something can report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { STUB_UNREACHABLE } from '../../demo/js/api.js';
import { DESCRIBED_CODES, describeError } from '../../demo/js/messages.js';
import { ERROR_CODES as VIEWER_CODES } from '../../web/src/core-facts.js';

function stubCodes() {
  const header = readFileSync(new URL('../../server-stub/stub/api/api_error.hpp', import.meta.url), 'utf8');
  const codes = [...header.matchAll(/^\s*X\((\w+), (\d{3})\)/gm)].map((match) => match[1]);
  // The table rewritten in another shape must fail here, not leave nothing to compare.
  assert.ok(codes.length >= 20, `only ${codes.length} codes found in api_error.hpp`);
  return codes;
}

it('every code the demo has words for is one the stub, the viewer or the demo reports', () => {
  const known = new Set([...stubCodes(), ...VIEWER_CODES, STUB_UNREACHABLE]);
  const unknown = DESCRIBED_CODES.filter((code) => !known.has(code));
  assert.deepEqual(unknown, [], `words for codes nothing reports: ${unknown.join(', ')}`);
});

it('a described code gets its words; any other falls back to the message that came with it', () => {
  assert.match(describeError({ code: 'session_redacted', message: 'raw' }), /redacted/);
  assert.equal(describeError({ code: 'stripe_permission_missing', message: 'The key lacks rak_file_write' }),
    'The key lacks rak_file_write');
  assert.equal(describeError({ code: 'aborted' }), null);
});
