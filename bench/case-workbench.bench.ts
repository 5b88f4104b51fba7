// <egov-case-workbench> in the Debian Chromium against the reference backend and the demo
// portal's officer page: from the click on a case in the queue to the case painted with the
// applicant's signature and every certificate seal checked in the browser, for a case of
// five materials. Printed, never asserted.
//
// The seeded services ask for at most three materials, so the case answer is widened in
// transit to five (two more sealed certificates of the applicant) and signed again over that
// payload with the applicant's key; the browser does the same work a five-material case asks.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import { generateSm2KeyPair } from '../src/core/crypto';
import { prepareSignature, signSm2Envelope } from '../src/core/crypto/sign';
import type { ApplicationDetail } from '../src/core/case-types';
import { signedPayload } from '../src/services/cases';
import { chunk, gzippedKb, printStats } from './support';
import { closureSize, kb } from '../scripts/sizes.mjs';

if (!existsSync('dist/egov-elements.js')) spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const CASES = 12;
const ANSWERS = {
  childName: '张小明', childSex: 'male', childBirthDate: '2026-10-01', birthPlace: '浙江大学医学院附属妇产科医院',
  fatherName: '张三', fatherIdNumber: '33010619900101123X', motherName: '王芳', motherIdNumber: '330102199203150021',
  parentsMarried: true, contactMobile: '13800138000', address: '浙江省杭州市西湖区文三路 100 号', postcode: '310012',
};

const server = await startReferenceServer();
const api = async <T>(token: string | undefined, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> => {
  const response = await fetch(server.origin + '/api' + path, {
    method,
    headers: { ...(token ? { Authorization: 'Bearer ' + token } : {}), ...(body !== undefined && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: body instanceof FormData ? body : JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};
const list = <T>(body: T[] | { items: T[] }) => (Array.isArray(body) ? body : body.items);

const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
try {
  // 张三 applies CASES times: one upload and the two certificates the platform holds.
  const { token } = await api<{ token: string }>(undefined, 'POST', '/auth/demo-login', { subjectId: 'citizen-001' });
  const pair = generateSm2KeyPair();
  const { keyId } = await api<{ keyId: string }>(token, 'POST', '/signing-keys', { publicKey: pair.publicKey, algorithm: 'SM2-SM3' });
  const key = { keyId, ...pair };
  const held = async (type: string) => list(await api<Array<{ id: string }> | { items: Array<{ id: string }> }>(token, 'GET', '/certificates/lookup?type=' + type))[0]!.id;
  const hukou = await held('hukou');
  const marriage = await held('marriage');
  const idCard = await held('id-card');
  const ids: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const form = new FormData();
    form.append('file', new Blob([Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30_000, 0x20), Buffer.from('\n%%EOF\n')])], { type: 'application/pdf' }), 'birth.pdf');
    const { uploadId } = await api<{ uploadId: string }>(token, 'POST', '/uploads', form);
    const payload = {
      serviceCode: 'birth-registration',
      data: { ...ANSWERS, childName: '张小' + '明亮光华天'[i % 5] },
      materials: [{ code: 'birth-medical-certificate', uploadId }, { code: 'parents-hukou', certificateId: hukou }, { code: 'marriage-certificate', certificateId: marriage }],
    };
    const { content, bytes } = prepareSignature(payload, 'citizen-001', null);
    const signature = signSm2Envelope(content, bytes, key);
    const { id } = await api<{ id: string }>(token, 'POST', '/applications', { ...payload, signature }, { 'Idempotency-Key': crypto.randomUUID() });
    ids.push(id);
  }

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Five materials: two more certificates of 张三 (his ID card and, again, the hukou), re-signed.
  await page.route('**/api/cases/*', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const detail = (await response.json()) as ApplicationDetail;
    const byId = (cid: string) => detail.materials.find((m) => m.certificateId === cid)?.certificate;
    const idCardCert = await api<NonNullable<ApplicationDetail['materials'][number]['certificate']>>(token, 'GET', '/certificates/' + idCard);
    detail.materials = [
      ...detail.materials,
      { code: 'applicant-id-card', certificateId: idCard, certificate: idCardCert },
      { code: 'household-copy', certificateId: hukou, certificate: byId(hukou)! },
    ];
    const { content, bytes } = prepareSignature(signedPayload(detail), 'citizen-001', null);
    detail.signature = signSm2Envelope(content, bytes, key);
    await route.fulfill({ response, json: detail });
  });
  await page.goto(server.origin + '/demo/officer.html');
  await page.locator('#subject-select:not([disabled])').waitFor({ timeout: 30_000 });
  await page.selectOption('#subject-select', 'officer-001');
  const bench = page.locator('egov-case-workbench');
  await bench.locator(`[data-open="${ids[0]}"]`).waitFor({ timeout: 30_000 });
  page.setDefaultTimeout(20_000);

  // In the page: from the click to the frame after the case shows every check done.
  // (A string, not a function: the TypeScript loader would add helpers the page does not have.)
  await page.evaluate(`window.armOpen = () => { window.opened = new Promise((resolve) => {
    const el = document.querySelector('egov-case-workbench');
    const root = el.shadowRoot;
    let start;
    const onClick = (event) => { start ??= event.timeStamp; };
    el.addEventListener('click', onClick, true);
    const observer = new MutationObserver(() => {
      const view = root.querySelector('[part=case]');
      if (start === undefined || view?.dataset.state !== 'checked') return;
      observer.disconnect();
      el.removeEventListener('click', onClick, true);
      const seals = root.querySelectorAll('[part=material] [data-seal]:not([data-seal=checking])').length;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ ms: performance.now() - start, seals, signature: root.querySelector('[part=signature-check]').dataset.status });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
  }); }`);

  const samples: number[] = [];
  for (const id of ids) {
    await page.evaluate('window.armOpen()');
    await bench.locator(`[data-open="${id}"]`).click();
    const result = (await page.evaluate('window.opened')) as { ms: number; seals: number; signature: string };
    if (result.seals !== 4 || result.signature !== 'valid') throw new Error(`unexpected checks: ${JSON.stringify(result)}`);
    samples.push(result.ms);
    await bench.getByRole('button', { name: /返回办件列表/ }).click();
    await bench.locator(`[data-open="${id}"]`).waitFor();
  }
  console.log(`<egov-case-workbench>, Chromium, ${CASES} cases of 5 materials (4 sealed certificates, 1 upload):`);
  printStats('click → signature and seals checked, painted', samples);
  printStats('  the same, without the first (cold chunks)', samples.slice(1));
} finally {
  await browser.close();
  await server.stop();
}

console.log('Gzipped sizes:');
const own = chunk('case-workbench-');
if (own) console.log(`  the element's own module (${own}): ${gzippedKb(own)}`);
console.log(`  dist/case-workbench.js with its static imports, lit external: ${kb(closureSize('dist/case-workbench.js'))}`);
console.log(`  dist/my-applications.js with its static imports, lit external: ${kb(closureSize('dist/my-applications.js'))}`);
