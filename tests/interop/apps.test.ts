// A React 19 and a Vue 3 portal (tests/interop/apps), built with Vite against the packed
// tarball as a portal installs it, driven in Chromium against the reference backend:
// properties (tokenProvider, payload), events, typed TSX that compiles, v-model and
// controlled fields. Run after `node scripts/build.mjs`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH } from '../support/chromium.mjs';
import { startReferenceServer } from '../support/reference-server.mjs';

const root = join(import.meta.dirname, '..', '..');
const ORIGIN = 'http://portal.test';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let work: string;
let backend: { origin: string; stop: () => Promise<void> };
let browser: Browser;
const warnings: string[] = [];

/** Unpacks the tarball as node_modules/egov-elements of a folder inside the repository (so lit, react and vue resolve from its node_modules). */
function installTarball(into: string): void {
  const packDir = join(into, 'pack');
  mkdirSync(packDir, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
  const modules = join(into, 'node_modules');
  mkdirSync(modules, { recursive: true });
  execFileSync('tar', ['-xzf', join(packDir, name), '-C', modules]);
  execFileSync('mv', [join(modules, 'package'), join(modules, 'egov-elements')]);
}

async function buildApp(name: 'react' | 'vue'): Promise<string> {
  const appRoot = join(work, name);
  cpSync(join(import.meta.dirname, 'apps', name), appRoot, { recursive: true });
  const outDir = join(work, `${name}-dist`);
  await build({
    root: appRoot,
    configFile: false,
    logLevel: 'silent',
    customLogger: { info() {}, warn: (msg) => warnings.push(`${name}: ${msg}`), warnOnce: (msg) => warnings.push(`${name}: ${msg}`), error: (msg) => warnings.push(`${name}: ${msg}`), clearScreen() {}, hasErrorLogged: () => false, hasWarned: false },
    plugins: name === 'react' ? [react()] : [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('egov-') } } })],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  return outDir;
}

/** The built app at ORIGIN, its /api calls answered by the reference backend. */
async function open(outDir: string, token: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await browser.newContext()).newPage();
  // The portal's own sign-on has a token before the app starts; tokenProvider hands it over.
  await page.addInitScript((t) => { (window as unknown as { portalToken: string }).portalToken = t; }, token);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname.startsWith('/api/')) {
      const response = await route.fetch({ url: backend.origin + url.pathname + url.search });
      return route.fulfill({ response });
    }
    const file = join(outDir, url.pathname === '/' ? 'index.html' : url.pathname.slice(1));
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
  });
  await page.goto(ORIGIN + '/');
  return { page, errors };
}

async function demoToken(subjectId: string): Promise<string> {
  const response = await fetch(`${backend.origin}/api/auth/demo-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subjectId }) });
  return ((await response.json()) as { token: string }).token;
}

beforeAll(async () => {
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  work = mkdtempSync(join(root, 'node_modules', '.cache', 'egov-interop-'));
  installTarball(work);
  [backend, browser] = await Promise.all([
    startReferenceServer(),
    chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS }),
  ]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('React 19', () => {
  it('compiles a typed TSX portal against the tarball', () => {
    const dir = join(work, 'react-types');
    cpSync(join(import.meta.dirname, 'apps', 'react'), dir, { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: true, lib: ['es2023', 'dom', 'dom.iterable'], types: [] },
      files: ['main.tsx'],
    }));
    const out = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(out.stdout + out.stderr).toBe('');
  }, 120_000);

  it('sets properties, hears events as on… props and keeps a controlled checkbox in step', async () => {
    const { page, errors } = await open(await buildApp('react'), await demoToken('staff-001'));
    // payload is a property (an object), not an attribute.
    expect(await page.evaluate(() => JSON.stringify((document.getElementById('signature') as HTMLElement & { payload: unknown }).payload))).toBe('{"serviceCode":"interop","data":{"answer":42}}');
    // The sharing catalog is asked for with the provider's tokenProvider; selecting an entry reaches React.
    const sharing = page.locator('#sharing');
    await sharing.locator('[part=result-item] .item-link').first().click({ timeout: 20_000 });
    await expect.poll(() => page.locator('#selected').textContent(), { timeout: 20_000 }).not.toBe('');
    expect(await page.evaluate(() => (window as unknown as { tokenCalls: number }).tokenCalls)).toBeGreaterThan(0);
    // The plain tag in TSX works too.
    await page.locator('#plain [part=result-item]').first().waitFor({ timeout: 20_000 });
    // Controlled checkbox: a click tells React; React's state ticks and unticks it.
    await page.locator('#agree input[type=checkbox]').click();
    await expect.poll(() => page.locator('#agreed').textContent()).toBe('true');
    await page.locator('#reset').click();
    await expect.poll(() => page.evaluate(() => (document.getElementById('agree') as HTMLElement & { checked: boolean }).checked)).toBe(false);
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  }, 120_000);
});

describe('Vue 3', () => {
  it('binds fields with v-model, properties with .prop and events with @', async () => {
    const { page, errors } = await open(await buildApp('vue'), await demoToken('staff-001'));
    // v-model on egov-checkbox (type="checkbox": Vue's checkbox model, `checked` and `change`).
    await page.locator('#agree input[type=checkbox]').click();
    await expect.poll(() => page.locator('#agreed').textContent()).toBe('true');
    await page.locator('#reset').click();
    await expect.poll(() => page.evaluate(() => (document.getElementById('agree') as HTMLElement & { checked: boolean }).checked)).toBe(false);
    // v-model on egov-input, egov-select, egov-textarea and egov-radio-group (`value` and `input`).
    await page.locator('#full-name input').fill('Zhang San');
    await expect.poll(() => page.locator('#name').textContent()).toBe('Zhang San');
    await page.locator('#sex-select select').selectOption('female');
    await expect.poll(() => page.locator('#sex').textContent()).toBe('female');
    await page.locator('#notes-field textarea').fill('Second line');
    await expect.poll(() => page.locator('#notes').textContent()).toBe('Second line');
    await page.locator('#channel-field').getByLabel('Online').check();
    await expect.poll(() => page.locator('#channel').textContent()).toBe('online');
    // .prop: an object payload and the provider's tokenProvider function.
    expect(await page.evaluate(() => JSON.stringify((document.getElementById('signature') as HTMLElement & { payload: unknown }).payload))).toBe('{"serviceCode":"interop","data":{"answer":42}}');
    await page.locator('#sharing [part=result-item] .item-link').first().click({ timeout: 20_000 });
    await expect.poll(() => page.locator('#selected').textContent(), { timeout: 20_000 }).not.toBe('');
    expect(Number(await page.locator('#token-calls').textContent())).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  }, 120_000);

  it('builds without warnings from the package (no Node built-in externalised for the browser)', () => {
    expect(warnings.filter((w) => /externalized for browser compatibility/.test(w))).toEqual([]);
  });
});
