// An element waits for the messages of its language (the built package loads a locale's
// tables on demand, src/core/i18n.ts): it does not render before they are there (and is
// aria-busy meanwhile), renders once when they arrive, never shows a key, and a language
// switch re-renders it once, after the other locale's tables came. Here the table arrives
// when the test says so, as a slow network would deliver it.
import { expect, fixture, fixtureSync, html } from '@open-wc/testing';
import { EgovElement } from '../../src/components/base/egov-element';
import { defineMessages } from '../../src/core/i18n';

type Table = Record<string, string>;
/** defineMessages as the built package calls it: a loader for the en table. */
function lazyArea(zh: Table, en: Table) {
  let release!: () => void;
  let fail!: (error: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  let calls = 0;
  (defineMessages as unknown as (zh: Table, en: () => Promise<{ default: Table }>) => void)(zh, () => {
    calls++;
    return calls === 1 ? gate.then(() => ({ default: en })) : Promise.resolve({ default: en });
  });
  return { release, fail, calls: () => calls };
}

let renders = 0;
class LazyLocaleProbe extends EgovElement {
  static override properties = { key: {} };
  declare key: string;
  override render() {
    renders++;
    return html`<p>${this.i18n.t(this.key)}</p>`;
  }
}
customElements.define('lazy-locale-probe', LazyLocaleProbe);

const text = (el: Element) => el.shadowRoot?.querySelector('p')?.textContent ?? null;
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('an element and its language’s messages', () => {
  afterEach(() => document.documentElement.removeAttribute('lang'));

  it('in en: renders nothing and is aria-busy until the table arrives, then English, once', async () => {
    const area = lazyArea({ 'lazy-probe.1': '标题' }, { 'lazy-probe.1': 'Title' });
    renders = 0;
    const el = fixtureSync<LazyLocaleProbe>(html`<lazy-locale-probe key="lazy-probe.1" locale="en"></lazy-locale-probe>`);
    await settle();
    expect(text(el)).to.equal(null);
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(renders).to.equal(0);
    area.release();
    await el.updateComplete;
    expect(text(el)).to.equal('Title');
    expect(el.hasAttribute('aria-busy')).to.equal(false);
    expect(renders).to.equal(1);
  });

  it('in zh-CN: renders at once while the en table is still on its way', async () => {
    const area = lazyArea({ 'lazy-probe.2': '标题二' }, { 'lazy-probe.2': 'Title two' });
    const el = await fixture<LazyLocaleProbe>(html`<lazy-locale-probe key="lazy-probe.2" locale="zh-CN"></lazy-locale-probe>`);
    expect(text(el)).to.equal('标题二');
    expect(el.hasAttribute('aria-busy')).to.equal(false);
    area.release();
  });

  it('switching the page to en: keeps Chinese until the table arrives, then English in one render', async () => {
    document.documentElement.lang = 'zh-CN';
    const area = lazyArea({ 'lazy-probe.3': '标题三' }, { 'lazy-probe.3': 'Title three' });
    const el = await fixture<LazyLocaleProbe>(html`<lazy-locale-probe key="lazy-probe.3"></lazy-locale-probe>`);
    expect(text(el)).to.equal('标题三');
    renders = 0;
    document.documentElement.lang = 'en';
    await settle();
    expect(text(el)).to.equal('标题三');
    expect(renders).to.equal(0);
    area.release();
    await el.updateComplete;
    expect(text(el)).to.equal('Title three');
    expect(renders).to.equal(1);
  });

  it('when the table cannot be fetched: renders in zh-CN (never the key), and English on a later update', async () => {
    const area = lazyArea({ 'lazy-probe.4': '标题四' }, { 'lazy-probe.4': 'Title four' });
    const el = fixtureSync<LazyLocaleProbe>(html`<lazy-locale-probe key="lazy-probe.4" locale="en"></lazy-locale-probe>`);
    area.fail(new TypeError('Failed to fetch'));
    await el.updateComplete;
    expect(text(el)).to.equal('标题四');
    expect(el.hasAttribute('aria-busy')).to.equal(false);
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el)).to.equal('Title four');
    expect(area.calls()).to.equal(2);
  });
});
