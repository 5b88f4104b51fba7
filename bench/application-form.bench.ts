// <egov-application-form> in Chromium with the one-file bundle and the reference backend:
// first render of a generated 200-field section, the error summary over 200 problems, and
// the gzipped size of the element's module without the lazily loaded crypto chunk.
// Prints figures, asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import type { JsonSchema, ServiceDefinition } from '../src/core/service-definition';
import { printStats } from './support';
import { moduleGraph } from '../scripts/sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const FIELDS = 200;

/** A 200-question service: every widget kind, every answer required. */
function generatedService(): ServiceDefinition {
  const properties: Record<string, JsonSchema> = {};
  const kinds: Array<[JsonSchema, string]> = [
    [{ type: 'string', maxLength: 50, minLength: 1 }, 'text'],
    [{ type: 'string', maxLength: 18, 'x-egov-format': 'cn-id' }, 'id-number'],
    [{ type: 'string', format: 'date', maxLength: 10 }, 'date'],
    [{ type: 'string', enum: ['a', 'b', 'c'], 'x-egov-enum-labels': { a: { 'zh-CN': '甲', en: 'A' }, b: { 'zh-CN': '乙', en: 'B' }, c: { 'zh-CN': '丙', en: 'C' } } }, 'radio'],
    [{ type: 'string', enum: ['1', '2', '3', '4', '5', '6'] }, 'select'],
    [{ type: 'string', maxLength: 11, 'x-egov-format': 'cn-mobile' }, 'phone'],
    [{ type: 'string', maxLength: 500 }, 'textarea'],
    [{ type: 'integer', minimum: 0, maximum: 1000 }, 'number'],
  ];
  const fields: Record<string, { widget: never }> = {};
  for (let i = 0; i < FIELDS; i++) {
    const [schema, widget] = kinds[i % kinds.length]!;
    properties[`q${i}`] = { ...schema, title: `第 ${i + 1} 题`, 'x-egov-en': { title: `Question ${i + 1}` }, description: '请如实填写' };
    fields[`q${i}`] = { widget: widget as never };
  }
  return {
    code: 'bench-200',
    name: '二百项表单（性能测试）',
    agency: { code: '330000-SJ', name: '浙江省大数据发展管理局' },
    legalBasis: '—',
    form: {
      schema: { type: 'object', properties, required: Object.keys(properties) },
      ui: { sections: [{ id: 'all', title: '全部问题', titleEn: 'All questions', fields: Object.keys(properties) }], fields },
    },
    materials: [],
    signature: { required: true, algorithms: ['SM2-SM3'] },
  };
}


function sizes(): void {
  if (!existsSync('dist/application-form.js')) {
    console.log('dist/ is missing: run `npm run build` first for the size figures.');
    return;
  }
  const gz = (list: string[]) => gzipSync(Buffer.concat(list.map((f) => readFileSync(f)))).length / 1024;
  const { files, lazy } = moduleGraph('dist/application-form.js');
  console.log(`dist/application-form.js with its static chunks (signature, fields, shared base; lit, ky, sm-crypto-v2 external), no crypto chunk: ${gz(files).toFixed(1)} KB gzipped (${files.length} files)`);
  console.log(`  of which the form's own chunk: ${gz(files.filter((f) => /\/application-form-/.test(f))).toFixed(1)} KB`);
  const lazyClosure = new Set<string>();
  for (const file of lazy) for (const f of moduleGraph(file).files) if (!files.includes(f)) lazyClosure.add(f);
  console.log(`  lazily loaded on the signature step only (crypto): ${gz([...lazyClosure]).toFixed(1)} KB gzipped (${lazyClosure.size} files)`);
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/egov-elements.js"></script></head>
<body><egov-provider id="provider" api-base="/api" locale="en"><main id="main"></main></egov-provider></body></html>`;

// Plain JavaScript run in the page (strings, so no build helpers leak into it).
const MOUNT = `async () => {
  document.getElementById('bench-form')?.remove();
  const el = document.createElement('egov-application-form');
  el.id = 'bench-form';
  el.setAttribute('service', 'bench-200');
  const t0 = performance.now();
  document.getElementById('main').append(el);
  const deadline = Date.now() + 20000;
  while (!el.shadowRoot?.querySelector('[data-state=signed-in]') && !el.shadowRoot?.querySelectorAll('[part=field]').length && Date.now() < deadline) await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
}`;

const START = `async () => {
  const el = document.getElementById('bench-form');
  const root = el.shadowRoot;
  let start;
  for (let i = 0; i < 200 && !start; i++) {
    start = [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start');
    if (!start) await new Promise((r) => setTimeout(r, 25));
  }
  const t0 = performance.now();
  start.click();
  await el.updateComplete;
  const n = root.querySelectorAll('[part=field]').length;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - t0, fields: n };
}`;

const SUMMARY = `async () => {
  const el = document.getElementById('bench-form');
  const root = el.shadowRoot;
  let submit = root.querySelector('button[type=submit]');
  for (let i = 0; i < 200 && !submit; i++) {
    await new Promise((r) => setTimeout(r, 25));
    submit = root.querySelector('button[type=submit]');
  }
  if (!submit) throw new Error('no continue button; step ' + el.step + ', connected ' + el.isConnected + ', same ' + (el === document.getElementById('bench-form')) + ', html ' + root.innerHTML.replace(/<!--[^>]*-->/g, '').slice(0, 400));
  const t0 = performance.now();
  submit.click();
  await el.updateComplete;
  const links = root.querySelectorAll('[part=error-summary] a').length;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return { ms: performance.now() - t0, links };
}`;

const BACK = `async () => {
  const el = document.getElementById('bench-form');
  const back = [...el.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Back');
  back?.click();
  await el.updateComplete;
  // Let the draft (now on the identity step) reach IndexedDB before the next element reads it.
  await new Promise((r) => setTimeout(r, 100));
}`;

async function main(): Promise<void> {
  sizes();
  if (!existsSync('dist/egov-elements.js')) return;
  const server = await startReferenceServer({ EGOV_LOG: '0' });
  const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
  try {
    const context = await browser.newContext({ baseURL: server.origin, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const definition = JSON.stringify(generatedService());
    await page.route('**/bench.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.route('**/api/services/bench-200', (route) => route.fulfill({ contentType: 'application/json', body: definition }));
    await page.goto('/bench.html');
    const token = await page.evaluate(async () => {
      const response = await fetch('/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'citizen-001' }) });
      return (await response.json()).token as string;
    });
    await page.evaluate((t) => { (document.getElementById('provider') as HTMLElement & { token: string }).token = t; }, token);
    await page.evaluate(() => customElements.whenDefined('egov-application-form'));

    const mount: number[] = [];
    const render: number[] = [];
    const summary: number[] = [];
    let fields = 0;
    let links = 0;
    for (let i = 0; i < RUNS; i++) {
      // Each run ends back on the identity step, so the next element resumes there.
      mount.push(await page.evaluate(`(${MOUNT})()`) as number);
      const started = await page.evaluate(`(${START})()`) as { ms: number; fields: number };
      render.push(started.ms);
      fields = started.fields;
      const checked = await page.evaluate(`(${SUMMARY})()`) as { ms: number; links: number };
      summary.push(checked.ms);
      links = checked.links;
      await page.evaluate(`(${BACK})()`);
    }
    console.log(`Chromium, one-file bundle, reference backend; ${RUNS} runs each:`);
    printStats('mount → identity step shown (definition + /auth/me)', mount);
    printStats(`"Start" → ${fields}-field section rendered`, render);
    printStats(`"Continue" empty → summary of ${links} errors shown`, summary);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
