import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/fields';
import type { EgovCheckbox, EgovCheckboxGroup, EgovFileInput, EgovInput, EgovRadioGroup, EgovSelect, EgovTextarea } from '../../../src/fields';
import { expectAccessible, shadow, shadowAll, waitUntil } from '../support/helpers';
import { engine, press, resetPointer, setViewportAnywhere, type } from '../../support/cross-browser-input';

/**
 * The fields in a portal's own <form>, driven by keys as a person would: value, validity,
 * reset, FormData, a disabled fieldset, the form attribute; in every browser.
 */
const VALID_ID = '11010519491231002X';
const VALID_USCC = '91350100M000100Y43';

beforeEach(() => setViewportAnywhere(1000, 800));
afterEach(() => resetPointer());

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function typeInto(field: HTMLElement, text: string): Promise<void> {
  field.focus();
  await type(text);
}

describe(`fields in a real <form> in ${engine}`, () => {
  it('take their answers from the keyboard into FormData, and the form validates', async () => {
    const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => e.preventDefault()}>
      <egov-input name="fullName" label="Full name" required locale="en"></egov-input>
      <egov-id-number name="idNumber" label="ID number" required locale="en"></egov-id-number>
      <egov-credit-code name="uscc" label="Credit code" locale="en"></egov-credit-code>
      <egov-phone name="mobile" label="Mobile" locale="en"></egov-phone>
      <egov-textarea name="reason" label="Reason" locale="en"></egov-textarea>
      <egov-radio-group name="sex" label="Sex" required locale="en"><option value="male">Male</option><option value="female">Female</option></egov-radio-group>
      <egov-checkbox name="agree" label="I agree" required locale="en"></egov-checkbox>
      <egov-checkbox-group name="items" label="Items" locale="en"><option value="a">A</option><option value="b">B</option></egov-checkbox-group>
      <egov-select name="district" label="District" locale="en"><option value="xihu">Xihu</option><option value="binjiang">Binjiang</option></egov-select>
      <button type="submit">Send</button>
    </form>`);
    // (Tab from the last control of the page would leave it for the browser's own UI in Firefox, and the page would lose focus.)
    const [name, id, uscc, mobile, reason, radios, box, group, select] = [...form.children] as [EgovInput, EgovInput, EgovInput, EgovInput, EgovTextarea, EgovRadioGroup, EgovCheckbox, EgovCheckboxGroup, EgovSelect];
    await select.updateComplete;
    expect(form.checkValidity()).to.equal(false);
    await typeInto(name, '张三 Zhang');
    await typeInto(id, VALID_ID.toLowerCase());
    await typeInto(uscc, VALID_USCC.toLowerCase());
    await typeInto(mobile, '138 0013 8000');
    await typeInto(reason, 'Line one');
    // Radios: Tab lands on the group, the arrow key chooses the next option, as with native radios.
    radios.focus();
    await press('ArrowRight');
    expect(radios.value).to.equal('female');
    box.focus();
    await press(' ');
    shadowAll<HTMLInputElement>(group, 'input[type=checkbox]')[1]!.focus();
    await press(' ');
    // A closed select chooses by typing an option's first letter (an arrow key opens Firefox's list on Linux).
    select.focus();
    await press('B');
    await press('Tab');
    const data = new FormData(form);
    expect(data.get('fullName')).to.equal('张三 Zhang');
    expect(data.get('idNumber')).to.equal(VALID_ID);
    expect(data.get('uscc')).to.equal(VALID_USCC);
    expect(data.get('mobile')).to.equal('13800138000');
    expect(data.get('reason')).to.equal('Line one');
    expect(data.get('sex')).to.equal('female');
    expect(data.get('agree')).to.equal('on');
    expect(data.getAll('items')).to.deep.equal(['b']);
    expect(data.get('district')).to.equal('binjiang');
    expect(form.checkValidity()).to.equal(true);
    await expectAccessible(form);
  });

  it('Tab walks the fields in order, through the shadow roots', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <egov-input name="a" label="A" locale="en"></egov-input>
      <egov-select name="b" label="B" locale="en"><option value="1">One</option></egov-select>
      <egov-textarea name="c" label="C" locale="en"></egov-textarea>
      <button type="button">Done</button>
    </form>`);
    const [a, b, c] = [...form.children] as HTMLElement[];
    await (c as EgovTextarea).updateComplete;
    a!.focus();
    expect(deepActive()).to.equal(shadow(a!, 'input'));
    await press('Tab');
    expect(deepActive()).to.equal(shadow(b!, 'select'));
    await press('Tab');
    expect(deepActive()).to.equal(shadow(c!, 'textarea'));
    await press('Tab');
    expect(deepActive()).to.equal(form.querySelector('button'));
    await press('Shift+Tab');
    expect(deepActive()).to.equal(shadow(c!, 'textarea'));
  });

  it('an invalid answer blocks submission with the shared module’s message; reset brings the defaults back', async () => {
    let submitted = 0;
    const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => { e.preventDefault(); submitted++; }}>
      <egov-id-number name="id" label="ID number" required locale="en"></egov-id-number>
      <egov-input name="city" label="City" value="Hangzhou" locale="en"></egov-input>
      <egov-checkbox name="agree" label="I agree" checked locale="en"></egov-checkbox>
      <button type="submit">Send</button>
    </form>`);
    const [id, city, box] = [...form.children] as [EgovInput, EgovInput, EgovCheckbox];
    await box.updateComplete;
    const send = form.querySelector('button')!;
    await typeInto(id, '110105194912310021');
    send.focus();
    await press('Enter');
    expect(submitted).to.equal(0);
    expect(id.validity.patternMismatch).to.equal(true);
    expect(id.validationMessage).to.contain('check digit');
    await waitUntil(() => id.shadowRoot!.querySelector('[part=error-message]'), 'the error never showed');
    expect(shadow(id, 'input').getAttribute('aria-invalid')).to.equal('true');
    await typeInto(city, ' West');
    box.focus();
    await press(' ');
    expect(new FormData(form).get('city')).to.equal('Hangzhou West');
    expect(new FormData(form).get('agree')).to.equal(null);
    form.reset();
    await id.updateComplete;
    expect(new FormData(form).get('city')).to.equal('Hangzhou');
    expect(new FormData(form).get('agree')).to.equal('on');
    expect(id.value).to.equal('');
    expect(id.shadowRoot!.querySelector('[part=error-message]')).to.equal(null);
    await typeInto(id, VALID_ID);
    await press('Tab');
    await press('Tab');
    await press('Tab');
    expect(deepActive()).to.equal(send);
    await press('Enter');
    expect(submitted).to.equal(1);
  });

  it('a disabled fieldset takes its fields out of the form; the form attribute puts one in from outside', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <form id="outer-form"><fieldset disabled><egov-input name="inside" value="x" locale="en"></egov-input></fieldset></form>
      <egov-input name="outside" form="outer-form" value="y" locale="en"></egov-input>
    </div>`);
    const form = wrapper.querySelector('form')!;
    const inside = wrapper.querySelector<EgovInput>('egov-input[name=inside]')!;
    await inside.updateComplete;
    const data = new FormData(form);
    expect(data.get('inside')).to.equal(null);
    expect(data.get('outside')).to.equal('y');
    expect(shadow<HTMLInputElement>(inside, 'input').disabled).to.equal(true);
  });

  it('a chosen file goes into FormData, a wrong kind is refused with a clear message', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-file-input name="doc" label="Document" accept="application/pdf" locale="en"></egov-file-input></form>`);
    const field = form.querySelector<EgovFileInput>('egov-file-input')!;
    await field.updateComplete;
    const input = shadow<HTMLInputElement>(field, 'input[type=file]');
    const choose = (file: File) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    };
    choose(new File(['%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << >> endobj\n'], 'form.pdf', { type: 'application/pdf' }));
    await waitUntil(() => (new FormData(form).get('doc') as File | null)?.name === 'form.pdf', 'the file is not in FormData');
    choose(new File(['MZ\u0090\u0000'], 'form.exe', { type: 'application/pdf' }));
    await waitUntil(() => field.shadowRoot!.querySelector('[part=error-message]'), 'a program was not refused');
    expect(form.checkValidity()).to.equal(false);
  });
});
