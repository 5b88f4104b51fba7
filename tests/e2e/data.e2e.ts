import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { launch, openPage, signInAs } from './browser';
import { catalogSeed, FIXED_ENTRY_COUNT } from '../../server/seed/data/catalog';

// SPEC §7 on the demo portal: a grant from request to call to the access log.

const SEED = catalogSeed();
/** A restricted entry of 浙江省公安厅 that the other flows leave alone. */
const entry = SEED.slice(FIXED_ENTRY_COUNT).filter((i) => i.sharing === 'restricted' && i.open === 'closed' && i.agency.code === '330000-GA').at(-1)!;
/** A non-shared entry of 浙江省公安厅 with names in it, likewise. */
const nonShared = SEED.slice(FIXED_ENTRY_COUNT).filter((i) => i.sharing === 'none' && i.open === 'closed' && i.agency.code === '330000-GA' && (i.fields ?? []).some((f) => f.label.endsWith('姓名'))).at(-1)!;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const sharingCatalog = (page: Page) => page.locator('#sharing egov-catalog-browser');

async function openEntry(catalog: Locator, which = entry): Promise<void> {
  await catalog.locator('.results egov-async-state[state=idle]').waitFor();
  await catalog.locator('[part=search-input]').fill(which.name);
  await catalog.locator('[part=search-input]').press('Enter');
  const link = catalog.locator(`.item-link[data-id="${which.id}"]`);
  await link.waitFor();
  await link.click();
  await catalog.locator('[part=detail] .facts').waitFor();
}

describe('data delivery on the demo portal', () => {
  it('takes staff-001 from a request to a grant, a call, and reviewer-001’s access log with the chain intact', async () => {
    const { page, problems } = await openPage(browser);
    await signInAs(page, 'staff-001');
    await page.locator('#sharing').waitFor({ state: 'visible' });
    const catalog = sharingCatalog(page);
    await openEntry(catalog);
    // No grant yet: no data.
    await catalog.locator('.data-no-grant').waitFor();
    expect(await catalog.locator('[part=data-preview]').count()).toBe(0);
    const form = catalog.locator('[part=access-request-form]');
    const purpose = `端到端：核验户籍信息 ${Date.now()}`;
    await form.locator('#req-purpose').fill(purpose);
    await form.locator('#req-legalBasis').fill('《浙江省公共数据和电子政务管理办法》第二十二条');
    await form.locator('button[type=submit]').click();
    await catalog.locator('.request-outcome.alert--info').waitFor();

    // reviewer-001 approves it.
    await signInAs(page, 'reviewer-001');
    await catalog.locator('.view-tab[data-view=review]').click();
    const card = catalog.locator('.review-list .card', { hasText: purpose });
    await card.waitFor();
    await card.getByRole('button', { name: '通过' }).click();
    await card.locator('.badge--approved').waitFor();

    // staff-001 sees the grant in the list of requests and in the entry, and runs the call.
    await signInAs(page, 'staff-001');
    await catalog.locator('.view-tab[data-view=requests]').click();
    const row = catalog.locator('.requests tbody tr', { hasText: entry.name }).filter({ has: page.locator('.badge--approved') });
    await expect.poll(() => row.first().locator('.grant-line').textContent(), { timeout: 10_000 }).toContain('有效期至');
    await catalog.locator('.view-tab[data-view=catalog]').click();
    // The entry is still open from before the sign-ins (or opened again).
    if (!(await catalog.locator('[part=detail]').count())) await openEntry(catalog);
    const facts = catalog.locator('.grant-facts');
    await facts.waitFor();
    expect(await facts.textContent()).toContain('仅限接口调用');
    await catalog.locator('[part=data-preview] tbody tr').first().waitFor();
    // Restricted, not non-shared: the data is given as it is (Art. 22 masks only non-shared data).
    expect(await catalog.locator('[part=data-preview] .masked-tag').count()).toBe(0);
    await expect.poll(() => catalog.locator('.call-url').textContent()).toContain('filter.');
    const example = (await catalog.locator('.call-url').textContent())!.replace(/^GET /, '');
    await catalog.locator('.call-try').click();
    await catalog.locator('.preview-query').waitFor();
    await catalog.locator('[part=data-preview] egov-async-state[state=idle]').waitFor();
    const [, value] = [...new URL(example).searchParams].find(([k]) => k.startsWith('filter.'))!;
    const shownRows = catalog.locator('[part=data-preview] tbody tr');
    await expect.poll(() => shownRows.first().textContent()).toContain(value);
    const shown = await shownRows.count();
    expect(shown).toBeGreaterThan(0);
    for (const text of await shownRows.allTextContents()) expect(text).toContain(value);

    // reviewer-001 sees that call in the access log, and the chain holds.
    await signInAs(page, 'reviewer-001');
    await catalog.locator('.view-tab[data-view=log]').click();
    const log = catalog.locator('[part=access-log]');
    await log.locator('.chain-status--ok').waitFor();
    const filter = [...new URL(example).searchParams].find(([k]) => k.startsWith('filter.'))!;
    // The newest record comes first: the call just made.
    const record = log.locator('tbody tr', { hasText: entry.id }).first();
    await record.waitFor();
    // Columns: time, caller, entry, purpose, call, fields, rows, hash (after the sequence number).
    const cells = record.locator('td');
    expect(await cells.nth(1).textContent()).toContain('staff-001');
    expect(await cells.nth(3).textContent()).toBe(purpose);
    expect(await cells.nth(4).textContent()).toContain('/rows');
    expect(await cells.nth(6).textContent()).toBe(String(shown));
    expect(filter[1]).not.toBe('');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('gives non-shared data only desensitised: names masked to the surname, masked columns marked (Art. 22)', async () => {
    const { page, problems } = await openPage(browser);
    await signInAs(page, 'staff-001');
    await page.locator('#sharing').waitFor({ state: 'visible' });
    const catalog = sharingCatalog(page);
    await openEntry(catalog, nonShared);
    const form = catalog.locator('[part=access-request-form]');
    const purpose = `端到端：综合治理统计分析 ${Date.now()}`;
    await form.locator('#req-purpose').fill(purpose);
    await form.locator('#req-legalBasis').fill('《浙江省公共数据和电子政务管理办法》第二十二条');
    await form.locator('#req-desensitized').check();
    await form.locator('button[type=submit]').click();
    await catalog.locator('.request-outcome.alert--info').waitFor();

    await signInAs(page, 'reviewer-001');
    await catalog.locator('.view-tab[data-view=review]').click();
    const card = catalog.locator('.review-list .card', { hasText: purpose });
    await card.getByRole('button', { name: '通过' }).click();
    await card.locator('.badge--approved').waitFor();

    await signInAs(page, 'staff-001');
    // Once the element knows staff-001 is back, it shows the catalog with the entry still open.
    await catalog.locator('.view-tab[data-view=requests]').waitFor();
    await catalog.locator('.view-tab[data-view=catalog]').click();
    if (!(await catalog.locator('[part=detail]').count())) await openEntry(catalog, nonShared);
    await catalog.locator('.grant-facts', { hasText: '是，个人信息已脱敏' }).waitFor();
    await catalog.locator('[part=data-preview] tbody tr').first().waitFor();
    const headers = await catalog.locator('[part=data-preview] thead th').allTextContents();
    const nameColumn = headers.findIndex((h) => h.startsWith(nonShared.fields!.find((f) => f.label.endsWith('姓名'))!.label));
    expect(headers[nameColumn]).toContain('已脱敏');
    const names = await catalog.locator(`[part=data-preview] tbody tr > :nth-child(${nameColumn + 1})`).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.trim()).toMatch(/^\p{Script=Han}+\*+$/u);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
