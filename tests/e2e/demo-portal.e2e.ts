import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, openPage, signInAs } from './browser';

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
});
