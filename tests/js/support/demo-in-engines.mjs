// The demo suites that run in every engine under test (engines.mjs) share one shape: a
// describe() per engine that starts the engine and a demo rig in it before its tests and
// closes both after, and tests that open the demo, drive it, and always close the page.
// describeDemoInEachEngine() is that shape, written once:
//
//   describeDemoInEachEngine('demo accessibility', (suite) => {
//     it('…', () => suite.withDemo({ viewport: DESKTOP }, async (page, demo) => { … }));
//   });
//
// suite.engine and suite.rig exist once the suite's before() ran: read them inside tests
// (or functions the tests call), not while the tests are being defined.
import { after, before, describe } from 'node:test';
import { startDemoRig } from './demo-rig.mjs';
import { enginesUnderTest, launchEngine } from './engines.mjs';

/**
 * @param {string} title  each engine's describe() is "<title> in <engine>"
 * @param {(suite: {engineName: string, engine: import('./engines.mjs').Engine, rig: object,
 *   withDemo: <T>(options: object, use: (page: object, demo: object) => Promise<T>) => Promise<T>}) => void} defineTests
 */
export function describeDemoInEachEngine(title, defineTests) {
  for (const engineName of enginesUnderTest()) {
    describe(`${title} in ${engineName}`, () => {
      let engine;
      let rig;
      before(async () => {
        engine = await launchEngine(engineName);
        rig = await startDemoRig({ engine });
      });
      after(async () => {
        await rig?.close();
        await engine?.close();
      });
      defineTests({
        engineName,
        get engine() {
          return engine;
        },
        get rig() {
          return rig;
        },
        /** Opens the demo (rig.openDemo's options), runs use(page, demo), and closes the page even when use throws. */
        async withDemo(options, use) {
          const demo = await rig.openDemo(options);
          try {
            return await use(demo.page, demo);
          } finally {
            await demo.close();
          }
        },
      });
    });
  }
}
