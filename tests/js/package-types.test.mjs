// The package's types as a TypeScript consumer meets them: the packed tarball installed
// in a throw-away project, then `tsc --strict --noEmit` over a typed consumer
// (tests/types/, every option, event and error code, the element's DOM events) and over
// every code example of README.md and web/README.md, under moduleResolution bundler,
// node16 and node (legacy: no `exports`, so typesVersions), with TypeScript 7 and 5.9
// (7 no longer has `node`). skipLibCheck is off, so the package's .d.ts files are
// checked too.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const typesDir = path.join(root, 'tests', 'types');
const compilers = {
  'TypeScript 7': path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  'TypeScript 5.9': path.join(root, 'node_modules', 'typescript5', 'bin', 'tsc'),
};
const settings = {
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  node: { module: 'esnext', moduleResolution: 'node' },
};

/** The JavaScript of a README: ```js and ```ts blocks, and the module scripts of ```html blocks. */
export function codeExamples(markdown) {
  const examples = [];
  for (const [, language, body] of markdown.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)) {
    if (language === 'js' || language === 'ts') examples.push(body);
    if (language === 'html') {
      for (const [, script] of body.matchAll(/<script type="module">\n([\s\S]*?)<\/script>/g)) examples.push(script);
    }
  }
  return examples;
}

describe('the package types in a TypeScript consumer', () => {
  let projectDir;
  const files = [];

  before(async () => {
    projectDir = await mkdtemp(path.join(tmpdir(), 'iiv-types-'));
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', projectDir], { cwd: path.join(root, 'web') });
    const [packed] = JSON.parse(stdout);
    await writeFile(path.join(projectDir, 'package.json'), JSON.stringify({
      name: 'throw-away-typed-consumer', private: true, type: 'module',
      dependencies: { 'identity-image-viewer': `file:./${packed.filename}` },
    }));
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: projectDir });
    for (const name of await readdir(typesDir)) {
      await copyFile(path.join(typesDir, name), path.join(projectDir, name));
      if (name.endsWith('.ts') && !name.endsWith('.d.ts')) files.push(name);
    }
    for (const readme of ['README.md', 'web/README.md']) {
      const examples = codeExamples(await readFile(path.join(root, readme), 'utf8'));
      assert.ok(examples.length > 0, `${readme} has code examples`);
      for (const [i, example] of examples.entries()) {
        // An example without import or export would be a script sharing one scope with the others.
        const name = `readme-${readme.replace(/\W+/g, '-')}-${i + 1}.ts`;
        await writeFile(path.join(projectDir, name), `${example}\nexport {};\n`);
        files.push(name);
      }
    }
  });
  after(() => projectDir && rm(projectDir, { recursive: true, force: true }));

  for (const [compiler, tsc] of Object.entries(compilers)) {
    for (const [resolution, options] of Object.entries(settings)) {
      if (compiler === 'TypeScript 7' && resolution === 'node') continue;
      it(`tsc --strict passes with moduleResolution ${resolution} (${compiler})`, async () => {
        const config = `tsconfig.${resolution}.json`;
        await writeFile(path.join(projectDir, config), JSON.stringify({
          compilerOptions: {
            ...options, target: 'es2022', lib: ['es2022', 'dom', 'dom.iterable'], strict: true, noEmit: true,
            skipLibCheck: false, types: [], noUnusedLocals: false,
          },
          files: [...files, 'readme-globals.d.ts'],
        }));
        const outcome = await run(process.execPath, [tsc, '-p', config], { cwd: projectDir }).catch((error) => error);
        assert.equal(outcome.code ?? 0, 0, `${outcome.stdout}${outcome.stderr}`);
      });
    }
  }
});
