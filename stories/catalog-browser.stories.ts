import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import { SEED_IDS } from '../server/seed/data/catalog';
import { resetCatalogMocks } from './mocks/catalog';
import type { EgovCatalogBrowser } from '../src/components/catalog-browser/catalog-browser';

interface Args {
  mode: 'open' | 'sharing';
  pageSize: number;
  query: string;
  apiBase: string;
  source: 'egov' | 'ckan' | 'dcat';
}

const meta: Meta<Args> = {
  title: 'Elements/Catalog browser',
  tags: ['autodocs'],
  component: 'egov-catalog-browser',
  beforeEach: () => resetCatalogMocks(),
  args: { mode: 'open', pageSize: 10, query: '', apiBase: '', source: 'egov' },
  argTypes: {
    mode: { control: 'inline-radio', options: ['open', 'sharing'] },
    source: { control: 'inline-radio', options: ['egov', 'ckan', 'dcat'] },
  },
  render: (args) => html`<egov-catalog-browser
    mode=${args.mode}
    page-size=${args.pageSize}
    query=${args.query}
    source=${args.source}
    api-base=${ifDefined(args.apiBase || undefined)}
  ></egov-catalog-browser>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The element inside the story's canvas. */
function browser(canvas: HTMLElement): EgovCatalogBrowser {
  return canvas.querySelector('egov-catalog-browser')!;
}

const text = (el: Element) => el.shadowRoot?.textContent ?? '';
const inShadow = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot?.querySelector<T>(selector) ?? null;

/** Results of the open catalog, with facets, chips, sort and paging. */
export const Results: Story = {
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBe(10), { timeout: 10000 });
    await waitFor(() => expect(inShadow(el, '[part=pagination]')).toBeTruthy());
  },
};

/** The first search still on its way. */
export const Loading: Story = {
  args: { apiBase: '/api-slow' },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, 'egov-async-state')?.getAttribute('state')).toBe('loading'));
  },
};

/** A search nothing matches: the empty state offers to clear the search. */
export const NoResults: Story = {
  args: { query: '完全不存在的数据资源名称' },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, '.empty')).toBeTruthy(), { timeout: 10000 });
  },
};

/** The server fails: a clear message and a retry button. */
export const ErrorState: Story = {
  name: 'Error',
  args: { apiBase: '/api-broken' },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, 'egov-async-state')?.getAttribute('state')).toBe('error'), { timeout: 15000 });
  },
};

/** The sharing catalog without a sign-in: a clear prompt, no request sent. */
export const SharingSignedOut: Story = {
  args: { mode: 'sharing' },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, '.sign-in')).toBeTruthy());
  },
};

/** A restricted entry (受限共享) opened in the sharing catalog, with its fields and the request form. */
export const RestrictedDetail: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBeGreaterThan(0), { timeout: 10000 });
    el.openItem(SEED_IDS.restrictedGA);
    await waitFor(() => expect(inShadow(el, '[part=access-request-form]')).toBeTruthy(), { timeout: 10000 });
    await waitFor(() => expect(inShadow(el, 'table caption')).toBeTruthy());
  },
};

async function requestAccess(el: EgovCatalogBrowser, id: string, desensitized = false) {
  await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBeGreaterThan(0), { timeout: 10000 });
  el.openItem(id);
  await waitFor(() => expect(inShadow(el, '[part=access-request-form]')).toBeTruthy(), { timeout: 10000 });
  const purpose = inShadow<HTMLTextAreaElement>(el, '#req-purpose')!;
  purpose.value = '办理出生登记“一件事”时核验父母户籍信息';
  purpose.dispatchEvent(new Event('input'));
  const basis = inShadow<HTMLInputElement>(el, '#req-legalBasis')!;
  basis.value = '《浙江省公共数据和电子政务管理办法》第二十二条';
  basis.dispatchEvent(new Event('input'));
  if (desensitized) inShadow<HTMLInputElement>(el, '#req-desensitized')!.click();
  inShadow<HTMLButtonElement>(el, '[part=access-request-form] button[type=submit]')!.click();
}

/** A request for a restricted entry: pending until the providing agency's reviewer decides. */
export const RequestPending: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await requestAccess(el, SEED_IDS.restrictedGA);
    await waitFor(() => expect(inShadow(el, '.request-outcome.alert--info')).toBeTruthy(), { timeout: 10000 });
  },
};

/** A request for an unconditionally shared entry: approved at once. */
export const RequestApproved: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await requestAccess(el, SEED_IDS.unconditionalGA);
    await waitFor(() => expect(inShadow(el, '.request-outcome.alert--success')).toBeTruthy(), { timeout: 10000 });
  },
};

/** My requests: one pending, one approved, one rejected with the reviewer's reason. */
export const RequestRejected: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, '.views')).toBeTruthy(), { timeout: 10000 });
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.view-tab')].at(-1)!.click();
    await waitFor(() => expect(inShadow(el, '.badge--rejected')).toBeTruthy(), { timeout: 10000 });
  },
};

/** A non-shared entry (非共享) asked for without "desensitised": the NOT_SHAREABLE message. */
export const NotShareable: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await requestAccess(el, SEED_IDS.noneGA);
    await waitFor(() => expect(inShadow(el, '.request-outcome.alert--error')).toBeTruthy(), { timeout: 10000 });
  },
};

/** reviewer-001 (浙江省公安厅) sees the requests for the agency's entries, with approve and reject. */
export const ReviewerQueue: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'reviewer-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, '.views')).toBeTruthy(), { timeout: 10000 });
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.view-tab')].at(-1)!.click();
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('.review-list .card').length).toBeGreaterThan(0), { timeout: 10000 });
    await waitFor(() => expect(text(el)).toContain('驳回'));
  },
};

/** Narrow screens: the facets move into a drawer opened by a "filters" button. */
export const Mobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBeGreaterThan(0), { timeout: 10000 });
  },
};

/** A CKAN portal as the source (real demo.ckan.org answers): package_search and package_show through the same element. */
export const CkanSource: Story = {
  args: { source: 'ckan', apiBase: '/ckan/api/3' },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBe(3), { timeout: 10000 });
    el.shadowRoot!.querySelector<HTMLElement>('.item-link')!.click();
    await waitFor(() => expect(inShadow(el, '[part=detail] .facts')).toBeTruthy(), { timeout: 10000 });
  },
};
