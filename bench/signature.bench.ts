// Time from "sign" to `egov-signed` in Chromium (local and remote signing) on the demo
// portal with the one-file bundle and the reference backend; and the gzipped size of the
// element's module without the lazily loaded crypto chunk. Prints figures, asserts nothing.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { printStats } from './support';
import { moduleGraph } from '../scripts/sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);


function sizes() {
  if (!existsSync('dist/signature.js')) {
    console.log('dist/ is missing: run `npm run build` first for the size figures.');
    return;
  }
  const { files, lazy } = moduleGraph('dist/signature.js');
  const gz = (list: string[]) => gzipSync(Buffer.concat(list.map((f) => readFileSync(f)))).length / 1024;
  console.log(`dist/signature.js with its static chunks, lit external, no crypto chunk: ${gz(files).toFixed(1)} KB gzipped (${files.length} files)`);
  const lazyClosure = new Set<string>();
  for (const file of lazy) for (const f of moduleGraph(file).files) if (!files.includes(f)) lazyClosure.add(f);
  console.log(`  of which the element's own chunk: ${gz(files.filter((f) => /signature-/.test(f))).toFixed(1)} KB; the rest is the base every element shares`);
  console.log(`lazily loaded crypto chunks (SM2/SM3 glue, JCS, DER, envelope; sm-crypto-v2 external): ${gz([...lazyClosure]).toFixed(1)} KB gzipped (${lazyClosure.size} files)`);
  const bundled = readdirSync('dist/chunks').filter((f) => /^bundle-sm-/.test(f));
  if (bundled.length) console.log(`in the one-file bundle, the lazy SM2/SM3 chunk with sm-crypto-v2: ${gz(bundled.map((f) => 'dist/chunks/' + f)).toFixed(1)} KB gzipped`);
}

// Plain JavaScript run in the page (a string, so no build helpers leak into it).
const SIGN_ONCE = `async (signer) => {
  document.getElementById('bench-signature')?.remove();
  const el = document.createElement('egov-signature');
  el.id = 'bench-signature';
  el.setAttribute('signer', signer);
  el.setAttribute('locale', 'en');
  el.payload = { serviceCode: 'birth-registration', data: { childName: '张小明', birthDate: '2026-11-01', n: Math.random() }, materials: [] };
  document.querySelector('#main').prepend(el);
  const deadline = Date.now() + 10000;
  while (el.state !== 'unsigned' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  // A person takes longer than this to read and draw: the signer has got ready meanwhile.
  await new Promise((r) => setTimeout(r, 250));
  const root = el.shadowRoot;
  root.querySelector('input[type=checkbox]').click();
  const canvas = root.querySelector('canvas');
  const rect = canvas.getBoundingClientRect();
  const point = (x, y) => ({ clientX: rect.left + x, clientY: rect.top + y, pointerId: 1, pointerType: 'pen', pressure: 0.6, bubbles: true, button: 0, buttons: 1 });
  canvas.dispatchEvent(new PointerEvent('pointerdown', point(20, 60)));
  for (let i = 1; i < 40; i++) canvas.dispatchEvent(new PointerEvent('pointermove', point(20 + i * 6, 60 + Math.sin(i / 3) * 30)));
  canvas.dispatchEvent(new PointerEvent('pointerup', point(260, 60)));
  await new Promise((r) => requestAnimationFrame(r));
  const signed = new Promise((resolve) => el.addEventListener('egov-signed', resolve, { once: true }));
  const start = performance.now();
  root.querySelector('[part=sign-button]').click();
  await signed;
  return performance.now() - start;
}`;

async function timeSigning(page: Page, signer: 'local' | 'remote'): Promise<number> {
  return page.evaluate(`(${SIGN_ONCE})(${JSON.stringify(signer)})`) as Promise<number>;
}

sizes();
if (!existsSync('dist/egov-elements.js')) {
  console.log('dist/egov-elements.js is missing: run `npm run build` first for the timing figures.');
  process.exit(0);
}
const server = await startReferenceServer();
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
try {
  for (const signer of ['local', 'remote'] as const) {
    const context = await browser.newContext({ baseURL: server.origin, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('#subject-select:not([disabled])').waitFor();
    await page.selectOption('#subject-select', 'citizen-001');
    await page.waitForFunction(() => sessionStorage.getItem('egov-demo-subject')?.includes('citizen-001'));
    const first = await timeSigning(page, signer);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await timeSigning(page, signer));
    console.log(`${signer}: first signature on the page ${first.toFixed(1)} ms`);
    printStats(`"sign" click → egov-signed, ${signer} (${signer === 'local' ? 'SM2 in the browser' : 'POST /api/signatures'})`, samples);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
