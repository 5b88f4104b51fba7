import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { CHROME_ARGS, CHROME_PATH } from '../support/chromium.mjs';

export const baseURL = (): string => inject('baseURL');

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROME_PATH, headless: true, args: CHROME_ARGS });
}

/** A new page that fails the test on any CSP or Trusted Types violation and on uncaught errors. */
export async function openPage(browser: Browser, path = '/', options: { viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ baseURL: baseURL(), viewport: options.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push('pageerror: ' + error.message));
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|TrustedHTML|Trusted Type/i.test(text)) problems.push('csp: ' + text);
  });
  await page.goto(path);
  return { page, problems };
}

/** Signs in with the demo portal's switcher, as a user would: choose the identity, then press the sign-in button. */
export async function signInAs(page: Page, subjectId: string): Promise<void> {
  await page.locator('#subject-select:not([disabled])').waitFor();
  await page.selectOption('#subject-select', subjectId);
  await page.click('#sign-in-button');
  await page.waitForFunction((id) => sessionStorage.getItem('egov-demo-subject')?.includes(id), subjectId);
}
