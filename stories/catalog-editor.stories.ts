import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { STORY_ENTRIES, useCatalogueEntryMocks } from './mocks/catalog-editor';

/**
 * `<egov-catalog-editor>`: the steward's entries by status, the entry form with the Art. 22
 * and personal-data rules beside their controls, the field table, the CSV import with its
 * per-line problems, the history and the difference from the published version; the data
 * office's queue, checklist and decision — one story per state.
 */
const meta: Meta = {
  title: 'Elements/Catalog editor',
  component: 'egov-catalog-editor',
  tags: ['autodocs'],
  beforeEach: () => useCatalogueEntryMocks(),
  parameters: { egov: { subject: 'steward-001' } },
};
export default meta;

type Story = StoryObj;
const TIMEOUT = { timeout: 10_000 };
type Host = HTMLElement & { shadowRoot: ShadowRoot };
const editor = (canvas: HTMLElement) => canvas.querySelector('egov-catalog-editor') as Host;
const q = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string) => editor(canvas).shadowRoot.querySelector<T>(selector);
const qa = (canvas: HTMLElement, selector: string) => [...editor(canvas).shadowRoot.querySelectorAll<HTMLElement>(selector)];

async function opened(canvas: HTMLElement, status?: string): Promise<void> {
  await waitFor(() => expect(q(canvas, status ? `article.entry[data-status=${status}]` : 'article.entry')).toBeTruthy(), TIMEOUT);
}

function setControl(canvas: HTMLElement, id: string, value: string): void {
  const el = q<HTMLElement & { value: string }>(canvas, '#' + id)!;
  el.value = value;
  el.dispatchEvent(new Event(el.localName === 'egov-select' || el.localName === 'select' ? 'change' : 'input', { bubbles: true, composed: true }));
}

async function chooseFile(canvas: HTMLElement, name: string, text: string): Promise<void> {
  const input = q<HTMLInputElement>(canvas, '#import-file')!;
  const transfer = new DataTransfer();
  transfer.items.add(new File([text], name, { type: 'text/csv' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A CSV of the draft entry's fields with `lines` data lines; with `badLine`, that line (the header is line 1) has a wrong date. */
function csv(lines: number, badLine?: number): string {
  const out = ['yljgdm,yljgmc,ksrq'];
  for (let i = 0; i < lines; i++) out.push(`12330000MB${String(i).padStart(8, '0')},示例门诊${i},${i + 2 === badLine ? '2024-13-45x' : '2020-01-15'}`);
  return out.join('\r\n') + '\r\n';
}

export const NotSignedIn: Story = {
  parameters: { egov: { subject: '' } },
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-alert')).toBeTruthy(), TIMEOUT);
  },
};

export const NotASteward: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-alert[variant=warning]')).toBeTruthy(), TIMEOUT);
  },
};

export const Loading: Story = {
  render: () => html`<egov-catalog-editor api-base="/story-slow-entries/api"></egov-catalog-editor>`,
};

export const ServerError: Story = {
  render: () => html`<egov-catalog-editor api-base="/story-broken-entries/api"></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=error]')).toBeTruthy(), { timeout: 15_000 });
  },
};

export const Empty: Story = {
  beforeEach: () => useCatalogueEntryMocks({ empty: true }),
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=empty]')).toBeTruthy(), TIMEOUT);
  },
};

export const EntriesByStatus: Story = {
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(qa(canvasElement, 'tr[data-entry]').length).toBe(6), TIMEOUT);
    await waitFor(() => expect(q(canvasElement, '[data-status-filter=submitted]')!.textContent).toContain('(2)'), TIMEOUT);
  },
};

export const OnlyReturned: Story = {
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, '[data-status-filter=returned]')).toBeTruthy(), TIMEOUT);
    q(canvasElement, '[data-status-filter=returned]')!.click();
    await waitFor(() => expect(qa(canvasElement, 'tr[data-entry]').map((r) => r.dataset.status)).toEqual(['returned']), TIMEOUT);
  },
};

export const NewEntryArt22Errors: Story = {
  name: 'New entry: Art. 22 errors',
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, '#new-entry')).toBeTruthy(), TIMEOUT);
    q(canvasElement, '#new-entry')!.click();
    await opened(canvasElement, 'new');
    setControl(canvasElement, 'entry-name', '出生医学证明信息');
    setControl(canvasElement, 'entry-summary', '全省助产机构签发的出生医学证明。');
    setControl(canvasElement, 'entry-sharing', 'restricted');
    q(canvasElement, '#field-add')!.click();
    await waitFor(() => expect(q(canvasElement, '#field-0-name')).toBeTruthy(), TIMEOUT);
    setControl(canvasElement, 'field-0-name', 'csrq');
    setControl(canvasElement, 'field-0-label', '出生日期');
    q<HTMLFormElement>(canvasElement, 'form[part=entry-form]')!.requestSubmit();
    await waitFor(() => expect(q(canvasElement, '[part=error-summary]')).toBeTruthy(), TIMEOUT);
    expect(q(canvasElement, '#entry-sharingCondition')!.getAttribute('error')).toContain('第二十二条');
    expect(q(canvasElement, '#entry-legalBasis')!.getAttribute('error')).toContain('第二十二条');
  },
};

export const PersonalDataNotOpen: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.draft}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'draft');
    setControl(canvasElement, 'field-1-sensitivity', 'name');
    await waitFor(() => expect(q(canvasElement, '#rule-personal')!.dataset.personal).toBe('1'), TIMEOUT);
    q<HTMLFormElement>(canvasElement, 'form[part=entry-form]')!.requestSubmit();
    await waitFor(() => expect(q(canvasElement, '#entry-open')!.getAttribute('error')).toContain('医疗机构名称'), TIMEOUT);
  },
};

export const FieldTable: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.draft}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'draft');
    q(canvasElement, '#field-add')!.click();
    await waitFor(() => expect(qa(canvasElement, '[part=field-table] tbody tr').length).toBe(4), TIMEOUT);
    setControl(canvasElement, 'field-3-name', 'yljgdm');
    // The duplicate is flagged on both rows as it is typed.
    await waitFor(() => expect(qa(canvasElement, '[part=field-table] .cell--error').length).toBe(2), TIMEOUT);
    expect(q(canvasElement, '#field-3-name')!.getAttribute('aria-label')).toBe('第 4 行 字段名');
  },
};

export const ImportErrors: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.draft}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'draft');
    await chooseFile(canvasElement, 'clinics.csv', csv(20, 17));
    q(canvasElement, '#import')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-import-problems]')).toBeTruthy(), TIMEOUT);
    expect(q(canvasElement, '[data-import-problems] li')!.textContent).toContain('第 17 行 / 开设日期');
  },
};

export const ImportNotUtf8: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.draft}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'draft');
    const input = q<HTMLInputElement>(canvasElement, '#import-file')!;
    const transfer = new DataTransfer();
    // 浙江 in GBK.
    transfer.items.add(new File([new Uint8Array([0x79, 0x6c, 0x6a, 0x67, 0x64, 0x6d, 0x0d, 0x0a, 0xd5, 0xe3, 0xbd, 0xad])], 'gbk.csv', { type: 'text/csv' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    q(canvasElement, '#import')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-import-error]')!.textContent).toContain('UTF-8'), TIMEOUT);
  },
};

export const ImportDone: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.draft}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'draft');
    await chooseFile(canvasElement, 'hospitals.csv', csv(120));
    q(canvasElement, '#import')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-imported="120"]')).toBeTruthy(), TIMEOUT);
  },
};

export const Returned: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.returned}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'returned');
    expect(editor(canvasElement).shadowRoot.textContent).toContain('请补充处罚决定书文号字段');
  },
};

export const HistoryAndDiff: Story = {
  name: 'History and difference from the published version',
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.newVersion}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    await waitFor(() => expect(q(canvasElement, '[data-diff]')).toBeTruthy(), TIMEOUT);
    expect(q(canvasElement, '[data-attr=updateFrequency]')!.textContent).toContain('每季度');
    expect(q(canvasElement, '[data-fields=added]')!.textContent).toContain('yydj');
    expect(qa(canvasElement, '[part=history] li').length).toBe(5);
  },
};

export const PublishedEntry: Story = {
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.published}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'published');
    await waitFor(() => expect(q(canvasElement, '#withdraw')).toBeTruthy(), TIMEOUT);
  },
};

export const ReviewQueue: Story = {
  parameters: { egov: { subject: 'office-001' } },
  render: () => html`<egov-catalog-editor></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(qa(canvasElement, 'tr[data-entry]').length).toBe(2), TIMEOUT);
  },
};

export const ReviewChecklist: Story = {
  parameters: { egov: { subject: 'office-001' } },
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.newVersion}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    await waitFor(() => expect(q(canvasElement, 'form[part=review-form]')).toBeTruthy(), TIMEOUT);
    q<HTMLInputElement>(canvasElement, '#review-decision-publish')!.click();
    q<HTMLFormElement>(canvasElement, 'form[part=review-form]')!.requestSubmit();
    await waitFor(() => expect(q(canvasElement, '#review [part=error-summary]')).toBeTruthy(), TIMEOUT);
    expect(qa(canvasElement, '#review [part=error-summary] li').length).toBe(3);
  },
};

export const English: Story = {
  globals: { locale: 'en' },
  render: () => html`<egov-catalog-editor entry=${STORY_ENTRIES.newVersion}></egov-catalog-editor>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    expect(editor(canvasElement).shadowRoot.textContent).toContain('Changes from the published version');
  },
};
