import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseURL, launch } from './browser';

/**
 * The demo portal as Chromium receives it from the reference backend (SPEC §5): the bundle
 * and the pages compressed with brotli, API answers with gzip, and the catalog's first results
 * page preloaded by the page and used by the element (one request, not two).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('the demo portal as served', () => {
  it('arrives compressed, and the catalog takes its first page from the preload', async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    const responses: Response[] = [];
    const catalogRequests: string[] = [];
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => responses.push(response));
    page.on('request', (request) => {
      if (request.url().includes('/api/catalog/items?')) catalogRequests.push(request.url());
    });
    await page.goto('/');
    await page.locator('#catalog egov-catalog-browser [part~=result-item]').first().waitFor();

    const find = (path: string) => responses.find((r) => new URL(r.url()).pathname === path);
    const bundle = find('/egov-elements.js')!;
    expect(bundle, 'the bundle was loaded').toBeTruthy();
    const bundleHeaders = await bundle.allHeaders();
    expect(bundleHeaders['content-encoding']).toBe('br');
    expect(bundleHeaders.vary).toMatch(/accept-encoding/i);
    expect(bundleHeaders['cache-control']).toBe('no-cache');
    expect((await find('/')!.allHeaders())['content-encoding']).toBe('br');

    const catalog = responses.find((r) => r.url().includes('/api/catalog/items?'))!;
    expect((await catalog.allHeaders())['content-encoding']).toBe('gzip');
    // The preload in the page's head is the request the element used: no second one.
    expect(catalogRequests).toEqual([expect.stringMatching(/\/api\/catalog\/items\?scope=open&page=1&pageSize=20&sort=relevance$/)]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
