import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseURL, launch, openPage, signInAs } from './browser';
import { CERTIFICATE_SEEDS } from '../../server/seed/data/certificates';

const HUKOU = CERTIFICATE_SEEDS.find((s) => s.id === 'cert-hukou-001')!;
const REVOKED = CERTIFICATE_SEEDS.find((s) => s.id === 'cert-marriage-002')!;
const ZHANG_SEEDED = CERTIFICATE_SEEDS.filter((s) => s.holderSubjectId === 'citizen-001');
/** A string only sm-crypto-v2's code holds: the mark of the SM2/SM3 chunk. */
const SM_CRYPTO_MARK = 'no available csprng';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Every script the page fetched, with its text. */
function recordScripts(page: Page): Array<{ url: string; text: Promise<string> }> {
  const scripts: Array<{ url: string; text: Promise<string> }> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), text: response.text().catch(() => '') });
  });
  return scripts;
}

async function loadedSmCrypto(scripts: Array<{ text: Promise<string> }>): Promise<boolean> {
  const texts = await Promise.all(scripts.map((s) => s.text));
  return texts.some((t) => t.includes(SM_CRYPTO_MARK));
}

describe('certificates on the demo portal (one-file bundle, strict CSP, Trusted Types)', () => {
  it('a page with only the catalog never downloads the crypto chunk', async () => {
    const context = await browser.newContext({ baseURL: baseURL() });
    const page = await context.newPage();
    await page.route('**/catalog-only.html', (route) => route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><script type="module" src="/egov-elements.js"></script></head><body><egov-catalog-browser mode="open"></egov-catalog-browser></body></html>',
    }));
    const scripts = recordScripts(page);
    await page.goto('/catalog-only.html');
    await page.waitForFunction(() => customElements.get('egov-catalog-browser'));
    await page.locator('egov-catalog-browser [part=result-item]').first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState('networkidle');
    expect(scripts.some((s) => s.url.endsWith('/egov-elements.js'))).toBe(true);
    expect(await loadedSmCrypto(scripts)).toBe(false);
    await context.close();
  });

  it('a citizen opens a certificate: the seal is checked in the browser, the code and QR are shown; a verifier checks it with that code', async () => {
    const { page, problems } = await openPage(browser);
    const scripts = recordScripts(page);
    await signInAs(page, 'citizen-001');
    const mine = page.locator('egov-certificate-lookup[mode=mine]');
    // Every certificate seeded for 张三 is listed (a flow run earlier against the same backend
    // may have issued him another, e.g. a birth registration approved in the cases flow).
    await mine.locator('[part=certificate]').nth(ZHANG_SEEDED.length - 1).waitFor({ timeout: 20_000 });
    for (const seeded of ZHANG_SEEDED) await mine.locator('[part=certificate]', { hasText: seeded.number }).waitFor();
    await mine.locator('[part=certificate]', { hasText: HUKOU.number }).getByRole('button').click();
    await mine.locator('.verdict--valid').waitFor({ timeout: 20_000 });
    expect(await loadedSmCrypto(scripts)).toBe(true);
    await expect.poll(() => mine.locator('[data-check]').evaluateAll((items) => items.map((i) => i.className))).toEqual([
      'check check--pass', 'check check--pass', 'check check--pass',
    ]);
    await mine.locator('[part=qr] svg').waitFor();
    const shown = await mine.locator('.code').textContent();
    expect(shown!.replace(/-/g, '')).toBe(HUKOU.verificationCode);
    expect(await mine.textContent()).not.toContain('33010619900101123X');

    // A clerk at another counter checks it with what the citizen handed over.
    const verify = page.locator('egov-certificate-lookup[mode=verify]');
    await page.evaluate(() => {
      (window as unknown as { verified: unknown[] }).verified = [];
      document.querySelector('egov-certificate-lookup[mode=verify]')!.addEventListener('egov-certificate-verified', (e) => (window as unknown as { verified: unknown[] }).verified.push((e as CustomEvent).detail));
    });
    await verify.locator('#verify-number').fill(HUKOU.number);
    await verify.locator('#verify-code').fill(shown!);
    await verify.locator('#verify-code').press('Enter');
    await verify.locator('[part=verify-result] [data-status=valid]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { verified: unknown[] }).verified)).toEqual([{ number: HUKOU.number, status: 'valid' }]);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('on a phone: a revoked certificate with a good seal is reported revoked, and an answer altered in transit is caught as tampered', async () => {
    const { page, problems } = await openPage(browser, '/', { viewport: { width: 375, height: 740 } });
    const verify = page.locator('egov-certificate-lookup[mode=verify]');
    await verify.locator('#verify-number').fill(REVOKED.number);
    await verify.locator('#verify-code').fill(REVOKED.verificationCode);
    await verify.locator('#verify-code').press('Enter');
    await verify.locator('[part=verify-result] [data-status=revoked]').waitFor({ timeout: 20_000 });
    const overflow = await verify.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);

    // A man in the middle (or a faulty service) changes the address and keeps "valid".
    await page.route('**/api/certificates/verify', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.certificate.data.address = '浙江省宁波市海曙区中山路 1 号';
      await route.fulfill({ response, json: body });
    });
    await verify.locator('#verify-number').fill(HUKOU.number);
    await verify.locator('#verify-code').fill(HUKOU.verificationCode);
    await verify.locator('#verify-code').press('Enter');
    await verify.locator('[part=verify-result] [data-status=tampered]').waitFor({ timeout: 20_000 });
    expect(await verify.locator('[part=verify-result]').textContent()).not.toContain('宁波');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
