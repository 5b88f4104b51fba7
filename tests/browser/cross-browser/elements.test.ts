import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../src/provider';
import '../../../src/shared';
import '../../../src/catalog-browser';
import '../../../src/certificate-lookup';
import '../../../src/signature';
import '../../../src/application-form';
import '../../../src/case-workbench';
import '../../../src/my-applications';
import '../../../src/fields';
import type { EgovAsyncState } from '../../../src/shared';
import { applyForBirthRegistration } from '../support/case-fixtures';
import { demoLogin, expectAccessible, shadow, shadowAll, waitForText, waitUntil } from '../support/helpers';
import { engine, press, resetPointer, setViewportAnywhere } from '../../support/cross-browser-input';

/**
 * Every element registers, renders its first state against the real backend and passes axe,
 * in this browser; the shared building blocks and the provider work by keyboard.
 */
const T = { timeout: 15_000 };
let citizen = '';
let officer = '';
before(async () => {
  citizen = await demoLogin('citizen-001');
  officer = await demoLogin('officer-001');
});
beforeEach(() => setViewportAnywhere(1100, 900));
afterEach(() => resetPointer());

const TAGS = ['egov-provider', 'egov-alert', 'egov-async-state', 'egov-catalog-browser', 'egov-certificate-lookup', 'egov-signature', 'egov-application-form', 'egov-case-workbench', 'egov-my-applications',
  'egov-input', 'egov-id-number', 'egov-credit-code', 'egov-phone', 'egov-textarea', 'egov-select', 'egov-radio-group', 'egov-checkbox', 'egov-checkbox-group', 'egov-file-input'];

describe(`every element in ${engine}`, () => {
  it('registers every tag', () => {
    expect(TAGS.filter((tag) => !customElements.get(tag))).to.deep.equal([]);
  });

  it('renders the open catalog, the certificate check and the signature pad, accessible', async () => {
    const page = await fixture<HTMLDivElement>(html`<div>
      <egov-catalog-browser locale="en" page-size="5"></egov-catalog-browser>
      <egov-certificate-lookup mode="verify" locale="en"></egov-certificate-lookup>
      <egov-signature locale="en" signer="local" .token=${citizen} .payload=${{ serviceCode: 'birth-registration', data: { childName: '张小明' } }}></egov-signature>
    </div>`);
    const [catalog, lookup, signature] = [...page.children] as HTMLElement[];
    await waitUntil(() => shadowAll(catalog!, '.item-link').length === 5, 'the catalog never listed five entries', T);
    await waitUntil(() => lookup!.shadowRoot?.querySelector('[part=verify-form] input'), 'no verify form', T);
    await waitUntil(() => signature!.shadowRoot?.querySelector('canvas[part=pad]'), 'no signature pad', T);
    for (const el of [catalog!, lookup!, signature!]) await expectAccessible(el);
  });

  it('renders the application form, the officer’s queue and my applications, accessible', async () => {
    const { id, receiptNo } = await applyForBirthRegistration();
    const page = await fixture<HTMLDivElement>(html`<div>
      <egov-application-form locale="en" service="birth-registration" .token=${citizen}></egov-application-form>
      <egov-case-workbench locale="en" page-size="100" .token=${officer}></egov-case-workbench>
      <egov-my-applications locale="en" .token=${citizen}></egov-my-applications>
    </div>`);
    const [form, workbench, mine] = [...page.children] as HTMLElement[];
    await waitUntil(() => form!.shadowRoot?.querySelector('.step-heading'), 'the form never rendered', T);
    await waitUntil(() => workbench!.shadowRoot?.querySelector(`tr[data-case="${id}"]`), 'the case is not in the queue', T);
    await waitUntil(() => mine!.shadowRoot?.querySelector(`li[data-application="${id}"]`), 'the application is not listed', T);
    expect(shadow(workbench!, `tr[data-case="${id}"]`).textContent).to.contain(receiptNo);
    for (const el of [form!, workbench!, mine!]) await expectAccessible(el);
  });

  it('opens a case from the queue, and an application from my list, by keyboard', async () => {
    const { id } = await applyForBirthRegistration();
    const page = await fixture<HTMLDivElement>(html`<div>
      <egov-case-workbench locale="en" page-size="100" .token=${officer}></egov-case-workbench>
      <egov-my-applications locale="en" .token=${citizen}></egov-my-applications>
    </div>`);
    const [workbench, mine] = [...page.children] as HTMLElement[];
    await waitUntil(() => workbench!.shadowRoot?.querySelector(`[data-open="${id}"]`), 'the case is not in the queue', T);
    shadow(workbench!, `[data-open="${id}"]`).focus();
    await press('Enter');
    await waitUntil(() => workbench!.shadowRoot?.querySelector<HTMLElement>('[part=case]')?.dataset.state === 'checked', 'the case was never opened and checked', T);
    expect(workbench!.shadowRoot!.activeElement?.id).to.equal('case-heading');

    const selected = oneEvent(mine!, 'egov-application-select');
    await waitUntil(() => mine!.shadowRoot?.querySelector(`li[data-application="${id}"] button, li[data-application="${id}"] a`), 'the application is not listed', T);
    shadow(mine!, `li[data-application="${id}"] button, li[data-application="${id}"] a`).focus();
    await press('Enter');
    expect((await selected).detail.id).to.equal(id);
    await waitUntil(() => mine!.shadowRoot?.querySelector('article[part=application]'), 'the application never opened', T);
  });

  it('a provider gives its elements the backend, the sign-in and the language, and a change of language is followed', async () => {
    const provider = await fixture<HTMLElement & { locale?: string }>(html`<egov-provider api-base="/api" locale="en" .token=${citizen}>
      <egov-certificate-lookup mode="mine"></egov-certificate-lookup>
    </egov-provider>`);
    const lookup = provider.querySelector('egov-certificate-lookup')!;
    await waitUntil(() => shadowAll(lookup, '[part=certificate]').length > 0, 'the signed-in person’s certificates never showed', T);
    await waitForText(lookup, 'Household register');
    provider.locale = 'zh-CN';
    await waitForText(lookup, '居民户口簿');
  });

  it('an alert and an error state with a retry that works from the keyboard', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <egov-alert variant="error" heading="Something went wrong" locale="en">Try again later.</egov-alert>
      <egov-async-state state="error" message="The service is not answering" locale="en"><p>content</p></egov-async-state>
    </div>`);
    const [alert, state] = [...wrapper.children] as [HTMLElement, EgovAsyncState];
    await waitForText(alert, 'Something went wrong');
    const retry = shadow<HTMLButtonElement>(state, '[part=retry]');
    const retried = oneEvent(state, 'egov-retry');
    retry.focus();
    await press('Enter');
    await retried;
    for (const el of [alert, state]) await expectAccessible(el);
  });
});
