import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createRequire } from 'node:module';
import { baseURL, launch, openPage, signInAs } from './browser';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe('the demo portal', () => {
  it('loads the one-file bundle under a strict CSP with Trusted Types and signs a user in', async () => {
    const { page, problems } = await openPage(browser);
    const defined = await page.evaluate(() => customElements.whenDefined('egov-provider').then(() => true));
    expect(defined).toBe(true);
    await signInAs(page, 'citizen-001');
    const token = await page.evaluate(() => (document.getElementById('provider') as HTMLElement & { token: string }).token);
    expect(token).toBeTruthy();
    expect(problems).toEqual([]);
  });

  it('shows a clear, retryable error when the API is down, and recovers on retry', async () => {
    const context = await browser.newContext({ baseURL: (await import('./browser')).baseURL() });
    const page = await context.newPage();
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    const state = page.locator('#session-state');
    await expect.poll(() => state.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('无法连接');
    await page.unroute('**/api/**');
    await state.getByRole('button', { name: '重试' }).click();
    await page.locator('#subject-select:not([disabled])').waitFor();
    await context.close();
  });

  it('signs in on the sign-in button only, not while the arrow keys move through the identities, and says who is signed in', async () => {
    const { page, problems } = await openPage(browser);
    await page.locator('#subject-select:not([disabled])').waitFor();
    await page.focus('#subject-select');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => sessionStorage.getItem('egov-demo-subject'))).toBeNull();
    expect(await page.evaluate(() => (document.getElementById('provider') as HTMLElement & { token: string }).token)).toBe('');
    await page.selectOption('#subject-select', 'citizen-001');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: '已登录' });
    await expect.poll(() => status.textContent()).toContain('张三');
    // Choosing "not signed in" turns the button into sign-out.
    await page.selectOption('#subject-select', '');
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => page.evaluate(() => sessionStorage.getItem('egov-demo-subject'))).toBeNull();
    expect(problems).toEqual([]);
  });

  it('puts its own header, headings and footer in the chosen language, keeps the choice over a reload and marks Chinese names as zh-CN', async () => {
    const { page, problems } = await openPage(browser);
    await signInAs(page, 'citizen-001');
    await page.getByRole('button', { name: 'English' }).click();
    const english = async () => {
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Public data and e-government services');
      expect(await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My applications' }).count()).toBe(1);
      expect(await page.getByRole('heading', { name: 'Public data resource catalog' }).count()).toBe(1);
      expect(await page.locator('footer').textContent()).toContain('This is a demo portal');
      expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
      expect(await page.title()).toContain('Zhejiang Government Services');
      // The portal's own words carry no Chinese now, except the switch back and the data.
      const header = await page.locator('header').evaluate((h) => {
        const clone = h.cloneNode(true) as HTMLElement;
        clone.querySelectorAll('[lang=zh-CN], option').forEach((n) => n.remove());
        return clone.textContent ?? '';
      });
      expect(header).not.toMatch(/[\u4e00-\u9fff]/);
      // The elements follow the page and say so on their own content; Chinese data inside them is marked.
      await expect.poll(() => page.locator('egov-application-form').getAttribute('lang')).toBe('en');
      await expect.poll(() => page.locator('egov-certificate-lookup[mode=mine]').getAttribute('lang')).toBe('en');
      await expect.poll(() => page.locator('egov-certificate-lookup[mode=mine] dd[lang=zh-CN]').first().textContent(), { timeout: 15_000 }).toMatch(/[\u4e00-\u9fff]/);
    };
    await english();
    await expect.poll(() => page.locator('#session-status [lang=zh-CN]').textContent()).toBe('张三');
    await page.reload();
    await english();
    await expect.poll(() => page.locator('#session-status [lang=zh-CN]').textContent()).toBe('张三');
    // Another of the demo's pages opens in English too.
    await page.goto('/demo/applications.html');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Progress of my applications');
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('办件进度');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('办件进度');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(problems).toEqual([]);
  });

  it('the verify page a QR code opens speaks the chosen language too, with no script error', async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.addInitScript(() => localStorage.setItem('egov-demo-lang', 'en'));
    await page.goto('/verify');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Verify an electronic certificate');
    await expect.poll(() => page.locator('egov-certificate-lookup').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'Verify a certificate' }).getAttribute('aria-current')).toBe('page');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('tells an unreachable platform in English when English was chosen', async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    await page.addInitScript(() => localStorage.setItem('egov-demo-lang', 'en'));
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    await page.goto('/');
    const state = page.locator('#session-state');
    await expect.poll(() => state.evaluate((el) => el.shadowRoot?.textContent ?? '')).toContain('cannot be reached');
    await context.close();
  });

  for (const [label, viewport, lang] of [['desktop', { width: 1280, height: 900 }, 'zh-CN'], ['phone', { width: 375, height: 740 }, 'zh-CN'], ['desktop, English', { width: 1280, height: 900 }, 'en']] as const) {
    it(`has no axe violations as a whole page, signed in as a citizen (${label})`, async () => {
      // axe is injected as a script, which the page's own CSP would rightly refuse.
      const context = await browser.newContext({ baseURL: baseURL(), viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.addInitScript((chosen) => localStorage.setItem('egov-demo-lang', chosen), lang);
      await page.goto('/');
      await signInAs(page, 'citizen-001');
      await page.waitForFunction(() => document.querySelector('egov-certificate-lookup')?.shadowRoot?.querySelector('[part~=certificate]'));
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
        const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }, AXE_TAGS);
      expect(violations).toEqual([]);
      await context.close();
    });
  }
});
