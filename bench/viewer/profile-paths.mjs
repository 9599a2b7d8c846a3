// Where the viewer's time goes (prints figures; not a test). In one page and one run, to a
// pixel read back from a 500×400 canvas, at 1, 4 and 12 MP, median, as a ratio to <img>:
//   img              plain <img crossorigin> + drawImage (the bench's baseline)
//   rawBitmap        fetch → chunks → Blob → createImageBitmap → drawImage
//   rawResized       the same with createImageBitmap's resizeWidth
//   rawPreview       fetch → chunks → one buffer → ImageDecoder at about the canvas size →
//                    createImageBitmap(frame) → drawImage (the viewer's preview, bare)
//   rawFrame         the same, drawing the VideoFrame itself
//   rawFullFrame     ImageDecoder at full size → createImageBitmap(frame)
//   rawImgBlob       chunks → Blob → object URL → <img> → drawImage
//   viewer           show(bundle), as shipped
//   viewerNoPreview  show(bundle) with ImageDecoder hidden: one createImageBitmap of the Blob
// then, with --profile "4 MP", a CDP sampling profile (self time) of the viewer's show().
// Each run's bundle is minted just before it (links live 30 s).
//   node bench/viewer/profile-paths.mjs [--runs 7] [--sides img,viewer,…] [--profile "4 MP"]
import { loadavg } from 'node:os';
import { launchBrowser, openPage } from '../../scripts/harness/browser.mjs';
import { makeBundle } from '../../scripts/harness/bundles.mjs';
import { startFilesServer } from '../../scripts/harness/files-server.mjs';
import { encodePhotoLike } from '../../scripts/harness/image-generators.mjs';
import { startPageServer } from '../../scripts/harness/page-server.mjs';

const argument = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const RUNS = Number(argument('--runs')) || 7;
const PROFILE = argument('--profile');
const SIZES = [
  { label: '1 MP', width: 1152, height: 864 },
  { label: '4 MP', width: 2304, height: 1728 },
  { label: '12 MP', width: 4000, height: 3000 },
];
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

const files = await startFilesServer();
const pages = await startPageServer({ filesOrigin: files.origin });
const browser = await launchBrowser();
try {
  console.log(`load average at start: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  const { page, close } = await openPage(browser, { url: pages.pageUrl });
  await page.waitForSelector('html[data-harness="ready"]', { state: 'attached' });
  for (const size of SIZES) {
    const jpeg = await encodePhotoLike(page, { width: size.width, height: size.height, quality: 0.9 });
    const url = files.serve(`/links/p-${size.width}.jpg`, { body: jpeg, type: 'image/jpeg' });
    await page.evaluate(async ({ url, host }) => {
      window.__viewer?.destroy();
      window.__viewer = await harness.package.createViewer(document.querySelector('#view'), { allowedHosts: [host] });
      let other = document.querySelector('#other');
      if (!other) {
        other = document.createElement('canvas');
        other.id = 'other';
        other.style.cssText = 'display:block;width:500px;height:400px';
        other.width = 500; other.height = 400;
        document.body.append(other);
      }
      const ctx = other.getContext('2d');
      const readPixel = (target) => target.getContext('2d').getImageData(target.width >> 1, target.height >> 1, 1, 1);
      const fit = (w, h) => { const s = Math.min(500 / w, 400 / h); return [(500 - w * s) / 2, (400 - h * s) / 2, w * s, h * s]; };
      let n = 0;
      const get = async (tag) => {
        const response = await fetch(`${url}?${tag}=${n++}`, { mode: 'cors', credentials: 'omit', cache: 'no-store' });
        const reader = response.body.getReader(); const chunks = []; let length = 0;
        for (;;) { const { done, value } = await reader.read(); if (done) break; chunks.push(value); length += value.byteLength; }
        return { chunks, length };
      };
      const draw = (source, w, h) => { ctx.clearRect(0, 0, 500, 400); ctx.drawImage(source, ...fit(w, h)); readPixel(other); };
      window.__sides = {
        async img() {
          const image = new Image(); image.crossOrigin = 'anonymous'; image.src = `${url}?img=${n++}`;
          await new Promise((res, rej) => { image.onload = res; image.onerror = rej; });
          draw(image, image.naturalWidth, image.naturalHeight);
          image.removeAttribute('src');
        },
        async rawBitmap() {
          const { chunks } = await get('raw');
          const bitmap = await createImageBitmap(new Blob(chunks, { type: 'image/jpeg' }));
          draw(bitmap, bitmap.width, bitmap.height); bitmap.close();
        },
        async rawResized() {
          const { chunks } = await get('rs');
          const blob = new Blob(chunks, { type: 'image/jpeg' });
          const bitmap = await createImageBitmap(blob, { resizeWidth: 500, resizeQuality: 'low' });
          draw(bitmap, bitmap.width, bitmap.height); bitmap.close();
        },
        async rawPreview() {
          const { chunks, length } = await get('pv');
          const whole = new Uint8Array(length); let o = 0; for (const c of chunks) { whole.set(c, o); o += c.byteLength; }
          const probe = new ImageDecoder({ data: whole, type: 'image/jpeg', desiredWidth: 600, desiredHeight: 450 });
          const { image: frame } = await probe.decode(); probe.close();
          const bitmap = await createImageBitmap(frame); frame.close();
          draw(bitmap, bitmap.width, bitmap.height); bitmap.close();
        },
        async rawFrame() {
          const { chunks, length } = await get('fr');
          const whole = new Uint8Array(length); let o = 0; for (const c of chunks) { whole.set(c, o); o += c.byteLength; }
          const probe = new ImageDecoder({ data: whole, type: 'image/jpeg', desiredWidth: 600, desiredHeight: 450 });
          const { image: frame } = await probe.decode(); probe.close();
          draw(frame, frame.displayWidth, frame.displayHeight); frame.close();
        },
        async rawFullFrame() {
          const { chunks, length } = await get('ff');
          const whole = new Uint8Array(length); let o = 0; for (const c of chunks) { whole.set(c, o); o += c.byteLength; }
          const probe = new ImageDecoder({ data: whole, type: 'image/jpeg' });
          const { image: frame } = await probe.decode(); probe.close();
          const bitmap = await createImageBitmap(frame); frame.close();
          draw(bitmap, bitmap.width, bitmap.height); bitmap.close();
        },
        async rawImgBlob() {
          const { chunks } = await get('ib');
          const blob = new Blob(chunks, { type: 'image/jpeg' });
          const objectUrl = URL.createObjectURL(blob);
          const image = new Image(); image.src = objectUrl;
          await new Promise((res, rej) => { image.onload = res; image.onerror = rej; });
          URL.revokeObjectURL(objectUrl);
          draw(image, image.naturalWidth, image.naturalHeight);
          image.removeAttribute('src');
        },
        async viewer(bundle) { await window.__viewer.show(bundle); readPixel(document.querySelector('#view')); },
        async viewerNoPreview(bundle) {
          const saved = window.ImageDecoder; delete window.ImageDecoder;
          try { await window.__viewer.show(bundle); readPixel(document.querySelector('#view')); } finally { window.ImageDecoder = saved; }
        },
      };
    }, { url, host: files.host });
    const names = (argument('--sides') ?? 'img,rawBitmap,rawFullFrame,rawPreview,viewer,viewerNoPreview').split(',');
    const result = { times: Object.fromEntries(names.map((k) => [k, []])) };
    let v = 0;
    for (let run = 0; run <= RUNS; run += 1) {
      const order = run % 2 ? [...names].reverse() : names;
      for (const side of order) {
        const bundle = makeBundle([{ role: 'document_front', url: `${url}?v=${v++}` }]);
        const dt = await page.evaluate(async ({ side, bundle }) => {
          await new Promise((r) => setTimeout(r, 20));
          const t0 = performance.now();
          await window.__sides[side](bundle);
          const dt = performance.now() - t0;
          await new Promise((r) => setTimeout(r, 20));
          return dt;
        }, { side, bundle });
        if (run > 0) result.times[side].push(dt);
      }
    }
    const img = median(result.times.img);
    const line = Object.entries(result.times).map(([k, v]) => `${k} ${median(v).toFixed(1)} (${(median(v) / img).toFixed(2)}×)`).join(', ');
    console.log(`${size.label} (${(jpeg.length / 1e6).toFixed(2)} MB): ${line}`);

    if (PROFILE === size.label) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      for (let run = 0; run < RUNS; run += 1) {
        const bundle = makeBundle([{ role: 'document_front', url: `${url}?prof=${run}` }]);
        await page.evaluate(async (b) => { await window.__viewer.show(b); await new Promise((r) => setTimeout(r, 30)); }, bundle);
      }
      const { profile } = await cdp.send('Profiler.stop');
      const byId = new Map(profile.nodes.map((node) => [node.id, node]));
      const self = new Map();
      const dts = profile.timeDeltas;
      profile.samples.forEach((id, i) => {
        const node = byId.get(id); const f = node.callFrame;
        const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + (dts[i] ?? 0) / 1000);
      });
      console.log(`   CPU profile of ${RUNS} shows, self time (ms, top 25):`);
      for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`     ${ms.toFixed(1).padStart(8)}  ${key}`);
    }
  }
  await close();
  console.log(`load average at end: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
} finally {
  await browser.close();
  await pages.close();
  await files.close();
}
