import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { baseURL, launch, openPage, signInAs } from './browser';

// SPEC §8 on the demo portal, as the people of the Measures do it: a data steward catalogues
// the agency's data (Art. 16), the server keeps personal data out of open data (Art. 22), the
// data office reviews before publication (Art. 24–26), the public finds, previews, downloads
// and comments on it (Art. 24–27), and the agency answers.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const TIMEOUT = { timeout: 20_000 };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** axe over the whole page; the page must come from a context with `bypassCSP` (the page's CSP rightly refuses an injected script). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, AXE_TAGS);
}

const token = (page: Page) => page.evaluate(() => sessionStorage.getItem('egov-demo-token') ?? '');

/** The editor's entry, once it shows the status wanted. */
async function entryStatus(editor: Locator, status: string): Promise<void> {
  await expect.poll(() => editor.locator('article.entry').getAttribute('data-status'), TIMEOUT).toBe(status);
}

/** A text control inside one of the editor's fields (egov-input or egov-textarea). */
const control = (editor: Locator, id: string) => editor.locator(`#${id}`).locator('input, textarea').first();

/** Fills one row of the field table. */
async function fillRow(editor: Locator, index: number, field: { name: string; label: string; type: string; sensitivity: string }): Promise<void> {
  await editor.locator(`#field-${index}-name`).fill(field.name);
  await editor.locator(`#field-${index}-label`).fill(field.label);
  await editor.locator(`#field-${index}-type`).selectOption(field.type);
  await editor.locator(`#field-${index}-sensitivity`).selectOption(field.sensitivity);
}

const FIELDS = [
  { name: 'org_name', label: '机构名称', type: 'string', sensitivity: 'none' },
  { name: 'head_id', label: '负责人身份证号', type: 'string', sensitivity: 'id-number' },
  { name: 'report_date', label: '统计日期', type: 'date', sensitivity: 'none' },
  { name: 'beds', label: '床位数', type: 'integer', sensitivity: 'none' },
];
const CSV = '\uFEFForg_name,report_date,beds\n杭州市西湖区北山街道社区卫生服务中心,2026-10-31,48\n宁波市海曙区南门街道社区卫生服务中心,2026-10-31,36\n温州市鹿城区五马街道社区卫生服务中心,2026-10-31,52\n';

describe('agencies publish their own data, on the demo portal', () => {
  it('steward drafts with personal fields → opening refused → fixed → CSV imported → submitted → published → a citizen finds, previews, downloads and comments → the steward answers', async () => {
    const name = `基层医疗卫生机构床位月报 ${Date.now().toString(36).toUpperCase()}`;

    // 吴九, steward of 浙江省卫生健康委员会, drafts an open entry with a personal field among its fields.
    const steward = await openPage(browser, '/demo/steward.html');
    await signInAs(steward.page, 'steward-001');
    const editor = steward.page.locator('egov-catalog-editor');
    await editor.locator('#new-entry').click(TIMEOUT);
    await control(editor, 'entry-name').waitFor(TIMEOUT);
    await control(editor, 'entry-name').fill(name);
    await control(editor, 'entry-summary').fill('全省基层医疗卫生机构的床位数，按月统计。');
    await editor.locator('#entry-sharing select').selectOption('unconditional');
    await editor.locator('#entry-open select').selectOption('open');
    await editor.locator('#entry-updateFrequency select').selectOption('monthly');
    await control(editor, 'entry-domain').fill('卫生健康');
    await control(editor, 'entry-formats').fill('csv, json');
    for (let i = 0; i < FIELDS.length; i++) {
      if ((await editor.locator(`#field-${i}-name`).count()) === 0) await editor.locator('#field-add').click();
      await fillRow(editor, i, FIELDS[i]!);
    }
    await editor.locator('#save').click();
    // Refused: open data holds no personal data (Art. 22), the ID-number field named.
    await expect.poll(() => editor.locator('#field-1-sensitivity-error, [id^=field-1-][id$=-error]').first().textContent(), TIMEOUT).toBeTruthy();
    expect(await editor.locator('article.entry').getAttribute('data-status')).toBe('new');
    // The server itself refuses it too, naming the field, whatever a page lets through.
    const refused = await steward.page.request.post('/api/catalog/entries', {
      headers: { Authorization: `Bearer ${await token(steward.page)}` },
      data: { name, summary: 'x', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', formats: [], domain: '', tags: [], fields: FIELDS.map((f) => ({ ...f, description: '' })) },
    });
    expect(refused.status()).toBe(422);
    const problem = (await refused.json()) as { error: { code: string; fields: Array<{ path: string }> } };
    expect(problem.error.code).toBe('VALIDATION_FAILED');
    expect(problem.error.fields.map((f) => f.path)).toContain('fields[1].sensitivity');

    // The steward takes the personal field out and saves the draft.
    await editor.locator('#field-1-remove').click();
    await expect.poll(() => editor.locator('#field-3-name').count()).toBe(0);
    expect(await editor.locator('#field-1-name').inputValue()).toBe('report_date');
    await editor.locator('#save').click();
    await entryStatus(editor, 'draft');
    const id = (await editor.locator('.facts .mono').first().textContent())!.trim();
    expect(id).toMatch(/^330000-WJ-/);

    // Imports the data as CSV (UTF-8 with BOM, header = field names).
    await editor.locator('#import-file').setInputFiles({ name: 'beds.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8') });
    await editor.locator('#import').click();
    await expect.poll(() => editor.locator('[data-imported]').getAttribute('data-imported'), TIMEOUT).toBe('3');

    // Submits it for review.
    await editor.locator('#submit').click();
    await entryStatus(editor, 'submitted');

    // 郑十 of the data office examines legality, privacy and security (Art. 26) and publishes.
    const office = await openPage(browser, '/demo/office.html');
    await signInAs(office.page, 'office-001');
    const queue = office.page.locator('egov-catalog-editor');
    await queue.locator(`button[data-open="${id}"]`).click();
    await entryStatus(queue, 'submitted');
    for (const check of ['legality', 'privacy', 'security']) await queue.locator(`#check-${check} input`).check();
    await queue.locator('#review-decision-publish').check();
    await queue.locator('#review-submit').click();
    await entryStatus(queue, 'published');

    // 张三 finds it in the open catalog at once.
    const citizen = await openPage(browser, '/');
    await signInAs(citizen.page, 'citizen-001');
    const catalog = citizen.page.locator('#catalog egov-catalog-browser');
    await catalog.locator('[part=search-input]').fill(name);
    await catalog.locator('[part=search-input]').press('Enter');
    const link = catalog.locator('[part=result-item] a.item-link', { hasText: name });
    await link.waitFor(TIMEOUT);
    await link.click();
    await expect.poll(() => catalog.locator('#detail-heading').textContent(), TIMEOUT).toBe(name);

    // Previews its rows…
    const rows = catalog.locator('[part=data-preview] tbody tr');
    await expect.poll(() => rows.count(), TIMEOUT).toBe(3);
    expect(await catalog.locator('[part=data-preview] thead th').allTextContents()).toEqual(['机构名称', '统计日期', '床位数']);
    expect(await rows.first().textContent()).toContain('杭州市西湖区北山街道社区卫生服务中心');

    // …downloads them as CSV…
    const [download] = await Promise.all([
      citizen.page.waitForEvent('download'),
      catalog.locator('[part=data-download] a', { hasText: 'CSV' }).first().click(),
    ]);
    const file = await readFile((await download.path())!, 'utf8');
    expect(file).toContain('宁波市海曙区南门街道社区卫生服务中心');
    expect(file.trim().split(/\r?\n/)).toHaveLength(4);

    // …and comments.
    const comments = catalog.locator('[part=comments]');
    await comments.locator('.comment-form textarea').fill('能否再增加按县（市、区）汇总的数据？');
    await comments.locator('.comment-form button[type=submit]').click();
    const question = comments.locator('.comment', { hasText: '能否再增加按县（市、区）汇总的数据？' });
    await question.waitFor(TIMEOUT);
    // Signed with the surname only: 张三 did not tick “公开显示我的姓名”.
    expect(await question.locator('.comment__author').textContent()).toBe('张*');

    // 吴九 answers on the steward's page, in the agency's name.
    const open = steward.page.locator('#comments egov-catalog-browser');
    await open.locator('[part=search-input]').fill(name);
    await open.locator('[part=search-input]').press('Enter');
    await open.locator('[part=result-item] a.item-link', { hasText: name }).click();
    const thread = open.locator('[part=comments] li.comment', { hasText: '能否再增加按县（市、区）汇总的数据？' });
    await thread.locator('.comment__answer').click();
    await thread.locator('.answer-form textarea').fill('感谢建议，下一版本将按县（市、区）汇总。');
    await thread.locator('.answer-form button[type=submit]').click();
    const answer = thread.locator('.answers .comment--agency');
    await answer.waitFor(TIMEOUT);
    expect(await answer.locator('.agency-tag').textContent()).toBe('提供单位答复');

    // The citizen sees the answer under the comment, marked as the agency's.
    await citizen.page.reload();
    const again = citizen.page.locator('#catalog egov-catalog-browser [part=comments] li.comment', { hasText: '能否再增加按县（市、区）汇总的数据？' });
    await again.locator('.answers .comment--agency').waitFor(TIMEOUT);
    expect(await again.locator('.answers .comment--agency').textContent()).toContain('浙江省卫生健康委员会');

    for (const { problems } of [steward, office, citizen]) expect(problems).toEqual([]);
    await Promise.all([steward.page.context().close(), office.page.context().close(), citizen.page.context().close()]);
  });

  it('the steward’s and the data office’s pages follow the language switch and sign in like the others', async () => {
    for (const [path, subject, zh, en] of [
      ['/demo/steward.html', 'steward-001', '本单位数据编目', "My agency's data catalogue"],
      ['/demo/office.html', 'office-001', '目录审核', 'Catalogue review'],
    ] as const) {
      const { page, problems } = await openPage(browser, path);
      await signInAs(page, subject);
      await expect.poll(() => page.locator('#session-status [lang=zh-CN]').textContent()).toBeTruthy();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(zh);
      expect(await page.getByRole('navigation', { name: '主导航' }).locator('[aria-current=page]').count()).toBe(1);
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(en);
      await expect.poll(() => page.locator('egov-catalog-editor').getAttribute('lang')).toBe('en');
      expect(await page.title()).toContain('Zhejiang Government Services');
      // The identity list names the steward and the data office in English.
      expect(await page.locator('#subject-select option[value=steward-001]').textContent()).toContain('data steward');
      expect(await page.locator('#subject-select option[value=office-001]').textContent()).toContain('data office');
      if (path === '/demo/steward.html') {
        // The open catalog of the steward's page, its comments part included, in English from the built bundle.
        const catalog = page.locator('#comments egov-catalog-browser');
        await catalog.locator('[part=result-item] a.item-link').first().click(TIMEOUT);
        await expect.poll(() => catalog.locator('#comments-heading').textContent(), TIMEOUT).toMatch(/^Public comments/);
        await expect.poll(() => catalog.locator('[part=comments] egov-textarea label').first().textContent(), TIMEOUT).toContain('Your comment');
      }
      await page.getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(zh);
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 740 }]] as const) {
    it(`the steward's and the data office's pages have no axe violations and no sideways scroll (${label})`, async () => {
      for (const [path, subject, ready] of [
        ['/demo/steward.html', 'steward-001', 'egov-catalog-editor #list-heading'],
        ['/demo/office.html', 'office-001', 'egov-catalog-editor #list-heading'],
      ] as const) {
        const context = await browser.newContext({ baseURL: baseURL(), viewport, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(path);
        await signInAs(page, subject);
        await page.locator(ready).first().waitFor(TIMEOUT);
        if (path === '/demo/steward.html') await page.locator('#comments egov-catalog-browser [part=result-item]').first().waitFor(TIMEOUT);
        expect(await axeViolations(page), path).toEqual([]);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, path).toBeLessThanOrEqual(0);
        await context.close();
      }
    });
  }
});
