import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, signInAs } from './browser';
import { verifyEnvelope, type SignatureEnvelope } from '../../src/core/crypto/envelope';

const PAYLOAD = { serviceCode: 'birth-registration', data: { childName: '张小明', birthDate: '2026-11-01' }, materials: [] };

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Puts an <egov-signature> on the demo portal, inside its provider, as a portal's own script would. */
async function addSignature(page: Page, attributes: Record<string, string> = {}) {
  await page.evaluate(({ payload, attributes }) => {
    const el = document.createElement('egov-signature') as HTMLElement & { payload: unknown };
    el.id = 'e2e-signature';
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    el.payload = payload;
    (window as unknown as { signedEnvelopes: unknown[] }).signedEnvelopes = [];
    el.addEventListener('egov-signed', (event) => (window as unknown as { signedEnvelopes: unknown[] }).signedEnvelopes.push((event as CustomEvent).detail.envelope));
    document.querySelector('#main')!.prepend(el);
  }, { payload: PAYLOAD, attributes });
  const el = page.locator('#e2e-signature');
  await expect.poll(() => el.evaluate((node) => (node as HTMLElement & { state: string }).state), { timeout: 15_000 }).toBe('unsigned');
  return el;
}

async function drawWithMouse(page: Page) {
  const pad = page.locator('#e2e-signature canvas[part=pad]');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 18, box.y + box.height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
  await page.mouse.up();
}

async function envelopes(page: Page): Promise<SignatureEnvelope[]> {
  return page.evaluate(() => (window as unknown as { signedEnvelopes: SignatureEnvelope[] }).signedEnvelopes);
}

async function keysOf(page: Page) {
  const token = await page.evaluate(() => (document.getElementById('provider') as HTMLElement & { token: string }).token);
  const response = await fetch(baseURL() + '/api/signing-keys', { headers: { Authorization: 'Bearer ' + token } });
  return ((await response.json()) as { items: Array<{ keyId: string; publicKey: string; kind: string }> }).items;
}

describe('<egov-signature> on the demo portal (one-file bundle, strict CSP, Trusted Types)', () => {
  it('signs with a browser key after the signer draws with the mouse; the envelope verifies and the key is registered', async () => {
    const { page, problems } = await openPage(browser);
    await signInAs(page, 'citizen-001');
    await addSignature(page, { locale: 'en' });
    await page.locator('#e2e-signature input[type=checkbox]').check();
    await drawWithMouse(page);
    await page.locator('#e2e-signature [part=sign-button]').click();
    await expect.poll(async () => (await envelopes(page)).length, { timeout: 15_000 }).toBe(1);
    const [envelope] = await envelopes(page);
    expect(envelope!.signerId).toBe('citizen-001');
    expect(await verifyEnvelope(PAYLOAD, envelope!)).toEqual({ valid: true });
    expect((await keysOf(page)).find((k) => k.keyId === envelope!.keyId)?.publicKey).toBe(envelope!.publicKey);
    await expect.poll(() => page.locator('#e2e-signature [part=result]').textContent()).toContain('Signed');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs remotely by keyboard alone (typed name), and drops the signature when the payload changes', async () => {
    const { page, problems } = await openPage(browser, '/', { viewport: { width: 375, height: 800 } });
    await signInAs(page, 'citizen-002');
    await addSignature(page, { signer: 'remote', locale: 'en' });
    await page.locator('#e2e-signature input[type=checkbox]').focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Type your name' }).focus();
    await page.keyboard.press('Enter');
    // The name field takes focus once it is drawn; keys typed before then would go elsewhere.
    await expect.poll(() => page.locator('#e2e-signature').evaluate((el) => el.shadowRoot?.activeElement?.getAttribute('part'))).toBe('typed-name');
    await page.keyboard.type('李 四');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await envelopes(page)).length, { timeout: 15_000 }).toBe(1);
    const [envelope] = await envelopes(page);
    expect(await verifyEnvelope(PAYLOAD, envelope!)).toEqual({ valid: true });
    expect((await keysOf(page)).find((k) => k.keyId === envelope!.keyId)?.kind).toBe('remote');
    await page.locator('#e2e-signature').evaluate((el) => {
      (el as HTMLElement & { payload: unknown }).payload = { changed: true };
    });
    await expect.poll(() => page.locator('#e2e-signature').evaluate((el) => (el as HTMLElement & { envelope: unknown }).envelope)).toBeNull();
    await expect.poll(() => page.locator('#e2e-signature .alert--warning').textContent()).toContain('changed after you signed');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('keeps the pad sharp on a high-DPI screen (devicePixelRatio 2) and redraws after a resize', async () => {
    const context = await browser.newContext({ baseURL: baseURL(), viewport: { width: 800, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto('/');
    await signInAs(page, 'citizen-001');
    await addSignature(page, { locale: 'en' });
    await drawWithMouse(page);
    const size = () => page.locator('#e2e-signature canvas[part=pad]').evaluate((canvas: HTMLCanvasElement) => ({
      backing: canvas.width,
      css: canvas.getBoundingClientRect().width,
      inked: (() => {
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      })(),
    }));
    const before = await size();
    expect(before.backing).toBe(Math.round(before.css * 2));
    expect(before.inked).toBeGreaterThan(100);
    await page.setViewportSize({ width: 420, height: 900 });
    await expect.poll(async () => { const s = await size(); return s.backing === Math.round(s.css * 2) && s.css < before.css; }).toBe(true);
    expect((await size()).inked).toBeGreaterThan(50);
    await context.close();
  });
});
