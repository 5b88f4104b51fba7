import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/application-form';
import type { EgovApplicationForm } from '../../src/application-form';
import type { EgovSignature } from '../../src/signature';
import { verifyEnvelope } from '../../src/core/crypto/envelope';
import { clearDraftsOf, DraftStore, newDraft, useMemoryDrafts, type Draft } from '../../src/services/drafts';
import { aTimeout, demoLogin, expectAccessible, expiredToken, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';
import { BIRTH_ANSWERS } from './support/case-fixtures';

const SERVICE = 'birth-registration';

/** Answers that pass every check of the birth-registration form. */
const VALID = BIRTH_ANSWERS;

let citizen1 = '';
let citizen2 = '';

before(async () => {
  citizen1 = await demoLogin('citizen-001');
  citizen2 = await demoLogin('citizen-002');
});

beforeEach(async () => {
  await clearDraftsOf('citizen-001');
  await clearDraftsOf('citizen-002');
  await setViewport({ width: 1000, height: 800 });
});

async function seedDraft(subjectId: string, patch: Partial<Draft>): Promise<Draft> {
  const store = new DraftStore(subjectId, SERVICE);
  const draft = { ...newDraft(subjectId, SERVICE), ...patch };
  store.save(draft, 0);
  await store.flush();
  return draft;
}

interface Recorded {
  steps: string[];
  submits: Array<{ applicationId: string; receiptNo: string }>;
  errors: Array<{ code: string; message: string }>;
  signIn: Array<{ reason: string; trigger: string }>;
}

async function mount(token: string | undefined, options: { apiBase?: string; locale?: string; ready?: boolean; guide?: boolean } = {}): Promise<{ el: EgovApplicationForm; events: Recorded }> {
  const events: Recorded = { steps: [], submits: [], errors: [], signIn: [] };
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-application-form');
  el.setAttribute('service', SERVICE);
  el.setAttribute('locale', options.locale ?? 'en');
  if (options.apiBase) el.setAttribute('api-base', options.apiBase);
  if (token) el.token = token;
  el.addEventListener('egov-step-change', (e) => events.steps.push(e.detail.section ? `form:${e.detail.section}` : e.detail.step));
  el.addEventListener('egov-submit', (e) => events.submits.push(e.detail));
  el.addEventListener('egov-error', (e) => events.errors.push(e.detail));
  el.addEventListener('egov-sign-in-required', (e) => events.signIn.push({ reason: e.detail.reason, trigger: e.detail.trigger }));
  wrapper.append(el);
  if (options.ready !== false) await waitUntil(() => el.shadowRoot?.querySelector('.step-heading'), 'the form never rendered', { timeout: 10_000 });
  // The service guide comes first (SPEC §2); most tests start past it, as a returning applicant would.
  if (options.ready !== false && options.guide !== true && el.shadowRoot?.querySelector('.guide')) {
    shadow<HTMLButtonElement>(el, '.guide + .actions .btn').click();
    await waitUntil(() => !el.shadowRoot?.querySelector('.guide'), 'the guide never gave way to the identity step', { timeout: 10_000 });
    events.steps.length = 0;
  }
  return { el, events };
}

const heading = (el: Element) => el.shadowRoot?.querySelector('.step-heading')?.textContent?.trim() ?? '';
const active = (el: EgovApplicationForm) => el.shadowRoot!.activeElement as HTMLElement | null;

async function waitForHeading(el: Element, text: string): Promise<void> {
  await waitUntil(() => heading(el).includes(text), `heading never became "${text}" (is "${heading(el)}")`, { timeout: 10_000 });
}

/** Presses Tab until the focused element in the form matches, as a keyboard user would. */
async function tabTo(el: EgovApplicationForm, matches: (node: HTMLElement) => boolean, limit = 40): Promise<HTMLElement> {
  for (let i = 0; i < limit; i++) {
    const node = active(el);
    if (node && matches(node)) return node;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error('never reached the wanted control by Tab; at ' + active(el)?.outerHTML.slice(0, 120));
}

const byId = (id: string) => (node: HTMLElement) => node.id === id;
const byText = (text: string) => (node: HTMLElement) => node.localName === 'button' && (node.textContent ?? '').trim().includes(text);

async function typeInto(el: EgovApplicationForm, id: string, text: string): Promise<void> {
  await tabTo(el, byId(id));
  await sendKeys({ type: text });
}

/** The field element of an answer (an `<egov-input>`, `<egov-radio-group>`…). */
function control(el: Element, name: string): HTMLElement & { value: string } {
  return shadow<HTMLElement & { value: string }>(el, `#f-${name}`);
}

/** The native control inside a field element. */
function inner<T extends HTMLElement = HTMLInputElement>(el: Element, name: string, selector = 'input, textarea, select'): T {
  return shadow<T>(control(el, name), selector);
}

function pdfFile(name = 'birth-certificate.pdf', size = 60_000): File {
  const head = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj << /Type /Catalog >> endobj\n';
  const bytes = new Uint8Array(size);
  for (let i = 0; i < head.length; i++) bytes[i] = head.charCodeAt(i) & 0xff;
  for (let i = head.length; i < size; i++) bytes[i] = 32 + (i % 90);
  return new File([bytes], name, { type: 'application/pdf' });
}

function chooseFile(el: Element, materialCode: string, file: File): void {
  const input = shadow<HTMLInputElement>(el, `#material-${materialCode}`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function materialBox(el: Element, code: string): HTMLElement {
  return shadow(el, `[part=material][data-material="${code}"]`);
}

describe('<egov-application-form>: identity', () => {
  it('shows who applies from the token, with the ID number masked, and is accessible', async () => {
    const { el } = await mount(citizen1);
    await waitForText(el, 'Who is applying');
    await waitForText(el, '张三');
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('3301');
    expect(text).not.to.contain('33010619900101123X');
    expect(text).to.contain('Individual');
    const indicator = shadow(el, '[part=step-indicator]');
    expect(indicator.querySelector('[aria-current=step]')!.textContent).to.contain('Applicant');
    // Guide, applicant, three sections, documents, check, sign, receipt.
    expect(indicator.querySelectorAll('li').length).to.equal(9);
    await expectAccessible(el);
  });

  it('asks an anonymous visitor to sign in, raises a cancelable egov-sign-in-required, and carries on once signed in', async () => {
    const { el, events } = await mount(undefined);
    await waitForText(el, 'Sign in first');
    expect(events.signIn).to.deep.equal([{ reason: 'missing', trigger: 'auto' }]);
    await expectAccessible(el);
    const button = shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Sign in')!;
    el.addEventListener('egov-sign-in-required', (e) => e.preventDefault(), { once: true });
    const fired = oneEvent(el, 'egov-sign-in-required');
    button.focus();
    await sendKeys({ press: 'Enter' });
    const event = await fired;
    expect(event.cancelable).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({ service: SERVICE, reason: 'missing', trigger: 'user' });
    el.token = citizen1;
    await waitForText(el, '张三');
    await waitForHeading(el, 'Who is applying');
  });
});

describe('<egov-application-form>: who may apply', () => {
  it('tells an organisation that only individuals can apply for a birth registration', async () => {
    const { el } = await mount(await demoLogin('org-001'));
    await waitForText(el, 'Only Individual can apply');
    expect(shadowAll<HTMLButtonElement>(el, 'button').some((b) => b.textContent!.trim() === 'Start')).to.equal(false);
    await expectAccessible(el);
  });
});

describe('<egov-application-form>: another service', () => {
  it('runs the business-licence change for an organisation: credit code, a choose-all-that-apply list, its licence from the platform', async () => {
    const org = await demoLogin('org-001');
    await clearDraftsOf('org-001');
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('egov-application-form');
    el.locale = 'en';
    el.token = org;
    el.service = 'business-licence-change';
    wrapper.append(el);
    await waitForHeading(el, 'Service guide');
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Start now')!.click();
    await waitForText(el, '杭州示例科技有限公司');
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === 'Start')!.click();
    await waitForHeading(el, 'The company');
    // The company's credit code and name are its own (x-egov-subject): filled from the sign-in, read-only.
    for (const [name, value] of [['creditCode', '91330100MA27XL0A19'], ['companyName', '杭州示例科技有限公司']] as const) {
      const bound = shadow(el, `[data-field=${name}][data-bound]`);
      expect(bound.querySelector('input, textarea')).to.equal(null);
      expect(shadow(el, `#f-${name}`).getAttribute('aria-readonly')).to.equal('true');
      expect(shadow(el, `#f-${name}`).textContent!.trim()).to.equal(value);
      expect(bound.textContent).to.contain('Filled in from your sign-in');
    }
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'The change');
    const boxes = shadowAll<HTMLInputElement>(control(el, 'changeItems'), 'input[type=checkbox]');
    expect(boxes.length).to.equal(5);
    boxes[1]!.click();
    boxes[4]!.click();
    await typeInto(el as EgovApplicationForm, 'f-newValues', '住所变更为杭州市滨江区网商路 699 号；经营范围增加数据服务。');
    await typeInto(el as EgovApplicationForm, 'f-resolutionDate', '2026-11-20');
    await expectAccessible(el);
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Legal representative');
    const saved = (await new DraftStore('org-001', 'business-licence-change').load())!;
    expect(saved.data.changeItems).to.deep.equal(['address', 'business-scope']);
    await typeInto(el as EgovApplicationForm, 'f-legalRepName', '张三');
    await typeInto(el as EgovApplicationForm, 'f-legalRepIdNumber', '33010619900101123x');
    await typeInto(el as EgovApplicationForm, 'f-contactMobile', '13800138000');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Supporting documents');
    await waitUntil(() => materialBox(el, 'business-licence').querySelector('[data-state=by-reference]'), 'the licence was not found on the platform', { timeout: 10_000 });
    chooseFile(el, 'change-resolution', pdfFile('resolution.pdf'));
    await waitUntil(() => materialBox(el, 'change-resolution').querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Save and continue'))!.click();
    await waitForHeading(el, 'Check your answers');
    const review = shadow(el, '[part=review]').textContent!;
    expect(review).to.contain('Registered address and Business scope');
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Confirm and sign'))!.click();
    await waitForHeading(el, 'Sign and submit');
    const payload = shadow<EgovSignature>(el, 'egov-signature').payload as { data: Record<string, unknown>; materials: Array<{ code: string; certificateId?: string }> };
    // The lower-case check x is signed and submitted in its canonical form.
    expect(payload.data.legalRepIdNumber).to.equal('33010619900101123X');
    expect(payload.materials.find((m) => m.code === 'business-licence')!.certificateId).to.be.a('string');
  });
});

describe('<egov-application-form>: the form, by keyboard', () => {
  it('goes through the child section by keyboard alone, moving focus to each step heading and announcing it', async () => {
    const { el, events } = await mount(citizen1);
    await waitForText(el, '张三');
    shadow(el, '.step-heading').focus();
    await tabTo(el, byText('Start'));
    await sendKeys({ press: 'Enter' });
    await waitForHeading(el, 'The child');
    expect(active(el)).to.equal(shadow(el, '.step-heading'));
    expect(shadow(el, '[part=step-indicator] [aria-current=step]').textContent).to.contain('The child');
    expect(events.steps).to.deep.equal(['form:child']);
    await waitUntil(() => (shadow(el, '[role=status]').textContent ?? '').includes('Step 3 of 9: The child'), 'step change not announced');
    await expectAccessible(el);

    await typeInto(el, 'f-childName', '张小明');
    await tabTo(el, byId('f-childSex'));
    await sendKeys({ press: 'Space' });
    await typeInto(el, 'f-childBirthDate', '2026-10-01');
    await typeInto(el, 'f-birthPlace', '杭州市妇产科医院');
    await tabTo(el, byText('Save and continue'));
    await sendKeys({ press: 'Enter' });
    await waitForHeading(el, 'The parents');
    expect(events.steps).to.deep.equal(['form:child', 'form:parents']);
    expect(active(el)).to.equal(shadow(el, '.step-heading'));
  });

  it('shows an error summary that takes focus, with links that bring each field into view and focus it', async () => {
    await seedDraft('citizen-001', { step: 'form:child' });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'The child');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    const summary = shadow(el, '[part=error-summary]');
    expect(summary.getAttribute('role')).to.equal('alert');
    await waitUntil(() => active(el) === summary, 'focus did not move to the error summary');
    const links = [...summary.querySelectorAll('a')];
    expect(links.length).to.equal(4);
    expect(links[0]!.textContent).to.match(/child's name/i);
    // Inline errors next to the fields, wired to them.
    const name = inner(el, 'childName');
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    const errorId = shadow(control(el, 'childName'), '[part=error-message]').id;
    expect(name.getAttribute('aria-describedby')).to.contain(errorId);
    await expectAccessible(el);
    // Follow the third link by keyboard.
    links[2]!.focus();
    await sendKeys({ press: 'Enter' });
    expect(active(el)).to.equal(control(el, 'childBirthDate'));
  });

  it('rejects a 31 February date and an ID number with a wrong check digit, with clear messages', async () => {
    await seedDraft('citizen-001', { step: 'form:child', data: { childName: '张小明', childSex: 'female', birthPlace: '杭州' } });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'The child');
    await typeInto(el, 'f-childBirthDate', '2025-02-31');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    const summaryText = shadow(el, '[part=error-summary]').textContent!;
    expect(summaryText.toLowerCase()).to.contain('date');
    expect(shadowAll(el, '[part=error-summary] a').length).to.equal(1);
    // Correct it: the inline error goes when the field is left.
    const date = inner(el, 'childBirthDate');
    date.focus();
    date.select();
    await sendKeys({ type: '2025-02-28' });
    await sendKeys({ press: 'Tab' });
    await waitUntil(() => date.getAttribute('aria-invalid') === 'false', 'the corrected date still shows an error');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'The parents');

    await typeInto(el, 'f-fatherName', '张三');
    // 33010619900101123X with its last digit changed: the GB 11643 check fails.
    await typeInto(el, 'f-fatherIdNumber', '330106199001011235');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    const fatherError = shadow(control(el, 'fatherIdNumber'), '[part=error-message]').textContent!.replace(/^(Error|错误)[:：]\s*/, '');
    expect(fatherError.length).to.be.greaterThan(5);
    expect(shadow(el, '[part=error-summary]').textContent).to.contain(fatherError.trim());
    expect(control(el, 'fatherIdNumber').value).to.equal('330106199001011235');
  });

  it('lets a portal restyle the questions through parts, without forking', async () => {
    await seedDraft('citizen-001', { step: 'form:child' });
    const style = document.createElement('style');
    style.textContent = 'egov-application-form::part(field-control) { background-color: rgb(255, 250, 205); } egov-application-form::part(field-label) { color: rgb(128, 0, 0); }';
    document.head.append(style);
    try {
      const { el } = await mount(citizen1);
      await waitForHeading(el, 'The child');
      await waitUntil(() => control(el, 'childName').shadowRoot?.querySelector('input'), 'the field never rendered');
      expect(getComputedStyle(inner(el, 'childName')).backgroundColor).to.equal('rgb(255, 250, 205)');
      expect(getComputedStyle(inner(el, 'childName', 'label')).color).to.equal('rgb(128, 0, 0)');
    } finally {
      style.remove();
    }
  });

  it('shows the conditional explanation when the parents are not married, and requires it then only', async () => {
    const { childName, childSex, childBirthDate, birthPlace, fatherName, fatherIdNumber, motherName, motherIdNumber } = VALID;
    await seedDraft('citizen-001', { step: 'form:parents', data: { childName, childSex, childBirthDate, birthPlace, fatherName, fatherIdNumber, motherName, motherIdNumber } });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'The parents');
    expect(el.shadowRoot!.querySelector('#f-unmarriedExplanation')).to.equal(null);
    inner(el, 'parentsMarried', 'input[type=radio][value=false]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#f-unmarriedExplanation'), 'the conditional field did not appear');
    await expectAccessible(el);
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    const links = shadowAll(el, '[part=error-summary] a');
    expect(links.length).to.equal(1);
    expect(links[0]!.getAttribute('href')).to.equal('#f-unmarriedExplanation');
    // Married after all: the question goes, and so does its requirement.
    inner(el, 'parentsMarried', 'input[type=radio][value=true]').click();
    await waitUntil(() => !el.shadowRoot!.querySelector('#f-unmarriedExplanation'), 'the conditional field stayed');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Contact and address');
  });
});

describe('<egov-application-form>: materials (Art. 32)', () => {
  it('attaches the hukou and marriage certificate the platform holds by reference, and uploads the rest with progress', async () => {
    await seedDraft('citizen-001', { step: 'form:contact', data: VALID });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'Contact and address');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Supporting documents');
    await waitUntil(() => materialBox(el, 'parents-hukou').querySelector('[data-state=by-reference]'), 'hukou not attached by reference', { timeout: 10_000 });
    await waitUntil(() => materialBox(el, 'marriage-certificate').querySelector('[data-state=by-reference]'), 'marriage certificate not attached by reference');
    expect(materialBox(el, 'parents-hukou').textContent).to.contain('need not upload');
    expect(materialBox(el, 'parents-hukou').querySelector('input[type=file]')).to.equal(null);
    expect(shadowAll(el, '[part=material]').length).to.equal(3);
    await expectAccessible(el);

    // Nothing uploaded yet: the summary says what is missing.
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Save and continue'))!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary for the missing upload');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('Birth medical certificate');

    chooseFile(el, 'birth-medical-certificate', pdfFile('birth-certificate.pdf', 400_000));
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('progress') || materialBox(el, 'birth-medical-certificate').querySelector('[data-state=uploaded]'), 'no progress shown');
    const progress = materialBox(el, 'birth-medical-certificate').querySelector('progress');
    if (progress) {
      // The progress bar is labelled for screen readers.
      expect(el.shadowRoot!.querySelector(`label[for="${progress.id}"]`)!.textContent).to.contain('birth-certificate.pdf');
    }
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    expect(materialBox(el, 'birth-medical-certificate').textContent).to.contain('birth-certificate.pdf');
    await expectAccessible(el);
  });

  it('refuses a renamed .exe and a file that is too large with clear messages, and offers retry and remove', async () => {
    await seedDraft('citizen-002', { step: 'materials', data: VALID });
    const { el } = await mount(citizen2);
    await waitForHeading(el, 'Supporting documents');
    // citizen-002 holds no marriage certificate: an upload is asked for.
    await waitUntil(() => materialBox(el, 'marriage-certificate').querySelector('[data-state=not-held]'), 'lookup result not shown', { timeout: 10_000 });

    const exe = new Uint8Array(2048);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    chooseFile(el, 'birth-medical-certificate', new File([exe], 'certificate.pdf', { type: 'application/pdf' }));
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=failed]'), 'the .exe was not refused', { timeout: 10_000 });
    const refusal = materialBox(el, 'birth-medical-certificate').textContent!;
    expect(refusal).to.contain('certificate.pdf');
    expect(refusal).to.contain('not accepted');
    await expectAccessible(el);

    const big = new File([new Uint8Array(12 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' });
    chooseFile(el, 'marriage-certificate', big);
    await waitUntil(() => materialBox(el, 'marriage-certificate').querySelector('[data-state=failed]'), 'the large file was not refused');
    expect(materialBox(el, 'marriage-certificate').textContent).to.contain('too large');
    expect(materialBox(el, 'marriage-certificate').textContent).to.contain('10 MB');

    // Remove the refused file, then upload a proper one and remove it again.
    [...materialBox(el, 'birth-medical-certificate').querySelectorAll('button')].find((b) => b.textContent!.includes('Remove'))!.click();
    await waitUntil(() => !materialBox(el, 'birth-medical-certificate').querySelector('[data-state=failed]'), 'not removed');
    chooseFile(el, 'birth-medical-certificate', pdfFile());
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    const remove = materialBox(el, 'birth-medical-certificate').querySelector<HTMLButtonElement>('[data-state=uploaded] button')!;
    expect(remove.getAttribute('aria-label')).to.contain('birth-certificate.pdf');
    remove.click();
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('input[type=file]'), 'remove did not bring the file input back');
  });

  it('shows the server\'s refusal of a file over its size limit when the service sets none', async () => {
    await seedDraft('citizen-002', { step: 'materials', data: VALID });
    // The definition arrives without a size limit for the first material (rewritten in transit).
    // Signed out at first, so only the definition comes through the rewriting route.
    const { el } = await mount(undefined, { apiBase: faults.rewrite({ '/materials/0/maxBytes': null }) });
    await waitForText(el, 'Sign in first');
    el.apiBase = '/api';
    el.token = citizen2;
    await waitForHeading(el, 'Supporting documents');
    const big = new File([pdfFile('large-scan.pdf', 11 * 1024 * 1024)], 'large-scan.pdf', { type: 'application/pdf' });
    chooseFile(el, 'birth-medical-certificate', big);
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=failed]'), 'the server did not refuse the large file', { timeout: 20_000 });
    expect(materialBox(el, 'birth-medical-certificate').textContent).to.contain('larger than allowed');
  });

  it('retries a failed upload', async () => {
    await seedDraft('citizen-002', { step: 'materials', data: VALID });
    const { el } = await mount(citizen2);
    await waitForHeading(el, 'Supporting documents');
    el.apiBase = faults.down;
    await el.updateComplete;
    chooseFile(el, 'birth-medical-certificate', pdfFile());
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=failed]'), 'the upload did not fail', { timeout: 15_000 });
    el.apiBase = '/api';
    await el.updateComplete;
    [...materialBox(el, 'birth-medical-certificate').querySelectorAll('button')].find((b) => b.textContent!.includes('Upload again'))!.click();
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=uploaded]'), 'retry did not upload', { timeout: 15_000 });
  });
});

/** Signs on the signature step by keyboard: confirm, "type your name", Enter. */
async function signByKeyboard(el: EgovApplicationForm, name: string): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('egov-signature'), 'no <egov-signature> on the signature step');
  const signature = shadow<EgovSignature>(el, 'egov-signature');
  await waitUntil(() => signature.state && signature.state !== 'loading', 'the signer never loaded', { timeout: 15_000 });
  if (signature.state !== 'unsigned') throw new Error(`the signer is ${signature.state}: ${signature.shadowRoot!.textContent!.replace(/\s+/g, ' ')}`);
  shadow<HTMLInputElement>(signature, 'input[type=checkbox]').focus();
  await sendKeys({ press: 'Space' });
  shadow<HTMLButtonElement>(signature, '.mode-switch-type').focus();
  await sendKeys({ press: 'Enter' });
  const input = await waitUntil(() => signature.shadowRoot!.querySelector<HTMLInputElement>('[part=typed-name]'), 'no typed-name input');
  void input;
  shadow<HTMLInputElement>(signature, '[part=typed-name]').focus();
  await sendKeys({ type: name });
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => el.shadowRoot!.querySelector('[data-state=signed]'), 'the form never saw the signature', { timeout: 15_000 });
}

async function myApplications(token: string): Promise<Array<{ id: string; receiptNo: string; serviceCode?: string }>> {
  const response = await fetch('/api/applications', { headers: { Authorization: 'Bearer ' + token } });
  const body = (await response.json()) as { items?: Array<{ id: string; receiptNo: string }> } | Array<{ id: string; receiptNo: string }>;
  return Array.isArray(body) ? body : body.items ?? [];
}

/** A draft at the signature step, with every answer and every material in place. */
async function atSignature(token: string, subjectId: string): Promise<{ el: EgovApplicationForm; events: Recorded }> {
  await seedDraft(subjectId, { step: 'materials', data: VALID });
  const mounted = await mount(token);
  const { el } = mounted;
  await waitForHeading(el, 'Supporting documents');
  for (const code of ['birth-medical-certificate', 'parents-hukou', 'marriage-certificate']) {
    await waitUntil(() => !materialBox(el, code).querySelector('[data-state=checking]'), 'lookup never ended', { timeout: 10_000 });
    if (!materialBox(el, code).querySelector('[data-state=by-reference]')) {
      chooseFile(el, code, pdfFile(`${code}.pdf`));
      await waitUntil(() => materialBox(el, code).querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    }
  }
  shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Save and continue'))!.click();
  await waitForHeading(el, 'Check your answers');
  shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Confirm and sign'))!.click();
  await waitForHeading(el, 'Sign and submit');
  return mounted;
}

const submitButton = (el: Element) => shadow<HTMLButtonElement>(el, '.submit-button');

describe('<egov-application-form>: signature and submission', () => {
  it('signs exactly the payload it submits, submits once on a double click, and shows a printable receipt', async () => {
    const { el, events } = await atSignature(citizen1, 'citizen-001');
    const signature = shadow<EgovSignature>(el, 'egov-signature');
    const payload = signature.payload as { serviceCode: string; data: Record<string, unknown>; materials: Array<{ code: string; certificateId?: string; uploadId?: string }> };
    expect(Object.keys(payload).sort()).to.deep.equal(['data', 'materials', 'serviceCode']);
    expect(payload.serviceCode).to.equal(SERVICE);
    expect(payload.data.fatherIdNumber).to.equal('33010619900101123X');
    expect(payload.materials.find((m) => m.code === 'parents-hukou')!.certificateId).to.be.a('string');
    expect(payload.materials.find((m) => m.code === 'birth-medical-certificate')!.uploadId).to.be.a('string');
    await expectAccessible(el);

    let envelope: unknown;
    el.addEventListener('egov-signed', (e) => { envelope = e.detail.envelope; }, { once: true });
    await signByKeyboard(el, '张三');
    expect(await verifyEnvelope(payload, envelope as never)).to.deep.equal({ valid: true });
    await expectAccessible(el);
    const before = (await myApplications(citizen1)).length;

    const button = submitButton(el);
    button.click();
    button.click();
    await waitForHeading(el, 'Application submitted');
    await aTimeout(300);
    expect(events.submits.length).to.equal(1);
    const { receiptNo, applicationId } = events.submits[0]!;
    const receipt = shadow(el, '[part=receipt]');
    expect(receipt.textContent).to.contain(receiptNo);
    expect(receipt.textContent).to.contain('What happens next');
    expect(shadowAll<HTMLButtonElement>(el, '[part=receipt] button').some((b) => b.textContent!.includes('Print'))).to.equal(true);
    expect(events.steps.at(-1)).to.equal('receipt');
    const after = await myApplications(citizen1);
    expect(after.length).to.equal(before + 1);
    expect(after.some((a) => a.id === applicationId && a.receiptNo === receiptNo)).to.equal(true);
    // "My applications" lists it too.
    await waitUntil(() => el.shadowRoot!.querySelector(`[data-receipt="${receiptNo}"]`), 'my applications does not list the new one', { timeout: 10_000 });
    await expectAccessible(el);
    // The answers are gone from the device; the receipt stays after a reload.
    expect((await new DraftStore('citizen-001', SERVICE).load())!.data).to.deep.equal({});
    el.remove();
    const again = await mount(citizen1);
    await waitForHeading(again.el, 'Application submitted');
    expect(shadow(again.el, '[part=receipt]').textContent).to.contain(receiptNo);
  });

  it('keeps everything when the server is down at submit, and a retry submits once with the same key', async () => {
    const { el, events } = await atSignature(citizen2, 'citizen-002');
    await signByKeyboard(el, '李四');
    const before = (await myApplications(citizen2)).length;
    const key = (await new DraftStore('citizen-002', SERVICE).load())!.idempotencyKey;

    el.apiBase = faults.down;
    await el.updateComplete;
    submitButton(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-state=submit-failed]'), 'no message when the server is down', { timeout: 20_000 });
    const message = shadow(el, '[data-state=submit-failed]');
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent).to.contain('has not been sent');
    expect(message.textContent).to.contain('saved');
    expect(events.submits.length).to.equal(0);
    expect(events.errors.at(-1)!.code).to.equal('NETWORK');
    await expectAccessible(el);
    // Nothing lost: answers, materials, signature and key are in the draft.
    const kept = (await new DraftStore('citizen-002', SERVICE).load())!;
    expect(kept.data.childName).to.equal(VALID.childName);
    expect(kept.materials.length).to.equal(3);
    expect(kept.envelope).to.not.equal(null);
    expect(kept.idempotencyKey).to.equal(key);

    el.apiBase = '/api';
    await el.updateComplete;
    expect(submitButton(el).textContent).to.contain('Submit again');
    // Back online: the form tries again by itself, with the same key.
    window.dispatchEvent(new Event('online'));
    await waitForHeading(el, 'Application submitted');
    expect(events.submits.length).to.equal(1);
    expect((await myApplications(citizen2)).length).to.equal(before + 1);
    // The same key again names the same application.
    const repeat = await fetch('/api/applications', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + citizen2, 'Content-Type': 'application/json', 'Idempotency-Key': key },
      body: JSON.stringify({ ...(kept.signedPayload ? JSON.parse(kept.signedPayload) : {}), signature: kept.envelope }),
    });
    expect((await repeat.json()).id).to.equal(events.submits[0]!.applicationId);
    expect((await myApplications(citizen2)).length).to.equal(before + 1);
  });
});

describe('<egov-application-form>: bad input', () => {
  it('reports a 1 MB answer as too long, keeps it, and loses nothing else', async () => {
    await seedDraft('citizen-001', { step: 'form:child', data: { childName: '张小明', childSex: 'female', childBirthDate: '2026-10-01' } });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'The child');
    const place = inner(el, 'birthPlace');
    place.value = '浙'.repeat(1024 * 1024);
    place.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary for a 1 MB answer');
    const links = shadowAll(el, '[part=error-summary] a');
    expect(links.length).to.equal(1);
    expect(links[0]!.getAttribute('href')).to.equal('#f-birthPlace');
    expect(links[0]!.textContent).to.match(/100/);
    expect(control(el, 'childName').value).to.equal('张小明');
  });

  it('asks for a new signature when an answer changes after signing', async () => {
    const { el } = await atSignature(citizen1, 'citizen-001');
    await signByKeyboard(el, '张三');
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.trim() === 'Back')!.click();
    await waitForHeading(el, 'Check your answers');
    shadow<HTMLButtonElement>(el, '[part=review] [data-answer=childName] button').click();
    await waitForHeading(el, 'The child');
    await waitUntil(() => el.shadowRoot!.activeElement === control(el, 'childName'), 'the change link did not focus the field');
    inner(el, 'childName').select();
    await sendKeys({ type: '张小红' });
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Check your answers');
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Confirm and sign'))!.click();
    await waitForHeading(el, 'Sign and submit');
    expect(el.shadowRoot!.querySelector('[data-state=signed]')).to.equal(null);
    const signature = shadow<EgovSignature>(el, 'egov-signature');
    expect((signature.payload as { data: { childName: string } }).data.childName).to.equal('张小红');
  });

  it('refuses a draft that names another person\'s certificate, and asks to check the documents', async () => {
    // A tampered draft: citizen-002 claims citizen-001's household register.
    await seedDraft('citizen-002', {
      step: 'materials',
      data: VALID,
      materials: [{ code: 'parents-hukou', certificateId: 'cert-hukou-001', certificateNumber: 'x', certificateName: 'x' }],
    });
    const { el, events } = await mount(citizen2);
    await waitForHeading(el, 'Supporting documents');
    for (const code of ['birth-medical-certificate', 'marriage-certificate']) {
      await waitUntil(() => !materialBox(el, code).querySelector('[data-state=checking]'), 'lookup never ended', { timeout: 10_000 });
      chooseFile(el, code, pdfFile(`${code}.pdf`));
      await waitUntil(() => materialBox(el, code).querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    }
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Save and continue'))!.click();
    await waitForHeading(el, 'Check your answers');
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Confirm and sign'))!.click();
    await waitForHeading(el, 'Sign and submit');
    await signByKeyboard(el, '李四');
    submitButton(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-state=submit-failed]'), 'no message for a foreign certificate', { timeout: 15_000 });
    expect(shadow(el, '[data-state=submit-failed]').textContent).to.contain('document cannot be used');
    expect(events.errors.at(-1)!.code).to.equal('MATERIAL_INVALID');
    expect(events.submits.length).to.equal(0);
    // The signature is dropped: the applicant must fix the documents and sign again.
    expect(el.shadowRoot!.querySelector('egov-signature')).to.not.equal(null);
  });

  it('passes signer="remote" to the signature', async () => {
    await seedDraft('citizen-001', { step: 'signature', data: VALID });
    const { el } = await mount(citizen1);
    el.signer = 'remote';
    await waitForHeading(el, 'Sign and submit');
    await waitUntil(() => el.shadowRoot!.querySelector('egov-signature[signer=remote]'), 'the signer was not passed on');
  });
});

describe('<egov-application-form>: loading', () => {
  it('says clearly when the service cannot be loaded, reports egov-error, and recovers on retry', async () => {
    const { el, events } = await mount(citizen1, { apiBase: faults.down, ready: false });
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no load error with the server down', { timeout: 15_000 });
    expect(events.errors[0]!.code).to.equal('NETWORK');
    await expectAccessible(el);
    el.apiBase = '/api';
    await waitForHeading(el, 'Service guide');
  });

  it('reports an unknown service', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('egov-application-form');
    el.locale = 'en';
    el.token = citizen1;
    const failed = oneEvent(el, 'egov-error');
    el.service = 'no-such-service';
    wrapper.append(el);
    expect((await failed).detail.code).to.equal('SERVICE_NOT_FOUND');
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error state');
  });
});

describe('<egov-application-form>: drafts', () => {
  it('resumes at the same step with every answer when the element is created again', async () => {
    await seedDraft('citizen-001', { step: 'form:child' });
    const first = await mount(citizen1);
    await waitForHeading(first.el, 'The child');
    await typeInto(first.el, 'f-childName', '李小红');
    await typeInto(first.el, 'f-birthPlace', 'Hangzhou 医院 🏥');
    // Typed answers are saved within a moment, without leaving the field.
    await aTimeout(600);
    first.el.remove();

    const second = await mount(citizen1);
    await waitForHeading(second.el, 'The child');
    expect(control(second.el, 'childName').value).to.equal('李小红');
    expect(control(second.el, 'birthPlace').value).to.equal('Hangzhou 医院 🏥');
    expect(second.events.steps).to.deep.equal(['form:child']);
    await waitForText(second.el, 'restored');
  });

  it('says so when drafts can only be kept in memory (no IndexedDB), and still keeps them for the page', async () => {
    useMemoryDrafts(true);
    try {
      await seedDraft('citizen-001', { step: 'form:child', data: { childName: '王小二' } });
      const { el } = await mount(citizen1);
      await waitForHeading(el, 'The child');
      await waitForText(el, 'cannot keep drafts');
      expect(control(el, 'childName').value).to.equal('王小二');
      await expectAccessible(el);
    } finally {
      useMemoryDrafts(false);
    }
  });

  it('keeps drafts apart per applicant', async () => {
    await seedDraft('citizen-001', { step: 'form:parents', data: { childName: 'A' } });
    const { el } = await mount(citizen2);
    await waitForHeading(el, 'Who is applying');
    await waitForText(el, '李四');
  });
});

describe('<egov-application-form>: review', () => {
  it('lists every answer with a change link that goes to the field and comes back to the review', async () => {
    await seedDraft('citizen-001', { step: 'materials', data: VALID });
    const { el, events } = await mount(citizen1);
    await waitForHeading(el, 'Supporting documents');
    await waitUntil(() => materialBox(el, 'marriage-certificate').querySelector('[data-state=by-reference]'), 'not attached', { timeout: 10_000 });
    chooseFile(el, 'birth-medical-certificate', pdfFile());
    await waitUntil(() => materialBox(el, 'birth-medical-certificate').querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    shadowAll<HTMLButtonElement>(el, '.actions .btn').find((b) => b.textContent!.includes('Save and continue'))!.click();
    await waitForHeading(el, 'Check your answers');
    const review = shadow(el, '[part=review]');
    expect(review.textContent).to.contain('张小明');
    expect(review.textContent).to.contain('Male');
    expect(review.textContent).to.contain('Yes');
    expect(review.textContent).to.contain('birth-certificate.pdf');
    expect(review.textContent).to.contain('Supplied by the platform');
    await expectAccessible(el);

    const change = review.querySelector<HTMLButtonElement>('[data-answer=birthPlace] button')!;
    expect(change.getAttribute('aria-label')).to.equal('Change Place of birth');
    change.focus();
    await sendKeys({ press: 'Enter' });
    await waitForHeading(el, 'The child');
    expect(active(el)).to.equal(control(el, 'birthPlace'));
    inner(el, 'birthPlace').select();
    await sendKeys({ type: '杭州市第一人民医院' });
    await tabTo(el, byText('return to check your answers'));
    await sendKeys({ press: 'Enter' });
    await waitForHeading(el, 'Check your answers');
    expect(shadow(el, '[part=review] [data-answer=birthPlace]').textContent).to.contain('杭州市第一人民医院');
    expect(events.steps.slice(-3)).to.deep.equal(['review', 'form:child', 'review']);
  });
});

describe('<egov-application-form>: session', () => {
  it('keeps every answer when the sign-in expires mid-flow, asks to sign in again, and carries on', async () => {
    await seedDraft('citizen-001', { step: 'form:contact', data: VALID });
    const { el, events } = await mount(citizen1);
    await waitForHeading(el, 'Contact and address');
    // The token stops being accepted (as when it expires).
    el.token = 'Zm9yZ2VkLXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tcGFyc2U';
    await waitForText(el, 'Your sign-in has expired');
    expect(events.signIn.at(-1)).to.deep.equal({ reason: 'expired', trigger: 'auto' });
    expect(heading(el)).to.contain('Contact and address');
    expect(control(el, 'postcode').value).to.equal('310012');
    await expectAccessible(el);
    el.token = citizen1;
    await waitUntil(() => !(el.shadowRoot!.textContent ?? '').includes('Your sign-in has expired'), 'the notice stayed after signing in again');
    shadowAll<HTMLButtonElement>(el, 'button[type=submit]')[0]!.click();
    await waitForHeading(el, 'Supporting documents');
    await waitUntil(() => materialBox(el, 'parents-hukou').querySelector('[data-state=by-reference]'), 'lookup did not run after signing in again', { timeout: 10_000 });
  });

  it('treats a genuinely expired token (TOKEN_EXPIRED) the same way: answers kept, sign in again, carry on', async () => {
    await seedDraft('citizen-001', { step: 'form:contact', data: VALID });
    const { el, events } = await mount(await expiredToken('citizen-001'), { ready: false });
    await waitForText(el, 'Your sign-in has expired');
    await expectAccessible(el);
    expect(events.signIn.at(-1)).to.deep.include({ reason: 'expired' });
    expect(await new DraftStore('citizen-001', SERVICE).load().then((d) => d?.data.postcode)).to.equal('310012');
    el.token = citizen1;
    await waitUntil(() => !(el.shadowRoot!.textContent ?? '').includes('Your sign-in has expired'), 'the notice stayed after signing in again');
    await waitForHeading(el, 'Contact and address');
    expect(control(el, 'postcode').value).to.equal('310012');
  });

  it('drops the drafts of an applicant who signs out', async () => {
    await seedDraft('citizen-001', { step: 'form:contact', data: VALID });
    const { el } = await mount(citizen1);
    await waitForHeading(el, 'Contact and address');
    el.token = undefined;
    await waitForText(el, 'Sign in first');
    el.token = citizen1;
    await waitForText(el, '张三');
    await waitForHeading(el, 'Who is applying');
    expect(await new DraftStore('citizen-001', SERVICE).load().then((d) => d?.data.postcode)).to.equal(undefined);
  });
});

describe('<egov-application-form>: narrow screens', () => {
  it('is accessible at 360 px on the form and review steps', async () => {
    await setViewport({ width: 360, height: 740 });
    await seedDraft('citizen-001', { step: 'form:parents', data: VALID });
    const { el } = await mount(citizen1, { locale: 'zh-CN' });
    await waitForHeading(el, '父母信息');
    await expectAccessible(el);
    expect(el.scrollWidth).to.be.at.most(360);
    el.remove();

    await seedDraft('citizen-001', { step: 'review', data: VALID });
    const review = await mount(citizen1, { locale: 'zh-CN' });
    await waitForHeading(review.el, '核对');
    await expectAccessible(review.el);
    expect(review.el.scrollWidth).to.be.at.most(360);
    // The step indicator keeps the current step's name; the others shrink to their numbers.
    const current = shadow(review.el, '[part=step-indicator] [aria-current=step] .step-title');
    expect(current.getBoundingClientRect().width).to.be.greaterThan(10);
  });
});
