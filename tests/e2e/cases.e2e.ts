import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { baseURL, launch, openPage, signInAs } from './browser';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

function smallPdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n'), Buffer.alloc(20_000, 0x20), Buffer.from('\n%%EOF\n')]);
}

const TIMEOUT = { timeout: 20_000 };

async function fillField(form: Locator, name: string, value: string): Promise<void> {
  await form.locator(`#f-${name}`).locator('input, textarea').first().fill(value);
}

async function continueStep(form: Locator, headingText: string): Promise<void> {
  await form.getByRole('button', { name: '保存并继续' }).click();
  await expect.poll(() => form.locator('.step-heading').textContent(), TIMEOUT).toContain(headingText);
}

/** From the service guide (where the form shows one first) through who is applying to the first question. */
async function startApplication(form: Locator): Promise<void> {
  const guide = form.getByRole('button', { name: '开始办理' });
  const identity = form.locator('[data-state=signed-in]');
  await expect.poll(async () => (await guide.count()) + (await identity.count()), TIMEOUT).toBeGreaterThan(0);
  if (await guide.count()) await guide.click();
  await expect.poll(() => identity.count(), TIMEOUT).toBe(1);
  await form.getByRole('button', { name: '开始填写' }).click();
}

/** Confirms the statement, types the name, signs, and submits. */
async function signAndSubmit(form: Locator, name: string): Promise<void> {
  await expect.poll(() => form.locator('egov-signature [part=sign-button]').count(), TIMEOUT).toBe(1);
  const signature = form.locator('egov-signature');
  await signature.locator('input[type=checkbox]').first().check();
  await signature.locator('.mode-switch-type').click();
  await signature.locator('[part=typed-name]').fill(name);
  await signature.locator('[part=typed-name]').press('Enter');
  await expect.poll(() => form.locator('[data-state=signed]').count(), TIMEOUT).toBe(1);
  await form.locator('.submit-button').click();
}

/** The officer's workbench: open the case by its reference, once its checks are done. */
async function openCase(page: Page, receiptNo: string): Promise<Locator> {
  const bench = page.locator('egov-case-workbench');
  await bench.getByRole('button', { name: new RegExp(receiptNo) }).click();
  await expect.poll(() => bench.locator('[part=case]').getAttribute('data-state'), TIMEOUT).toBe('checked');
  return bench;
}

async function decide(bench: Locator, action: string, status: string): Promise<void> {
  await bench.locator(`#decision-action-${action}`).check();
  await bench.locator('form[part=decision-form] button[type=submit]').click();
  await expect.poll(() => bench.locator('[part=case]').getAttribute('data-status'), TIMEOUT).toBe(status);
}

describe('an application decided by the agency, on the demo portal', () => {
  it('apply → correction requested → resubmitted → accepted and approved → the certificate in 我的证照 → verified', async () => {
    // 张三 applies for a birth registration on the portal.
    const citizen = await openPage(browser, '/');
    await signInAs(citizen.page, 'citizen-001');
    const form = citizen.page.locator('#apply egov-application-form');
    await startApplication(form);
    await expect.poll(() => form.locator('.step-heading').textContent(), TIMEOUT).toContain('新生儿信息');
    await fillField(form, 'childName', '张小明');
    await form.locator('#f-childSex input[value=male]').check();
    await fillField(form, 'childBirthDate', '2026-10-01');
    await fillField(form, 'birthPlace', '杭州市妇产科医院');
    await continueStep(form, '父母信息');
    await fillField(form, 'fatherName', '张三');
    await fillField(form, 'fatherIdNumber', '33010619900101123X');
    await fillField(form, 'motherName', '王芳');
    await fillField(form, 'motherIdNumber', '330102199203150021');
    await form.locator('#f-parentsMarried input[value=true]').check();
    await continueStep(form, '联系方式');
    await fillField(form, 'contactMobile', '13800138000');
    await fillField(form, 'address', '浙江省杭州市西湖区文三路 100 号');
    await fillField(form, 'postcode', '310012');
    await continueStep(form, '申请材料');
    await expect.poll(() => form.locator('[data-state=by-reference]').count(), TIMEOUT).toBe(2);
    await form.locator('#material-birth-medical-certificate').setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: smallPdf() });
    await expect.poll(() => form.locator('[data-state=uploaded]').count(), TIMEOUT).toBe(1);
    await continueStep(form, '核对');
    await form.getByRole('button', { name: /确认无误/ }).click();
    await expect.poll(() => form.locator('.step-heading').textContent(), TIMEOUT).toContain('签名');
    await signAndSubmit(form, '张三');
    await expect.poll(() => form.locator('.step-heading').textContent(), TIMEOUT).toContain('申请已提交');
    const receiptNo = ((await form.locator('.receipt__number').textContent()) ?? '').trim();
    expect(receiptNo.length).toBeGreaterThan(5);

    // 孙七 of the 公安厅 finds it in the queue and asks for the place of birth to be corrected.
    const officer = await openPage(browser, '/demo/officer.html');
    await signInAs(officer.page, 'officer-001');
    let bench = await openCase(officer.page, receiptNo);
    expect(await bench.locator('[part=signature-check]').getAttribute('data-status')).toBe('valid');
    expect(await bench.locator('[part=material] [data-seal=valid]').count()).toBe(2);
    await bench.locator('#decision-action-request_correction').check();
    const item = bench.locator('[data-item="path:/birthPlace"]');
    await item.locator('input[type=checkbox]').check();
    await item.locator('input[type=text]').fill('请填写出生医学证明上的医院全称');
    await bench.locator('form[part=decision-form] button[type=submit]').click();
    await expect.poll(() => bench.locator('[part=case]').getAttribute('data-status'), TIMEOUT).toBe('correction_requested');

    // 张三 sees the request in 我的办件, corrects the one answer, signs again and resubmits.
    await citizen.page.goto('/demo/applications.html');
    const mine = citizen.page.locator('egov-my-applications');
    await mine.getByRole('button', { name: new RegExp(receiptNo) }).click();
    await expect.poll(() => mine.locator('article[part=application]').getAttribute('data-status'), TIMEOUT).toBe('correction_requested');
    expect(await mine.locator('[part=correction]').textContent()).toContain('请填写出生医学证明上的医院全称');
    await mine.locator('[data-action=correct]').click();
    const correction = mine.locator('egov-application-form');
    await expect.poll(() => correction.locator('.correction-requests').count(), TIMEOUT).toBe(1);
    await startApplication(correction);
    await expect.poll(() => correction.locator('.step-heading').textContent(), TIMEOUT).toContain('补正内容');
    expect(await correction.locator('.field-wrapper').count()).toBe(1);
    await fillField(correction, 'birthPlace', '浙江大学医学院附属妇产科医院');
    await continueStep(correction, '核对');
    await correction.getByRole('button', { name: /确认无误/ }).click();
    await signAndSubmit(correction, '张三');
    await expect.poll(() => mine.locator('article[part=application]').getAttribute('data-status'), TIMEOUT).toBe('submitted');
    await expect.poll(() => mine.locator('[part=timeline] [data-action=resubmitted]').count(), TIMEOUT).toBe(1);

    // 孙七 sees version 2, its signature checked again, and accepts and approves it.
    await officer.page.reload();
    bench = await openCase(officer.page, receiptNo);
    expect(await bench.locator('[part=signature-check]').getAttribute('data-status')).toBe('valid');
    expect(await bench.locator('[part=answers]').textContent()).toContain('浙江大学医学院附属妇产科医院');
    await decide(bench, 'accept', 'accepted');
    await decide(bench, 'approve', 'approved');
    await expect.poll(() => bench.locator('[part=history] [data-action=certificate_issued]').count(), TIMEOUT).toBe(1);

    // The 出生登记证明 is in 张三's 我的证照, its seal checked in the browser.
    await citizen.page.goto('/#certificates');
    const certificates = citizen.page.locator('#certificates egov-certificate-lookup');
    const card = certificates.locator('[part=certificate]').filter({ hasText: '出生登记证明' });
    await expect.poll(() => card.count(), TIMEOUT).toBe(1);
    await card.getByRole('button').click();
    await expect.poll(() => certificates.locator('.verdict--valid').count(), TIMEOUT).toBe(1);
    const number = ((await certificates.locator('.facts .mono').first().textContent()) ?? '').trim();
    const code = ((await certificates.locator('.code').textContent()) ?? '').trim();

    // Anyone verifies it with its number and code.
    const verify = citizen.page.locator('#verify egov-certificate-lookup');
    await verify.locator('#verify-number').fill(number);
    await verify.locator('#verify-code').fill(code);
    await verify.locator('#verify-code').press('Enter');
    await expect.poll(() => verify.locator('[part=verify-result] [data-status]').getAttribute('data-status'), TIMEOUT).toBe('valid');

    expect(citizen.problems).toEqual([]);
    expect(officer.problems).toEqual([]);
  });

  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 375, height: 740 }]] as const) {
    it(`the officer's page and "my applications" have no axe violations and no sideways scroll (${label})`, async () => {
      for (const [path, subject, ready] of [
        ['/demo/officer.html', 'officer-001', 'egov-case-workbench tr[data-case]'],
        ['/demo/applications.html', 'citizen-001', 'egov-my-applications li[part=application]'],
      ] as const) {
        // axe is injected as a script, which the page's own CSP would rightly refuse.
        const context = await browser.newContext({ baseURL: baseURL(), viewport, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(path);
        await signInAs(page, subject);
        await page.locator(ready).first().waitFor({ timeout: 20_000 });
        await page.addScriptTag({ path: AXE });
        const violations = await page.evaluate(async (tags) => {
          const axe = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
          return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        }, AXE_TAGS);
        expect(violations, path).toEqual([]);
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, path).toBeLessThanOrEqual(0);
        await context.close();
      }
    });
  }
});
