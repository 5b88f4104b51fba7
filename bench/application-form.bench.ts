// <egov-application-form> in Chromium with the one-file bundle and the reference backend:
// first render of a generated 200-field section against the same page work for 200 native
// inputs and for 200 bare <egov-input>s (and the section's own 200 fields without the form),
// as ratios from the same run; the error summary over 200 problems; and the size of the
// element's module (what the first steps need, and what loads when the later steps are
// reached). Prints figures, asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROME_ARGS, CHROME_PATH } from '../tests/support/chromium.mjs';
import { startReferenceServer } from '../tests/support/reference-server.mjs';
import type { JsonSchema, ServiceDefinition } from '../src/core/service-definition';
import { printStats, stats } from './support';
import { moduleGraph } from '../scripts/sizes.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** The build measured (and served by the reference backend): dist/, or EGOV_DIST's. */
const DIST = process.env.EGOV_DIST ?? 'dist';
const FIELDS = 200;

/** Every widget kind: its schema, the widget, and the field element the form renders for it. */
const KINDS: Array<[JsonSchema, string, string]> = [
  [{ type: 'string', maxLength: 50, minLength: 1 }, 'text', 'egov-input'],
  [{ type: 'string', maxLength: 18, 'x-egov-format': 'cn-id' }, 'id-number', 'egov-id-number'],
  [{ type: 'string', format: 'date', maxLength: 10 }, 'date', 'egov-input'],
  [{ type: 'string', enum: ['a', 'b', 'c'], 'x-egov-enum-labels': { a: { 'zh-CN': '甲', en: 'A' }, b: { 'zh-CN': '乙', en: 'B' }, c: { 'zh-CN': '丙', en: 'C' } } }, 'radio', 'egov-radio-group'],
  [{ type: 'string', enum: ['1', '2', '3', '4', '5', '6'] }, 'select', 'egov-select'],
  [{ type: 'string', maxLength: 11, 'x-egov-format': 'cn-mobile' }, 'phone', 'egov-phone'],
  [{ type: 'string', maxLength: 500 }, 'textarea', 'egov-textarea'],
  [{ type: 'integer', minimum: 0, maximum: 1000 }, 'number', 'egov-input'],
];

/** The kinds of a generated service: every widget in turn (`bench-200`), or only one-line text (`bench-200-text`). */
const kindsOf = (code: string) => (code === 'bench-200-text' ? KINDS.slice(0, 1) : KINDS);

/** What the form gives each field on an English page (label, hint, schema), for the baselines. */
function baselineFields(code: string): Array<{ tag: string; label: string; hint: string; schema: JsonSchema }> {
  const kinds = kindsOf(code);
  return Array.from({ length: FIELDS }, (_, i) => {
    const [schema, , tag] = kinds[i % kinds.length]!;
    return { tag, label: `Question ${i + 1}`, hint: HINT_EN, schema: { ...schema, title: `第 ${i + 1} 题`, 'x-egov-en': { title: `Question ${i + 1}`, description: HINT_EN }, description: '请如实填写' } };
  });
}

const HINT_EN = 'Answer truthfully';

/** A 200-question service, every answer required. */
function generatedService(code: string): ServiceDefinition {
  const properties: Record<string, JsonSchema> = {};
  const kinds = kindsOf(code);
  const fields: Record<string, { widget: never }> = {};
  for (let i = 0; i < FIELDS; i++) {
    const [schema, widget] = kinds[i % kinds.length]!;
    properties[`q${i}`] = { ...schema, title: `第 ${i + 1} 题`, 'x-egov-en': { title: `Question ${i + 1}`, description: HINT_EN }, description: '请如实填写' };
    fields[`q${i}`] = { widget: widget as never };
  }
  return {
    code,
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
  if (!existsSync(`${DIST}/application-form.js`)) {
    console.log('dist/ is missing: run `npm run build` first for the size figures.');
    return;
  }
  // Each file compressed on its own, as a server sends them (the build's figures count the same way).
  const sum = (list: string[], size: (data: Buffer) => number) => list.reduce((total, f) => total + size(readFileSync(f)), 0) / 1024;
  const gz = (data: Buffer) => gzipSync(data, { level: 9 }).length;
  const br = (data: Buffer) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  const kb = (list: string[]) => `${sum(list, gz).toFixed(1)} KB gzip, ${sum(list, br).toFixed(1)} KB brotli`;
  const { files, lazy } = moduleGraph(`${DIST}/application-form.js`);
  console.log(`${DIST}/application-form.js with its static chunks (lit and the other dependencies external), zh-CN page: ${kb(files)} (${files.length} files; goal 35 KB gzip)`);
  console.log(`  of which the form's own chunk: ${kb(files.filter((f) => /\/application-form-/.test(f)))}`);
  // What loads later, each with the chunks it brings that the first steps did not (messages of another locale apart).
  const loaded = new Set(files);
  const later = (name: RegExp, what: string) => {
    const entry = lazy.find((f) => name.test(f));
    if (!entry) return;
    const extra = moduleGraph(entry).files.filter((f) => !loaded.has(f));
    console.log(`  ${what}: ${kb(extra)} (${extra.length} files)`);
    for (const f of extra) loaded.add(f);
  };
  later(/\/later-steps-/, 'loaded when the documents step is reached or prefetched (documents, review, <egov-signature>, receipt)');
  later(/\/correction-/, 'loaded when an application is opened in correction mode');
  const crypto = new Set<string>();
  for (const f of [...loaded]) for (const l of moduleGraph(f).lazy) if (!/messages-/.test(l)) for (const g of moduleGraph(l).files) if (!loaded.has(g)) crypto.add(g);
  console.log(`  loaded when a signature is made or checked (SM2/SM3): ${kb([...crypto])} (${crypto.size} files)`);
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="/egov-elements.js"></script></head>
<body><egov-provider id="provider" api-base="/api" locale="en"><main id="main"></main></egov-provider></body></html>`;

// Plain JavaScript run in the page (strings, so no build helpers leak into it).
const MOUNT = `async (service) => {
  document.getElementById('bench-form')?.remove();
  const el = document.createElement('egov-application-form');
  el.id = 'bench-form';
  el.setAttribute('service', service);
  const t0 = performance.now();
  document.getElementById('main').append(el);
  const deadline = Date.now() + 20000;
  while (!el.shadowRoot?.querySelector('[data-state=signed-in]') && !el.shadowRoot?.querySelectorAll('[part=field]').length && Date.now() < deadline) {
    // The service guide comes first: "Start now" leads to the applicant's step.
    const guide = el.shadowRoot?.querySelector('.guide + .actions button');
    if (guide) { guide.click(); await el.updateComplete; }
    await new Promise((r) => requestAnimationFrame(r));
  }
  return performance.now() - t0;
}`;

// The same page work without the form: 200 fields appended at once, timed to the same point
// (the frame after they are painted). `kind`: 'native' (a label, a hint and an <input>),
// 'bare' (an <egov-input> with the label, hint, schema and required the form gives it),
// 'mix' (the section's own 200 fields, each its widget with the form's properties).
const BASELINE = `async ({ kind, fields }) => {
  document.getElementById('baseline')?.remove();
  const box = document.createElement('div');
  box.id = 'baseline';
  const t0 = performance.now();
  for (const [i, f] of fields.entries()) {
    if (kind === 'native') {
      const d = document.createElement('div');
      const label = document.createElement('label'); label.htmlFor = 'n' + i; label.textContent = f.label;
      const hint = document.createElement('div'); hint.textContent = f.hint;
      const input = document.createElement('input'); input.id = 'n' + i; input.name = 'n' + i; input.required = true;
      d.append(label, hint, input);
      box.append(d);
      continue;
    }
    const e = document.createElement(kind === 'bare' ? 'egov-input' : f.tag);
    e.label = f.label; e.hint = f.hint; e.name = 'b' + i; e.required = true;
    e.schema = kind === 'bare' ? fields[0].schema : f.schema;
    box.append(e);
  }
  document.getElementById('main').append(box);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const ms = performance.now() - t0;
  box.remove();
  return ms;
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
  if (!existsSync(`${DIST}/egov-elements.js`)) return;
  const server = await startReferenceServer({ EGOV_LOG: '0' });
  const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
  try {
    const context = await browser.newContext({ baseURL: server.origin, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('**/bench.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    for (const code of ['bench-200', 'bench-200-text']) {
      const definition = JSON.stringify(generatedService(code));
      await page.route(`**/api/services/${code}`, (route) => route.fulfill({ contentType: 'application/json', body: definition }));
    }
    await page.goto('/bench.html');
    const token = await page.evaluate(async () => {
      const response = await fetch('/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'citizen-001' }) });
      return (await response.json()).token as string;
    });
    await page.evaluate((t) => { (document.getElementById('provider') as HTMLElement & { token: string }).token = t; }, token);
    await page.evaluate(() => customElements.whenDefined('egov-application-form'));

    // The page's main-thread CPU time as well as the wall clock: on a shared machine the clock
    // also counts the time other processes had the CPU, the thread time only this page's work.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadMs = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000;
    const mount: number[] = [];
    const summary: number[] = [];
    const times = { native: [] as number[], bare: [] as number[], mix: [] as number[], section: [] as number[], text: [] as number[] };
    const cpu = { native: [] as number[], bare: [] as number[], mix: [] as number[], section: [] as number[], text: [] as number[] };
    /** Runs one measurement, noting its wall time (what the page reports) and its thread time. */
    const measure = async <T>(kind: keyof typeof times, run: () => Promise<T>, ms: (result: T) => number): Promise<T> => {
      const before = await threadMs();
      const result = await run();
      cpu[kind].push((await threadMs()) - before);
      times[kind].push(ms(result));
      return result;
    };
    const mixFields = baselineFields('bench-200');
    const bareFields = baselineFields('bench-200-text');
    let fields = 0;
    let links = 0;
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a busy machine slows every kind alike.
      for (const kind of ['native', 'bare', 'mix'] as const) {
        const fieldsOf = kind === 'mix' ? mixFields : bareFields;
        await measure(kind, () => page.evaluate(`(${BASELINE})(${JSON.stringify({ kind, fields: fieldsOf })})`) as Promise<number>, (ms) => ms);
      }
      for (const service of ['bench-200', 'bench-200-text']) {
        // Each run ends back on the identity step, so the next element resumes there.
        const mounted = await page.evaluate(`(${MOUNT})(${JSON.stringify(service)})`) as number;
        const started = await measure(service === 'bench-200' ? 'section' : 'text', () => page.evaluate(`(${START})()`) as Promise<{ ms: number; fields: number }>, (r) => r.ms);
        fields = started.fields;
        if (service === 'bench-200') {
          mount.push(mounted);
          const checked = await page.evaluate(`(${SUMMARY})()`) as { ms: number; links: number };
          summary.push(checked.ms);
          links = checked.links;
        }
        await page.evaluate(`(${BACK})()`);
      }
    }
    console.log(`Chromium, one-file bundle, reference backend; ${RUNS} runs each, interleaved:`);
    printStats('mount → identity step shown (definition + /auth/me)', mount);
    printStats(`200 native inputs (label, hint, input) painted`, times.native);
    printStats(`200 bare <egov-input>s painted`, times.bare);
    printStats(`the section's 200 fields without the form painted`, times.mix);
    printStats(`"Start" → ${fields}-field section (every widget) painted`, times.section);
    printStats(`"Start" → 200 one-line text questions painted`, times.text);
    printStats(`"Continue" empty → summary of ${links} errors shown`, summary);
    printStats('main-thread CPU: 200 native inputs', cpu.native);
    printStats('main-thread CPU: 200 bare <egov-input>s', cpu.bare);
    printStats('main-thread CPU: the 200 fields without the form', cpu.mix);
    printStats('main-thread CPU: every-widget section', cpu.section);
    printStats('main-thread CPU: 200 one-line text questions', cpu.text);
    const p50 = (samples: number[]) => stats(samples).p50;
    const ratio = (a: keyof typeof times, b: keyof typeof times) => `${(p50(times[a]) / p50(times[b])).toFixed(2)}× wall, ${(p50(cpu[a]) / p50(cpu[b])).toFixed(2)}× CPU`;
    console.log('Ratios of the medians:');
    console.log(`  200 text questions / 200 bare <egov-input>s:        ${ratio('text', 'bare')} (goal 1.3×)`);
    console.log(`  200 text questions / 200 native inputs:             ${ratio('text', 'native')}`);
    console.log(`  every-widget section / its 200 fields without form: ${ratio('section', 'mix')}`);
    console.log(`  every-widget section / 200 bare <egov-input>s:      ${ratio('section', 'bare')}`);
    console.log(`  every-widget section / 200 native inputs:           ${ratio('section', 'native')}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
