import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/case-workbench';
import type { EgovCaseWorkbench } from '../../src/case-workbench';
import { LitElement } from 'lit';
import { LazyBody } from '../../src/controllers/lazy-body';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';
import { applyForBirthRegistration, applyForResidencePermit, decide, readCase } from './support/case-fixtures';

let officer = '';

before(async () => {
  officer = await demoLogin('officer-001');
});

beforeEach(async () => {
  await setViewport({ width: 1100, height: 900 });
});

interface Decided { applicationId: string; action: string; status: string }

async function mount(options: { token?: string; caseId?: string; apiBase?: string; locale?: string } = {}): Promise<{ el: EgovCaseWorkbench; decided: Decided[] }> {
  const decided: Decided[] = [];
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-case-workbench');
  el.setAttribute('locale', options.locale ?? 'en');
  if (options.apiBase) el.setAttribute('api-base', options.apiBase);
  if (options.caseId) el.setAttribute('case', options.caseId);
  el.token = options.token ?? officer;
  el.addEventListener('egov-case-decided', (e) => decided.push(e.detail));
  wrapper.append(el);
  return { el, decided };
}

const caseView = (el: Element) => el.shadowRoot?.querySelector<HTMLElement>('[part=case]');
async function checked(el: Element): Promise<HTMLElement> {
  await waitUntil(() => caseView(el)?.dataset.state === 'checked', 'the case was never checked', { timeout: 15_000 });
  return caseView(el)!;
}
const liveText = (el: Element) => shadowAll(el, '[role=status][aria-live]').map((r) => r.textContent).join(' ');

function choose(el: Element, action: string): void {
  shadow<HTMLInputElement>(el, `#decision-action-${action}`).click();
}
function submitDecision(el: Element): void {
  shadow<HTMLButtonElement>(el, 'form[part=decision-form] button[type=submit]').click();
}

describe('<egov-case-workbench>: who may use it', () => {
  it('asks to sign in without a token, and tells a citizen the cases are for officers', async () => {
    const { el } = await mount({ token: '' });
    await waitForText(el, 'Sign in as an officer');
    await expectAccessible(el);
    const citizen = await mount({ token: await demoLogin('citizen-001') });
    await waitForText(citizen.el, 'Only officers of the agency');
    await expectAccessible(citizen.el);
  });
});

describe('<egov-case-workbench>: another sign-in', () => {
  it("shows nothing of the last officer's case to the next one", async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id });
    await checked(el);
    el.token = await demoLogin('officer-002');
    await waitUntil(() => !caseView(el) || el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'the last case stayed on screen');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.not.contain('张小明');
  });
});

describe('<egov-case-workbench>: the queue', () => {
  it("lists the agency's cases soonest due first, filters by status and service, and opens a case by keyboard", async () => {
    const { id, receiptNo } = await applyForBirthRegistration();
    const { el } = await mount();
    await waitUntil(() => shadowAll(el, 'tr[data-case]').length > 0, 'the queue never showed');
    const row = () => el.shadowRoot!.querySelector<HTMLElement>(`tr[data-case="${id}"]`);
    await waitUntil(() => row(), 'the new case is not in the queue');
    expect(row()!.textContent).to.contain(receiptNo);
    expect(row()!.textContent).to.contain('张三');
    expect(row()!.textContent).to.contain('Submitted, awaiting acceptance');
    await expectAccessible(el);

    const status = shadow<HTMLSelectElement>(el, '#filter-status');
    status.value = 'approved';
    status.dispatchEvent(new Event('change'));
    await waitUntil(() => !row(), 'a submitted case stayed under the approved filter');
    status.value = 'submitted';
    status.dispatchEvent(new Event('change'));
    await waitUntil(() => row(), 'the submitted filter lost the case');
    await waitUntil(() => shadowAll(el, '#filter-service option').length > 1, 'no services to filter by');
    const services = shadowAll<HTMLOptionElement>(el, '#filter-service option').map((o) => o.value);
    expect(services).to.include('birth-registration');
    expect(services).to.not.include('business-licence-change');

    shadow<HTMLButtonElement>(el, `[data-open="${id}"]`).focus();
    await sendKeys({ press: 'Enter' });
    await checked(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('case-heading');
  });

  it('marks an overdue case', async () => {
    await applyForBirthRegistration();
    const { el } = await mount({ apiBase: faults.rewrite({ '/items/0/dueAt': '2020-01-06T00:00:00Z', '/items/0/status': 'accepted' }) });
    await waitUntil(() => el.shadowRoot!.querySelector('tr[data-overdue]'), 'no overdue mark');
    expect(shadow(el, 'tr[data-overdue]').textContent).to.contain('Overdue');
  });

  it('shows an error with a retry when the server fails, and an empty queue', async () => {
    const { el } = await mount({ apiBase: faults.error500 });
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error state', { timeout: 15_000 });
    await expectAccessible(el);
    const other = await mount({ token: await demoLogin('officer-002') });
    const status = () => other.el.shadowRoot!.querySelector<HTMLSelectElement>('#filter-status');
    // Settled: its cases (other tests may have left some for this officer), or a state that is not loading.
    await waitUntil(() => status() && other.el.shadowRoot!.querySelector('[part=queue] table, [part=queue] egov-async-state:not([state=loading])'), 'the queue never settled');
    status()!.value = 'refused';
    status()!.dispatchEvent(new Event('change'));
    await waitUntil(() => other.el.shadowRoot!.querySelector('egov-async-state[state=empty]'), 'no empty state');
  });
});

describe('<egov-case-workbench>: a case', () => {
  it("shows the answers under their labels, checks the applicant's signature and each seal in the browser, and opens an upload", async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id });
    const view = await checked(el);
    expect(shadow(el, '[part=signature-check]').dataset.status).to.equal('valid');
    expect(shadow(el, '[part=signature-check]').textContent).to.contain('The signature matches the application');
    const answers = shadow(el, '[part=answers]').textContent!;
    expect(answers).to.contain('张小明');
    expect(answers).to.contain('浙江大学医学院附属妇产科医院');
    expect(answers).to.not.contain('childName');
    const materials = shadowAll(el, '[part=material]');
    expect(materials.length).to.equal(3);
    expect(shadowAll(el, '[part=material] [data-seal=valid]').length).to.equal(2);
    expect(view.querySelector('[part=history] [data-action=submitted]')).to.exist;
    await waitUntil(() => liveText(el).includes('Checks done'), 'the result was not announced');
    await expectAccessible(el);

    const upload = materials.find((m) => m.dataset.material === 'birth-medical-certificate')!;
    upload.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => liveText(el).includes('The file was downloaded'), 'the upload did not open');
  });

  it('a changed answer shows as not matching the signature', async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id, apiBase: faults.rewrite({ '/data/birthPlace': 'Another hospital' }) });
    await checked(el);
    expect(shadow(el, '[part=signature-check]').dataset.status).to.equal('invalid');
    expect(shadow(el, '[part=signature-check]').textContent).to.contain('does not match');
    await expectAccessible(el);
  });

  it('warns, by the history, that a case whose history was altered cannot be confirmed', async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id, apiBase: faults.rewrite({ '/historyBroken': { at: 1 } }), locale: 'zh-CN' });
    await checked(el);
    const warning = shadow(el, '[part=history] [data-history-broken]');
    expect(warning.getAttribute('role')).to.equal('alert');
    expect(warning.textContent!.trim()).to.equal('此办件的历史记录已被改动，无法确认其完整性');
    await expectAccessible(el);
    const plain = await mount({ caseId: id });
    await checked(plain.el);
    expect(plain.el.shadowRoot!.querySelector('[data-history-broken]')).to.equal(null);
  });

  it('a case of another agency is not found', async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id, token: await demoLogin('officer-002') });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=queue], egov-async-state[state=error]') && el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error for a foreign case');
  });
});

describe('<egov-case-workbench>: the decision form', () => {
  it('lists missing answers in an error summary that leads to each field', async () => {
    const { id } = await applyForBirthRegistration();
    const { el } = await mount({ caseId: id });
    await checked(el);
    submitDecision(el);
    await waitUntil(() => el.shadowRoot!.activeElement?.getAttribute('part') === 'error-summary', 'the summary did not take focus');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('Choose a decision');
    shadow<HTMLAnchorElement>(el, '[part=error-summary] a').click();
    expect(el.shadowRoot!.activeElement?.id).to.equal('decision-action-accept');

    choose(el, 'not_accept');
    submitDecision(el);
    await waitUntil(() => shadowAll(el, '[part=error-summary] li').length === 2, 'reason and legal basis were not both asked for');
    expect(shadow(el, '#decision-reason').getAttribute('aria-invalid')).to.equal('true');
    await expectAccessible(el);

    choose(el, 'request_correction');
    submitDecision(el);
    await waitUntil(() => shadow(el, '[part=error-summary]').textContent!.includes('Tick at least one'), 'no items asked for');
    shadow<HTMLInputElement>(el, '#item-0').click();
    await el.updateComplete;
    submitDecision(el);
    await waitUntil(() => shadow(el, '[part=error-summary]').textContent!.includes('Say why'), 'no reason asked for the item');
    expect(caseView(el)!.dataset.status).to.equal('submitted');
  });

  it('requests a correction with an itemised reason', async () => {
    const { id } = await applyForBirthRegistration();
    const { el, decided } = await mount({ caseId: id });
    await checked(el);
    choose(el, 'request_correction');
    await el.updateComplete;
    const box = shadowAll<HTMLElement>(el, '[data-item]').find((i) => i.dataset.item === 'path:/birthPlace')!;
    box.querySelector<HTMLInputElement>('input[type=checkbox]')!.click();
    await el.updateComplete;
    const reason = box.querySelector<HTMLInputElement>('input[type=text]')!;
    reason.focus();
    await sendKeys({ type: 'Use the hospital name on the birth certificate' });
    submitDecision(el);
    await waitUntil(() => decided.length === 1, 'no egov-case-decided');
    expect(decided[0]).to.deep.equal({ applicationId: id, action: 'request_correction', status: 'correction_requested' });
    const after = await readCase(officer, id);
    expect(after.corrections).to.deep.equal([{ path: '/birthPlace', reason: 'Use the hospital name on the birth certificate' }]);
    await waitUntil(() => caseView(el)?.dataset.status === 'correction_requested', 'the case did not show its new status');
    expect(shadow(el, '[part=decision-form]').textContent).to.contain('waiting for the applicant');
  });

  it('accepts, then approves, each decision heard by the portal', async () => {
    // A residence permit issues no certificate: the applicant's certificates stay as other tests expect them.
    const { id } = await applyForResidencePermit();
    const { el, decided } = await mount({ caseId: id });
    await checked(el);
    expect(shadow(el, '[part=signature-check]').dataset.status).to.equal('valid');
    choose(el, 'accept');
    submitDecision(el);
    await waitUntil(() => caseView(el)?.dataset.status === 'accepted', 'not accepted');
    await checked(el);
    expect(shadow(el, '#decided').textContent).to.contain('Accept');
    expect(shadow(el, '[part=case] .facts').textContent).to.not.contain('Set on acceptance');
    choose(el, 'approve');
    submitDecision(el);
    await waitUntil(() => caseView(el)?.dataset.status === 'approved', 'not approved', { timeout: 15_000 })
      .catch(() => { throw new Error('not approved: ' + el.shadowRoot!.querySelector('[part=decision-form]')?.closest('section')?.textContent?.replace(/\s+/g, ' ')); });
    expect(decided.map((d) => d.status)).to.deep.equal(['accepted', 'approved']);
    expect(shadow(el, '[part=decision-form]').textContent).to.contain('closed');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=history] [data-action=approved]'), 'no approval in the history');
  });

  it("a colleague's decision first: the 409 is shown clearly and the case reloaded", async () => {
    const { id } = await applyForBirthRegistration();
    const { el, decided } = await mount({ caseId: id });
    await checked(el);
    const colleague = await decide(await demoLogin('officer-001'), id, { action: 'accept' });
    expect(colleague.status).to.equal(200);
    choose(el, 'not_accept');
    shadow<HTMLTextAreaElement>(el, '#decision-reason').focus();
    await sendKeys({ type: 'Incomplete' });
    shadow<HTMLInputElement>(el, '#decision-legal').focus();
    await sendKeys({ type: 'Art. 30' });
    submitDecision(el);
    await waitUntil(() => el.shadowRoot!.querySelector('#conflict'), 'no conflict message');
    await waitUntil(() => caseView(el)?.dataset.status === 'accepted', 'the case was not reloaded');
    expect(shadow(el, '#conflict').textContent).to.contain('another officer');
    expect(decided.length).to.equal(0);
    await expectAccessible(el);
  });
});

describe('<egov-case-workbench>: phone width and Chinese', () => {
  it('fits 375 px without a horizontal scroll, in zh-CN', async () => {
    const { id } = await applyForBirthRegistration();
    await setViewport({ width: 375, height: 800 });
    const { el } = await mount({ locale: 'zh-CN' });
    await waitUntil(() => el.shadowRoot!.querySelector(`tr[data-case="${id}"]`), 'the queue never showed');
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
    expect(shadow(el, '#queue-heading').textContent).to.contain('待办件');
    shadow<HTMLButtonElement>(el, `[data-open="${id}"]`).click();
    await checked(el);
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
    await expectAccessible(el);
  });
});

describe('<egov-case-workbench>: its body loads when first connected', () => {
  it('takes a case and openCase() given before the body is there', async () => {
    const first = await applyForBirthRegistration();
    const second = await applyForResidencePermit();
    const { el } = await mount();
    // Set while the element still shows its loading state: taken by the body when it arrives.
    el.caseId = first.id;
    await checked(el);
    expect(caseView(el)!.textContent).to.contain(first.receiptNo);
    const other = document.createElement('egov-case-workbench');
    other.setAttribute('locale', 'en');
    other.token = officer;
    document.body.append(other);
    try {
      await other.openCase(second.id);
      await checked(other);
      expect(caseView(other)!.textContent).to.contain(second.receiptNo);
    } finally {
      other.remove();
    }
  });
});

/** An element with a body loaded by `load` (lazy-body.ts), to fail the load at will. */
class LazyProbe extends LitElement {
  static loads: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  readonly body = new LazyBody<HTMLElement & { updateComplete: Promise<boolean> }>(this, 'lazy-probe-body', () => new Promise<void>((resolve, reject) => {
    LazyProbe.loads.push({
      resolve: () => {
        if (!customElements.get('lazy-probe-body')) customElements.define('lazy-probe-body', class extends HTMLElement { updateComplete = Promise.resolve(true); });
        resolve();
      },
      reject,
    });
  }));

  override render() {
    return this.body.render(() => html`<lazy-probe-body>body</lazy-probe-body>`, () => 'The code could not be loaded');
  }
}
customElements.define('lazy-probe', LazyProbe);

describe('an element body loaded when first connected (lazy-body.ts)', () => {
  it('shows the loading state first, the error with a retry when the load fails, and the body after a retry', async () => {
    const el = await fixture<LazyProbe>(html`<lazy-probe></lazy-probe>`);
    await el.updateComplete;
    expect(LazyProbe.loads.length, 'loaded once, on connection').to.equal(1);
    expect(el.shadowRoot!.querySelector('egov-async-state')!.getAttribute('state')).to.equal('loading');
    LazyProbe.loads[0]!.reject(new TypeError('Failed to fetch dynamically imported module'));
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=error]'), 'no error state');
    const error = el.shadowRoot!.querySelector('egov-async-state')!;
    await waitUntil(() => error.shadowRoot?.textContent?.includes('The code could not be loaded'), 'the error is not said');
    await expectAccessible(el);
    error.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
    await waitUntil(() => LazyProbe.loads.length === 2, 'the retry did not load again');
    await waitUntil(() => el.shadowRoot!.querySelector('egov-async-state[state=loading]'), 'no loading state on retry');
    LazyProbe.loads[1]!.resolve();
    await waitUntil(() => el.shadowRoot!.querySelector('lazy-probe-body'), 'the body never showed');
    expect(el.shadowRoot!.querySelector('egov-async-state')).to.equal(null);
    expect(el.body.element).to.equal(el.shadowRoot!.querySelector('lazy-probe-body'));
  });
});
