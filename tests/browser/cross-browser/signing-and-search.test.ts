import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../../src/signature';
import '../../../src/catalog-browser';
import '../../../src/certificate-lookup';
import type { EgovSignature } from '../../../src/signature';
import type { EgovCatalogBrowser } from '../../../src/components/catalog-browser/catalog-browser';
import type { EgovCertificateLookup } from '../../../src/components/certificate-lookup/certificate-lookup';
import { verifyEnvelope } from '../../../src/core/crypto/envelope';
import { catalogSeed } from '../../../server/seed/data/catalog';
import { CERTIFICATE_SEEDS } from '../../../server/seed/data/certificates';
import { demoLogin, expectAccessible, shadow, shadowAll, waitUntil } from '../support/helpers';
import { centreOf, clickOn, engine, press, resetPointer, setViewportAnywhere, type } from '../../support/cross-browser-input';

/**
 * The handwriting pad under the real mouse, local SM2 signing (the key in IndexedDB, the
 * envelope verified), the catalog search and detail by keyboard, and the public check of a
 * certificate's seal — in this browser, against the real backend.
 */
const T = { timeout: 15_000 };
const PAYLOAD = { serviceCode: 'birth-registration', data: { childName: '张小明', father: { name: '张三', idNumber: '33010619900101123X' } } };

beforeEach(() => setViewportAnywhere(1000, 800));
afterEach(() => resetPointer());

describe(`<egov-signature> in ${engine}`, () => {
  let token = '';
  before(async () => {
    token = await demoLogin('citizen-001');
  });

  it('takes a signature drawn with the mouse, signs it locally with SM2, and the envelope verifies', async () => {
    const el = await fixture<EgovSignature>(html`<egov-signature locale="en" signer="local" .token=${token} .payload=${structuredClone(PAYLOAD)}></egov-signature>`);
    await waitUntil(() => el.state !== 'loading', 'the signer never loaded', T);
    const canvas = shadow<HTMLCanvasElement>(el, 'canvas[part=pad]');
    const [cx, cy] = centreOf(canvas);
    const x = Math.round(cx - canvas.getBoundingClientRect().width / 3);
    await sendMouse({ type: 'move', position: [x, cy] });
    await sendMouse({ type: 'down' });
    for (let i = 1; i <= 8; i++) await sendMouse({ type: 'move', position: [x + i * 20, cy + (i % 2 ? -25 : 25)] });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(el.state).to.equal('drawing');
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked++;
    expect(inked).to.be.greaterThan(50);
    // Confirm from the keyboard, sign with the mouse.
    shadow<HTMLInputElement>(el, 'input[type=checkbox]').focus();
    await press(' ');
    const signed = oneEvent(el, 'egov-signed');
    await clickOn(shadow(el, '[part=sign-button]'));
    const { envelope } = (await signed).detail;
    expect(envelope.algorithm).to.equal('SM2-SM3');
    expect(envelope.signerId).to.equal('citizen-001');
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
    await expectAccessible(el);
  });

  it('signs from the keyboard alone with the typed full name', async () => {
    const el = await fixture<EgovSignature>(html`<egov-signature locale="en" signer="local" .token=${token} .payload=${structuredClone(PAYLOAD)}></egov-signature>`);
    await waitUntil(() => el.state !== 'loading', 'the signer never loaded', T);
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.trim() === 'Type your name')!.focus();
    await press('Enter');
    await waitUntil(() => el.shadowRoot!.querySelector('input[type=text]'), 'no name field', T);
    shadow<HTMLInputElement>(el, 'input[type=text]').focus();
    await type('张三');
    shadow<HTMLInputElement>(el, 'input[type=checkbox]').focus();
    await press(' ');
    const signed = oneEvent(el, 'egov-signed');
    shadow(el, '[part=sign-button]').focus();
    await press('Enter');
    const { envelope } = (await signed).detail;
    expect(await verifyEnvelope(PAYLOAD, envelope)).to.deep.equal({ valid: true });
  });
});

describe(`<egov-catalog-browser> in ${engine}`, () => {
  it('searches by keyboard, opens an entry with Enter and closes it with Escape, focus kept', async () => {
    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser locale="en" page-size="5"></egov-catalog-browser>`);
    const idle = () => el.shadowRoot?.querySelector('.results egov-async-state')?.getAttribute('state') === 'idle';
    await waitUntil(() => idle() && shadowAll(el, '.item-link').length > 0, 'the catalog never loaded', T);
    const target = catalogSeed().find((i) => i.open === 'open')!;
    const word = target.name.slice(0, 4);
    shadow<HTMLInputElement>(el, '#search-input').focus();
    await type(word);
    await press('Enter');
    await waitUntil(() => idle() && shadowAll(el, '.item-link').some((a) => a.dataset.id === target.id), `"${word}" did not find ${target.name}`, T);
    expect(shadow<HTMLInputElement>(el, '#search-input').value).to.equal(word);
    expect(el.shadowRoot!.querySelector('.count')?.textContent).to.match(/\d/);
    const link = shadowAll(el, '.item-link').find((a) => a.dataset.id === target.id)!;
    link.focus();
    const selected = oneEvent(el, 'egov-item-select');
    await press('Enter');
    expect((await selected).detail).to.deep.equal({ id: target.id });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'no detail', T);
    expect(shadow(el, '#detail-heading').textContent).to.equal(target.name);
    await expectAccessible(el);
    await press('Escape');
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=detail]'), 'the detail did not close', T);
    expect(el.shadowRoot!.activeElement).to.equal(shadowAll(el, '.item-link').find((a) => a.dataset.id === target.id));
  });
});

describe(`<egov-certificate-lookup mode="verify"> in ${engine}`, () => {
  it('checks a certificate’s seal in the browser from number and code typed, Enter submitting', async () => {
    const hukou = CERTIFICATE_SEEDS.find((s) => s.id === 'cert-hukou-001')!;
    const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="verify" locale="en"></egov-certificate-lookup>`);
    await waitUntil(() => el.shadowRoot?.querySelector('[part=verify-form] input'), 'no form', T);
    const [number, code] = shadowAll<HTMLInputElement>(el, '[part=verify-form] input');
    number!.focus();
    await type(hukou.number);
    await press('Tab');
    expect(el.shadowRoot!.activeElement).to.equal(code);
    await type(hukou.verificationCode.toLowerCase());
    const verified = oneEvent(el, 'egov-certificate-verified');
    await press('Enter');
    expect((await verified).detail).to.deep.equal({ number: hukou.number, status: 'valid' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector<HTMLElement>('[part=verify-result] [data-status]')?.dataset.status).to.equal('valid');
    await expectAccessible(el);
  });
});
