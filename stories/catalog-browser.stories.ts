import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, waitFor } from 'storybook/test';
import { SEED_IDS } from '../server/seed/data/catalog';
import { resetCatalogMocks } from './mocks/catalog';
import { COPY_ITEM_ID, MASKED_ITEM_ID, resetDataMocks, setDataMockFaults } from './mocks/catalog-data';
import { COMMENTED_ITEM_ID, resetCommentMocks, setCommentMockFaults } from './mocks/catalog-comments';
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
  beforeEach: () => {
    resetCatalogMocks();
    resetDataMocks();
  },
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
  // A non-shared entry's form starts with "desensitised" ticked; the story sets it as it wants.
  const box = inShadow<HTMLInputElement>(el, '#req-desensitized');
  if (box && box.checked !== desensitized) box.click();
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

/** My requests: one pending, one approved (with its grant's terms), one rejected with the reviewer's reason. */
export const RequestRejected: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await waitFor(() => expect(inShadow(el, '.views')).toBeTruthy(), { timeout: 10000 });
    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.view-tab')].at(-1)!.click();
    await waitFor(() => expect(inShadow(el, '.badge--rejected')).toBeTruthy(), { timeout: 10000 });
    await waitFor(() => expect([...el.shadowRoot!.querySelectorAll('.grant-line')].some((c) => c.textContent!.includes('2027'))).toBe(true), { timeout: 10000 });
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
    // Who asks, from which agency, and the fields by label with their codes.
    await waitFor(() => expect(inShadow(el, '.requester-name')?.textContent).toBe('王五'));
    await waitFor(() => expect(text(el)).toContain('姓名（xm）'), { timeout: 10000 });
    // A request for a copy: the decision may allow it (Art. 23) and end the grant early.
    await waitFor(() => expect(inShadow(el, '.review-list input[id^=allow-copy]')).toBeTruthy());
    expect(inShadow(el, '.review-list input.valid-until')).toBeTruthy();
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

// ---- the data behind an entry (SPEC §7) -------------------------------------------------

async function openEntry(el: EgovCatalogBrowser, id: string) {
  await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=result-item]').length).toBeGreaterThan(0), { timeout: 10000 });
  el.openItem(id);
  await waitFor(() => expect(inShadow(el, '#detail-heading')?.textContent).not.toBe(''), { timeout: 10000 });
}

const previewRows = (el: EgovCatalogBrowser) => el.shadowRoot!.querySelectorAll('[part=data-preview] tbody tr').length;

/** An open entry: licence, row count, a page of its rows (pageable) and the downloads as plain links. */
export const DataPreview: Story = {
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.openUnconditional);
    await waitFor(() => expect(previewRows(el)).toBe(10), { timeout: 10000 });
    await waitFor(() => expect(inShadow(el, '[part=data-download] a[download]')).toBeTruthy());
    expect(inShadow(el, 'a.licence')).toBeTruthy();
    inShadow<HTMLButtonElement>(el, '.data-pager .pager-next')!.click();
    await waitFor(() => expect(inShadow(el, '#preview-caption')?.textContent).toContain('11'), { timeout: 10000 });
  },
};

/** The preview of a data set without rows. */
export const DataPreviewEmpty: Story = {
  beforeEach: () => setDataMockFaults({ rows: 'empty' }),
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.openUnconditional);
    await waitFor(() => expect(inShadow(el, '.preview-empty')).toBeTruthy(), { timeout: 10000 });
  },
};

/** The rows still on their way. */
export const DataPreviewLoading: Story = {
  beforeEach: () => setDataMockFaults({ rows: 'slow' }),
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.openUnconditional);
    await waitFor(() => expect(inShadow(el, '[part=data-preview] egov-async-state')?.getAttribute('state')).toBe('loading'), { timeout: 10000 });
  },
};

/** The rows fail to load: a clear message and a retry, the rest of the entry intact. */
export const DataPreviewError: Story = {
  beforeEach: () => setDataMockFaults({ rows: 'error' }),
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.openUnconditional);
    await waitFor(() => expect(inShadow(el, '[part=data-preview] egov-async-state')?.getAttribute('state')).toBe('error'), { timeout: 15000 });
    expect(inShadow(el, '.facts')).toBeTruthy();
  },
};

/** A desensitised grant on non-shared data (Art. 22): personal columns masked and marked, no copy. */
export const MaskedData: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, MASKED_ITEM_ID);
    await waitFor(() => expect(previewRows(el)).toBeGreaterThan(0), { timeout: 10000 });
    expect(inShadow(el, '.masked-tag')).toBeTruthy();
    expect(inShadow(el, '.no-copy')).toBeTruthy();
  },
};

/** A grant holder: the grant's terms, the request-response call with a filled example, "try it" answered in the preview. */
export const GrantHolderCall: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'staff-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COPY_ITEM_ID);
    await waitFor(() => expect(inShadow(el, '.call-url')?.textContent).toContain('filter.'), { timeout: 10000 });
    inShadow<HTMLButtonElement>(el, '.call-try')!.click();
    await waitFor(() => expect(inShadow(el, '.preview-query')).toBeTruthy(), { timeout: 10000 });
    await waitFor(() => expect(inShadow(el, '[part=data-download] .download-button')).toBeTruthy());
  },
};

async function openLog(el: EgovCatalogBrowser) {
  await waitFor(() => expect(el.shadowRoot!.querySelectorAll('.view-tab').length).toBe(3), { timeout: 10000 });
  inShadow<HTMLButtonElement>(el, '.view-tab[data-view=log]')!.click();
  await waitFor(() => expect(el.shadowRoot!.querySelectorAll('[part=access-log] tbody tr').length).toBe(20), { timeout: 10000 });
}

/** reviewer-001: the access log of the agency's entries, paged, with the hash chain intact. */
export const AccessLogOk: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'reviewer-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openLog(el);
    await waitFor(() => expect(inShadow(el, '.chain-status--ok')).toBeTruthy(), { timeout: 10000 });
  },
};

/** The chain check names the first record that does not hold. */
export const AccessLogBroken: Story = {
  args: { mode: 'sharing' },
  parameters: { egov: { subject: 'reviewer-001' } },
  beforeEach: () => setDataMockFaults({ brokenAt: 7 }),
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openLog(el);
    await waitFor(() => expect(inShadow(el, '.chain-status--broken')?.textContent).toContain('7'), { timeout: 10000 });
  },
};

/** A conditionally open entry for a signed-in citizen in the open catalog: the open-data request form. */
export const ConditionalRequest: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.conditionalOpen);
    await waitFor(() => expect(inShadow(el, '[part=access-request-form]')).toBeTruthy(), { timeout: 10000 });
    expect(inShadow(el, '#req-desensitized')).toBeNull();
  },
};

/** The same entry for someone not signed in: sign-in is needed to ask for it. */
export const ConditionalSignedOut: Story = {
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.conditionalOpen);
    await waitFor(() => expect(inShadow(el, '.data-sign-in')).toBeTruthy(), { timeout: 10000 });
    expect(inShadow(el, '[part=access-request-form]')).toBeNull();
  },
};

/** The preview at phone width: the table scrolls inside its own region, the page does not. */
export const DataPreviewMobile: Story = {
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, SEED_IDS.openUnconditional);
    await waitFor(() => expect(previewRows(el)).toBe(10), { timeout: 10000 });
    expect(inShadow(el, '#preview-region')?.getAttribute('tabindex')).toBe('0');
  },
};

// ---- public comments (part `comments`, SPEC §8) -----------------------------------------

const commentItems = (el: EgovCatalogBrowser) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part=comments] .comment')];
const commentsState = (el: EgovCatalogBrowser) => inShadow(el, '[part=comments] egov-async-state')?.getAttribute('state');
/** Types into the comment form's (or an answer form's) textarea as a person does. */
function typeComment(el: EgovCatalogBrowser, form: string, value: string): void {
  const area = inShadow(el, `${form} egov-textarea`)!.shadowRoot!.querySelector('textarea')!;
  area.value = value;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** An open entry's comments for someone not signed in: the agency's answer under its comment, markup shown as text, a sign-in prompt instead of the form. */
export const Comments: Story = {
  beforeEach: () => resetCommentMocks(),
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(commentItems(el).length).toBe(3), { timeout: 10000 });
    const answer = inShadow(el, '[part=comments] .answers .comment--agency');
    expect(answer?.textContent).toContain('下一版本');
    expect(inShadow(el, '[part=comments] .agency-tag')).toBeTruthy();
    expect(inShadow(el, '[part=comments] .comment__text b, [part=comments] script')).toBeNull();
    expect(text(el)).toContain('<b>数据很有用</b>');
    expect(inShadow(el, '.comments-sign-in')).toBeTruthy();
    expect(inShadow(el, '.comment-form')).toBeNull();
  },
};

/** An open entry nobody has commented on yet. */
export const CommentsEmpty: Story = {
  beforeEach: () => {
    resetCommentMocks();
    setCommentMockFaults({ list: 'empty' });
  },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(commentsState(el)).toBe('empty'), { timeout: 10000 });
  },
};

/** The comments still on their way. */
export const CommentsLoading: Story = {
  beforeEach: () => {
    resetCommentMocks();
    setCommentMockFaults({ list: 'slow' });
  },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(commentsState(el)).toBe('loading'), { timeout: 10000 });
  },
};

/** The comments fail to load: a message and a retry; the entry and its data stay. */
export const CommentsError: Story = {
  beforeEach: () => {
    resetCommentMocks();
    setCommentMockFaults({ list: 'error' });
  },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(commentsState(el)).toBe('error'), { timeout: 15000 });
    expect(inShadow(el, '.facts')).toBeTruthy();
  },
};

/** A signed-in citizen posts a comment: it appears at the end of the list and takes focus. */
export const CommentPosted: Story = {
  beforeEach: () => resetCommentMocks(),
  parameters: { egov: { subject: 'citizen-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(inShadow(el, '.comment-form egov-textarea')).toBeTruthy(), { timeout: 10000 });
    typeComment(el, '.comment-form', '建议同时提供接口文档。');
    inShadow<HTMLButtonElement>(el, '.comment-form button[type=submit]')!.click();
    await waitFor(() => expect(commentItems(el).length).toBe(4), { timeout: 10000 });
    expect(commentItems(el).at(-1)?.textContent).toContain('建议同时提供接口文档。');
  },
};

/** A comment over the limit: the error at the field, the text kept, nothing posted. */
export const CommentTooLong: Story = {
  beforeEach: () => resetCommentMocks(),
  parameters: { egov: { subject: 'citizen-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(inShadow(el, '.comment-form egov-textarea')).toBeTruthy(), { timeout: 10000 });
    typeComment(el, '.comment-form', '长'.repeat(20_000));
    inShadow<HTMLButtonElement>(el, '.comment-form button[type=submit]')!.click();
    const field = inShadow(el, '.comment-form egov-textarea')!;
    await waitFor(() => expect(field.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy(), { timeout: 10000 });
    expect(field.shadowRoot!.querySelector('textarea')!.value.length).toBe(20_000);
    // The thread is read beside the form: it may arrive a moment after it.
    await waitFor(() => expect(commentItems(el).length).toBe(3), { timeout: 10000 });
  },
};

/** The providing agency's steward answers a comment: the answer appears under it, marked as the agency's. */
export const CommentAnswered: Story = {
  beforeEach: () => resetCommentMocks(),
  parameters: { egov: { subject: 'steward-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(inShadow(el, '[data-comment=c-3] .comment__answer')).toBeTruthy(), { timeout: 10000 });
    inShadow<HTMLButtonElement>(el, '[data-comment=c-3] .comment__answer')!.click();
    await waitFor(() => expect(inShadow(el, '[data-comment=c-3] .answer-form egov-textarea')).toBeTruthy());
    typeComment(el, '[data-comment=c-3] .answer-form', '谢谢您的肯定。');
    inShadow<HTMLButtonElement>(el, '[data-comment=c-3] .answer-form button[type=submit]')!.click();
    await waitFor(() => expect(inShadow(el, '[data-comment=c-3] .answers .comment--agency')?.textContent).toContain('谢谢您的肯定。'), { timeout: 10000 });
  },
};

/** The comments at phone width: long text and links wrap, nothing scrolls sideways. */
export const CommentsMobile: Story = {
  beforeEach: () => resetCommentMocks(),
  globals: { viewport: { value: 'mobile1', isRotated: false } },
  parameters: { viewport: { defaultViewport: 'mobile1' }, egov: { subject: 'citizen-001' } },
  play: async ({ canvasElement }) => {
    const el = browser(canvasElement);
    await openEntry(el, COMMENTED_ITEM_ID);
    await waitFor(() => expect(commentItems(el).length).toBe(3), { timeout: 10000 });
    const list = inShadow(el, '[part=comments] .comment-list')!;
    expect(list.scrollWidth).toBeLessThanOrEqual(list.clientWidth + 1);
  },
};
