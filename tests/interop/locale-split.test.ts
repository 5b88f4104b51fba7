// SPEC §1, "a page downloads only the messages of the locale it shows; another locale loads
// when asked", checked on the built one-file bundle (run after `node scripts/build.mjs`):
// a zh-CN page loads no English table; an en page loads it and never paints Chinese first
// (every text that ever appears in a shadow root is watched from before the script runs);
// switching the page to en loads it then and every element shows English. In en no message
// key and no Han character is ever shown (the API answers 503, so the elements show their
// own texts: labels, hints, buttons and their error states, nothing from data).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
/**
 * Every message key of the built bundle's English tables (what must never be shown as text):
 * the table of the first paint, and that of the areas only lazily loaded bodies use.
 */
const enChunk = readdirSync(join(dist, 'chunks')).find((f) => /^bundle-messages-en-/.test(f));
const enChunks = readdirSync(join(dist, 'chunks')).filter((f) => /^bundle-messages-(later\.)?en-/.test(f));
const KEYS = enChunks.flatMap((f) => [...readFileSync(join(dist, 'chunks', f), 'utf8').matchAll(/"([a-z][\w-]*(?:\.[\w-]+)+)":/g)].map((m) => m[1]!));

/** The page's elements, each with what it needs to render something of its own. */
const BODY = TAGS.map((tag) => `<${tag} id="${tag}" label="Label" name="n" service="birth-registration" mode="verify"></${tag}>`).join('\n');

/**
 * Before any script: every shadow root is watched, and every text or label that ever appears
 * in one is kept in `window.seen`, so a Chinese first paint is caught even if it is replaced.
 */
function watchShadowText(): void {
  const seen: string[] = [];
  (window as unknown as { seen: string[] }).seen = seen;
  const ATTRS = ['aria-label', 'placeholder', 'title', 'alt', 'aria-description'];
  const record = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node.textContent?.trim();
      if (text && node.parentElement?.tagName !== 'STYLE') seen.push(text);
    } else if (node instanceof Element) {
      for (const name of ATTRS) {
        const value = node.getAttribute(name);
        if (value) seen.push(value);
      }
      for (const child of node.childNodes) record(child);
    } else if (node instanceof DocumentFragment) for (const child of node.childNodes) record(child);
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const shadow = attach.call(this, init);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'childList') r.addedNodes.forEach(record);
        else if (r.type === 'characterData') record(r.target);
        else if (r.target instanceof Element && r.attributeName && ATTRS.includes(r.attributeName)) {
          const value = r.target.getAttribute(r.attributeName);
          if (value) seen.push(value);
        }
      }
    }).observe(shadow, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRS });
    return shadow;
  };
}

let browser: Browser;
beforeAll(async () => { browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS }); });
afterAll(async () => { await browser?.close(); });

async function portal(lang: string): Promise<{ page: Page; requested: string[]; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requested: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(watchShadowText);
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname === '/') {
      return route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="${lang}"><body>${BODY}<script type="module" src="/egov-elements.js"></script></body></html>` });
    }
    if (url.pathname.startsWith('/api/')) return route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'Service unavailable' } }) });
    const path = url.pathname.slice(1);
    requested.push(path);
    const file = join(dist, path);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(file) });
  });
  await page.goto(ORIGIN + '/');
  // (That the bundle defines every tag of the manifest is package.test.ts's to check.)
  await page.waitForFunction(() => customElements.get('egov-provider'), null, { timeout: 20_000 });
  await settle(page);
  return { page, requested, errors };
}

/** Every element has rendered (its updateComplete resolved) and the API's answers are shown. */
async function settle(page: Page): Promise<void> {
  const rendered = () => page.evaluate(async (tags) => {
    await Promise.all(tags.map((tag) => (document.getElementById(tag) as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
  }, TAGS);
  await rendered();
  await page.waitForTimeout(500);
  await rendered();
}

/** What the elements show now: every text and label in their shadow roots, all levels down. */
function shownText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visit = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent?.trim();
        if (text && !(node.parentElement instanceof HTMLStyleElement)) out.push(text);
        return;
      }
      if (node instanceof Element) {
        for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
          const value = node.getAttribute(name);
          if (value) out.push(value);
        }
        if (node.shadowRoot) visit(node.shadowRoot);
      }
      for (const child of node.childNodes) visit(child);
    };
    visit(document.body);
    return out;
  });
}

const HAN = /\p{Script=Han}/u;
const isEnChunk = (path: string) => /^chunks\/bundle-messages-en-/.test(path);
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: string[] }).seen);

describe('one locale per page (the built one-file bundle)', () => {
  it('the English table is a chunk of its own, with every key', () => {
    expect(enChunk).toBeDefined();
    expect(KEYS.length).toBeGreaterThan(300);
    expect(KEYS).toContain('common.loading');
    expect(readFileSync(join(dist, 'egov-elements.js'), 'utf8')).not.toContain('"common.loading":`Loading');
  });

  it('a zh-CN page requests no English table and shows Chinese', async () => {
    const { page, requested, errors } = await portal('zh-CN');
    expect(requested.filter(isEnChunk)).toEqual([]);
    const text = (await shownText(page)).join('\n');
    expect(text).toMatch(HAN);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an en page requests the English table once and never shows Chinese or a key, not even first', async () => {
    const { page, requested, errors } = await portal('en');
    expect(requested.filter(isEnChunk)).toHaveLength(1);
    const text = await shownText(page);
    expect(text.join('\n')).toContain('Loading');
    expect(text.filter((t) => HAN.test(t))).toEqual([]);
    expect(text.filter((t) => KEYS.includes(t))).toEqual([]);
    const everSeen = await seen(page);
    expect(everSeen.length).toBeGreaterThan(50);
    expect(everSeen.filter((t) => HAN.test(t))).toEqual([]);
    expect(everSeen.filter((t) => KEYS.some((key) => t.includes(key)))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switching the page to en loads the English table then, and every element shows English', async () => {
    const { page, requested, errors } = await portal('zh-CN');
    expect(requested.filter(isEnChunk)).toEqual([]);
    await page.evaluate(() => { document.documentElement.lang = 'en'; });
    await expect.poll(() => requested.filter(isEnChunk).length, { timeout: 20_000 }).toBe(1);
    await settle(page);
    const text = await shownText(page);
    expect(text.filter((t) => HAN.test(t))).toEqual([]);
    expect(text.filter((t) => KEYS.includes(t))).toEqual([]);
    expect(text.join('\n')).toMatch(/[A-Za-z]{4}/);
    // Back to Chinese: nothing more to load.
    await page.evaluate(() => { document.documentElement.lang = 'zh-CN'; });
    await settle(page);
    expect((await shownText(page)).join('\n')).toMatch(HAN);
    expect(requested.filter(isEnChunk)).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
