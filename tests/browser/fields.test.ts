import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/fields';
import type { EgovCheckbox, EgovCheckboxGroup, EgovFileInput, EgovInput, EgovRadioGroup, EgovSelect, EgovTextarea } from '../../src/fields';
import type { JsonSchema } from '../../src/core/service-definition';
import { expectAccessible, shadow, shadowAll, waitUntil } from './support/helpers';

const VALID_ID = '11010519491231002X';
const VALID_USCC = '91350100M000100Y43';

/** The element that has focus, looking into shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function matchesState(el: Element, state: string): boolean {
  return el.matches(`:state(${state})`);
}

async function typeInto(el: HTMLElement, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
}

async function leave(): Promise<void> {
  await sendKeys({ press: 'Tab' });
}

async function settle(el: { updateComplete: Promise<boolean> }) {
  await el.updateComplete;
  await el.updateComplete;
}

describe('fields in a real <form>', () => {
  it('put their values in FormData, typed through the keyboard', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <egov-input name="fullName" label="Full name" autocomplete="name" locale="en"></egov-input>
      <egov-id-number name="idNumber" label="ID number" locale="en"></egov-id-number>
      <egov-textarea name="reason" label="Reason" locale="en"></egov-textarea>
      <egov-select name="district" label="District" locale="en">
        <option value="xihu">Xihu</option><option value="binjiang">Binjiang</option>
      </egov-select>
      <egov-radio-group name="sex" label="Sex" locale="en">
        <option value="male">Male</option><option value="female">Female</option>
      </egov-radio-group>
      <egov-checkbox name="agree" label="I agree" locale="en"></egov-checkbox>
    </form>`);
    const [name, id, reason, select, radios, box] = [...form.children] as [EgovInput, EgovInput, EgovTextarea, EgovSelect, EgovRadioGroup, EgovCheckbox];
    await settle(box);
    await typeInto(name, '张三 Zhang');
    await typeInto(id, VALID_ID.toLowerCase());
    await typeInto(reason, 'Line one');
    select.focus();
    await sendKeys({ press: 'ArrowDown' });
    radios.focus();
    await sendKeys({ press: ' ' });
    box.focus();
    await sendKeys({ press: ' ' });
    await leave();
    const data = new FormData(form);
    expect(data.get('fullName')).to.equal('张三 Zhang');
    expect(data.get('idNumber')).to.equal(VALID_ID); // the x was upper-cased as typed
    expect(data.get('reason')).to.equal('Line one');
    expect(data.get('district')).to.be.oneOf(['xihu', 'binjiang']);
    expect(data.get('sex')).to.equal('male');
    expect(data.get('agree')).to.equal('on');
    expect(form.checkValidity()).to.equal(true);
  });

  it('block submission while invalid and report the shared module’s message', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <egov-id-number name="id" label="ID number" required locale="en"></egov-id-number>
    </form>`);
    const field = form.querySelector('egov-id-number')!;
    await settle(field);
    expect(form.checkValidity()).to.equal(false);
    expect(field.validity.valueMissing).to.equal(true);
    expect(field.validationMessage).to.equal('Enter ID number');
    field.value = '110105194912310021';
    expect(field.validity.patternMismatch).to.equal(true);
    expect(field.validationMessage).to.contain('check digit');
    field.value = VALID_ID;
    expect(form.checkValidity()).to.equal(true);
    let submitted = false;
    form.addEventListener('submit', (e) => { e.preventDefault(); submitted = true; });
    form.requestSubmit();
    expect(submitted).to.equal(true);
  });

  it('reportValidity shows the error text, linked to the input', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-input name="a" label="Name" required></egov-input></form>`);
    const field = form.querySelector('egov-input')!;
    await settle(field);
    expect(form.reportValidity()).to.equal(false);
    await settle(field);
    const input = shadow<HTMLInputElement>(field, 'input');
    const error = shadow(field, '[part=error-message]');
    expect(error.textContent).to.contain('请填写Name');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain(error.id);
    expect(matchesState(field, 'user-invalid')).to.equal(true);
  });

  it('reset restores every field’s default and hides errors', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <egov-input name="a" value="start" required></egov-input>
      <egov-checkbox name="b" checked></egov-checkbox>
      <egov-select name="c" value="2"><option value="1">One</option><option value="2">Two</option></egov-select>
      <egov-radio-group name="d" value="y"><option value="y">Yes</option><option value="n">No</option></egov-radio-group>
      <egov-textarea name="e" value="text"></egov-textarea>
    </form>`);
    const [a, b, c, d, e] = [...form.children] as [EgovInput, EgovCheckbox, EgovSelect, EgovRadioGroup, EgovTextarea];
    await settle(e);
    a.value = '';
    form.reportValidity();
    b.checked = false;
    c.value = '1';
    d.value = 'n';
    e.value = 'changed';
    await settle(a);
    expect(matchesState(a, 'user-invalid')).to.equal(true);
    form.reset();
    await settle(a);
    expect(a.value).to.equal('start');
    expect(shadow<HTMLInputElement>(a, 'input').value).to.equal('start');
    expect(b.checked).to.equal(true);
    expect(c.value).to.equal('2');
    expect(d.value).to.equal('y');
    expect(e.value).to.equal('text');
    expect(matchesState(a, 'user-invalid')).to.equal(false);
    expect(a.shadowRoot!.querySelector('[part=error-message]')).to.equal(null);
    const data = new FormData(form);
    expect([...data.keys()]).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
  });

  it('a disabled fieldset disables the fields: not submitted, not validated, inner control disabled', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <fieldset disabled><egov-input name="a" value="x" required></egov-input><egov-checkbox name="b" required></egov-checkbox></fieldset>
    </form>`);
    const field = form.querySelector('egov-input')!;
    const box = form.querySelector('egov-checkbox')!;
    await settle(box);
    expect(field.matches(':disabled')).to.equal(true);
    expect(shadow<HTMLInputElement>(field, 'input').disabled).to.equal(true);
    expect(shadow<HTMLInputElement>(box, 'input').disabled).to.equal(true);
    expect(new FormData(form).has('a')).to.equal(false);
    expect(form.checkValidity()).to.equal(true);
    form.querySelector('fieldset')!.disabled = false;
    await settle(field);
    expect(shadow<HTMLInputElement>(field, 'input').disabled).to.equal(false);
    expect(new FormData(form).get('a')).to.equal('x');
    expect(form.checkValidity()).to.equal(false); // the checkbox must be ticked
  });

  it('the form attribute associates a field placed outside the form', async () => {
    const wrapper = await fixture(html`<div>
      <form id="outside-form"></form>
      <egov-phone name="mobile" form="outside-form" value="+86 138 1234 5678"></egov-phone>
    </div>`);
    const form = wrapper.querySelector('form')!;
    const phone = wrapper.querySelector('egov-phone')!;
    await settle(phone);
    expect(phone.form).to.equal(form);
    expect(new FormData(form).get('mobile')).to.equal('+86 138 1234 5678');
    expect(form.checkValidity()).to.equal(true); // judged as it will be written
    // Leaving the field writes the number in its canonical form, which the form then submits.
    shadow<HTMLInputElement>(phone, 'input').focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' ' });
    await leave();
    expect(phone.value).to.equal('13812345678');
    expect(phone.jsonValue).to.equal('13812345678');
    expect(form.checkValidity()).to.equal(true);
  });

  it('restores its state through formStateRestoreCallback', async () => {
    const field = await fixture<EgovInput>(html`<egov-input name="a"></egov-input>`);
    field.formStateRestoreCallback('restored');
    await settle(field);
    expect(field.value).to.equal('restored');
    expect(shadow<HTMLInputElement>(field, 'input').value).to.equal('restored');
  });
});

describe('user-invalid, events and focus', () => {
  it('matches :state(user-invalid) only after the person has changed the field', async () => {
    const field = await fixture<EgovInput>(html`<egov-input label="Postcode" format="cn-postcode" required locale="en"></egov-input>`);
    await settle(field);
    expect(field.validity.valid).to.equal(false);
    expect(matchesState(field, 'user-invalid')).to.equal(false);
    expect(field.shadowRoot!.querySelector('[part=error-message]')).to.equal(null);
    await typeInto(field, '3100');
    await settle(field);
    expect(matchesState(field, 'user-invalid')).to.equal(false); // not while typing the first time
    await leave();
    await settle(field);
    expect(matchesState(field, 'user-invalid')).to.equal(true);
    expect(shadow(field, '[part=error-message]').textContent).to.contain('A postcode is 6 digits');
    // Once shown, the error follows the typing and goes when fixed.
    await typeInto(field, '00');
    await settle(field);
    expect(matchesState(field, 'user-invalid')).to.equal(false);
    expect(matchesState(field, 'user-valid')).to.equal(true);
    expect(field.shadowRoot!.querySelector('[part=error-message]')).to.equal(null);
  });

  it('fires native input, change and egov-change with the JSON value', async () => {
    const field = await fixture<EgovInput>(html`<egov-input name="age" type="number" min="0" max="150"></egov-input>`);
    await settle(field);
    const inputs: string[] = [];
    field.addEventListener('input', () => inputs.push(field.value));
    let changes = 0;
    field.addEventListener('change', () => changes++);
    const changed = oneEvent(field, 'egov-change');
    await typeInto(field, '42');
    await leave();
    const event = await changed;
    expect(inputs).to.deep.equal(['4', '42']);
    expect(changes).to.equal(1);
    expect(event.detail).to.deep.equal({ name: 'age', value: 42, valid: true });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(field.valueAsNumber).to.equal(42);
    field.value = '151';
    expect(field.validity.rangeOverflow).to.equal(true);
    field.value = 'abc';
    expect(field.validity.badInput).to.equal(true);
  });

  it('a click on the label focuses the inner control; focus() does too', async () => {
    for (const template of [
      html`<egov-input label="Name"></egov-input>`,
      html`<egov-textarea label="Reason"></egov-textarea>`,
      html`<egov-select label="District"><option value="a">A</option></egov-select>`,
      html`<egov-checkbox label="I agree"></egov-checkbox>`,
    ]) {
      const field = await fixture<EgovInput>(template);
      await settle(field);
      shadow(field, '[part=label]').click();
      expect(deepActive(), field.localName).to.equal(field.shadowRoot!.querySelector('[part=control]'));
      (document.activeElement as HTMLElement).blur();
      field.focus();
      expect(deepActive(), field.localName).to.equal(field.shadowRoot!.querySelector('[part=control]'));
    }
  });

  it('a label in the page focuses the field through delegatesFocus', async () => {
    const wrapper = await fixture(html`<div><label for="outer-field">Outer label</label><egov-input id="outer-field"></egov-input></div>`);
    const field = wrapper.querySelector('egov-input')!;
    await settle(field);
    wrapper.querySelector('label')!.click();
    expect(deepActive()).to.equal(shadow(field, 'input'));
    expect(field.labels.length).to.equal(1);
  });

  it('takes a label with a link and a hint with markup from slots', async () => {
    const box = await fixture<EgovCheckbox>(html`<egov-checkbox name="declare" required>
      <span slot="label">I have read the <a href="#notice">notice</a></span>
      <span slot="hint">Read it <strong>before</strong> ticking</span>
    </egov-checkbox>`);
    await settle(box);
    const input = shadow<HTMLInputElement>(box, 'input');
    expect(input.getAttribute('aria-describedby')).to.contain(shadow(box, '[part=hint]').id);
    await expectAccessible(box);
    shadow(box, '[part=label]').click();
    expect(box.checked).to.equal(true);
  });

  it('setCustomValidity works as on a native input', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-input name="a" value="x"></egov-input></form>`);
    const field = form.querySelector('egov-input')!;
    field.setCustomValidity('Taken');
    expect(form.checkValidity()).to.equal(false);
    expect(field.validationMessage).to.equal('Taken');
    await settle(field);
    expect(shadow(field, '[part=error-message]').textContent).to.contain('Taken'); // checkValidity counts as a submission attempt
    field.setCustomValidity('');
    expect(form.checkValidity()).to.equal(true);
  });

  it('a server error set from outside shows at once and clears when the answer changes', async () => {
    const field = await fixture<EgovInput>(html`<egov-input name="a" label="Name" value="x" error="Already registered"></egov-input>`);
    await settle(field);
    expect(field.validity.customError).to.equal(true);
    expect(shadow(field, '[part=error-message]').textContent).to.contain('Already registered');
    const changed = oneEvent(field, 'egov-change');
    await typeInto(field, 'y');
    await leave();
    await changed;
    await settle(field);
    expect(field.error).to.equal('');
    expect(field.validity.valid).to.equal(true);
  });
});

describe('formats and types', () => {
  it('ID number: X upper-cased as typed, code inputs set for codes', async () => {
    const field = await fixture<EgovInput>(html`<egov-id-number label="ID" locale="en"></egov-id-number>`);
    await settle(field);
    const input = shadow<HTMLInputElement>(field, 'input');
    expect(input.getAttribute('autocomplete')).to.equal('off');
    expect(input.getAttribute('spellcheck')).to.equal('false');
    expect(input.getAttribute('translate')).to.equal('no');
    expect(input.getAttribute('autocapitalize')).to.equal('characters');
    expect(input.getAttribute('inputmode')).to.equal('text');
    expect(shadow(field, '[part=hint]').textContent).to.contain('18 characters');
    await typeInto(field, '11010519491231002x');
    expect(input.value).to.equal(VALID_ID);
    expect(field.validity.valid).to.equal(true);
    field.value = '11010519490231002X'; // 31 February is not a date… nor is 1949-02-31
    expect(field.validationMessage).to.contain('date of birth');
  });

  it('credit code: upper case, check character checked', async () => {
    const field = await fixture<EgovInput>(html`<egov-credit-code label="Code" locale="en"></egov-credit-code>`);
    await settle(field);
    await typeInto(field, VALID_USCC.toLowerCase());
    expect(field.value).to.equal(VALID_USCC);
    expect(field.validity.valid).to.equal(true);
    field.value = '91350100M000100Y44';
    expect(field.validationMessage).to.contain('check character');
  });

  it('e-mail and date use the shared checks; a date before min is out of range', async () => {
    const email = await fixture<EgovInput>(html`<egov-input type="email" label="Email" locale="en"></egov-input>`);
    email.value = 'not-an-address';
    expect(email.validity.typeMismatch).to.equal(true);
    expect(email.validationMessage).to.contain('name@example.com');
    const date = await fixture<EgovInput>(html`<egov-input type="date" label="Date of birth" min="1900-01-01" max="2026-12-31" locale="en"></egov-input>`);
    await settle(date);
    date.value = '1899-12-31';
    expect(date.validity.rangeUnderflow).to.equal(true);
    date.value = '2000-02-29';
    expect(date.validity.valid).to.equal(true);
  });

  it('takes its checks from a JSON schema, as the application form passes them', async () => {
    const schema: JsonSchema = { type: 'string', title: '子女姓名', maxLength: 4, pattern: '^\\p{Script=Han}+$' };
    const field = await fixture<EgovInput>(html`<egov-input name="childName" label="子女姓名" .schema=${schema}></egov-input>`);
    field.value = '张小明明明';
    expect(field.validity.tooLong).to.equal(true);
    expect(field.validationMessage).to.equal('子女姓名不能超过 4 个字');
    field.value = 'Tom';
    expect(field.validity.patternMismatch).to.equal(true);
    field.value = '😀😀';
    expect(field.validity.patternMismatch).to.equal(true);
    field.value = '张小明';
    expect(field.validity.valid).to.equal(true);
  });

  it('a select and a radio group take their options from the schema enum, with labels in the reader’s language', async () => {
    const schema: JsonSchema = { type: 'integer', enum: [1, 2], 'x-egov-enum-labels': { '1': { 'zh-CN': '一孩', en: 'First child' }, '2': { 'zh-CN': '二孩', en: 'Second child' } } };
    const select = await fixture<EgovSelect>(html`<egov-select name="order" label="Order" locale="en" .schema=${schema}></egov-select>`);
    await settle(select);
    expect(shadowAll(select, 'option').map((o) => o.textContent!.trim())).to.deep.equal(['Select', 'First child', 'Second child']);
    select.value = '2';
    expect(select.jsonValue).to.equal(2);
    const radios = await fixture<EgovRadioGroup>(html`<egov-radio-group name="order" label="顺序" .schema=${schema} required></egov-radio-group>`);
    await settle(radios);
    expect(shadowAll(radios, 'label').map((l) => l.textContent)).to.deep.equal(['一孩', '二孩']);
    expect(radios.validationMessage).to.equal('请选择顺序');
  });

  it('radio group: arrow keys move between choices', async () => {
    const group = await fixture<EgovRadioGroup>(html`<egov-radio-group name="c" label="Colour" value="a">
      <option value="a">A</option><option value="b">B</option><option value="c">C</option>
    </egov-radio-group>`);
    await settle(group);
    group.focus();
    expect((deepActive() as HTMLInputElement).value).to.equal('a');
    const changed = oneEvent(group, 'egov-change');
    await sendKeys({ press: 'ArrowDown' });
    expect((await changed).detail.value).to.equal('b');
    await sendKeys({ press: 'ArrowDown' });
    expect(group.value).to.equal('c');
    expect(shadow(group, 'fieldset legend').textContent).to.contain('Colour');
  });

  it('textarea counts characters left (an emoji is one) and reports going over', async () => {
    const field = await fixture<EgovTextarea>(html`<egov-textarea label="Note" maxlength="5" locale="en"></egov-textarea>`);
    await typeInto(field, '😀ab');
    await settle(field);
    expect(shadow(field, '[part=count]').textContent).to.contain('2 characters remaining');
    await sendKeys({ type: 'cdef' });
    await settle(field);
    expect(shadow(field, '[part=count]').textContent).to.contain('2 characters too many');
    expect(field.validity.tooLong).to.equal(true);
  });

  it('textarea reads the count out once typing pauses', async () => {
    const field = await fixture<EgovTextarea>(html`<egov-textarea label="Note" maxlength="10" locale="en"></egov-textarea>`);
    await typeInto(field, 'abc');
    const region = shadow(field, '[role=status]');
    expect(region.textContent!.trim()).to.equal('');
    await waitUntil(() => region.textContent!.includes('7 characters remaining'), 'count never announced', { timeout: 3000 });
  });

  it('a date typed by keyboard that does not exist (31 February) is reported, not taken as empty', async () => {
    const field = await fixture<EgovInput>(html`<egov-input type="date" label="Date of birth" required locale="en"></egov-input>`);
    await settle(field);
    const input = shadow<HTMLInputElement>(field, 'input');
    input.focus();
    // The browser's own order of the parts; the test browser is en-US: month, day, year.
    await sendKeys({ type: '02312026' });
    // Tab moves between the parts of a date input first; press it until focus leaves the field.
    const leaveDate = async () => {
      for (let i = 0; i < 4 && field.shadowRoot!.activeElement === input; i++) await leave();
      expect(field.shadowRoot!.activeElement).to.equal(null);
    };
    await leaveDate();
    await settle(field);
    expect(input.value).to.equal('');
    expect(field.validity.badInput).to.equal(true);
    expect(field.validationMessage).to.contain('real date');
    expect(matchesState(field, 'user-invalid')).to.equal(true);
    expect(shadow(field, '[part=error-message]').textContent).to.contain('real date');
    input.focus();
    await sendKeys({ press: 'Control+a' });
    await sendKeys({ type: '01312026' });
    await leaveDate();
    await settle(field);
    expect(field.value).to.equal('2026-01-31');
    expect(field.jsonValue).to.equal('2026-01-31');
    expect(field.validity.valid).to.equal(true);
  });

  it('rejects a pasted 1 MB string at once, without hanging', async () => {
    const field = await fixture<EgovInput>(html`<egov-input label="Name" maxlength="50" pattern="^(a+)+$"></egov-input>`);
    field.value = 'a'.repeat(1024 * 1024) + 'b';
    expect(field.validity.tooLong).to.equal(true);
  });
});

describe('<egov-checkbox-group>', () => {
  const changeItems: JsonSchema = {
    type: 'array',
    minItems: 1,
    maxItems: 2,
    items: {
      type: 'string',
      enum: ['name', 'address', 'capital'],
      'x-egov-enum-labels': { name: { 'zh-CN': '企业名称', en: 'Company name' }, address: { 'zh-CN': '住所', en: 'Address' }, capital: { 'zh-CN': '注册资本', en: 'Capital' } },
    },
  };

  it('answers an array from the schema’s items.enum, one form entry per ticked box', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-checkbox-group name="changeItems" label="What changes" required locale="en" .schema=${changeItems}></egov-checkbox-group></form>`);
    const group = form.querySelector('egov-checkbox-group')!;
    await settle(group);
    expect(shadowAll(group, 'label').map((l) => l.textContent)).to.deep.equal(['Company name', 'Address', 'Capital']);
    expect(group.validationMessage).to.equal('Select what changes');
    group.focus();
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    const changed = oneEvent(group, 'egov-change');
    await sendKeys({ press: ' ' });
    expect((await changed).detail.value).to.deep.equal(['name', 'capital']);
    expect(new FormData(form).getAll('changeItems')).to.deep.equal(['name', 'capital']);
    expect(form.checkValidity()).to.equal(true);
    await sendKeys({ press: 'Shift+Tab' });
    await sendKeys({ press: ' ' });
    expect(group.validity.rangeOverflow).to.equal(true);
    expect(group.validationMessage).to.contain('at most 2');
    await settle(group);
    await expectAccessible(group);
  });

  it('ticks <option selected> children by default and returns to them on reset', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-checkbox-group name="days" label="Days">
      <option value="mon" selected>Monday</option><option value="tue">Tuesday</option>
    </egov-checkbox-group></form>`);
    const group = form.querySelector<EgovCheckboxGroup>('egov-checkbox-group')!;
    await settle(group);
    expect(group.value).to.deep.equal(['mon']);
    group.value = ['tue'];
    form.reset();
    expect(group.value).to.deep.equal(['mon']);
    expect(new FormData(form).getAll('days')).to.deep.equal(['mon']);
  });
});

describe('language', () => {
  it('rewords the error when the page language changes', async () => {
    const wrapper = await fixture(html`<div lang="zh-CN"><egov-phone label="Mobile" required value="123"></egov-phone></div>`);
    const phone = wrapper.querySelector('egov-phone')!;
    phone.reportValidity();
    await settle(phone);
    expect(shadow(phone, '[part=error-message]').textContent).to.contain('11 位手机号码');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => shadow(phone, '[part=error-message]').textContent!.includes('11-digit mobile number'));
    expect(phone.validationMessage).to.contain('11-digit');
  });
});

describe('<egov-file-input>', () => {
  const pdf = () => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a])], 'proof.pdf', { type: 'application/pdf' });

  async function choose(field: EgovFileInput, file: File): Promise<CustomEvent> {
    const input = shadow<HTMLInputElement>(field, 'input[type=file]');
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    const changed = oneEvent(field, 'egov-change');
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return changed;
  }

  it('puts the chosen File in the form data and emits it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><egov-file-input name="proof" label="Proof" accept="application/pdf,image/*" max-size="1048576" required locale="en"></egov-file-input></form>`);
    const field = form.querySelector('egov-file-input')!;
    await settle(field);
    expect(form.checkValidity()).to.equal(false);
    expect(field.validationMessage).to.equal('Choose a file for Proof');
    const event = await choose(field, pdf());
    expect(event.detail.value).to.be.instanceOf(File);
    expect(event.detail.valid).to.equal(true);
    const value = new FormData(form).get('proof') as File;
    expect(value.name).to.equal('proof.pdf');
    expect(field.mediaType).to.equal('application/pdf');
    await settle(field);
    expect(shadow(field, '[part=file-name]').textContent).to.contain('proof.pdf');
    await expectAccessible(field);
  });

  it('refuses a file over the size limit with both sizes in the message', async () => {
    const field = await fixture<EgovFileInput>(html`<egov-file-input label="Proof" max-size="1048576" locale="en"></egov-file-input>`);
    const big = new File([new Uint8Array(50 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' });
    await choose(field, big);
    expect(field.validity.rangeOverflow).to.equal(true);
    expect(field.validationMessage).to.match(/50 MB.*1 MB/);
    await settle(field);
    expect(shadow(field, '[part=error-message]').textContent).to.contain('too large');
    await expectAccessible(field);
  });

  it('refuses a renamed program, judged by its bytes', async () => {
    const field = await fixture<EgovFileInput>(html`<egov-file-input label="Proof" accept=".pdf,application/pdf" locale="en"></egov-file-input>`);
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'certificate.pdf', { type: 'application/pdf' });
    await choose(field, exe);
    expect(field.validity.typeMismatch).to.equal(true);
    expect(field.validationMessage).to.contain('Programs and scripts');
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'photo.png', { type: 'image/png' });
    await choose(field, png);
    expect(field.validationMessage).to.contain('PDF');
  });

  it('removes the file by keyboard and says so', async () => {
    const field = await fixture<EgovFileInput>(html`<egov-file-input name="p" label="Proof" locale="en"></egov-file-input>`);
    await choose(field, pdf());
    await settle(field);
    shadow<HTMLButtonElement>(field, '[part=remove-button]').focus();
    const removed = oneEvent(field, 'egov-change');
    await sendKeys({ press: 'Enter' });
    expect((await removed).detail.value).to.equal(undefined);
    expect(field.file).to.equal(null);
    await waitUntil(() => field.shadowRoot!.querySelector('[role=status]')!.textContent!.includes('File removed'));
    expect(deepActive()).to.equal(shadow(field, 'input[type=file]'));
  });
});

describe('strict CSP', () => {
  it('works with no eval, no inline script and Trusted Types enforced', async () => {
    const policy = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'";
    const frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta http-equiv="Content-Security-Policy" content="${policy}">
      <script type="module" src="${location.origin}/src/fields.ts"></script></head>
      <body><form><egov-id-number name="id" label="ID number" required></egov-id-number></form></body></html>`;
    document.body.append(frame);
    try {
      await waitUntil(() => frame.contentWindow?.customElements.get('egov-id-number'), 'the fields never loaded under the policy', { timeout: 10_000 });
      const doc = frame.contentDocument!;
      const field = doc.querySelector('egov-id-number') as EgovInput;
      await field.updateComplete;
      expect(field.shadowRoot!.querySelector('input')).to.exist;
      const form = doc.querySelector('form')!;
      expect(form.checkValidity()).to.equal(false);
      field.value = '11010519491231002x';
      expect(form.checkValidity()).to.equal(true);
      field.value = '110105194912310021';
      expect(field.validationMessage).to.contain('check digit');
      // The policy was in force: Trusted Types refuse script text outright.
      let refused = false;
      try {
        doc.createElement('script').textContent = 'window.inlineRan = true';
      } catch (error) {
        refused = (error as Error).message.includes('TrustedScript');
      }
      expect(refused).to.equal(true);
      expect(() => (frame.contentWindow as unknown as { eval(code: string): unknown }).eval('1 + 1')).to.throw();
    } finally {
      frame.remove();
    }
  });
});

describe('accessibility', () => {
  const states = ['normal', 'error', 'disabled'] as const;
  const make = {
    input: (s: string) => html`<egov-input label="Full name" hint="As on your ID card" required ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Enter your full name' : ''}></egov-input>`,
    idNumber: (s: string) => html`<egov-id-number label="ID number" required ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Wrong check digit' : ''}></egov-id-number>`,
    textarea: (s: string) => html`<egov-textarea label="Reason" maxlength="100" ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Too long' : ''}></egov-textarea>`,
    select: (s: string) => html`<egov-select label="District" ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Select a district' : ''}><option value="a">A</option></egov-select>`,
    checkboxGroup: (s: string) => html`<egov-checkbox-group label="Days" ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Select a day' : ''}><option value="mon">Monday</option><option value="tue">Tuesday</option></egov-checkbox-group>`,
    radios: (s: string) => html`<egov-radio-group label="Sex" hint="As registered" ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Select one' : ''}><option value="m">Male</option><option value="f">Female</option></egov-radio-group>`,
    checkbox: (s: string) => html`<egov-checkbox label="I declare the answers are true" hint="Required by law" required ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Tick to confirm' : ''}></egov-checkbox>`,
    file: (s: string) => html`<egov-file-input label="Proof" accept="application/pdf" max-size="1048576" ?disabled=${s === 'disabled'} error=${s === 'error' ? 'Choose a file' : ''}></egov-file-input>`,
  };

  for (const [name, template] of Object.entries(make)) {
    for (const state of states) {
      it(`${name} is accessible when ${state}`, async () => {
        const el = await fixture<EgovInput>(template(state));
        await settle(el);
        if (state === 'error') expect(el.shadowRoot!.querySelector('[part=error-message]')).to.exist;
        await expectAccessible(el);
      });
    }
  }

  it('fits a narrow (320 px) screen without sideways scrolling', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const wrapper = await fixture<HTMLElement>(html`<div style="width:100%">
        <egov-id-number label="Identity card number of the child's legal guardian" hint="18 characters" error="The check digit does not match"></egov-id-number>
        <egov-radio-group label="A long question that wraps" inline><option value="y">Yes</option><option value="n">No</option></egov-radio-group>
        <egov-file-input label="Proof" accept="application/pdf"></egov-file-input>
        <egov-input label="Full name as on the household register" value="欧阳诸葛慕容司马上官皇甫端木令狐Alexander-Maximilian"></egov-input>
        <egov-credit-code label="Credit code"></egov-credit-code>
        <egov-phone label="Mobile"></egov-phone>
        <egov-input type="date" label="Date"></egov-input>
        <egov-textarea label="Reason" maxlength="10" value="A very long reason that goes on and on"></egov-textarea>
        <egov-select label="District"><option value="a">A district with a very long name that does not fit on a narrow screen</option></egov-select>
        <egov-checkbox label="I declare that the answers I have given are true and complete to the best of my knowledge"></egov-checkbox>
        <egov-checkbox-group label="Items"><option value="a">An option with a rather long label to wrap</option></egov-checkbox-group>
      </div>`);
      for (const el of wrapper.children) await (el as EgovInput).updateComplete;
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      for (const el of wrapper.children) expect(el.getBoundingClientRect().right).to.be.at.most(320);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
