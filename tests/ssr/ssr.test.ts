// SPEC §1: every element module imports and renders on a server (@lit-labs/ssr) without
// throwing, and upgrades in the browser. Run after `node scripts/build.mjs` (the built
// modules are what a server imports). The server's HTML (declarative shadow DOM) is shown
// by Chromium before any script; then the one-file bundle loads, and the fields answer to
// the keyboard and mouse as on any page.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH } from '../support/chromium.mjs';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const ORIGIN = 'http://portal.test';

interface Rendered { tag: string; html?: string; error?: string }
let results: Rendered[];
let browser: Browser;

beforeAll(async () => {
  const out = spawnSync(process.execPath, [join(import.meta.dirname, 'render.mjs'), dist], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(out.status, out.stderr).toBe(0);
  results = (JSON.parse(out.stdout) as { results: Rendered[] }).results;
  browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
}, 120_000);
afterAll(async () => { await browser?.close(); });

describe('@lit-labs/ssr', () => {
  it('renders every element of the manifest without throwing, into declarative shadow DOM', () => {
    const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[] };
    const tags = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(results.map((r) => r.tag).sort()).toEqual([...tags].sort());
    for (const { tag, html } of results) expect(html, tag).toMatch(/<template shadowroot(mode)?="open"/);
  });

  it('shows the server’s HTML before any script, then upgrades: every element defined and the fields interactive', async () => {
    const body = results.map((r) => r.html).join('\n');
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><body>${body}</body></html>` });
      if (url.pathname.startsWith('/api/')) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'offline' } }) });
      try {
        return await route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(dist, url.pathname.slice(1))) });
      } catch {
        return route.fulfill({ status: 404, body: '' });
      }
    });
    await page.goto(ORIGIN + '/');

    // Before any script: the server's shadow roots are there, with the label text.
    const before = await page.evaluate(() => {
      const box = document.getElementById('egov-checkbox')!;
      return { defined: Boolean(customElements.get('egov-checkbox')), text: box.shadowRoot?.textContent ?? '' };
    });
    expect(before.defined).toBe(false);
    expect(before.text).toContain('SSR egov-checkbox');

    await page.addScriptTag({ url: '/egov-elements.js', type: 'module' });
    await page.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), results.map((r) => r.tag), { timeout: 20_000 });
    await page.waitForFunction(() => (document.getElementById('egov-checkbox') as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete !== undefined);

    // egov-checkbox: a click ticks it and the page hears egov-change.
    await page.evaluate(() => {
      (window as unknown as { changes: unknown[] }).changes = [];
      document.addEventListener('egov-change', (e) => (window as unknown as { changes: unknown[] }).changes.push((e as CustomEvent).detail));
    });
    await page.locator('#egov-checkbox input[type="checkbox"]').click();
    expect(await page.evaluate(() => (document.getElementById('egov-checkbox') as HTMLElement & { checked: boolean }).checked)).toBe(true);
    // egov-input: typed text is its value.
    await page.locator('#egov-input input').fill('upgraded');
    expect(await page.evaluate(() => (document.getElementById('egov-input') as HTMLElement & { value: string }).value)).toBe('upgraded');
    expect(await page.evaluate(() => (window as unknown as { changes: { name: string }[] }).changes.map((c) => c.name))).toContain('egov-checkbox');
    // Every element rendered again in the browser, once, in its own shadow root.
    const emptyOrDoubled = await page.evaluate((tags) => tags.filter((tag) => {
      const root = document.getElementById(tag)!.shadowRoot;
      if (!root || root.childNodes.length === 0) return true;
      const ids = [...root.querySelectorAll('[id]')].map((e) => e.id);
      const slots = [...root.querySelectorAll('slot')].map((e) => e.name);
      return new Set(ids).size !== ids.length || new Set(slots).size !== slots.length;
    }), results.map((r) => r.tag));
    expect(emptyOrDoubled).toEqual([]);
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  }, 60_000);

  it('hydrates instead when the portal loads Lit’s hydration support first (its own bundle of the fields)', async () => {
    // The portal's bundle: hydration support, then the fields module, built with Vite.
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    const work = mkdtempSync(join(root, 'node_modules', '.cache', 'egov-hydrate-'));
    try {
      writeFileSync(join(work, 'main.js'), "import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport 'egov-elements/fields.js';\n");
      await build({
        root: work, configFile: false, logLevel: 'silent',
        resolve: { alias: { 'egov-elements/fields.js': join(dist, 'fields.js') } },
        build: { outDir: join(work, 'out'), emptyOutDir: true, target: 'es2022', lib: { entry: join(work, 'main.js'), formats: ['es'], fileName: 'portal' } },
      });
      const fields = results.filter((r) => /^egov-(input|checkbox)$/.test(r.tag)).map((r) => r.html).join('\n');
      const page = await (await browser.newContext()).newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.origin !== ORIGIN) return route.abort();
        if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><body>${fields}<script type="module" src="/portal.js"></script></body></html>` });
        // The portal's build output: portal.js and the chunks it loads (the package's English
        // messages come as a chunk of their own, loaded when a page in English first needs them).
        const built = join(work, 'out', url.pathname.slice(1));
        if (/^\/[\w./-]+\.js$/.test(url.pathname) && !url.pathname.includes('..') && existsSync(built)) return route.fulfill({ contentType: 'text/javascript', body: readFileSync(built) });
        return route.fulfill({ status: 404, body: '' });
      });
      await page.goto(ORIGIN + '/');
      await page.waitForFunction(() => customElements.get('egov-checkbox') && customElements.get('egov-input'), null, { timeout: 20_000 });
      await page.locator('#egov-checkbox input[type="checkbox"]').click();
      expect(await page.evaluate(() => (document.getElementById('egov-checkbox') as HTMLElement & { checked: boolean }).checked)).toBe(true);
      await page.locator('#egov-input input').fill('hydrated');
      expect(await page.evaluate(() => (document.getElementById('egov-input') as HTMLElement & { value: string }).value)).toBe('hydrated');
      expect(errors).toEqual([]);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.context().close();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
