import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage, signInAs } from './browser';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';

const SEED = catalogSeed();
const restricted = SEED.find((i) => i.id === SEED_IDS.restrictedGA)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const openCatalog = (page: Page) => page.locator('#catalog egov-catalog-browser');
const sharingCatalog = (page: Page) => page.locator('#sharing egov-catalog-browser');
const resultNames = (catalog: Locator) => catalog.locator('[part=result-item] .item-link').allTextContents();
const params = (page: Page) => new URL(page.url()).searchParams;

async function idle(catalog: Locator): Promise<void> {
  await catalog.locator('.results egov-async-state[state=idle]').waitFor();
  await catalog.locator('[part=result-item]').first().waitFor();
}

describe('the catalog on the demo portal', () => {
  it('lets a citizen search the open catalog, and links, reload and back/forward restore what they saw', async () => {
    const { page, problems } = await openPage(browser);
    const catalog = openCatalog(page);
    await idle(catalog);
    await catalog.locator('[part=search-input]').fill('信息');
    await expect.poll(() => params(page).get('q')).toBe('信息');
    await idle(catalog);
    await catalog.locator('fieldset[data-facet=sharing] input[value=unconditional]').check();
    await expect.poll(() => params(page).getAll('sharing')).toEqual(['unconditional']);
    await idle(catalog);
    const filtered = await resultNames(catalog);
    expect(filtered.length).toBeGreaterThan(0);
    for (const name of filtered) expect(SEED.find((i) => i.name === name)?.sharing).toBe('unconditional');

    // Open formats (Art. 27) download under the portal's strict CSP with Trusted Types.
    const [download] = await Promise.all([page.waitForEvent('download'), catalog.locator('.results .exports button').first().click()]);
    expect(download.suggestedFilename()).toMatch(/^catalog-.*\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toContain(filtered[0]!);

    // A reload restores the search, the filter and the results.
    await page.reload();
    await idle(openCatalog(page));
    await expect.poll(() => catalog.locator('[part=search-input]').inputValue()).toBe('信息');
    expect(await catalog.locator('fieldset[data-facet=sharing] input[value=unconditional]').isChecked()).toBe(true);
    expect(await resultNames(catalog)).toEqual(filtered);

    // Open an entry: it is in the URL; back closes it, back again removes the filter.
    const first = catalog.locator('[part=result-item] .item-link').first();
    const id = await first.getAttribute('data-id');
    await first.click();
    await catalog.locator('[part=detail] table').first().waitFor();
    expect(params(page).get('item')).toBe(id);
    await page.goBack();
    await catalog.locator('[part=detail]').waitFor({ state: 'detached' });
    expect(params(page).get('item')).toBeNull();
    await page.goBack();
    await expect.poll(() => catalog.locator('fieldset[data-facet=sharing] input[value=unconditional]').isChecked()).toBe(false);
    await page.goForward();
    await expect.poll(() => catalog.locator('fieldset[data-facet=sharing] input[value=unconditional]').isChecked()).toBe(true);
    // The sharing catalog is not offered to a citizen.
    await signInAs(page, 'citizen-001');
    expect(await page.locator('#sharing').isHidden()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('takes a restricted request from staff-001 to reviewer-001’s approval', async () => {
    const { page, problems } = await openPage(browser);
    await signInAs(page, 'staff-001');
    await page.locator('#sharing').waitFor({ state: 'visible' });
    const catalog = sharingCatalog(page);
    await idle(catalog);
    // All three sharing classes are in the sharing catalog.
    for (const value of ['unconditional', 'restricted', 'none']) await catalog.locator(`fieldset[data-facet=sharing] input[value=${value}]`).waitFor();

    await catalog.locator('[part=search-input]').fill(restricted.name);
    await catalog.locator('[part=search-input]').press('Enter');
    const link = catalog.locator(`.item-link[data-id="${SEED_IDS.restrictedGA}"]`);
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    const form = catalog.locator('[part=access-request-form]');
    await form.waitFor();
    const purpose = `端到端：办理出生登记时核验户籍信息 ${Date.now()}`;
    await form.locator('#req-purpose').fill(purpose);
    await form.locator('#req-legalBasis').fill('《浙江省公共数据和电子政务管理办法》第二十二条');
    const sent = page.evaluate(
      () => new Promise<{ status: string; requestId: string }>((resolve) => document.addEventListener('egov-access-request', (e) => resolve((e as CustomEvent).detail), { once: true })),
    );
    await form.locator('button[type=submit]').click();
    const detail = await sent;
    expect(detail.status).toBe('pending');
    await catalog.locator('.request-outcome').waitFor();

    // The reviewer of 浙江省公安厅 signs in and approves it.
    await signInAs(page, 'reviewer-001');
    const tab = catalog.locator('.view-tab', { hasText: '待我审核' });
    await tab.click();
    const card = catalog.locator('.review-list .card', { hasText: purpose });
    await card.waitFor();
    await card.locator('textarea').fill('符合共享条件，同意');
    await card.getByRole('button', { name: '通过' }).click();
    await card.locator('.badge--approved').waitFor();

    // staff-001 sees it approved.
    await signInAs(page, 'staff-001');
    await catalog.locator('.view-tab', { hasText: '我的申请' }).click();
    const row = catalog.locator('.requests tbody tr', { hasText: restricted.name }).filter({ has: page.locator('.badge--approved') });
    await row.first().waitFor();
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
