import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/application-form';
import '../../../src/fields';
import type { EgovApplicationForm } from '../../../src/application-form';
import type { EgovIdNumber, EgovRadioGroup } from '../../../src/fields';
import { clearDraftsOf, DraftStore, newDraft } from '../../../src/services/drafts';
import { BIRTH_ANSWERS } from '../support/case-fixtures';
import { aTimeout, demoLogin, shadow, shadowAll, waitUntil } from '../support/helpers';
import { axNode, clickOn, listenTo, press, resetPointer, setViewportAnywhere, type } from '../../support/cross-browser-input';

/**
 * A field says its own inline error politely (#9 item 6): once when the error appears,
 * changes or goes as the person leaves the field or pauses typing, through a polite live
 * region of its own, with aria-invalid and the description following; never when a form's
 * submission is answered (the error summary says it then). Read through Chromium's
 * accessibility tree, and the same region and attributes in Firefox and WebKit.
 */
const region = (field: Element) => shadow(field, '[role=status]');
const control = (field: Element) => shadow<HTMLInputElement>(field, 'input');
/** Longer than the pause after typing and the settling after a click. */
const QUIET = 1600;

beforeEach(() => setViewportAnywhere(1000, 800));
afterEach(() => resetPointer());

async function idField(): Promise<{ form: HTMLFormElement; field: EgovIdNumber; next: HTMLInputElement }> {
  const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => e.preventDefault()}>
    <egov-id-number name="id" label="ID number" required locale="en"></egov-id-number>
    <input aria-label="Next" name="next" />
    <button type="submit">Continue</button>
  </form>`);
  const field = form.querySelector<EgovIdNumber>('egov-id-number')!;
  await field.updateComplete;
  return { form, field, next: form.querySelector<HTMLInputElement>('input[name=next]')! };
}

async function expectInvalidInTree(field: Element, invalid: boolean, message?: string): Promise<void> {
  expect(control(field).getAttribute('aria-invalid')).to.equal(String(invalid));
  const node = await axNode(control(field));
  if (!node) return; // Chromium only: the other browsers are checked through the attributes above.
  expect(node.properties.invalid ?? 'false').to.equal(String(invalid));
  if (message) expect(node.description).to.contain(message);
  else expect(node.description).not.to.contain('Error');
}

describe('a field says its own inline error, politely', () => {
  it('has a polite live region from the start, empty', async () => {
    const { field } = await idField();
    const live = region(field);
    expect(live.getAttribute('aria-live')).to.equal('polite');
    expect(live.textContent!.trim()).to.equal('');
    const node = await axNode(live);
    if (node) {
      expect(node.role).to.equal('status');
      expect(node.properties.live).to.equal('polite');
    }
  });

  it('says the error once when the person leaves the field, and aria-invalid follows', async () => {
    const { field } = await idField();
    const heard = listenTo(region(field));
    control(field).focus();
    await type('330102199203150022');
    await press('Tab');
    await waitUntil(() => heard.said.length === 1, 'the error was not said');
    const message = field.validationMessage;
    expect(heard.said[0]).to.equal('Error: ' + message);
    await expectInvalidInTree(field, true, message);
    const node = await axNode(region(field));
    if (node) expect(node.text).to.equal('Error: ' + message);
    // Once: going back through the field without changing it says nothing more.
    await press('Shift+Tab');
    await press('Tab');
    await aTimeout(QUIET);
    heard.stop();
    expect(heard.said).to.have.length(1);
  });

  it('says a changed error, and that it has gone once the answer is right', async () => {
    const { field } = await idField();
    const heard = listenTo(region(field));
    control(field).focus();
    await type('3301');
    await press('Tab');
    await waitUntil(() => heard.said.length === 1, 'the first error was not said');
    const first = field.validationMessage;
    control(field).focus();
    await type('02199203150022');
    await press('Tab');
    await waitUntil(() => heard.said.length === 2, 'the changed error was not said');
    expect(field.validationMessage).not.to.equal(first);
    expect(heard.said[1]).to.equal('Error: ' + field.validationMessage);
    // Put right while typing: said once typing pauses, without leaving the field.
    control(field).focus();
    control(field).select();
    await type('330102199203150021');
    await waitUntil(() => heard.said.length === 3, 'the cleared error was not said', { timeout: 5_000 });
    expect(heard.said[2]).to.equal('ID number: error corrected');
    await expectInvalidInTree(field, false);
    await aTimeout(QUIET);
    heard.stop();
    expect(heard.said).to.have.length(3);
  });

  it('stays quiet when the form is submitted: the submission is the moment of the error summary', async () => {
    const { form, field } = await idField();
    const heard = listenTo(region(field));
    control(field).focus();
    await type('330102199203150022');
    // Left by pressing "Continue" with the mouse: the submission reports the field.
    await clickOn(form.querySelector('button')!);
    await waitUntil(() => field.shadowRoot!.querySelector('[part=error-message]'), 'the error never showed');
    await aTimeout(QUIET);
    heard.stop();
    expect(heard.said).to.deep.equal([]);
    await expectInvalidInTree(field, true, field.validationMessage);
  });

  it('says a radio group’s error when it clears on a choice', async () => {
    const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => e.preventDefault()}>
      <egov-radio-group name="sex" label="Sex" required locale="en"><option value="m">Male</option><option value="f">Female</option></egov-radio-group>
    </form>`);
    const group = form.querySelector<EgovRadioGroup>('egov-radio-group')!;
    await group.updateComplete;
    group.reportValidity();
    await waitUntil(() => group.shadowRoot!.querySelector('[part=error-message]'), 'no error');
    const heard = listenTo(region(group));
    await clickOn(shadowAll(group, 'input[type=radio]')[1]!);
    await waitUntil(() => heard.said.length === 1, 'the cleared error was not said');
    expect(heard.said[0]).to.equal('Sex: error corrected');
    expect(shadow(group, '[role=radiogroup], fieldset').getAttribute('aria-invalid')).to.equal('false');
  });
});

describe('<egov-application-form>: inline errors against the error summary', () => {
  let token = '';
  before(async () => {
    token = await demoLogin('citizen-001');
  });
  beforeEach(() => clearDraftsOf('citizen-001'));

  async function openParents(): Promise<EgovApplicationForm> {
    const { motherIdNumber: _omitted, ...answers } = BIRTH_ANSWERS;
    const store = new DraftStore('citizen-001', 'birth-registration');
    store.save({ ...newDraft('citizen-001', 'birth-registration'), step: 'form:parents', data: answers }, 0);
    await store.flush();
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('egov-application-form');
    el.setAttribute('service', 'birth-registration');
    el.setAttribute('locale', 'en');
    el.token = token;
    wrapper.append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('.step-heading')?.textContent?.includes('The parents'), 'the parents section never opened', { timeout: 15_000 });
    return el;
  }

  it('after "Save and continue" only the summary speaks; then the field says its own changes', async () => {
    const el = await openParents();
    const field = shadow(el, '#f-motherIdNumber');
    const heard = listenTo(region(field));
    control(field).focus();
    await type('330102199203150022');
    await clickOn(shadowAll<HTMLButtonElement>(el, 'button[type=submit]').find((b) => b.textContent!.includes('Save and continue'))!);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    await aTimeout(QUIET);
    expect(heard.said).to.deep.equal([]);
    expect(control(field).getAttribute('aria-invalid')).to.equal('true');
    // Put right and left: the field says so, politely, once; the summary is not rebuilt.
    control(field).focus();
    control(field).select();
    await type('330102199203150021');
    await press('Tab');
    await waitUntil(() => heard.said.length === 1, 'the cleared error was not said', { timeout: 5_000 });
    expect(heard.said[0]).to.equal("Mother's ID number: error corrected");
    expect(control(field).getAttribute('aria-invalid')).to.equal('false');
    await aTimeout(QUIET);
    heard.stop();
    expect(heard.said).to.have.length(1);
  });
});
