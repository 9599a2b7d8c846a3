// The server stub's front door, attacked the way it was attacked before it was rebuilt:
// slow clients, floods, oversized and malformed framing, token guessing, harvesting with a
// stolen token, an audit log that cannot be written, bursts that would exhaust Stripe's
// rate limits, and answers from "Stripe" of the wrong shape. Everything runs against the
// real iiv-server-stub binary and the real emulator over loopback; attacking sockets come
// from 127.0.0.2 and 127.0.0.3 so that the normal client on 127.0.0.1 is told apart.
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { builtinKeys, seedSessions, startEmulator } from '../../scripts/harness/emulator-process.mjs';
import { connect, exchange, readResponse, rssKiB } from '../../scripts/harness/raw-http.mjs';
import { startStub } from '../../scripts/harness/stub-process.mjs';

const VIEWER = { id: 'rev_viewer', token: 'tok-front-door-viewer-0123456789', roles: ['view', 'reveal'] };
const OPERATOR = { id: 'rev_operator', token: 'tok-front-door-operator-0123456789', roles: ['operator'] };
const ATTACKER = '127.0.0.2';
const BYSTANDER = '127.0.0.3';

const linksPath = (session) => `/api/verification-sessions/${session}/image-links`;
const bearer = (token) => ({ Authorization: `Bearer ${token}` });

async function postJson(base, path, token, body = '{}') {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...bearer(token), 'Content-Type': 'application/json' },
    body,
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

function auditLines(stub) {
  return readFileSync(stub.auditLogPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

function metricValue(text, name, labels = {}) {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((pair) => line.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

const request = (method, path, headers = [], body = '') =>
  [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...headers, '', body].join('\r\n');

let emulator;
before(async () => {
  emulator = await startEmulator({ quiet: true, warmImages: false });
});
after(async () => {
  await emulator?.stop();
});

describe('slow clients', () => {
  let stub;
  before(async () => {
    stub = await startStub({
      stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess, reviewers: [VIEWER, OPERATOR],
      extraArgs: ['--head-timeout-ms', '2000', '--max-connections-per-address', '64'],
    });
  });
  after(async () => {
    await stub?.stop();
  });

  test('1,000 slow-header connections from one address leave everyone else served', async () => {
    const sockets = [];
    const refusals = [];
    for (let i = 0; i < 1000; i++) {
      const socket = await connect(stub.url, { localAddress: ATTACKER });
      sockets.push(socket);
      refusals.push(readResponse(socket, { timeoutMs: 8000 }));
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');  // and never the end of the head
    }
    try {
      // Meanwhile another client, from another address, is answered at once, every time.
      for (let i = 0; i < 20; i++) {
        const answer = await exchange(stub.url, request('GET', '/healthz'), { localAddress: BYSTANDER, timeoutMs: 3000 });
        assert.equal(answer.response?.status, 200, `request ${i} from another address`);
      }
      const healthy = await fetch(`${stub.url}/healthz`, { signal: AbortSignal.timeout(3000) });
      assert.equal(healthy.status, 200);

      const answers = await Promise.all(refusals);
      const codes = answers.map(({ response }) => response?.json().error.code);
      // Beyond the per-address cap: refused at once; within it: 408 once the head deadline passes.
      assert.equal(codes.filter((code) => code === 'too_many_connections_from_address').length, 1000 - 64);
      assert.equal(codes.filter((code) => code === 'request_timeout').length, 64);
      for (const { response } of answers) assert.equal(response.headers['cache-control'], 'no-store');
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    const metrics = await stub.metrics(OPERATOR.token);
    assert.equal(metricValue(metrics, 'iiv_http_refusals_total', { code: 'too_many_connections_from_address' }), 936);
    assert.equal(metricValue(metrics, 'iiv_http_refusals_total', { code: 'request_timeout' }), 64);
  });

  test('an endless chunked body with a wrong token is refused after the body limit, never read whole', async () => {
    const rssBefore = rssKiB(stub.pid);
    const socket = await connect(stub.url, { localAddress: ATTACKER });
    const answer = readResponse(socket, { timeoutMs: 10_000 });
    socket.write(request('POST', linksPath(seedSessions.passportVerified),
      ['Authorization: Bearer nope', 'Content-Type: application/json', 'Transfer-Encoding: chunked'], ''));
    const chunk = `${(1 << 20).toString(16)}\r\n${'a'.repeat(1 << 20)}\r\n`;
    let sent = 0;
    let answered = false;
    socket.once('data', () => { answered = true; });
    // Up to 700 MiB, one MiB at a time as soon as the last one is on its way: the server must
    // answer long before. Between writes the test listens a moment, so the answer is read
    // when it comes (a sender that kept writing into the closed connection would only see it
    // reset, and lose the answer with it).
    while (!answered && sent < 700 && !socket.destroyed) {
      await new Promise((resolve) => socket.write(chunk, resolve));
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent += 1;
    }
    const { response } = await answer;
    socket.destroy();
    assert.equal(response?.status, 413);
    assert.equal(response.json().error.code, 'body_too_large');
    assert.ok(sent < 700, `the server read all ${sent} MiB`);
    const grownKiB = rssKiB(stub.pid) - rssBefore;
    assert.ok(grownKiB < 10 * 1024, `RSS grew by ${grownKiB} KiB`);
  });
});

describe('malformed framing', () => {
  let stub;
  before(async () => {
    stub = await startStub({ stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess, reviewers: [VIEWER, OPERATOR] });
  });
  after(async () => {
    await stub?.stop();
  });

  const refusedAndClosed = async (bytes, status, code) => {
    const { response, closed } = await exchange(stub.url, bytes, { untilClose: true, timeoutMs: 5000 });
    assert.equal(response?.status, status, bytes.slice(0, 120));
    assert.equal(response.json().error.code, code);
    assert.equal(response.headers['cache-control'], 'no-store');
    assert.ok(closed, 'the connection is closed after a framing refusal');
  };

  test('a million header fields: 431 once the head passes 16 KiB', async () => {
    const socket = await connect(stub.url, { localAddress: ATTACKER });
    const answer = readResponse(socket, { untilClose: true, timeoutMs: 10_000 });
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let answered = false;
    socket.once('data', () => { answered = true; });
    for (let i = 0; i < 1_000_000 && !answered && !socket.destroyed; i += 1000) {
      let block = '';
      for (let j = i; j < i + 1000; j++) block += `X-Flood-${j}: y\r\n`;
      await new Promise((resolve) => socket.write(block, resolve));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const { response } = await answer;
    socket.destroy();
    assert.equal(response?.status, 431);
    assert.equal(response.json().error.code, 'header_too_large');
  });

  test('more than 100 header fields, though small: 431 too_many_headers', async () => {
    const fields = Array.from({ length: 101 }, (_, i) => `X-F${i}: 1`);
    await refusedAndClosed(request('GET', '/healthz', fields), 431, 'too_many_headers');
  });

  test('a request target over the limit: 414', async () => {
    await refusedAndClosed(request('GET', `/${'a'.repeat(5000)}`), 414, 'target_too_long');
  });

  test('Content-Length twice, or not a plain number: 400 bad_framing', async () => {
    const post = (headers) => request('POST', '/api/me', ['Content-Type: application/json', ...headers], 'abc');
    await refusedAndClosed(post(['Content-Length: 2', 'Content-Length: 3']), 400, 'bad_framing');
    await refusedAndClosed(post(['Content-Length: 3', 'Content-Length: 3']), 400, 'bad_framing');
    await refusedAndClosed(post(['Content-Length: +3']), 400, 'bad_framing');
    await refusedAndClosed(post(['Content-Length: 3, 3']), 400, 'bad_framing');
    await refusedAndClosed(post(['Content-Length: 3', 'Transfer-Encoding: chunked']), 400, 'bad_framing');
  });

  test('a space before the colon, or a header given twice: 400', async () => {
    await refusedAndClosed(request('POST', '/api/me', ['Transfer-Encoding : chunked'], '0\r\n\r\n'), 400,
      'malformed_request');
    await refusedAndClosed(request('GET', '/api/me', [`Authorization: Bearer ${VIEWER.token}`, 'Authorization: Bearer x']),
      400, 'duplicate_header');
  });

  test('a transfer coding other than chunked: 501 at once, never a hung connection', async () => {
    for (const coding of ['gzip', 'gzip, chunked', 'chunked, chunked']) {
      await refusedAndClosed(request('POST', '/api/me', [`Transfer-Encoding: ${coding}`], '0\r\n\r\n'), 501,
        'unsupported_transfer_encoding');
    }
  });

  test('a POST with no body and no Content-Length is an empty body, answered at once', async () => {
    const started = Date.now();
    const { response } = await exchange(stub.url,
      request('POST', linksPath(seedSessions.passportVerified), [`Authorization: Bearer ${VIEWER.token}`,
        'Content-Type: application/json']), { timeoutMs: 5000 });
    assert.equal(response?.status, 200, response?.body);
    assert.ok(response.json().images.length > 0);
    assert.ok(Date.now() - started < 4000, 'answered without waiting for a body');
  });

  test('every framing refusal is counted by code', async () => {
    const metrics = await stub.metrics(OPERATOR.token);
    for (const code of ['header_too_large', 'too_many_headers', 'target_too_long', 'bad_framing', 'duplicate_header',
      'unsupported_transfer_encoding', 'malformed_request']) {
      assert.ok(metricValue(metrics, 'iiv_http_refusals_total', { listener: 'api', code }) >= 1, code);
    }
  });
});

describe('guessing and harvesting', () => {
  let stub;
  before(async () => {
    stub = await startStub({
      stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess, reviewers: [VIEWER, OPERATOR],
      // Slow refills (one failure back per minute, one bundle per minute) keep the counts exact
      // however long the bursts take on a busy machine.
      extraArgs: ['--auth-failures', '10', '--auth-failure-window-s', '600', '--reviewer-bundles-per-minute', '1',
        '--reviewer-bundle-burst', '10'],
    });
  });
  after(async () => {
    await stub?.stop();
  });

  test('a burst of wrong tokens from one address gets 429 and costs the audit log one line', async () => {
    const codes = [];
    let retryAfter;
    for (let i = 0; i < 200; i++) {
      const { response } = await exchange(stub.url,
        request('GET', '/api/verification-sessions', [`Authorization: Bearer guess-${i}`]), { localAddress: ATTACKER });
      codes.push(response.json().error.code);
      if (response.status === 429) retryAfter ??= Number(response.headers['retry-after']);
    }
    assert.deepEqual(codes.slice(0, 10), Array(10).fill('forbidden'));
    assert.deepEqual(codes.slice(10), Array(190).fill('too_many_auth_failures'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);  // one failure back per minute

    // The right token from the throttled address waits too; from another address it works.
    const throttled = await exchange(stub.url,
      request('GET', '/api/me', [`Authorization: Bearer ${VIEWER.token}`]), { localAddress: ATTACKER });
    assert.equal(throttled.response.status, 429);
    const other = await exchange(stub.url,
      request('GET', '/api/me', [`Authorization: Bearer ${VIEWER.token}`]), { localAddress: BYSTANDER });
    assert.equal(other.response.status, 200);

    const attackerLines = auditLines(stub).filter((line) => line.client === ATTACKER);
    assert.equal(attackerLines.length, 1, 'one sampled line for the whole burst');
    assert.equal(attackerLines[0].reviewer, null);
    const metrics = await stub.metrics(OPERATOR.token);
    assert.equal(metricValue(metrics, 'iiv_refusals_total', { code: 'forbidden' }), 10);
    assert.equal(metricValue(metrics, 'iiv_refusals_total', { code: 'too_many_auth_failures' }), 191);
    // Nor does the flood write request log lines.
    const logged = (await stub.log()).split('\n').filter((line) => line.includes('"client":"127.0.0.2"'));
    assert.equal(logged.length, 0);
  });

  test('a burst of bundles with one token gets 429 reviewer_rate_limited, audited', async () => {
    const results = [];
    for (let i = 0; i < 25; i++) results.push(await postJson(stub.url, linksPath(seedSessions.passportVerified), VIEWER.token));
    const ok = results.filter(({ status }) => status === 200).length;
    const limited = results.filter(({ status }) => status === 429);
    assert.equal(ok, 10, 'the burst allowance');
    assert.equal(limited.length, 15);
    for (const { body, headers } of limited) {
      assert.equal(body.error.code, 'reviewer_rate_limited');
      assert.ok(Number(headers.get('retry-after')) >= 1);
    }
    const lines = auditLines(stub).filter((line) => line.action === 'image_links' && line.reviewer === VIEWER.id);
    assert.equal(lines.filter((line) => line.outcome === 'reviewer_rate_limited').length, 15);
  });
});

describe('an audit log that cannot be written', () => {
  let stub;
  before(async () => {
    stub = await startStub({
      stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess, reviewers: [VIEWER, OPERATOR],
      allowSensitive: ['dob'], extraArgs: ['--audit-log', '/dev/full'],
    });
  });
  after(async () => {
    await stub?.stop();
  });

  test('images and sensitive fields get 503 audit_unavailable, and Stripe is never asked', async () => {
    await emulator.admin.resetStats();
    const links = await postJson(stub.url, linksPath(seedSessions.passportVerified), VIEWER.token);
    assert.equal(links.status, 503);
    assert.equal(links.body.error.code, 'audit_unavailable');
    const dob = await fetch(`${stub.url}/api/verification-sessions/${seedSessions.passportVerified}?include=dob`,
      { headers: bearer(VIEWER.token) });
    assert.equal(dob.status, 503);
    assert.equal((await dob.json()).error.code, 'audit_unavailable');
    const stats = await emulator.admin.stats();
    assert.equal(stats.api_requests_total, 0, 'no session read, no FileLink created');
    const metrics = await stub.metrics(OPERATOR.token);
    assert.ok(metricValue(metrics, 'iiv_audit_lines_total', { outcome: 'failed' }) >= 2);
    assert.match(await stub.log(), /"event":"audit_write_failed"/);
  });
});

describe('the audit file', () => {
  test('is created readable by its owner only', async () => {
    const stub = await startStub({ stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess, reviewers: [VIEWER] });
    try {
      await postJson(stub.url, linksPath(seedSessions.passportVerified), VIEWER.token);
      assert.equal(statSync(stub.auditLogPath).mode & 0o777, 0o600);
    } finally {
      await stub.stop();
    }
  });
});

describe("Stripe's rate limits", () => {
  test('200 bundles asked for within a second draw no 429 from a sandbox-limited Stripe', async () => {
    const limited = await startEmulator({ quiet: true, warmImages: false, extraArgs: ['--rate-limits', 'sandbox'] });
    const reviewers = Array.from({ length: 20 }, (_, i) => ({ id: `rev_${i}`, token: `tok-burst-${i}-0123456789`, roles: ['view'] }));
    const stub = await startStub({
      stripeBaseUrl: limited.apiBase, filesHost: limited.filesBase, key: builtinKeys.fullAccess, reviewers,
      // 200 requests at once from this one test process: room for all its connections.
      extraArgs: ['--reviewer-bundle-burst', '10', '--max-connections-per-address', '256'],
    });
    try {
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) =>
        postJson(stub.url, linksPath(seedSessions.passportVerified), reviewers[i % 20].token)));
      const ok = answers.filter(({ status }) => status === 200).length;
      const heldBack = answers.filter(({ body }) => body.error?.code === 'stripe_budget_exhausted');
      assert.equal(ok + heldBack.length, 200, JSON.stringify(answers.find(({ status, body }) =>
        status !== 200 && body.error?.code !== 'stripe_budget_exhausted')));
      assert.ok(ok > 0, 'some bundles went through');
      for (const { status, headers } of heldBack) {
        assert.equal(status, 429);
        assert.ok(Number(headers.get('retry-after')) >= 1);
      }
      const stats = await limited.admin.stats();
      assert.equal(stats.rate_limited_total ?? 0, 0, 'Stripe never had to push back');
    } finally {
      await stub.stop();
      await limited.stop();
    }
  });
});

describe('answers of the wrong shape', () => {
  // A stand-in for Stripe that answers whatever the test says, and records what it was asked.
  async function fakeStripe(answer) {
    const requests = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body });
        const [status, json] = answer(req);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { base: `http://127.0.0.1:${server.address().port}`, requests, close: () => new Promise((r) => server.close(r)) };
  }

  const FILES = 'https://files.example.test';
  const session = (overrides) => ({
    id: 'vs_1Shape', object: 'identity.verification_session', status: 'verified', redaction: null,
    last_verification_report: { id: 'vr_1Shape', created: 1, document: { files: ['file_1Front'] }, selfie: null },
    ...overrides,
  });

  test('a session whose status is an object: 502 stripe_error, no FileLink created', async () => {
    const stripe = await fakeStripe(() => [200, session({ status: {} })]);
    const stub = await startStub({ stripeBaseUrl: stripe.base, filesHost: FILES, key: builtinKeys.fullAccess, reviewers: [VIEWER] });
    try {
      const links = await postJson(stub.url, linksPath('vs_1Shape'), VIEWER.token);
      assert.equal(links.status, 502);
      assert.equal(links.body.error.code, 'stripe_error');
      assert.match(links.body.error.message, /status/);
      const summary = await fetch(`${stub.url}/api/verification-sessions/vs_1Shape`, { headers: bearer(VIEWER.token) });
      assert.equal(summary.status, 502);
      assert.equal(stripe.requests.filter(({ url }) => url.startsWith('/v1/file_links')).length, 0);
      // Every request carried the pinned API version.
      assert.ok(stripe.requests.length > 0);
      for (const { headers } of stripe.requests) assert.equal(headers['stripe-version'], '2022-11-15');
    } finally {
      await stub.stop();
      await stripe.close();
    }
  });

  test('a FileLink whose URL is not on --files-host: 502, and the bundle is withheld', async () => {
    const stripe = await fakeStripe((req) => (req.method === 'GET'
      ? [200, session({})]
      : [200, { id: 'link_1Elsewhere', object: 'file_link', url: 'https://evil.example/links/x', expires_at: 2 }]));
    const stub = await startStub({ stripeBaseUrl: stripe.base, filesHost: FILES, key: builtinKeys.fullAccess, reviewers: [VIEWER] });
    try {
      const links = await postJson(stub.url, linksPath('vs_1Shape'), VIEWER.token);
      assert.equal(links.status, 502);
      assert.equal(links.body.error.code, 'stripe_error');
      assert.match(links.body.error.message, /files host/);
    } finally {
      await stub.stop();
      await stripe.close();
    }
  });
});
