import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/case-workbench';
import '../../src/my-applications';
import type { EgovCaseWorkbench } from '../../src/case-workbench';
import { demoLogin, expectAccessible, shadow, shadowAll, waitUntil } from './support/helpers';
import { applyForLicenceChange, changeClock, decide, readCase } from './support/case-fixtures';

/** SPEC §14 in the officer's workbench: each case's step, who took which step, and approving as passing on. */

beforeEach(async () => {
  await setViewport({ width: 1100, height: 900 });
});

async function mount(token: string, options: { caseId?: string; locale?: string } = {}): Promise<EgovCaseWorkbench> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-case-workbench');
  el.setAttribute('locale', options.locale ?? 'en');
  if (options.caseId) el.setAttribute('case', options.caseId);
  el.token = token;
  wrapper.append(el);
  return el;
}

const caseView = (el: Element) => el.shadowRoot?.querySelector<HTMLElement>('[part=case]');
const checked = (el: Element) => waitUntil(() => caseView(el)?.dataset.state === 'checked', 'the case was never checked', { timeout: 15_000 });

describe('<egov-case-workbench>: steps and four eyes', () => {
  it('shows the step in the queue; the handler approves by keyboard, which passes the case on to review', async () => {
    const { id } = await applyForLicenceChange();
    const handler = await demoLogin('officer-002');
    expect((await decide(handler, id, { action: 'accept' })).status).to.equal(200);
    const el = await mount(handler);
    const row = () => el.shadowRoot!.querySelector<HTMLElement>(`tr[data-case="${id}"]`);
    await waitUntil(() => row(), 'the case is not in the queue');
    expect(row()!.querySelector('.step')!.textContent).to.equal('Step 1 of 3 · Handling');
    await expectAccessible(el);

    row()!.querySelector<HTMLButtonElement>('[data-open]')!.focus();
    await sendKeys({ press: 'Enter' });
    await checked(el);
    expect(shadow(el, '[part=case] .facts').textContent).to.contain('Step 1 of 3 · Handling');
    const approve = shadow<HTMLInputElement>(el, '#decision-action-approve');
    expect(approve.labels![0]!.textContent).to.equal('Approve and pass on to the next step');
    approve.focus();
    await sendKeys({ press: 'Space' });
    shadow<HTMLButtonElement>(el, 'form[part=decision-form] button[type=submit]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, '[part=case] .facts').textContent?.includes('Step 2 of 3 · Review'), 'the case did not move to review');
    expect(caseView(el)!.dataset.status).to.equal('accepted');
    const taken = shadowAll(el, '[part=steps] li');
    expect(taken.map((li) => li.dataset.action)).to.deep.equal(['accept', 'approve']);
    expect(taken[1]!.textContent).to.contain('周八');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=history] [data-action=passed_on]'), 'no passing on in the history');
    await expectAccessible(el);
    expect((await readCase(handler, id)).step).to.deep.equal({ number: 2, of: 3, name: 'review' });
  });

  it('shows the reviewer step 2 in Chinese with who took step 1, offers only what the step allows; the handler cannot decide it (403)', async () => {
    const { id } = await applyForLicenceChange();
    const handler = await demoLogin('officer-002');
    await decide(handler, id, { action: 'accept' });
    await decide(handler, id, { action: 'approve' });
    const el = await mount(await demoLogin('officer-005'), { caseId: id, locale: 'zh-CN' });
    await checked(el);
    expect(shadow(el, '[part=case] .facts').textContent).to.contain('第 2/3 环节 · 审核');
    expect(shadow(el, '[part=steps]').textContent).to.contain('周八');
    expect(shadowAll(el, '[part=decision-form] input[name=action]').map((i) => (i as HTMLInputElement).value)).to.deep.equal(['request_correction', 'approve', 'refuse']);
    await expectAccessible(el);
    const refused = await decide(handler, id, { action: 'approve' });
    expect(refused.status).to.equal(403);
  });
});

describe('<egov-case-workbench>: claim and the queue by holder', () => {
  it('the reviewer finds an unclaimed case, claims it, and finds it again under “Me”', async () => {
    const { id } = await applyForLicenceChange();
    const handler = await demoLogin('officer-002');
    await decide(handler, id, { action: 'accept' });
    await decide(handler, id, { action: 'approve' });
    const el = await mount(await demoLogin('officer-005'));
    const row = () => el.shadowRoot!.querySelector<HTMLElement>(`tr[data-case="${id}"]`);
    await waitUntil(() => row(), 'the case is not in the queue');
    const filter = shadow<HTMLSelectElement>(el, '#filter-holder');
    filter.value = 'unassigned';
    filter.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await waitUntil(() => !el.shadowRoot!.querySelector('egov-async-state') && row(), 'the case is not among the unclaimed');
    row()!.querySelector<HTMLButtonElement>('[data-open]')!.click();
    await checked(el);
    const claim = shadow<HTMLButtonElement>(el, '[data-claim]');
    claim.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, '[part=case] .facts [data-holder]').dataset.holder === 'officer-005', 'the claim did not show');
    expect(shadow(el, '[part=case] .facts').textContent).to.contain('You');
    expect(el.shadowRoot!.querySelector('[data-claim]')).to.equal(null);
    await expectAccessible(el);
    expect((await readCase(handler, id)).holder).to.deep.equal({ id: 'officer-005', name: '冯十一' });

    shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent?.includes('Back to the cases'))!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('#filter-holder'), 'the queue did not come back');
    const again = shadow<HTMLSelectElement>(el, '#filter-holder');
    again.value = 'mine';
    again.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await waitUntil(() => row()?.querySelector('[data-holder=officer-005]'), 'the claimed case is not under “Me”');
    await expectAccessible(el);
  });
});

describe('the clock, shown to the officer and to the applicant', () => {
  it('shows the stopped clock and the extension with their reasons in the workbench and in my applications, in both languages', async () => {
    const { id, token } = await applyForLicenceChange();
    const handler = await demoLogin('officer-002');
    await decide(handler, id, { action: 'accept' });
    expect((await changeClock(await demoLogin('officer-006'), id, 'extension', { reason: '变更事项复杂', days: 5 })).status).to.equal(200);
    expect((await changeClock(handler, id, 'suspension', { reason: '需现场核查新住所', legalBasis: '《行政许可法》第四十五条', kind: 'inspection' })).status).to.equal(200);

    const el = await mount(handler, { caseId: id });
    await checked(el);
    const clock = shadow(el, '[part=clock]');
    expect(shadowAll(el, '[part=clock] li').map((li) => li.dataset.clock)).to.deep.equal(['extended', 'suspended']);
    expect(clock.textContent).to.contain('Time limit extended by 5 working days');
    expect(clock.textContent).to.contain('Clock stopped (inspection)');
    expect(clock.textContent).to.contain('需现场核查新住所');
    await expectAccessible(el);

    const mine = document.createElement('egov-my-applications');
    mine.setAttribute('locale', 'zh-CN');
    mine.setAttribute('application', id);
    mine.token = token;
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(mine);
    await waitUntil(() => mine.shadowRoot?.querySelector('[part=clock]'), 'the applicant does not see the clock', { timeout: 15_000 });
    const seen = shadow(mine, '[part=clock]');
    expect(seen.textContent).to.contain('办理时限已中止计算');
    expect(seen.textContent).to.contain('中止计时（现场核查）');
    expect(seen.textContent).to.contain('延长办理期限 5 个工作日');
    expect(seen.textContent).to.contain('《行政许可法》第四十五条');
    await expectAccessible(mine);
  });
});

describe('the notice of remedies, shown to the applicant', () => {
  it('shows the bodies and time limits of a non-acceptance in English and in Chinese', async () => {
    const { id, token } = await applyForLicenceChange();
    expect((await decide(await demoLogin('officer-002'), id, { action: 'not_accept', reason: '缺少股东会决议原件', legalBasis: '《行政许可法》第三十二条' })).status).to.equal(200);
    for (const [locale, review, litigation] of [
      ['en', 'administrative reconsideration within 60 days', 'administrative lawsuit within 6 months'],
      ['zh-CN', '60 日内申请行政复议', '6 个月内提起行政诉讼'],
    ] as const) {
      const mine = document.createElement('egov-my-applications');
      mine.setAttribute('locale', locale);
      mine.setAttribute('application', id);
      mine.token = token;
      (await fixture<HTMLDivElement>(html`<div></div>`)).append(mine);
      await waitUntil(() => mine.shadowRoot?.querySelector('[part=remedies]'), 'no notice of remedies', { timeout: 15_000 });
      expect(shadow(mine, '[data-remedy=review]').textContent).to.contain(review).and.to.contain('浙江省人民政府');
      expect(shadow(mine, '[data-remedy=litigation]').textContent).to.contain(litigation).and.to.contain('浙江省市场监督管理局所在地有管辖权的人民法院');
      await expectAccessible(mine);
    }
  });
});

describe('the decision letter (决定书)', () => {
  it('opens for the applicant and for the officer by keyboard, its seal checked in the browser, ready to print', async () => {
    const { id, token } = await applyForLicenceChange();
    const handler = await demoLogin('officer-002');
    expect((await decide(handler, id, { action: 'not_accept', reason: '缺少变更决议', legalBasis: '《行政许可法》第三十二条' })).status).to.equal(200);

    const mine = document.createElement('egov-my-applications');
    mine.setAttribute('locale', 'en');
    mine.setAttribute('application', id);
    mine.token = token;
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(mine);
    const letterIn = (host: Element) => host.shadowRoot?.querySelector('egov-decision-letter');
    await waitUntil(() => letterIn(mine)?.shadowRoot?.querySelector('[data-letter-open]'), 'no decision letter button for the applicant', { timeout: 15_000 });
    letterIn(mine)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-letter-open]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => letterIn(mine)!.shadowRoot!.querySelector('[part=decision-letter][data-seal=true]'), 'the letter did not open with a good seal', { timeout: 15_000 });
    const letter = letterIn(mine)!.shadowRoot!.querySelector<HTMLElement>('[part=decision-letter]')!;
    expect(letter.textContent).to.contain('缺少变更决议').and.to.contain('浙江省市场监督管理局').and.to.contain('Seal checked in this browser');
    expect(letter.querySelector('[data-remedy=review]')!.textContent).to.contain('60 days');
    expect(letter.querySelector('[data-letter-print]')).to.not.equal(null);
    await expectAccessible(mine);

    const el = await mount(handler, { caseId: id, locale: 'zh-CN' });
    await checked(el);
    await waitUntil(() => letterIn(el)?.shadowRoot?.querySelector('[data-letter-open]'), 'no decision letter button for the officer');
    letterIn(el)!.shadowRoot!.querySelector<HTMLButtonElement>('[data-letter-open]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => letterIn(el)!.shadowRoot!.querySelector('[part=decision-letter][data-seal=true]'), 'the officer’s letter did not open with a good seal', { timeout: 15_000 });
    expect(letterIn(el)!.shadowRoot!.textContent).to.contain('本浏览器已核验印章');
    await expectAccessible(el);
  });
});

describe('typed correction items, seen by the applicant', () => {
  it('names the declared paper original among the items to correct', async () => {
    const { id, token } = await applyForLicenceChange();
    const asked = await decide(await demoLogin('officer-002'), id, { action: 'request_correction', items: [{ kind: 'paper', code: 'original-licence', reason: '领取新照时交回' }] });
    expect(asked.status).to.equal(200);
    const mine = document.createElement('egov-my-applications');
    mine.setAttribute('locale', 'en');
    mine.setAttribute('application', id);
    mine.token = token;
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(mine);
    await waitUntil(() => mine.shadowRoot?.querySelector('[data-correction="paper:original-licence"]'), 'the paper item is not shown', { timeout: 15_000 });
    expect(shadow(mine, '[data-correction="paper:original-licence"]').textContent).to.contain('Paper original: The original business licence');
    await expectAccessible(mine);
  });
});
