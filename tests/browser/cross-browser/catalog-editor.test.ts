import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/catalog-editor';
import type { EgovCatalogEditor } from '../../../src/catalog-editor';
import { demoLogin, expectAccessible, shadow, shadowAll, waitUntil } from '../support/helpers';
import { engine, press, resetPointer, setViewportAnywhere, type } from '../../support/cross-browser-input';

/** The steward's catalogue editor (SPEC §8) by keyboard in this browser: a new entry, a field row, saved as a draft. */
const T = { timeout: 15_000 };
const inner = <T extends HTMLElement>(el: Element, id: string) => shadow(el, '#' + id).shadowRoot!.querySelector<T>('input, select, textarea')!;
const liveText = (el: Element) => shadowAll(el, '[role=status][aria-live]').map((r) => r.textContent).join(' ');

beforeEach(() => setViewportAnywhere(1100, 900));
afterEach(() => resetPointer());

describe(`<egov-catalog-editor> in ${engine}`, () => {
  it('starts an entry, adds a field row and saves the draft, by keyboard', async () => {
    const steward = await demoLogin('steward-001');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('egov-catalog-editor') as EgovCatalogEditor;
    el.setAttribute('locale', 'zh-CN');
    el.token = steward;
    wrapper.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('#new-entry'), 'no new-entry button', T);
    await expectAccessible(el);
    shadow(el, '#new-entry').focus();
    await press('Enter');
    await waitUntil(() => el.shadowRoot!.querySelector('article.entry[data-status=new]'), 'the new entry never opened', T);
    const name = '跨浏览器测试目录 ' + Math.random().toString(36).slice(2, 7);
    inner(el, 'entry-name').focus();
    await type(name);
    inner(el, 'entry-summary').focus();
    await type('一个测试用的目录。');
    shadow(el, '#field-add').focus();
    await press('Enter');
    await waitUntil(() => el.shadowRoot!.querySelector('#field-0-name'), 'no row added', T);
    shadow(el, '#field-0-name').focus();
    await type('jgmc');
    shadow(el, '#field-0-label').focus();
    await type('机构名称');
    await el.updateComplete;
    expect(inner<HTMLInputElement>(el, 'entry-name').value).to.equal(name);
    expect(shadow<HTMLInputElement>(el, '#field-0-name').value).to.equal('jgmc');
    shadow(el, '#save').focus();
    await press('Enter');
    await waitUntil(() => el.shadowRoot!.querySelector('article.entry[data-status=draft]'), 'the draft was not saved', T);
    await waitUntil(() => liveText(el).includes('已保存'), 'the save was not announced', T);
    await expectAccessible(el);
  });
});
