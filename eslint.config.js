// ESLint (flat config) over every JavaScript file of the repository: the package, the
// demo, the tests, the bench, the harness they share (scripts/harness) and the servers'
// launchers (server-stub/launch); `npm test` runs it. The recommended
// rules, plus a few that catch real mistakes in this code base; globals by where each
// file runs.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['**/node_modules/', 'build/', 'web/dist/', '**/dist/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always'],
      'no-var': 'error',
      'prefer-const': 'error',
      'no-implicit-globals': 'error',
      'no-shadow-restricted-names': 'error',
    },
  },
  // The package runs in browsers (and imports in Node, where it checks for process).
  { files: ['web/src/**/*.js'], languageOptions: { globals: { ...globals.browser, process: 'readonly' } } },
  // The demo's page scripts run in the browser.
  { files: ['demo/js/**/*.js'], languageOptions: { globals: globals.browser } },
  // The test and benchmark page's harness.
  { files: ['scripts/harness/page/**/*.js'], languageOptions: { globals: globals.browser } },
  // Node scripts; the functions they hand to page.evaluate() run in the page.
  {
    files: ['demo/*.mjs', 'scripts/**/*.mjs', 'server-stub/**/*.mjs', 'tests/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  // What the test pages define on window (the harness, the init scripts of
  // tests/js/support, and the tests' own window.x = ...), read by later page.evaluate()s;
  // the bench drives the same harness (scripts/harness).
  {
    files: ['tests/js/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(['harness', 'imageResources', 'bitmapsSettled', 'scanWasmMemories', 'viewerElement',
        'domEvents', 'zoomEvents'].map((name) => [name, 'readonly'])),
    },
  },
];
