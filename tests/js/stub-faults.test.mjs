// Stripe failing one request in ten — 429s, 500s and dropped connections, drawn by the
// emulator from a seed — must not reach reviewers: the stub's bounded retries carry every
// bundle through. 1,000 bundles on each of three seeds; the bar is 99.95 % per seed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { builtinKeys, seedSessions, startEmulator } from '../../scripts/harness/emulator-process.mjs';
import { startStub } from '../../scripts/harness/stub-process.mjs';

const BUNDLES = 1000;
const CONCURRENCY = 16;
const REVIEWER = { id: 'rev_faults', token: 'tok-faults-0123456789', roles: ['view'] };
const OPERATOR = { id: 'rev_operator', token: 'tok-faults-operator-0123456789', roles: ['operator'] };
const sessions = [seedSessions.passportVerified, seedSessions.idCardWithSelfie, seedSessions.drivingLicenceVerified];

async function bundle(stubUrl, session) {
  const response = await fetch(`${stubUrl}/api/verification-sessions/${session}/image-links`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${REVIEWER.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = await response.json();
  return response.status === 200 ? 'ok' : body.error.code;
}

function counter(text, name, labels) {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}

for (const seed of [1, 2, 3]) {
  test(`10 % injected faults, seed ${seed}: at least 99.95 % of ${BUNDLES} bundles succeed`, async () => {
    const emulator = await startEmulator({
      quiet: true, warmImages: false, faultRate: 0.1, faults: ['429', '500', 'drop'], extraArgs: ['--fault-seed', String(seed)],
    });
    const stub = await startStub({
      stripeBaseUrl: emulator.apiBase, filesHost: emulator.filesBase, key: builtinKeys.fullAccess,
      reviewers: [REVIEWER, OPERATOR],
      // The fault test measures retries, not the other limits.
      extraArgs: ['--reviewer-bundles-per-minute', '0', '--stripe-budget', 'off'],
    });
    try {
      const outcomes = new Map();
      let next = 0;
      await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
        while (next < BUNDLES) {
          const i = next++;
          const outcome = await bundle(stub.url, sessions[i % sessions.length]);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      }));
      const ok = outcomes.get('ok') ?? 0;
      console.log(`seed ${seed}: ${ok} of ${BUNDLES} bundles; failures ${JSON.stringify(Object.fromEntries(
        [...outcomes].filter(([key]) => key !== 'ok')))}`);
      assert.ok(ok / BUNDLES >= 0.9995, `${ok} of ${BUNDLES}: ${JSON.stringify(Object.fromEntries(outcomes))}`);

      // The retries stayed bounded: no Stripe request was tried more often than allowed.
      const metrics = await stub.metrics(OPERATOR.token);
      const attempts = counter(metrics, 'iiv_stripe_requests_total', {});
      const stats = await emulator.admin.stats();
      const injected = Object.values(stats.faults_injected ?? {}).reduce((sum, n) => sum + n, 0);
      assert.ok(injected > BUNDLES * 0.2, `${injected} faults were injected`);
      assert.ok(attempts < BUNDLES * 4 * 1.5, `${attempts} attempts for ${BUNDLES} bundles`);
    } finally {
      await stub.stop();
      await emulator.stop();
    }
  });
}
