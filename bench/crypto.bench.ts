// SM2 sign/verify per second and SM3 throughput, in Node (the source modules) and in
// Chromium (the built crypto chunk of dist/egov-elements.js, loaded as a portal loads it).
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { canonicalBytes, generateSm2KeyPair, sealCertificate, sm2Sign, sm2Verify, sm3Hex, verifySeal } from '../src/core/crypto';

const MESSAGE = canonicalBytes({ number: 'ZJHK-2019-330106-0128', data: { address: '浙江省杭州市西湖区文三路 100 号', idNumber: '33010619900101123X' } });

/** Runs `fn` for about `ms` milliseconds and returns calls per second. */
function perSecond(fn: () => void, ms = 1000): number {
  for (let i = 0; i < 5; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

function sm3MBps(): number {
  const data = new Uint8Array(4 * 1024 * 1024).map((_, i) => i & 0xff);
  sm3Hex(data.subarray(0, 1024));
  const start = performance.now();
  sm3Hex(data);
  return 4 / ((performance.now() - start) / 1000);
}

const pair = generateSm2KeyPair();
const signature = sm2Sign(MESSAGE, pair.privateKey, pair.publicKey);
const content = { number: 'ZJHK-2019-330106-0128', type: { code: 'hukou', name: '居民户口簿' }, holder: { name: '张三', idNumberMasked: '3301**********123X' }, issuer: { code: '330000-GA', name: '浙江省公安厅' }, issuedAt: '2021-03-12T09:00:00+08:00', validUntil: '2099-12-31T23:59:59+08:00', data: { address: '浙江省杭州市西湖区文三路 100 号' } };
const certificate = { id: 'x', status: 'valid' as const, ...content, seal: sealCertificate(content, { keyId: 'K', ...pair }) };
const trust = [{ keyId: 'K', agency: { code: '330000-GA', name: '浙江省公安厅' }, algorithm: 'SM2-SM3', publicKey: pair.publicKey, validFrom: '2020-01-01T00:00:00Z', validTo: '2035-01-01T00:00:00Z' }];

console.log(`Node ${process.version} (${MESSAGE.length}-byte JCS message, sm-crypto-v2, hash: true):`);
console.log(`  SM2 sign                 ${perSecond(() => sm2Sign(MESSAGE, pair.privateKey, pair.publicKey)).toFixed(0).padStart(7)} /s`);
console.log(`  SM2 verify               ${perSecond(() => sm2Verify(MESSAGE, signature, pair.publicKey)).toFixed(0).padStart(7)} /s`);
console.log(`  verifySeal (certificate) ${perSecond(() => verifySeal(certificate, trust)).toFixed(0).padStart(7)} /s`);
console.log(`  SM3                      ${sm3MBps().toFixed(1).padStart(7)} MB/s`);

// Chromium: serve dist/ and import the built crypto chunk.
const chunkName = readdirSync('dist/chunks').find((f) => f.startsWith('bundle-crypto-'));
if (!chunkName) {
  console.log('  (no dist/chunks/bundle-crypto-*.js: run npm run build)');
  process.exit(0);
}
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
  if (path === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>bench</title>');
    return;
  }
  try {
    const body = readFileSync(join('dist', path));
    res.writeHead(200, { 'Content-Type': extname(path) === '.js' ? 'text/javascript' : 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  // A string, not a function: the TypeScript loader would add helpers the page does not have.
  const figures = (await page.evaluate(`(async (url) => {
    const c = await import(url);
    const perSec = (fn, ms = 1000) => {
      for (let i = 0; i < 5; i++) fn();
      let n = 0;
      const start = performance.now();
      while (performance.now() - start < ms) { fn(); n++; }
      return n / ((performance.now() - start) / 1000);
    };
    const message = c.canonicalBytes({ number: 'ZJHK-2019-330106-0128', data: { address: '浙江省杭州市西湖区文三路 100 号', idNumber: '33010619900101123X' } });
    const pair = c.generateSm2KeyPair();
    const sig = c.sm2Sign(message, pair.privateKey, pair.publicKey);
    const data = new Uint8Array(4 * 1024 * 1024).map((_, i) => i & 0xff);
    c.sm3Hex(data.subarray(0, 1024));
    const start = performance.now();
    c.sm3Hex(data);
    const sm3 = 4 / ((performance.now() - start) / 1000);
    return {
      version: (navigator.userAgent.match(/Chrome\\/([\\d.]+)/) || [])[1] || '?',
      sign: perSec(() => c.sm2Sign(message, pair.privateKey, pair.publicKey)),
      verify: perSec(() => c.sm2Verify(message, sig, pair.publicKey)),
      sm3,
    };
  })(${JSON.stringify(`http://127.0.0.1:${port}/chunks/${chunkName}`)})`)) as { version: string; sign: number; verify: number; sm3: number };
  console.log(`Chromium ${figures.version} (built chunk dist/chunks/${chunkName}):`);
  console.log(`  SM2 sign                 ${figures.sign.toFixed(0).padStart(7)} /s`);
  console.log(`  SM2 verify               ${figures.verify.toFixed(0).padStart(7)} /s`);
  console.log(`  SM3                      ${figures.sm3.toFixed(1).padStart(7)} MB/s`);
} finally {
  await browser.close();
  server.close();
}
