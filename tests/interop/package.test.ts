// What a portal developer gets from the built package (run after `node scripts/build.mjs`):
// the one file alone registers every element; lazy features load from chunks/ beside it;
// the autoloader loads an element when its tag appears; the types resolve under bundler,
// node16 and nodenext (tsc over tests/interop/types-fixture) and the tarball passes
// publint and arethetypeswrong, with a LICENSE and no mock service worker.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_ARGS, CHROME_PATH } from '../support/chromium.mjs';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const ORIGIN = 'http://portal.test';

interface Manifest { modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[] }
const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8')) as Manifest;
const TAGS = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => d.tagName!);

let browser: Browser;
beforeAll(async () => { browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS }); });
afterAll(async () => { await browser?.close(); });

/** A page on a portal that serves `html` at / and only the dist files `serve` allows. */
async function portal(html: string, serve: (path: string) => boolean): Promise<{ page: Page; requested: string[]; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html });
    const path = url.pathname.slice(1);
    requested.push(path);
    const file = join(dist, path);
    if (!serve(path) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not here' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
  });
  await page.goto(ORIGIN + '/');
  return { page, requested, errors };
}

describe('dist/egov-elements.js', () => {
  it('imports no other file statically', () => {
    const code = readFileSync(join(dist, 'egov-elements.js'), 'utf8');
    expect(code).not.toMatch(/(?:^|[;}])\s*(?:import|export)[^;()]*?from\s*["']\.{1,2}\//);
    expect(code).not.toMatch(/(?:^|[;}])\s*import\s*["']\.{1,2}\//);
  });

  it('registers every element when it is the only file served', async () => {
    const { page, requested, errors } = await portal('<script type="module" src="/egov-elements.js"></script>', (path) => path === 'egov-elements.js');
    await page.waitForFunction(() => customElements.get('egov-provider'), null, { timeout: 20_000 });
    const missing = await page.evaluate((tags) => tags.filter((tag) => !customElements.get(tag)), TAGS);
    expect(TAGS.length).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
    expect(requested).toEqual(['egov-elements.js']);
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  });

  it('loads a lazy feature (SM2/SM3) from chunks/ beside it when first needed', async () => {
    const { page, requested, errors } = await portal(
      '<script type="module" src="/egov-elements.js"></script><egov-signature signer="local" locale="en"></egov-signature>',
      () => true,
    );
    await page.waitForFunction(() => customElements.get('egov-signature'));
    // Nothing but the English messages (an en element's first render waits for them).
    expect(requested.filter((p) => p.startsWith('chunks/') && !/^chunks\/bundle-messages-en-/.test(p))).toEqual([]);
    await page.evaluate(() => { (document.querySelector('egov-signature') as HTMLElement & { payload: unknown }).payload = { a: 1 }; });
    await expect.poll(() => requested.some((p) => /^chunks\/bundle-(sm|crypto)-/.test(p)), { timeout: 20_000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  });
});

describe('dist/', () => {
  it('imports no Node built-in, so portals’ bundlers have nothing to externalise', () => {
    const files = [...readdirSync(dist).filter((f) => f.endsWith('.js')), ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`)];
    const offending = files.filter((f) => /(?:from\s*|import\s*\(\s*)["'`](?:node:)?(?:crypto|fs|path|buffer|stream|util)["'`]|["'`]sm-crypto-v2["'`]/.test(readFileSync(join(dist, f), 'utf8')));
    expect(offending).toEqual([]);
  });
});

describe('egov-elements/autoloader.js', () => {
  it('defines an element when its tag appears, loading only what defines it', async () => {
    const { page, requested, errors } = await portal(
      '<script type="module" src="/autoloader.js"></script><egov-certificate-lookup mode="verify" locale="en"></egov-certificate-lookup>',
      () => true,
    );
    await page.waitForFunction(() => customElements.get('egov-certificate-lookup'), null, { timeout: 20_000 });
    expect(await page.evaluate(() => Boolean(customElements.get('egov-catalog-browser')))).toBe(false);
    expect(requested.some((p) => /^chunks\/auto-catalog-browser-/.test(p))).toBe(false);
    // A tag added later, as a framework would.
    await page.evaluate(() => document.body.append(document.createElement('egov-checkbox')));
    await page.waitForFunction(() => customElements.get('egov-checkbox'), null, { timeout: 20_000 });
    expect(await page.evaluate(() => Boolean(customElements.get('egov-input')))).toBe(true); // same module
    expect(errors).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.context().close();
  });
});

describe('types', () => {
  // The fixture's files are kept as .txt so the project's own typecheck (which runs before
  // the build) does not read them; they are checked from a folder inside the package, where
  // `egov-elements` resolves to the package itself through its exports.
  const fixture = join(import.meta.dirname, 'types-fixture');
  const FILES = ['events.ts', 'app.tsx', 'vue.ts'];
  const check = (moduleResolution: string, skipLibCheck: boolean) => {
    mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
    const dir = mkdtempSync(join(root, 'node_modules', '.cache', 'egov-types-'));
    try {
      for (const file of FILES) copyFileSync(join(fixture, `${file}.txt`), join(dir, file));
      const tsconfig = join(dir, 'tsconfig.json');
      writeFileSync(tsconfig, JSON.stringify({
        compilerOptions: {
          target: 'es2022', module: moduleResolution === 'bundler' ? 'esnext' : moduleResolution, moduleResolution,
          lib: ['es2023', 'dom', 'dom.iterable'], jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck, types: [],
        },
        files: FILES.map((f) => join(dir, f)),
      }));
      const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: root, encoding: 'utf8' });
      return result.stdout + result.stderr;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // Declarations of the package and its dependencies checked too (skipLibCheck false) once;
  // the other two resolutions check what a portal's code sees.
  it('typecheck a portal’s TS, TSX and Vue code under moduleResolution bundler, every declaration checked', () => {
    expect(check('bundler', false)).toBe('');
  }, 120_000);
  it.each(['node16', 'nodenext'])('typecheck it under moduleResolution %s', (resolution) => {
    expect(check(resolution, true)).toBe('');
  }, 120_000);
});

describe('the tarball', () => {
  let packDir: string;
  let tarball: string;
  beforeAll(() => {
    packDir = mkdtempSync(join(tmpdir(), 'egov-pack-'));
    const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()!;
    tarball = join(packDir, name);
  }, 120_000);
  afterAll(() => { if (packDir) rmSync(packDir, { recursive: true, force: true }); });

  it('holds the LICENSE and what tools read, and no mock service worker', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const file of ['package/LICENSE', 'package/dist/custom-elements.json', 'package/dist/web-types.json', 'package/dist/vscode.html-custom-data.json',
      'package/dist/react/index.js', 'package/dist/react/index.d.ts', 'package/dist/vue/index.d.ts', 'package/dist/autoloader.js', 'package/dist/egov-elements.js']) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => /mockServiceWorker|msw/i.test(f))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.repository).toBeTruthy();
    expect(pkg.homepage).toBeTruthy();
  });

  it('passes publint', () => {
    const out = spawnSync(process.execPath, [join(root, 'node_modules/publint/src/cli.js'), tarball, '--strict'], { cwd: root, encoding: 'utf8' });
    expect(out.stdout + out.stderr).not.toMatch(/error|warning/i);
    expect(out.status).toBe(0);
  }, 60_000);

  it('passes arethetypeswrong (ESM only)', () => {
    const out = spawnSync(process.execPath, [join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--format', 'ascii'], { cwd: root, encoding: 'utf8' });
    expect(out.status, out.stdout + out.stderr).toBe(0);
  }, 60_000);
});
