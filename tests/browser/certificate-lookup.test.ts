import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/certificate-lookup';
import type { EgovCertificateLookup } from '../../src/components/certificate-lookup/certificate-lookup';
import { ApiClient } from '../../src/services/api-client';
import { fetchTrustList, getCertificate, verifyInBrowser } from '../../src/services/certificates';
import { CERTIFICATE_SEEDS } from '../../server/seed/data/certificates';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

const seed = (id: string) => CERTIFICATE_SEEDS.find((s) => s.id === id)!;
const HUKOU = seed('cert-hukou-001');

function text(el: Element): string {
  return el.shadowRoot?.textContent ?? '';
}

async function mine(subject: string | undefined, extra: { apiBase?: string; trustBase?: string } = {}) {
  const token = subject ? await demoLogin(subject) : '';
  const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="mine" locale="en" api-base=${extra.apiBase ?? '/api'}
    trust-base=${extra.trustBase ?? ''} token=${token}></egov-certificate-lookup>`);
  return el;
}

async function openDetail(el: EgovCertificateLookup, number: string) {
  await waitUntil(() => shadowAll(el, '[part=certificate]').length > 0, 'list never loaded');
  const card = shadowAll(el, '[part=certificate]').find((c) => c.textContent!.includes(number))!;
  const verified = oneEvent(el, 'egov-certificate-verified');
  card.querySelector('button')!.click();
  const event = await verified;
  await el.updateComplete;
  return event.detail;
}

function checks(el: Element): Record<string, string> {
  return Object.fromEntries(shadowAll(el, '[data-check]').map((li) => [li.dataset.check!, li.className.replace(/.*check--/, '')]));
}

describe('<egov-certificate-lookup mode="mine">', () => {
  afterEach(() => setViewport({ width: 1280, height: 800 }));

  it('asks a visitor who is not signed in to sign in', async () => {
    const el = await mine(undefined);
    await waitForText(el, 'Sign in to see your electronic certificates');
    expect(shadow(el, 'egov-alert').getAttribute('heading')).to.equal('Please sign in');
    await expectAccessible(el);
  });

  it("lists the subject's certificates with type, number, issuer, validity and a status in words", async () => {
    const el = await mine('citizen-001');
    // The seeded three; another test file run against the same backend may have issued 张三 more.
    const seeded = CERTIFICATE_SEEDS.filter((c) => c.holderSubjectId === 'citizen-001');
    await waitUntil(() => seeded.every((s) => text(el).includes(s.number)), 'the seeded certificates');
    const all = text(el);
    expect(all).to.contain('Household register');
    expect(all).to.contain('Marriage certificate');
    expect(all).to.contain('Resident identity card');
    expect(all).to.contain('浙江省公安厅');
    const badgeOf = (number: string) => shadowAll(el, '[part=certificate]').find((card) => card.textContent!.includes(number))?.querySelector('.badge')?.textContent?.trim();
    expect(seeded.map((s) => badgeOf(s.number))).to.deep.equal(['✓Valid', '✓Valid', '✓Valid']);
    await expectAccessible(el);
    await setViewport({ width: 360, height: 740 });
    await expectAccessible(el);
    const card = shadow(el, '[part=certificate]');
    expect(card.scrollWidth).to.be.at.most(card.clientWidth + 1);
  });

  it('shows a certificate with masked ID numbers, the seal checked in the browser, the code and a QR code', async () => {
    const el = await mine('citizen-001');
    const detail = await openDetail(el, HUKOU.number);
    expect(detail).to.deep.equal({ number: HUKOU.number, status: 'valid' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=qr] svg path'), 'QR code drawn');
    const all = text(el);
    expect(all).to.contain('3301**********123X');
    expect(all).not.to.contain('33010619900101123X');
    expect(all).to.contain('浙江省杭州市西湖区文三路 100 号');
    expect(checks(el)).to.deep.equal({ seal: 'pass', notRevoked: 'pass', withinValidity: 'pass' });
    expect(all).to.contain('GA-SEAL-2021');
    expect(all).to.contain('HK7D-2QXM-9PRA');
    // The QR code opens the verify page with number and code in its fragment (SPEC §4).
    expect(all).to.contain(`/verify#number=${HUKOU.number}&code=${HUKOU.verificationCode.replace(/-/g, '')}`);
    const svg = shadow(el, '[part=qr] svg');
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.contain(HUKOU.number);
    expect(shadow(el, '#detail-heading')).to.equal(el.shadowRoot!.activeElement);
    await expectAccessible(el);
    await setViewport({ width: 360, height: 740 });
    await expectAccessible(el);
  });

  it('prints with the print button and returns to the list, focus on the certificate opened', async () => {
    const el = await mine('citizen-001');
    await openDetail(el, HUKOU.number);
    const original = window.print;
    let printed = 0;
    window.print = () => { printed++; };
    try {
      shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Print'))!.click();
    } finally {
      window.print = original;
    }
    expect(printed).to.equal(1);
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Back to the list'))!.click();
    await waitUntil(() => shadowAll(el, '[part=certificate]').length === 3, 'list again');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.getAttribute('data-id')).to.equal('cert-hukou-001');
  });

  it('shows revoked, expired and a seal by a key outside the trust list as such', async () => {
    const el = await mine('citizen-002');
    await waitUntil(() => shadowAll(el, '[part=certificate]').length === 3, 'three certificates');
    expect(text(el)).to.contain('Revoked');
    expect(text(el)).to.contain('Expired');
    const status = await openDetail(el, seed('cert-hukou-002').number);
    expect(status.status).to.equal('indeterminate');
    expect(checks(el).seal).to.equal('unknown');
    expect(text(el)).to.contain('GA-SEAL-LOCAL-7 is not in the trust list');
    await expectAccessible(el);
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Back'))!.click();
    expect((await openDetail(el, seed('cert-marriage-002').number)).status).to.equal('revoked');
    expect(checks(el)).to.deep.equal({ seal: 'pass', notRevoked: 'fail', withinValidity: 'pass' });
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Back'))!.click();
    expect((await openDetail(el, seed('cert-idcard-002').number)).status).to.equal('expired');
    // Sealed by the retired key while it was valid: the seal still holds.
    expect(checks(el)).to.deep.equal({ seal: 'pass', notRevoked: 'pass', withinValidity: 'fail' });
    await expectAccessible(el);
  });

  it('cannot confirm the seal when the trust list is unreachable, and says so', async () => {
    const el = await mine('citizen-001', { trustBase: faults.error500 });
    const status = await openDetail(el, HUKOU.number);
    expect(status.status).to.equal('indeterminate');
    expect(text(el)).to.contain('could not be loaded');
    await expectAccessible(el);
  });

  it('is accessible while loading', async () => {
    const el = await mine('citizen-001', { apiBase: faults.delay(1500) });
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=loading]'), 'loading shown');
    await expectAccessible(el);
    await waitUntil(() => shadowAll(el, '[part=certificate]').length === 3, 'loaded after the delay', { timeout: 10_000 });
  });

  it('shows a retryable error when the server fails, and recovers', async () => {
    const token = await demoLogin('citizen-001');
    const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="mine" locale="en" api-base=${faults.error500} token=${token}></egov-certificate-lookup>`);
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'error state', { timeout: 15_000 });
    await expectAccessible(el);
    el.apiBase = '/api';
    await waitUntil(() => shadowAll(el, '[part=certificate]').length === 3, 'recovered');
  });
});

async function verifier(apiBase = '/api', trustBase = '') {
  return fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="verify" locale="en" api-base=${apiBase} trust-base=${trustBase}></egov-certificate-lookup>`);
}

/** Types the number, then the code, and presses Enter, as a clerk at a counter would. */
async function typeAndSubmit(el: EgovCertificateLookup, number: string, code: string) {
  const [numberInput, codeInput] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
  numberInput!.focus();
  await sendKeys({ type: number });
  await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement).to.equal(codeInput);
  await sendKeys({ type: code });
  const verified = oneEvent(el, 'egov-certificate-verified');
  await sendKeys({ press: 'Enter' });
  return (await verified).detail;
}

function resultStatus(el: Element): string | undefined {
  return el.shadowRoot!.querySelector<HTMLElement>('[part=verify-result] [data-status]')?.dataset.status;
}

describe('<egov-certificate-lookup mode="verify">', () => {
  afterEach(() => setViewport({ width: 1280, height: 800 }));

  it('checks a certificate by number then code, Enter submitting, and says what was checked', async () => {
    const el = await verifier();
    await expectAccessible(el);
    const [first, second] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    expect(first!.labels![0]!.textContent).to.contain('Certificate number');
    expect(second!.labels![0]!.textContent).to.contain('Verification code');
    const detail = await typeAndSubmit(el, HUKOU.number, 'hk7d-2qxm-9pra');
    expect(detail).to.deep.equal({ number: HUKOU.number, status: 'valid' });
    await el.updateComplete;
    expect(resultStatus(el)).to.equal('valid');
    expect(checks(el)).to.deep.equal({ seal: 'pass', notRevoked: 'pass', withinValidity: 'pass' });
    const result = shadow(el, '[part=verify-result]').textContent!;
    expect(result).to.contain('Authentic and valid');
    expect(result).to.contain('GA-SEAL-2021');
    expect(result).not.to.contain('33010619900101123X');
    await waitUntil(() => shadow(el, '[role=status]').textContent!.includes('Result: Authentic and valid'), 'announced');
    await expectAccessible(el);
    await setViewport({ width: 360, height: 740 });
    await expectAccessible(el);
  });

  it('verifies at once the number and code in the page URL\'s fragment (what the QR code opens), and a later fragment too', async () => {
    const before = window.location.href;
    history.replaceState(null, '', `#number=${HUKOU.number}&code=${HUKOU.verificationCode}`);
    try {
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('egov-certificate-lookup') as EgovCertificateLookup;
      el.setAttribute('mode', 'verify');
      el.setAttribute('locale', 'en');
      const verified = oneEvent(el, 'egov-certificate-verified');
      wrapper.append(el);
      expect((await verified).detail).to.deep.equal({ number: HUKOU.number, status: 'valid' });
      await el.updateComplete;
      expect(resultStatus(el)).to.equal('valid');
      // The form shows what was checked, as if typed.
      const [number] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
      expect(number!.value).to.equal(HUKOU.number);
      await expectAccessible(el);
      const again = oneEvent(el, 'egov-certificate-verified');
      window.location.hash = `number=NO-SUCH-CERT-1&code=${HUKOU.verificationCode}`;
      expect((await again).detail.status).to.equal('not_found');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('answers a wrong code and an unknown number alike, keeping what was typed', async () => {
    const el = await verifier();
    expect((await typeAndSubmit(el, HUKOU.number, 'AAAABBBBCCCC')).status).to.equal('not_found');
    const [numberInput, codeInput] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    expect(numberInput!.value).to.equal(HUKOU.number);
    expect(codeInput!.value).to.equal('AAAABBBBCCCC');
    const wrongCode = shadow(el, '[part=verify-result]').textContent!.replace(/Checked at.*/, '');
    await expectAccessible(el);
    numberInput!.value = '';
    codeInput!.value = '';
    numberInput!.dispatchEvent(new Event('input'));
    codeInput!.dispatchEvent(new Event('input'));
    expect((await typeAndSubmit(el, 'ZJHK-2019-330106-9999', HUKOU.verificationCode)).status).to.equal('not_found');
    const unknown = shadow(el, '[part=verify-result]').textContent!.replace(/Checked at.*/, '');
    expect(unknown).to.equal(wrongCode);
    expect(unknown).to.contain('Not found');
  });

  it('lists missing or malformed input in an error summary and focuses the first field, sending nothing', async () => {
    const el = await verifier();
    let sent = 0;
    el.addEventListener('egov-certificate-verified', () => sent++);
    shadow<HTMLButtonElement>(el, '[part=verify-form] button[type=submit]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.error-summary'), 'error summary');
    await el.updateComplete;
    expect(shadow(el, '.error-summary').textContent).to.contain('Enter the certificate number');
    expect(shadow(el, '.error-summary').textContent).to.contain('Enter the verification code');
    expect(el.shadowRoot!.activeElement?.id).to.equal('verify-number');
    expect(shadow(el, '#verify-number').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
    await sendKeys({ type: 'no spaces allowed' });
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'may contain only letters');
    expect(shadow<HTMLInputElement>(el, '#verify-number').value).to.equal('no spaces allowed');
    expect(sent).to.equal(0);
  });

  it('checks a pasted QR payload, and rejects a malformed one clearly, keeping it', async () => {
    const el = await verifier();
    const qr = shadow<HTMLInputElement>(el, '#verify-qr');
    qr.focus();
    await sendKeys({ type: 'https://example.org/not-a-certificate' });
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'This is not the content of a certificate QR code');
    expect(qr.value).to.equal('https://example.org/not-a-certificate');
    expect(qr.getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);
    qr.value = '';
    qr.dispatchEvent(new Event('input'));
    await sendKeys({ type: `EGOVCERT:1:${HUKOU.number}:${HUKOU.verificationCode}` });
    const verified = oneEvent(el, 'egov-certificate-verified');
    await sendKeys({ press: 'Enter' });
    expect((await verified).detail).to.deep.equal({ number: HUKOU.number, status: 'valid' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.error-summary')).to.equal(null);
  });

  it('fills in number and code when the QR content is pasted or scanner-typed into the number field', async () => {
    // With the crypto chunk already loaded, each keystroke is parsed before the next one
    // arrives, as with a keyboard-wedge scanner: no prefix may be taken for the whole.
    await import('../../src/core/crypto');
    const el = await verifier();
    const [numberInput, codeInput] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    numberInput!.focus();
    await sendKeys({ type: `EGOVCERT:1:${HUKOU.number}:${HUKOU.verificationCode}` });
    // The QR parser comes with the lazily loaded crypto chunk: allow for its first load.
    await waitUntil(() => numberInput!.value === HUKOU.number, 'number split out', { timeout: 10_000 });
    expect(codeInput!.value).to.equal(HUKOU.verificationCode);
    const verified = oneEvent(el, 'egov-certificate-verified');
    await sendKeys({ press: 'Enter' });
    expect((await verified).detail.status).to.equal('valid');
  });

  it('is accessible while checking', async () => {
    const el = await verifier(faults.delay(1500));
    const [numberInput, codeInput] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    numberInput!.focus();
    await sendKeys({ type: HUKOU.number });
    codeInput!.focus();
    await sendKeys({ type: HUKOU.verificationCode });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=verify-result] egov-async-state[state=loading]'), 'checking shown');
    await expectAccessible(el);
    await waitUntil(() => resultStatus(el) === 'valid', 'result after the delay', { timeout: 10_000 });
  });

  it('reports revoked (good seal), expired and indeterminate certificates', async () => {
    for (const [id, status, expected] of [
      ['cert-marriage-002', 'revoked', { seal: 'pass', notRevoked: 'fail', withinValidity: 'pass' }],
      ['cert-idcard-002', 'expired', { seal: 'pass', notRevoked: 'pass', withinValidity: 'fail' }],
      ['cert-hukou-002', 'indeterminate', { seal: 'unknown', notRevoked: 'pass', withinValidity: 'pass' }],
    ] as const) {
      const el = await verifier();
      const s = seed(id);
      expect((await typeAndSubmit(el, s.number, s.verificationCode)).status, id).to.equal(status);
      await el.updateComplete;
      expect(checks(el), id).to.deep.equal(expected);
      await expectAccessible(el);
    }
  });

  it('shows tampered when the data was altered after sealing, even though the server says valid', async () => {
    const el = await verifier(faults.rewrite({ '/certificate/data/address': 'Ningbo, Zhongshan Road 1' }), '/api');
    expect((await typeAndSubmit(el, HUKOU.number, HUKOU.verificationCode)).status).to.equal('tampered');
    await el.updateComplete;
    expect(resultStatus(el)).to.equal('tampered');
    expect(checks(el).seal).to.equal('fail');
    const result = shadow(el, '[part=verify-result]').textContent!;
    expect(result).to.contain('does not match the electronic seal');
    expect(result).to.contain('The server said "Authentic and valid"');
    expect(result).not.to.contain('Ningbo');
    await expectAccessible(el);
  });

  it('shows tampered for a seal that is not hex or not DER', async () => {
    for (const signature of ['not-hex!', '3006020101020101ff']) {
      const el = await verifier(faults.rewrite({ '/certificate/seal/signature': signature }), '/api');
      expect((await typeAndSubmit(el, HUKOU.number, HUKOU.verificationCode)).status, signature).to.equal('tampered');
      await el.updateComplete;
      expect(shadow(el, '[part=verify-result]').textContent).to.contain('malformed');
    }
  });

  it('keeps a revocation the server reported even when the certificate status was altered in transit', async () => {
    const s = seed('cert-marriage-002');
    const el = await verifier(faults.rewrite({ '/certificate/status': 'valid' }), '/api');
    expect((await typeAndSubmit(el, s.number, s.verificationCode)).status).to.equal('revoked');
  });

  it('cannot confirm the seal with a trust list whose key was not valid at issue, or that is unreachable', async () => {
    // The trust list is ordered by agency, then validity: entry 1 is GA-SEAL-2021.
    const el = await verifier('/api', faults.rewrite({ '/1/validTo': '2020-06-30T00:00:00Z', '/1/validFrom': '2015-01-01T00:00:00Z' }));
    expect((await typeAndSubmit(el, HUKOU.number, HUKOU.verificationCode)).status).to.equal('indeterminate');
    await el.updateComplete;
    expect(shadow(el, '[part=verify-result]').textContent).to.contain('was not within its validity');
    const down = await verifier('/api', faults.error500);
    expect((await typeAndSubmit(down, HUKOU.number, HUKOU.verificationCode)).status).to.equal('indeterminate');
    await down.updateComplete;
    expect(shadow(down, '[part=verify-result]').textContent).to.contain('could not be loaded');
    await expectAccessible(down);
  });

  it('shows a clear error when the server fails, keeping the input', async () => {
    const el = await verifier(faults.error500);
    const [numberInput, codeInput] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    numberInput!.focus();
    await sendKeys({ type: HUKOU.number });
    codeInput!.focus();
    await sendKeys({ type: HUKOU.verificationCode });
    await sendKeys({ press: 'Enter' });
    await waitForText(el, 'The server cannot handle the request');
    expect(numberInput!.value).to.equal(HUKOU.number);
    expect(codeInput!.value).to.equal(HUKOU.verificationCode);
    await expectAccessible(el);
  });

  for (const [locale, length] of [['en', '12 letters and digits'], ['zh-CN', '12 位字母和数字']] as const) {
    it(`clears the previous result on a new check, and its hint and error agree on the code's length (${locale})`, async () => {
      const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="verify" locale=${locale}></egov-certificate-lookup>`);
      expect((await typeAndSubmit(el, HUKOU.number, HUKOU.verificationCode)).status).to.equal('valid');
      await el.updateComplete;
      expect(resultStatus(el)).to.equal('valid');
      const codeInput = shadow<HTMLInputElement>(el, '#verify-code');
      const hint = el.shadowRoot!.getElementById(codeInput.getAttribute('aria-describedby')!.split(' ')[0]!)!;
      expect(hint.textContent).to.contain(length);
      // A code two characters short: the old verdict goes at once, and the error says what the hint says.
      codeInput.focus();
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.querySelector('.error-summary'), 'no error summary', { timeout: 10_000 });
      await el.updateComplete;
      expect(resultStatus(el)).to.equal(undefined);
      expect(shadow(el, '[part=verify-result]').textContent!.trim()).to.equal('');
      expect(shadow(el, '.error-summary').textContent).to.contain(length);
      expect(codeInput.getAttribute('aria-invalid')).to.equal('true');
      expect(codeInput.value).to.equal(HUKOU.verificationCode.slice(0, 10));
      await expectAccessible(el);
      // 12 characters in groups (as printed) are taken.
      codeInput.focus();
      codeInput.select();
      await sendKeys({ type: HUKOU.verificationCode.replace(/(.{4})(?=.)/g, '$1 ') });
      const verified = oneEvent(el, 'egov-certificate-verified');
      await sendKeys({ press: 'Enter' });
      expect((await verified).detail.status).to.equal('valid');
    });
  }

  it('speaks Chinese by default', async () => {
    const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`);
    expect(text(el)).to.contain('证照编号');
    expect(text(el)).to.contain('核验码');
  });
});

describe('verifyInBrowser', () => {
  it('is indeterminate with an empty trust list, and valid with the real one', async () => {
    const client = new ApiClient({ apiBase: '/api', token: await demoLogin('citizen-001') });
    const certificate = await getCertificate(client, 'cert-hukou-001');
    expect(await verifyInBrowser(certificate, [])).to.include({ status: 'indeterminate', problem: 'trust-empty' });
    expect(await verifyInBrowser(certificate, undefined)).to.include({ status: 'indeterminate', problem: 'trust-unavailable' });
    expect((await verifyInBrowser(certificate, await fetchTrustList(client))).status).to.equal('valid');
  });
});
