// Serves the test page and the package (web/src, web/dist) from http://127.0.0.1:<port>,
// a different origin from the files host. The page gets a strict Content-Security-Policy,
// so the package is tested the way a careful site would embed it.
//
// Scripts that must run before the page's own (a test's init scripts) can be served from
// here too: pageUrlWith([fn, …]) gives the page's address with them as classic scripts at
// the top of <head>. That works in every engine, including WebKit, whose WebDriver has no
// way to add scripts to a page before it loads.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLoopbackServer } from './loopback-server.mjs';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const pageDir = fileURLToPath(new URL('./page/', import.meta.url));

const MOUNTS = [
  { prefix: '/web/', dir: path.join(repoRoot, 'web') },
  { prefix: '/page/', dir: pageDir },
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function strictCsp(filesOrigin) {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${filesOrigin}`,
    `img-src 'self' blob: ${filesOrigin}`,
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** @param {{filesOrigin: string, csp?: string}} options */
export async function startPageServer({ filesOrigin, csp = strictCsp(filesOrigin) }) {
  const initScripts = new Map(); // id → script text
  const server = await startLoopbackServer(async (request, response) => {
    const url = new URL(request.url, 'http://page.invalid');
    const urlPath = decodeURIComponent(url.pathname);
    if (urlPath === '/favicon.ico') {
      response.writeHead(204).end(); // keeps a 404 out of the console-error checks
      return;
    }
    const initScript = /^\/init\/(\d+)\.js$/.exec(urlPath);
    if (initScript && initScripts.has(initScript[1])) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(initScripts.get(initScript[1]));
      return;
    }
    const mount = MOUNTS.find((candidate) => urlPath.startsWith(candidate.prefix));
    const file = mount && path.join(mount.dir, urlPath.slice(mount.prefix.length));
    if (!file || !file.startsWith(mount.dir) || urlPath.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    try {
      let bytes = await readFile(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
      if (type.startsWith('text/html')) {
        headers['Content-Security-Policy'] = csp;
        const ids = (url.searchParams.get('init') ?? '').split(',').filter((id) => initScripts.has(id));
        if (ids.length) {
          const tags = ids.map((id) => `<script src="/init/${id}.js"></script>`).join('');
          bytes = Buffer.from(String(bytes).replace('<head>', `<head>${tags}`));
        }
      }
      response.writeHead(200, headers).end(bytes);
    } catch {
      response.writeHead(404).end();
    }
  });
  const origin = `http://127.0.0.1:${server.port}`;
  const pageUrl = `${origin}/page/viewer-harness.html`;
  return {
    origin,
    pageUrl,
    /** The test page's address with `scripts` (functions, run without arguments) run before its own. */
    pageUrlWith(scripts = []) {
      if (scripts.length === 0) return pageUrl;
      const ids = scripts.map((script) => {
        const id = String(initScripts.size + 1);
        initScripts.set(id, `(${script})();\n`);
        return id;
      });
      return `${pageUrl}?init=${ids.join(',')}`;
    },
    close: server.close,
  };
}
