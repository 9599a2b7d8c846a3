// axe-core (the npm package) in any engine's page: the rules of WCAG 2.x A/AA and axe's
// best practices, run over the whole page as it is at that moment.
//
//   assertNoAxeViolations(await axeViolations(page), 'signed out');
import assert from 'node:assert/strict';
import axe from 'axe-core';

export const AXE_VERSION = axe.version;

/** The violations axe finds in the page now, as plain data. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScript(axe.source);
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary })),
    }));
  });
}

export function describeViolations(violations) {
  return violations.map(({ id, impact, help, nodes }) =>
    `${impact} ${id}: ${help}\n${nodes.map(({ target, summary }) => `    ${target}: ${summary.replace(/\n/g, ' ')}`).join('\n')}`).join('\n');
}

export function assertNoAxeViolations(violations, state) {
  assert.equal(violations.length, 0, `axe-core ${AXE_VERSION} in state "${state}":\n${describeViolations(violations)}`);
}
