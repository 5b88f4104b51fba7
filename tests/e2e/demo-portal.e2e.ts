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

  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 740 }]] as const) {
    it(`has no axe violations as a whole page, signed in as a citizen (${label})`, async () => {
      // axe is injected as a script, which the page's own CSP would rightly refuse.
      const context = await browser.newContext({ baseURL: baseURL(), viewport, bypassCSP: true });
      const page = await context.newPage();
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
