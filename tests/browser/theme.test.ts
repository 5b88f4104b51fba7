import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/catalog-browser';
import '../../src/signature';
import '../../src/application-form';
import { demoLogin, shadow, shadowAll, waitUntil } from './support/helpers';

const T = { timeout: 10_000 };

/** WCAG relative luminance contrast of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

describe('theme: control borders', () => {
  it('draw text inputs with a border of at least 3:1 against the surface and the alternate surface', async () => {
    const el = await fixture(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot?.querySelector('#search-input'), 'no search box', T);
    const input = shadow<HTMLInputElement>(el, '#search-input');
    const border = getComputedStyle(input).borderTopColor;
    expect(contrast(border, 'rgb(255, 255, 255)')).to.be.at.least(3);
    expect(contrast(border, 'rgb(242, 245, 249)')).to.be.at.least(3);
    // The page buttons of the results are controls too.
    await waitUntil(() => el.shadowRoot?.querySelector('.pagination .page:not([aria-current])'), 'no page buttons', T);
    const page = getComputedStyle(shadow(el, '.pagination .page:not([aria-current])')).borderTopColor;
    expect(contrast(page, 'rgb(255, 255, 255)')).to.be.at.least(3);
  });
});

describe('theme: forced colours', () => {
  before(() => emulateMedia({ forcedColors: 'active' }));
  after(() => emulateMedia({ forcedColors: 'none' }));

  it('shows the chosen way of signing (handwriting or typed name) without colour', async () => {
    const el = await fixture(html`<egov-signature locale="en" token=${await demoLogin('citizen-001')} signer="local"
      .payload=${{ serviceCode: 'birth-registration', data: { childName: '张小明' }, materials: [] }}></egov-signature>`);
    await waitUntil(() => el.shadowRoot?.querySelector('.modes .btn[aria-pressed=true]'), 'no modes', T);
    const modes = () => shadowAll<HTMLButtonElement>(el, '.modes .btn');
    const decoration = (b: HTMLElement) => getComputedStyle(b).textDecorationLine;
    const pressed = () => modes().find((b) => b.getAttribute('aria-pressed') === 'true')!;
    const other = () => modes().find((b) => b.getAttribute('aria-pressed') !== 'true')!;
    expect(decoration(pressed())).to.equal('underline');
    expect(decoration(other())).to.equal('none');
    expect(getComputedStyle(pressed()).backgroundColor).to.not.equal(getComputedStyle(other()).backgroundColor);
    other().focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, '.mode-switch-type').getAttribute('aria-pressed') === 'true', 'typed name not chosen', T);
    expect(decoration(shadow(el, '.mode-switch-type'))).to.equal('underline');
    expect(decoration(other())).to.equal('none');
  });

  it('shows the current page of results without colour', async () => {
    const el = await fixture(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot?.querySelectorAll('.pagination .page').length, 'no pages', T);
    const current = shadow<HTMLButtonElement>(el, '.page[aria-current=page]');
    const other = shadowAll<HTMLButtonElement>(el, '.page').find((b) => b !== current)!;
    expect(getComputedStyle(current).textDecorationLine).to.equal('underline');
    expect(getComputedStyle(other).textDecorationLine).to.equal('none');
    expect(parseFloat(getComputedStyle(current).borderTopWidth)).to.be.greaterThan(parseFloat(getComputedStyle(other).borderTopWidth));
  });

  it('shows the current step of the application form without colour', async () => {
    const el = document.createElement('egov-application-form');
    el.setAttribute('service', 'birth-registration');
    el.setAttribute('locale', 'en');
    el.token = await demoLogin('citizen-001');
    (await fixture(html`<div></div>`)).append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('.steps li[aria-current=step]'), 'no step indicator', T);
    const current = shadow(el, '.steps li[aria-current=step]');
    const other = shadowAll(el, '.steps li').find((li) => li !== current)!;
    expect(getComputedStyle(current).textDecorationLine).to.equal('underline');
    expect(getComputedStyle(other).textDecorationLine).to.equal('none');
    expect(getComputedStyle(current, '::before').backgroundColor).to.not.equal(getComputedStyle(other, '::before').backgroundColor);
  });
});
