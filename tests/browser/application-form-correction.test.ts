import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/application-form';
import type { EgovApplicationForm } from '../../src/application-form';
import type { EgovSignature } from '../../src/signature';
import { verifyEnvelope } from '../../src/core/crypto/envelope';
import { signedPayload } from '../../src/services/cases';
import { clearDraftsOf } from '../../src/services/drafts';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';
import { applyForBirthRegistration, decide, readApplication } from './support/case-fixtures';

let officer = '';

before(async () => {
  officer = await demoLogin('officer-001');
});

beforeEach(async () => {
  await clearDraftsOf('citizen-001');
  await setViewport({ width: 1000, height: 900 });
});

/** An application of 张三 for which the officer asked to correct the place of birth. */
async function correctionRequested(items = [{ path: '/birthPlace', reason: 'Use the hospital name on the birth certificate' }]) {
  const application = await applyForBirthRegistration();
  const { status } = await decide(officer, application.id, { action: 'request_correction', items });
  expect(status).to.equal(200);
  return application;
}

async function mount(id: string, token: string, apiBase?: string): Promise<{ el: EgovApplicationForm; submits: Array<{ applicationId: string; receiptNo: string }> }> {
  const submits: Array<{ applicationId: string; receiptNo: string }> = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-application-form');
  el.setAttribute('application', id);
  el.setAttribute('locale', 'en');
  if (apiBase) el.setAttribute('api-base', apiBase);
  el.token = token;
  el.addEventListener('egov-submit', (e) => submits.push(e.detail));
  wrapper.append(el);
  await waitUntil(() => el.shadowRoot?.querySelector('.step-heading, egov-alert, egov-async-state[state=error]'), 'the form never rendered', { timeout: 10_000 });
  return { el, submits };
}

const heading = (el: Element) => el.shadowRoot?.querySelector('.step-heading')?.textContent?.trim() ?? '';
async function waitForHeading(el: Element, text: string): Promise<void> {
  await waitUntil(() => heading(el).includes(text), `heading never became "${text}" (is "${heading(el)}")`, { timeout: 10_000 });
}
/** Replaces an answer by keyboard, as the applicant would. */
async function retype(el: Element, name: string, text: string): Promise<void> {
  const inner = shadow(el, `#f-${name}`).shadowRoot!.querySelector<HTMLInputElement>('input, textarea')!;
  inner.focus();
  inner.select();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Tab' });
}

/** Presses a button until the step heading shows the next step (a click during a re-render may be lost on a busy machine). */
async function pressUntil(el: Element, label: string, next: string): Promise<void> {
  await waitUntil(async () => {
    if (heading(el).includes(next)) return true;
    const button = shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes(label));
    button?.click();
    await new Promise((r) => setTimeout(r, 300));
    return heading(el).includes(next);
  }, `"${label}" never led to "${next}" (at "${heading(el)}")`, { timeout: 15_000 });
}

async function press(el: Element, label: string): Promise<void> {
  const find = () => shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes(label));
  await waitUntil(find, `no button "${label}"`);
  find()!.click();
}

async function signByKeyboard(el: EgovApplicationForm, name: string): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('egov-signature'), 'no <egov-signature> on the signature step');
  const signature = shadow<EgovSignature>(el, 'egov-signature');
  await waitUntil(() => signature.state && signature.state !== 'loading', 'the signer never loaded', { timeout: 15_000 });
  shadow<HTMLInputElement>(signature, 'input[type=checkbox]').focus();
  await sendKeys({ press: 'Space' });
  shadow<HTMLButtonElement>(signature, '.mode-switch-type').focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => signature.shadowRoot!.querySelector('[part=typed-name]'), 'no typed-name input');
  shadow<HTMLInputElement>(signature, '[part=typed-name]').focus();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => el.shadowRoot!.querySelector('[data-state=signed]'), 'the form never saw the signature', { timeout: 15_000 });
}

describe('<egov-application-form application>: correction mode', () => {
  it("shows the officer's requests, lets only the named answer change, signs the new version and resubmits", async () => {
    const { id, token } = await correctionRequested();
    const { el, submits } = await mount(id, token);
    await waitForHeading(el, 'Who is applying');
    expect(shadow(el, '.correction-requests').textContent).to.contain('Use the hospital name on the birth certificate');
    await expectAccessible(el);
    await pressUntil(el, 'Start', 'Your corrections');
    // Only the named answer is a field; the rest is shown, not editable.
    const controls = shadowAll(el, '[part=field]');
    expect(controls.length).to.equal(1);
    expect(shadow(el, '[data-readonly]').textContent).to.contain('张小明');
    expect(controls[0]!.dataset.field).to.equal('birthPlace');
    await retype(el, 'birthPlace', '浙江省妇幼保健院');
    await expectAccessible(el);
    await press(el, 'Save and continue');
    await waitForHeading(el, 'Check your answers');
    const review = shadow(el, '[part=review]');
    expect(review.textContent).to.contain('浙江省妇幼保健院');
    // Change links only where the officer asked for a change.
    expect(shadowAll(el, '[part=review] [data-answer] .change button').length).to.equal(1);
    expect(review.textContent).to.contain('No change needed');
    await press(el, 'Confirm and sign');
    await waitForHeading(el, 'Sign and submit');
    const signature = shadow<EgovSignature>(el, 'egov-signature');
    const payload = signature.payload as { applicationId: string; version: number; data: Record<string, unknown> };
    expect(payload.applicationId).to.equal(id);
    expect(payload.version).to.equal(2);
    await signByKeyboard(el, '张三');
    shadow<HTMLButtonElement>(el, '.submit-button').click();
    await waitUntil(() => submits.length === 1, 'no egov-submit', { timeout: 15_000 });
    expect(submits[0]!.applicationId).to.equal(id);

    const after = await readApplication(token, id);
    expect(after.status).to.equal('submitted');
    expect(after.version).to.equal(2);
    expect(after.data.birthPlace).to.equal('浙江省妇幼保健院');
    expect(after.data.childName).to.equal('张小明');
    expect(after.history.map((h) => h.action)).to.include('resubmitted');
    // The officer's browser check of the new signature passes over the resubmission payload.
    expect(await verifyEnvelope(signedPayload(after), after.signature!)).to.deep.equal({ valid: true });
  });

  it('keeps what was typed in a correction across a reload', async () => {
    const { id, token } = await correctionRequested();
    const first = await mount(id, token);
    await waitForHeading(first.el, 'Who is applying');
    await pressUntil(first.el, 'Start', 'Your corrections');
    await retype(first.el, 'birthPlace', '杭州市第一人民医院');
    await first.el.updateComplete;
    first.el.remove();
    await new Promise((r) => setTimeout(r, 400));
    const again = await mount(id, token);
    await waitForHeading(again.el, 'Your corrections');
    await waitUntil(() => {
      const field = again.el.shadowRoot!.querySelector<HTMLElement & { value?: string }>('#f-birthPlace');
      return field?.value === '杭州市第一人民医院';
    }, 'the typed correction was lost');
  });

  it("the server's refusal of an answer takes the applicant to that answer with the server's message", async () => {
    // The page is told (in transit) that the child's name was named too; the server, which
    // knows it was not, refuses the changed name — and the form goes back to that answer.
    const { id, token } = await correctionRequested();
    const told = [{ path: '/childName', reason: 'Check the spelling' }, { path: '/birthPlace', reason: 'Use the hospital name on the birth certificate' }];
    const { el, submits } = await mount(id, token, faults.rewrite({ '/corrections': told }));
    await pressUntil(el, 'Start', 'Your corrections');
    expect(shadowAll(el, '[part=field]').length).to.equal(2);
    await retype(el, 'childName', '张小亮');
    await press(el, 'Save and continue');
    await waitForHeading(el, 'Check your answers');
    await press(el, 'Confirm and sign');
    await waitForHeading(el, 'Sign and submit');
    await signByKeyboard(el, '张三');
    shadow<HTMLButtonElement>(el, '.submit-button').click();
    await waitForHeading(el, 'Your corrections');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('not named in the correction request');
    expect(shadow(el, '[part=error-summary] a').getAttribute('href')).to.equal('#f-childName');
    // Nothing typed is lost, and nothing was resubmitted.
    expect(shadow<HTMLElement & { value: string }>(el, '#f-childName').value).to.equal('张小亮');
    expect(submits.length).to.equal(0);
    expect((await readApplication(token, id)).status).to.equal('correction_requested');
  });

  it('a named material can be replaced; the others stay as they were', async () => {
    const { id, token } = await correctionRequested([{ material: 'birth-medical-certificate', reason: 'The scan is unreadable' }] as never);
    const { el } = await mount(id, token);
    await waitForHeading(el, 'Who is applying');
    await pressUntil(el, 'Start', 'Supporting documents');
    expect(shadowAll(el, '[part=material]').length).to.equal(1);
    await press(el, 'Save and continue');
    await waitForHeading(el, 'Check your answers');
    const materials = shadowAll<HTMLElement>(el, '[data-material]');
    expect(materials.length).to.equal(3);
    expect(materials.filter((m) => m.querySelector('.change button')).map((m) => m.dataset.material)).to.deep.equal(['birth-medical-certificate']);
  });

  it('an application that is not waiting for a correction says so', async () => {
    const { id, token } = await applyForBirthRegistration();
    const { el } = await mount(id, token);
    await waitForText(el, 'You can correct an application only when the officer asks you to');
    await expectAccessible(el);
  });

  it("someone else's application is not found", async () => {
    const { id } = await correctionRequested();
    const { el } = await mount(id, await demoLogin('citizen-002'));
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error');
  });
});
