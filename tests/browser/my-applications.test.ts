import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/my-applications';
import type { EgovMyApplications } from '../../src/my-applications';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';
import { applyForBirthRegistration, decide, readApplication } from './support/case-fixtures';

let officer = '';

before(async () => {
  officer = await demoLogin('officer-001');
});

beforeEach(async () => {
  await setViewport({ width: 1000, height: 900 });
});

interface Events { selected: string[]; corrections: string[] }

async function mount(token: string, options: { id?: string; apiBase?: string; locale?: string; cancelCorrection?: boolean } = {}): Promise<{ el: EgovMyApplications; events: Events }> {
  const events: Events = { selected: [], corrections: [] };
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-my-applications');
  el.setAttribute('locale', options.locale ?? 'en');
  if (options.apiBase) el.setAttribute('api-base', options.apiBase);
  if (options.id) el.setAttribute('application', options.id);
  el.token = token;
  el.addEventListener('egov-application-select', (e) => events.selected.push(e.detail.id));
  el.addEventListener('egov-correction-start', (e) => {
    events.corrections.push(e.detail.applicationId);
    if (options.cancelCorrection) e.preventDefault();
  });
  wrapper.append(el);
  return { el, events };
}

const detail = (el: Element) => el.shadowRoot?.querySelector<HTMLElement>('article[part=application]');
async function opened(el: Element, status: string): Promise<HTMLElement> {
  await waitUntil(() => detail(el)?.dataset.status === status, `the application never showed as ${status} (is ${detail(el)?.dataset.status})`, { timeout: 15_000 });
  return detail(el)!;
}
const liveText = (el: Element) => shadowAll(el, '[role=status][aria-live]').map((r) => r.textContent).join(' ');

describe('<egov-my-applications>', () => {
  it('asks to sign in without a token, and shows a server failure with a retry', async () => {
    const { el } = await mount('');
    await waitForText(el, 'Sign in to see the applications');
    await expectAccessible(el);
    const broken = await mount(await demoLogin('citizen-001'), { apiBase: faults.error500 });
    await waitUntil(() => broken.el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error state', { timeout: 15_000 });
  });

  it('lists the applications; one opens by keyboard with its status, due date and a timeline of who did what when', async () => {
    const { id, receiptNo, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'accept' });
    const { el, events } = await mount(token);
    const card = () => el.shadowRoot!.querySelector<HTMLElement>(`li[data-application="${id}"]`);
    await waitUntil(card, 'the application is not listed');
    expect(card()!.textContent).to.contain(receiptNo);
    expect(card()!.dataset.status).to.equal('accepted');
    await waitUntil(() => liveText(el).includes('loaded'), 'the list was not announced');
    await expectAccessible(el);
    shadow<HTMLButtonElement>(el, `[data-open="${id}"]`).focus();
    await sendKeys({ press: 'Enter' });
    const view = await opened(el, 'accepted');
    expect(events.selected).to.deep.equal([id]);
    expect(el.shadowRoot!.activeElement?.id).to.equal('detail-heading');
    const timeline = shadowAll<HTMLElement>(el, '[part=timeline] li[data-action]');
    expect(timeline.map((t) => t.dataset.action)).to.deep.equal(['submitted', 'accepted']);
    expect(timeline[0]!.textContent).to.contain('张三');
    expect(timeline[1]!.textContent).to.contain('孙七');
    expect(timeline[1]!.querySelector('time')).to.exist;
    expect(view.textContent).to.not.contain('Set on acceptance');
    await expectAccessible(el);
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('Back to my applications'))!.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('data-open') === id, 'focus did not return to the application');
  });

  it("shows the officer's correction request, and its button opens the form in correction mode", async () => {
    const { id, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'request_correction', items: [{ path: '/birthPlace', reason: 'Use the hospital name on the birth certificate' }] });
    const { el, events } = await mount(token, { id });
    await opened(el, 'correction_requested');
    const correction = shadow(el, '[part=correction]');
    expect(correction.textContent).to.contain('Place of birth');
    expect(correction.textContent).to.contain('Use the hospital name on the birth certificate');
    await expectAccessible(el);
    shadow<HTMLButtonElement>(el, '[data-action=correct]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('egov-application-form'), 'the form did not open');
    expect(events.corrections).to.deep.equal([id]);
    const form = shadow(el, 'egov-application-form');
    expect(form.getAttribute('application')).to.equal(id);
    await waitUntil(() => form.shadowRoot?.querySelector('.correction-requests'), 'the form is not in correction mode', { timeout: 15_000 });
  });

  it('a portal that cancels egov-correction-start shows the form itself', async () => {
    const { id, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'request_correction', items: [{ material: 'birth-medical-certificate', reason: 'Unreadable' }] });
    const { el, events } = await mount(token, { id, cancelCorrection: true });
    await opened(el, 'correction_requested');
    shadow<HTMLButtonElement>(el, '[data-action=correct]').click();
    await waitUntil(() => events.corrections.length === 1, 'no event');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('egov-application-form')).to.equal(null);
  });

  it("another sign-in shows nothing of the last person's application", async () => {
    const { id, token } = await applyForBirthRegistration();
    const { el } = await mount(token, { id });
    await opened(el, 'submitted');
    el.token = await demoLogin('citizen-002');
    await waitUntil(() => detail(el)?.dataset.status !== 'submitted', 'the last application stayed on screen');
    await waitUntil(() => el.shadowRoot!.querySelector('li[part=application], egov-async-state[state=empty], egov-async-state[state=error]'), 'the new list never came');
    expect(el.shadowRoot!.querySelector(`[data-application="${id}"]`)).to.equal(null);
  });

  it('withdraws only after a confirmation; "no" keeps the application', async () => {
    const { id, token } = await applyForBirthRegistration();
    const { el } = await mount(token, { id });
    await opened(el, 'submitted');
    shadow<HTMLButtonElement>(el, '[data-action=withdraw]').click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'withdraw-heading', 'the confirmation did not take focus');
    await expectAccessible(el);
    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.includes('No, keep it'))!.click();
    await el.updateComplete;
    expect((await readApplication(token, id)).status).to.equal('submitted');
    shadow<HTMLButtonElement>(el, '[data-action=withdraw]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#withdraw-reason'), 'no confirmation');
    shadow<HTMLTextAreaElement>(el, '#withdraw-reason').focus();
    await sendKeys({ type: 'Applied twice by mistake' });
    shadow<HTMLButtonElement>(el, '[data-action=confirm-withdraw]').click();
    await opened(el, 'withdrawn');
    await waitUntil(() => liveText(el).includes('withdrawn'), 'the withdrawal was not announced');
    const after = await readApplication(token, id);
    expect(after.status).to.equal('withdrawn');
    expect(after.history.at(-1)?.reason).to.equal('Applied twice by mistake');
    expect(el.shadowRoot!.querySelector('[data-action=withdraw]')).to.equal(null);
  });

  it('an approval shows the decision, the certificate issued and the archival record with its seal checked', async () => {
    // The one test that gives 张三 a new certificate; the certificate tests, which count his, run before this file.
    const { id, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'accept' });
    await decide(officer, id, { action: 'approve' });
    const { el } = await mount(token, { id });
    await opened(el, 'approved');
    expect(shadow(el, '[part=decision]').dataset.action).to.equal('approve');
    expect(shadow(el, '[part=decision]').textContent).to.contain('孙七');
    await waitUntil(() => el.shadowRoot!.querySelector('[data-certificate] .mono'), 'the certificate number never showed');
    expect(shadow(el, '[data-certificate]').textContent).to.contain('出生登记证明');
    shadow<HTMLButtonElement>(el, '[data-action=record]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-record-seal]'), 'no record', { timeout: 15_000 });
    expect(shadow(el, '[data-record-seal]').dataset.recordSeal).to.equal('true');
    expect(shadow(el, 'pre').textContent).to.contain(id);
    await expectAccessible(el);
  });

  it('a refusal shows its reason and legal basis, in zh-CN at phone width', async () => {
    const { id, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'accept' });
    await decide(officer, id, { action: 'refuse', reason: '出生医学证明与申请信息不一致', legalBasis: '《浙江省公共数据和电子政务管理办法》第三十条' });
    await setViewport({ width: 375, height: 800 });
    const { el } = await mount(token, { id, locale: 'zh-CN' });
    await opened(el, 'refused');
    const decision = shadow(el, '[part=decision]').textContent!;
    expect(decision).to.contain('出生医学证明与申请信息不一致');
    expect(decision).to.contain('第三十条');
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
    await expectAccessible(el);
  });
});
