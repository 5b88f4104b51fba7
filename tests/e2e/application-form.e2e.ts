import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

interface Focused {
  /** Ids of the focused element and of the shadow hosts around it, outermost first. */
  ids: string[];
  id: string;
  tag: string;
  text: string;
  className: string;
  type: string;
  part: string;
}

/** The focused element, looking through shadow roots. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let node = document.activeElement as HTMLElement | null;
    const ids: string[] = [];
    while (node?.shadowRoot?.activeElement) {
      ids.push(node.id);
      node = node.shadowRoot.activeElement as HTMLElement;
    }
    ids.push(node?.id ?? '');
    return {
      ids,
      id: node?.id ?? '',
      tag: node?.localName ?? '',
      text: (node?.textContent ?? '').trim().slice(0, 60),
      className: typeof node?.className === 'string' ? node.className : '',
      type: (node as HTMLInputElement | null)?.type ?? '',
      part: node?.getAttribute('part') ?? '',
    };
  });
}

/** Presses Tab until the focused element matches, failing after a sensible number of presses. */
async function tabTo(page: Page, matches: (f: Focused) => boolean, what: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}; focus is on ${JSON.stringify(await focused(page))}`);
}

const field = (name: string) => (f: Focused) => f.ids.includes(`f-${name}`);
const button = (text: string) => (f: Focused) => f.tag === 'button' && f.text.includes(text);

async function typeField(page: Page, name: string, text: string): Promise<void> {
  await tabTo(page, field(name), name);
  await page.keyboard.type(text);
}

const form = (page: Page) => page.locator('egov-application-form');
const heading = (page: Page) => form(page).locator('.step-heading');

function smallPdf(): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n'), Buffer.alloc(20_000, 0x20), Buffer.from('\n%%EOF\n')]);
}

describe('the birth-registration application on the demo portal', () => {
  it('goes from sign-in to a receipt by keyboard alone, survives a reload, and the receipt is on file', async () => {
    const { page, problems } = await openPage(browser, '/');
    const steps: string[] = [];
    await page.exposeFunction('recordStep', (step: string) => steps.push(step));
    const listen = () => {
      document.addEventListener('egov-step-change', (e) => {
        const detail = (e as CustomEvent<{ step: string; section?: string }>).detail;
        void (window as unknown as { recordStep(s: string): void }).recordStep(detail.section ? `form:${detail.section}` : detail.step);
      });
    };
    // The portal's listener, on this page and after the reload.
    await page.evaluate(listen);
    await page.addInitScript(listen);

    // Sign in with the portal's own switcher, from the keyboard.
    await page.locator('#subject-select:not([disabled])').waitFor();
    await page.focus('#subject-select');
    await page.keyboard.press('ArrowDown');
    // The arrow key only chooses; the sign-in button signs in.
    expect(await page.evaluate(() => sessionStorage.getItem('egov-demo-subject'))).toBeNull();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => sessionStorage.getItem('egov-demo-subject')?.includes('citizen-001'), undefined, { timeout: 10_000 });

    // The service guide first (SPEC §2 guide): read it, then "开始办理".
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('办事指南');
    await form(page).locator('.step-heading').focus();
    await tabTo(page, button('开始办理'), "the guide's start button");
    await page.keyboard.press('Enter');

    await expect.poll(() => form(page).locator('[data-state=signed-in]').count(), { timeout: 15_000 }).toBe(1);
    await expect(form(page).locator('[data-state=signed-in]').textContent()).resolves.toContain('张三');

    // Identity → the child.
    await form(page).locator('.step-heading').focus();
    await tabTo(page, button('开始填写'), 'the start button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toContain('新生儿信息');
    expect((await focused(page)).className).toContain('step-heading');

    await typeField(page, 'childName', '张小明');
    await tabTo(page, field('childSex'), 'the sex radio');
    await page.keyboard.press('Space');
    await typeField(page, 'childBirthDate', '2026-10-01');
    await typeField(page, 'birthPlace', '浙江大学医学院附属妇产科医院');
    await tabTo(page, button('保存并继续'), 'continue');
    await page.keyboard.press('Enter');

    // The parents.
    await expect.poll(() => heading(page).textContent()).toContain('父母信息');
    await typeField(page, 'fatherName', '张三');
    await typeField(page, 'fatherIdNumber', '33010619900101123X');
    await typeField(page, 'motherName', '王芳');
    await typeField(page, 'motherIdNumber', '330102199203150021');
    await tabTo(page, field('parentsMarried'), 'the married radio');
    await page.keyboard.press('Space');
    await tabTo(page, button('保存并继续'), 'continue');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent()).toContain('联系方式');
    await typeField(page, 'contactMobile', '13800138000');

    // A reload in the middle: the same step, every answer.
    await page.waitForTimeout(500);
    await page.reload();
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('联系方式');
    await expect(form(page).locator('#f-contactMobile input').inputValue()).resolves.toBe('13800138000');
    await form(page).locator('.step-heading').focus();
    await typeField(page, 'address', '浙江省杭州市西湖区文三路 100 号');
    await typeField(page, 'postcode', '310012');
    await tabTo(page, button('保存并继续'), 'continue');
    await page.keyboard.press('Enter');

    // Materials: the hukou and marriage certificate come from the platform (Art. 32).
    await expect.poll(() => heading(page).textContent()).toContain('申请材料');
    await expect.poll(() => form(page).locator('[data-state=by-reference]').count(), { timeout: 15_000 }).toBe(2);
    await tabTo(page, (f) => f.id === 'material-birth-medical-certificate', 'the file input');
    // Space on a file input opens the chooser; Enter does too, should a re-render have eaten the key.
    let chooser = page.waitForEvent('filechooser', { timeout: 8_000 });
    await page.keyboard.press('Space');
    chooser = chooser.catch(async () => {
      await tabTo(page, (f) => f.id === 'material-birth-medical-certificate', 'the file input');
      const again = page.waitForEvent('filechooser', { timeout: 8_000 });
      await page.keyboard.press('Enter');
      return again;
    });
    await (await chooser).setFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: smallPdf() });
    await expect.poll(() => form(page).locator('[data-state=uploaded]').count(), { timeout: 15_000 }).toBe(1);
    await form(page).locator('.step-heading').focus();
    await tabTo(page, button('保存并继续'), 'continue');
    await page.keyboard.press('Enter');

    // Check your answers.
    await expect.poll(() => heading(page).textContent()).toContain('核对');
    const review = await form(page).locator('[part=review]').textContent();
    expect(review).toContain('张小明');
    expect(review).toContain('33010619900101123X');
    await tabTo(page, button('确认无误'), 'confirm');
    await page.keyboard.press('Enter');

    // Sign: confirm the statement, type the name, Enter.
    await expect.poll(() => heading(page).textContent()).toContain('签名');
    await expect.poll(() => form(page).locator('egov-signature [part=sign-button]').count(), { timeout: 15_000 }).toBe(1);
    await tabTo(page, (f) => f.tag === 'input' && f.type === 'checkbox', 'the signing statement');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.className.includes('mode-switch-type'), 'type-your-name');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).part).toBe('typed-name');
    await page.keyboard.type('张三');
    await page.keyboard.press('Enter');
    await expect.poll(() => form(page).locator('[data-state=signed]').count(), { timeout: 15_000 }).toBe(1);

    // Submit: focus is already on the submit button.
    await expect.poll(async () => (await focused(page)).className).toContain('submit-button');
    await page.keyboard.press('Enter');
    await expect.poll(() => heading(page).textContent(), { timeout: 15_000 }).toContain('申请已提交');
    const receiptNo = ((await form(page).locator('.receipt__number').textContent()) ?? '').trim();
    expect(receiptNo.length).toBeGreaterThan(5);

    const listed = await page.evaluate(async () => {
      const token = sessionStorage.getItem('egov-demo-token');
      const response = await fetch('/api/applications', { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.json();
      return (Array.isArray(body) ? body : body.items).map((a: { receiptNo: string }) => a.receiptNo) as string[];
    });
    expect(listed).toContain(receiptNo);
    await expect.poll(() => form(page).locator(`[data-receipt="${receiptNo}"]`).count(), { timeout: 10_000 }).toBe(1);
    expect(steps).toEqual(['identity', 'form:child', 'form:parents', 'form:contact', 'form:contact', 'materials', 'review', 'signature', 'receipt']);
    expect(problems).toEqual([]);
  });
});
