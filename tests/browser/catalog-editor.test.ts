import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/catalog-editor';
import type { EgovCatalogEditor } from '../../src/catalog-editor';
import type { CatalogueEntryDetail, CatalogueEntryInput } from '../../src/core/catalog-types';
import { demoLogin, expectAccessible, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

// SPEC §8 through the element, against the real backend: steward-001 (330000-WJ) catalogues,
// office-001 (the data office) reviews.
let steward = '';
let office = '';

before(async () => {
  steward = await demoLogin('steward-001');
  office = await demoLogin('office-001');
});

beforeEach(async () => {
  await setViewport({ width: 1100, height: 900 });
});

interface Heard { submit: Array<{ id: string }>; reviewed: Array<{ id: string; decision: string }> }

async function mount(options: { token?: string; entry?: string; mode?: string; locale?: string; headingLevel?: number } = {}): Promise<{ el: EgovCatalogEditor; heard: Heard }> {
  const heard: Heard = { submit: [], reviewed: [] };
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-catalog-editor');
  el.setAttribute('locale', options.locale ?? 'zh-CN');
  if (options.entry) el.setAttribute('entry', options.entry);
  if (options.mode) el.setAttribute('mode', options.mode);
  if (options.headingLevel) el.setAttribute('heading-level', String(options.headingLevel));
  el.token = options.token ?? steward;
  // Heard where a portal listens: on the document, through the shadow boundary.
  const onSubmit = (e: Event) => heard.submit.push((e as CustomEvent<{ id: string }>).detail);
  const onReviewed = (e: Event) => heard.reviewed.push((e as CustomEvent<{ id: string; decision: string }>).detail);
  document.addEventListener('egov-entry-submit', onSubmit);
  document.addEventListener('egov-entry-reviewed', onReviewed);
  wrapper.append(el);
  return { el, heard };
}

const FIELDS: CatalogueEntryInput['fields'] = [
  { name: 'jgdm', label: '机构代码', type: 'code', sensitivity: 'none', description: '统一社会信用代码' },
  { name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' },
  { name: 'clrq', label: '成立日期', type: 'date', sensitivity: 'none', description: 'YYYY-MM-DD' },
];

/** A draft made as the steward makes it, over the API, for the tests that start from one. */
async function draft(patch: Partial<CatalogueEntryInput> = {}): Promise<CatalogueEntryDetail> {
  const body: CatalogueEntryInput = {
    name: '养老服务机构名录 ' + Math.random().toString(36).slice(2, 7), summary: '全省养老服务机构的名称、代码和成立日期。', sharing: 'unconditional',
    open: 'open', updateFrequency: 'monthly', formats: ['csv'], domain: '民政', tags: ['养老'], fields: FIELDS, ...patch,
  };
  const response = await fetch('/api/catalog/entries', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` }, body: JSON.stringify(body) });
  if (response.status !== 201) throw new Error('draft not created: ' + response.status + ' ' + (await response.text()));
  return (await response.json()) as CatalogueEntryDetail;
}

function csv(lines: number, badLine?: number): string {
  const out = ['jgdm,jgmc,clrq'];
  for (let i = 0; i < lines; i++) out.push(`52330000MJ${String(i).padStart(8, '0')},示例养老院${i},${i + 2 === badLine ? '2023-02-30' : '2015-06-01'}`);
  return out.join('\r\n') + '\r\n';
}

interface AxeCommons {
  setup(node: Element): void;
  teardown(): void;
  utils: { getNodeFromTree(node: Element): unknown };
  commons: { text: { accessibleTextVirtual(node: unknown): string }; aria: { getRole(node: Element): string | null } };
}
/**
 * Role and accessible name of every control of the field table, as axe-core computes them
 * from the accessibility tree's rules (accname 1.2), shadow roots included.
 */
function accessibleTree(el: Element): Array<{ role: string; name: string }> {
  const axe = (window as unknown as { axe: AxeCommons }).axe;
  axe.setup(el);
  try {
    return shadowAll(el, '[part=field-table] input, [part=field-table] select, [part=field-table] button').map((node) => ({
      role: axe.commons.aria.getRole(node) ?? '',
      name: axe.commons.text.accessibleTextVirtual(axe.utils.getNodeFromTree(node)).trim(),
    }));
  } finally {
    axe.teardown();
  }
}

const opened = (el: Element, status: string) => waitUntil(() => el.shadowRoot!.querySelector(`article.entry[data-status=${status}]`), `the entry never showed as ${status}`, { timeout: 15_000 });
const liveText = (el: Element) => shadowAll(el, '[role=status][aria-live]').map((r) => r.textContent).join(' ');
/** The error a form field shows (inside its own shadow root). */
const fieldError = (el: Element, id: string) => shadow(el, '#' + id).getAttribute('error') ?? '';
const innerControl = <T extends HTMLElement>(el: Element, id: string) => shadow(el, '#' + id).shadowRoot!.querySelector<T>('input, select, textarea')!;

async function typeInto(el: Element, id: string, text: string): Promise<void> {
  const control = innerControl<HTMLInputElement>(el, id);
  control.focus();
  control.value = text;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await (el as EgovCatalogEditor).updateComplete;
}

async function choose(el: Element, id: string, value: string): Promise<void> {
  const select = innerControl<HTMLSelectElement>(el, id);
  select.value = value;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await (el as EgovCatalogEditor).updateComplete;
}

async function chooseFile(el: Element, name: string, content: BlobPart): Promise<void> {
  const input = shadow<HTMLInputElement>(el, '#import-file');
  const transfer = new DataTransfer();
  transfer.items.add(new File([content], name, { type: 'text/csv' }));
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await (el as EgovCatalogEditor).updateComplete;
}

/** The element that has focus, through shadow roots. */
function deepActive(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A new entry in the form: its name (and summary), `open`, and one field row of name and label. */
async function newEntryWithField(el: EgovCatalogEditor, entry: { name: string; summary?: string; open: string }, field: { name: string; label: string }): Promise<void> {
  await waitUntil(() => el.shadowRoot!.querySelector('#new-entry'), 'no new-entry button');
  shadow<HTMLButtonElement>(el, '#new-entry').click();
  await opened(el, 'new');
  await typeInto(el, 'entry-name', entry.name);
  if (entry.summary) await typeInto(el, 'entry-summary', entry.summary);
  await choose(el, 'entry-open', entry.open);
  shadow<HTMLButtonElement>(el, '#field-add').click();
  await waitUntil(() => el.shadowRoot!.querySelector('#field-0-name'), 'no row added');
  for (const [id, value] of [['field-0-name', field.name], ['field-0-label', field.label]] as const) {
    const input = shadow<HTMLInputElement>(el, '#' + id);
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
  }
}

describe('<egov-catalog-editor>: who may use it', () => {
  it('asks to sign in without a token; a citizen is told the editor is for stewards; a steward cannot review', async () => {
    const { el } = await mount({ token: '' });
    await waitForText(el, '请以本部门数据管理员');
    await expectAccessible(el);
    const citizen = await mount({ token: await demoLogin('citizen-001') });
    await waitForText(citizen.el, '只有部门的数据管理员');
    const asReviewer = await mount({ mode: 'review' });
    await waitForText(asReviewer.el, '只有数据主管部门的审核人员可以审核目录');
    expect(asReviewer.el.shadowRoot!.querySelector('form[part=review-form]')).to.equal(null);
    // And the server refuses a steward's review whatever a page shows.
    const entry = await draft();
    const response = await fetch(`/api/catalog/entries/${entry.id}/review`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` },
      body: JSON.stringify({ decision: 'publish', checks: { legality: true, privacy: true, security: true } }),
    });
    expect(response.status).to.equal(403);
  });
});

describe('<egov-catalog-editor>: the entry form', () => {
  it('refuses opening an entry with a personal field at the open control, keeps everything typed, and saves once fixed', async () => {
    const { el } = await mount();
    await newEntryWithField(el, { name: '老年人优待证信息', summary: '全省老年人优待证的持证人和发证信息。', open: 'open' }, { name: 'xm', label: '姓名' });
    const sensitivity = shadow<HTMLSelectElement>(el, '#field-0-sensitivity');
    sensitivity.value = 'name';
    sensitivity.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // The rule is explained beside the control before anything is sent.
    expect(shadow(el, '#rule-personal').textContent).to.contain('姓名');
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => fieldError(el, 'entry-open'), 'the refusal is not at the open control');
    expect(fieldError(el, 'entry-open')).to.contain('姓名');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('不能开放');
    // Each link of the summary takes the reader to its control.
    const link = shadowAll<HTMLAnchorElement>(el, '[part=error-summary] a').find((a) => a.textContent!.includes('不能开放'))!;
    link.click();
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'entry-open', `the summary link did not move focus to its control (focus on ${deepActive()?.localName})`);
    await expectAccessible(el);
    // Nothing lost.
    expect(innerControl<HTMLInputElement>(el, 'entry-name').value).to.equal('老年人优待证信息');
    expect(shadow<HTMLInputElement>(el, '#field-0-name').value).to.equal('xm');
    expect(shadow<HTMLSelectElement>(el, '#field-0-sensitivity').value).to.equal('name');
    // Fixed: the entry stays closed, and the draft is saved.
    await choose(el, 'entry-open', 'closed');
    expect(fieldError(el, 'entry-open')).to.equal('');
    shadow<HTMLButtonElement>(el, '#save').click();
    await opened(el, 'draft');
    await waitUntil(() => liveText(el).includes('已保存'), 'the save was not announced');
    expect(shadow(el, '[part=history]').textContent).to.contain('创建草稿');
  });

  it('refuses "not personal" for a field whose label says it is personal (身份证号码) before sending, at its sensitivity', async () => {
    const { el } = await mount();
    await newEntryWithField(el, { name: '居民联系信息', open: 'closed' }, { name: 'sfzhm', label: '身份证号码' });
    await el.updateComplete;
    expect(shadow<HTMLSelectElement>(el, '#field-0-sensitivity').value).to.equal('none');
    const sent: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if ((init?.method ?? 'GET') !== 'GET') sent.push(String(input));
      return realFetch(input, init);
    };
    try {
      shadow<HTMLButtonElement>(el, '#save').click();
      await waitUntil(() => shadow(el, '#field-0-sensitivity').getAttribute('aria-invalid') === 'true', 'the sensitivity is not flagged');
      expect(shadow(el, '[part=error-summary]').textContent).to.contain('身份证号码');
      expect(shadow(el, '[part=error-summary]').textContent).to.contain('非个人信息');
      expect(sent).to.deep.equal([]);
    } finally {
      window.fetch = realFetch;
    }
    // Marked as what it is, the draft is saved.
    const sensitivity = shadow<HTMLSelectElement>(el, '#field-0-sensitivity');
    sensitivity.value = 'id-number';
    sensitivity.dispatchEvent(new Event('change'));
    await el.updateComplete;
    shadow<HTMLButtonElement>(el, '#save').click();
    await opened(el, 'draft');
  });

  it("shows the server's refusal at the control it names (a name longer than the server takes), nothing lost", async () => {
    const entry = await draft();
    const { el } = await mount({ entry: entry.id });
    await opened(el, 'draft');
    const long = '名'.repeat(201);
    await typeInto(el, 'entry-name', long);
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => fieldError(el, 'entry-name'), 'the server’s refusal is not at the name');
    expect(innerControl<HTMLInputElement>(el, 'entry-name').value).to.equal(long);
    await waitUntil(() => liveText(el).includes('服务器未接受'), 'the refusal was not announced');
  });

  it('takes a resource code the steward chooses, and says at that control when the catalog has it already', async () => {
    const code = '330000-WJ-T' + Math.random().toString(36).slice(2, 8).toUpperCase();
    const { el } = await mount();
    await waitUntil(() => el.shadowRoot!.querySelector('#new-entry'), 'no new-entry button');
    shadow<HTMLButtonElement>(el, '#new-entry').click();
    await opened(el, 'new');
    await typeInto(el, 'entry-id', code);
    await typeInto(el, 'entry-name', '养老机构等级评定结果');
    shadow<HTMLButtonElement>(el, '#save').click();
    await opened(el, 'draft');
    expect(shadow(el, '.facts .mono').textContent).to.equal(code);
    shadow<HTMLButtonElement>(el, '#back').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#new-entry'), 'the list did not come back');
    shadow<HTMLButtonElement>(el, '#new-entry').click();
    await opened(el, 'new');
    await typeInto(el, 'entry-id', code);
    await typeInto(el, 'entry-name', '另一条目录');
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => fieldError(el, 'entry-id'), 'a taken code was not refused at its control');
    expect(fieldError(el, 'entry-id')).to.contain(code);
    expect(innerControl<HTMLInputElement>(el, 'entry-name').value).to.equal('另一条目录');
  });

  it('refuses a resource code of another agency at its control before sending', async () => {
    const { el } = await mount();
    await waitUntil(() => el.shadowRoot!.querySelector('#new-entry'), 'no new-entry button');
    shadow<HTMLButtonElement>(el, '#new-entry').click();
    await opened(el, 'new');
    await typeInto(el, 'entry-id', '330000-GA-T' + Math.random().toString(36).slice(2, 8).toUpperCase());
    await typeInto(el, 'entry-name', '别的部门的目录');
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => fieldError(el, 'entry-id'), 'another agency\'s code was not refused at its control');
    // The editor's own words (the server's are English): refused before anything was sent.
    expect(fieldError(el, 'entry-id')).to.contain('须以本单位代码开头：330000-WJ-');
    expect(el.shadowRoot!.querySelector('article.entry[data-status=new]')).to.exist;
  });

  it('says so when the entry was submitted elsewhere meanwhile, shows it as it now is, and keeps what was typed', async () => {
    const entry = await draft();
    const { el } = await mount({ entry: entry.id });
    await opened(el, 'draft');
    await typeInto(el, 'entry-name', '养老服务机构名录（第二稿）');
    await fetch(`/api/catalog/entries/${entry.id}/submission`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` }, body: '{}' });
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#action-error'), 'the conflict was not shown');
    await opened(el, 'submitted');
    expect(innerControl<HTMLInputElement>(el, 'entry-name').value).to.equal('养老服务机构名录（第二稿）');
  });

  it('keeps changes not yet saved when the steward goes back to the list and returns', async () => {
    const entry = await draft();
    const { el } = await mount({ entry: entry.id });
    await opened(el, 'draft');
    await typeInto(el, 'entry-name', '养老服务机构名录（修订）');
    shadow<HTMLButtonElement>(el, '#back').click();
    await waitUntil(() => el.shadowRoot!.querySelector(`[data-open="${entry.id}"]`), 'the list did not come back');
    await waitUntil(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector(`[data-open="${entry.id}"]`), 'focus did not return to the entry’s row');
    shadow<HTMLButtonElement>(el, `[data-open="${entry.id}"]`).click();
    await opened(el, 'draft');
    await waitUntil(() => innerControl<HTMLInputElement>(el, 'entry-name')?.value === '养老服务机构名录（修订）', 'the unsaved name was lost');
    expect(shadow(el, '#notice').textContent).to.contain('未保存的修改已恢复');
  });

  it('asks for the reason and the legal basis of a restricted entry (Art. 22)', async () => {
    const entry = await draft({ open: 'closed' });
    const { el } = await mount({ entry: entry.id, locale: 'en' });
    await opened(el, 'draft');
    await choose(el, 'entry-sharing', 'restricted');
    expect(shadow(el, '#rule-art22').textContent).to.contain('must state its sharing condition');
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => fieldError(el, 'entry-sharingCondition') && fieldError(el, 'entry-legalBasis'), 'Art. 22 not asked for');
    await typeInto(el, 'entry-sharingCondition', '仅向民政部门共享，用于养老补贴核对');
    await typeInto(el, 'entry-legalBasis', '《浙江省养老服务条例》第十条');
    shadow<HTMLButtonElement>(el, '#save').click();
    await waitUntil(() => liveText(el).includes('Saved'), 'not saved after the fix');
  });
});

describe('<egov-catalog-editor>: the field table by keyboard', () => {
  it('adds, moves and removes rows by keys alone, each control named with its row, each change announced, focus kept', async () => {
    const entry = await draft({ open: 'closed' });
    const { el } = await mount({ entry: entry.id });
    await opened(el, 'draft');
    shadow<HTMLButtonElement>(el, '#field-add').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'field-3-name', 'focus did not go to the new row');
    await waitUntil(() => liveText(el).includes('已添加第 4 行'), 'the new row was not announced');
    await sendKeys({ type: 'jgdm' });
    await el.updateComplete;
    // A duplicate name is flagged inline as it is typed.
    await waitUntil(() => el.shadowRoot!.querySelector('#field-3-name-error'), 'the duplicate was not flagged');
    expect(shadow(el, '#field-3-name').getAttribute('aria-describedby')).to.equal('field-3-name-error');
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: 'dz' });
    await waitUntil(() => !el.shadowRoot!.querySelector('#field-3-name-error'), 'the flag stayed');

    // Through the accessibility tree: the cell is a textbox named with its row.
    const tree = accessibleTree(el);
    expect(tree).to.deep.include({ role: 'textbox', name: '第 4 行 字段名' });
    expect(tree).to.deep.include({ role: 'combobox', name: '第 4 行 类型' });
    expect(tree).to.deep.include({ role: 'button', name: '第 4 行 上移' });
    expect(tree).to.deep.include({ role: 'button', name: '第 4 行 删除' });

    // To the row's "move up" button and press it: the row moves, focus follows it.
    shadow<HTMLButtonElement>(el, '#field-3-up').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, 'tbody tr:nth-child(3)').dataset.name === 'dz', 'the row did not move up');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'field-2-up', 'focus did not follow the row');
    await waitUntil(() => liveText(el).includes('从第 4 行移到第 3 行'), 'the move was not announced');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Space' });
    await waitUntil(() => shadow(el, 'tbody tr:nth-child(1)').dataset.name === 'dz', 'the row did not reach the top');
    // At the top its "move up" no longer applies: focus is on its "move down".
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'field-0-down', 'focus was lost at the top');

    // Remove it: focus goes to the row that took its place.
    shadow<HTMLButtonElement>(el, '#field-0-remove').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadowAll(el, 'tbody tr').length === 3, 'the row was not removed');
    await waitUntil(() => el.shadowRoot!.activeElement?.id === 'field-0-name', 'focus was lost after removing');
    await waitUntil(() => liveText(el).includes('已删除第 1 行'), 'the removal was not announced');
    expect(shadowAll(el, 'tbody tr').map((r) => r.dataset.name)).to.deep.equal(['jgdm', 'jgmc', 'clrq']);
    await expectAccessible(el);
  });

  it('fits a phone (375 px) without a page-wide scroll, its headings at the level the portal asks', async () => {
    await setViewport({ width: 375, height: 800 });
    const entry = await draft({ open: 'closed' });
    const list = await mount({ headingLevel: 3 });
    await waitUntil(() => list.el.shadowRoot!.querySelector(`[data-open="${entry.id}"]`), 'the list never showed');
    expect(shadow(list.el, '#list-heading').getAttribute('aria-level')).to.equal('3');
    expect(shadow(list.el, '#list-heading').getBoundingClientRect().height).to.be.greaterThan(0);
    expect(list.el.scrollWidth).to.be.at.most(376);
    await expectAccessible(list.el);
    const { el } = await mount({ entry: entry.id, headingLevel: 3 });
    await opened(el, 'draft');
    expect(shadow(el, '#fields-heading').getAttribute('aria-level')).to.equal('4');
    expect(el.scrollWidth).to.be.at.most(376);
    await expectAccessible(el);
  });
});

describe('<egov-catalog-editor>: CSV import, submission and review', () => {
  it('lists the line of a bad date, then imports a good file, submits, and the data office publishes', async () => {
    const entry = await draft();
    const { el, heard } = await mount({ entry: entry.id });
    await opened(el, 'draft');

    await chooseFile(el, 'bad.csv', csv(30, 17));
    shadow<HTMLButtonElement>(el, '#import').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-import-problems]'), 'the problems were not listed', { timeout: 15_000 });
    const problems = shadowAll(el, '[data-import-problems] li').map((li) => li.textContent!);
    expect(problems.some((p) => p.startsWith('第 17 行 / 成立日期'))).to.equal(true);
    expect(shadow(el, '[data-import-problems]').textContent).to.contain('数据没有改变');
    await expectAccessible(el);

    await chooseFile(el, 'gbk.csv', new Uint8Array([0x6a, 0x67, 0x64, 0x6d, 0x0d, 0x0a, 0xd5, 0xe3, 0xbd, 0xad]));
    shadow<HTMLButtonElement>(el, '#import').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-import-error]'), 'a GBK file was not refused');
    expect(shadow(el, '[data-import-error]').textContent).to.contain('UTF-8');

    await chooseFile(el, 'good.csv', csv(250));
    shadow<HTMLButtonElement>(el, '#import').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[data-imported="250"]'), 'the import did not succeed', { timeout: 15_000 });
    await waitUntil(() => liveText(el).includes('导入成功：共 250 行数据'), 'the rows were not announced');

    shadow<HTMLButtonElement>(el, '#submit').click();
    await waitUntil(() => heard.submit.length === 1, 'no egov-entry-submit');
    expect(heard.submit[0]).to.deep.equal({ id: entry.id });
    await opened(el, 'submitted');

    // The data office: the entry is in the queue; publishing needs all three checks.
    const review = await mount({ token: office });
    await waitUntil(() => review.el.shadowRoot!.querySelector(`[data-open="${entry.id}"]`), 'the entry is not in the review queue', { timeout: 15_000 });
    shadow<HTMLButtonElement>(review.el, `[data-open="${entry.id}"]`).click();
    await opened(review.el, 'submitted');
    shadow<HTMLInputElement>(review.el, '#review-decision-publish').click();
    shadow<HTMLButtonElement>(review.el, '#review-submit').click();
    await waitUntil(() => shadowAll(review.el, '#review [part=error-summary] li').length === 3, 'publishing without the checks was not stopped');
    for (const c of ['legality', 'privacy', 'security']) {
      const box = shadow(review.el, `#check-${c}`).shadowRoot!.querySelector<HTMLInputElement>('input')!;
      box.click();
    }
    await review.el.updateComplete;
    await expectAccessible(review.el);
    shadow<HTMLButtonElement>(review.el, '#review-submit').click();
    await waitUntil(() => review.heard.reviewed.length === 1, 'no egov-entry-reviewed', { timeout: 15_000 });
    expect(review.heard.reviewed[0]).to.deep.equal({ id: entry.id, decision: 'publish' });
    await opened(review.el, 'published');

    // Published: it is in the open catalog at once.
    const item = await fetch(`/api/catalog/items/${entry.id}`);
    expect(item.status).to.equal(200);
  });

  it('returns an entry with a reason the steward then reads', async () => {
    const entry = await draft();
    await fetch(`/api/catalog/entries/${entry.id}/submission`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` }, body: '{}' });
    const review = await mount({ token: office, entry: entry.id });
    await opened(review.el, 'submitted');
    shadow<HTMLInputElement>(review.el, '#review-decision-return').click();
    shadow<HTMLButtonElement>(review.el, '#review-submit').click();
    await waitUntil(() => review.el.shadowRoot!.querySelector('#review-reason-error'), 'a return without a reason was not stopped');
    const reason = shadow<HTMLTextAreaElement>(review.el, '#review-reason');
    reason.value = '请补充成立日期的说明。';
    reason.dispatchEvent(new InputEvent('input', { bubbles: true }));
    shadow<HTMLButtonElement>(review.el, '#review-submit').click();
    await waitUntil(() => review.heard.reviewed.length === 1, 'no egov-entry-reviewed');
    expect(review.heard.reviewed[0]).to.deep.equal({ id: entry.id, decision: 'return' });

    const { el } = await mount({ entry: entry.id });
    await opened(el, 'returned');
    expect(el.shadowRoot!.textContent).to.contain('请补充成立日期的说明。');
  });
});

describe('<egov-catalog-editor>: the data office looks at the data (Art. 26)', () => {
  it('shows the rows masked; each personal column has a keyboard button that shows it unmasked, says the read is logged, and the log has it', async () => {
    const entry = await draft({
      sharing: 'none', open: 'closed', sharingCondition: '含个人信息，仅可脱敏后提供', legalBasis: '《中华人民共和国个人信息保护法》第二十八条',
      fields: [
        { name: 'xm', label: '姓名', type: 'string', sensitivity: 'name', description: '' },
        { name: 'sfzh', label: '公民身份号码', type: 'string', sensitivity: 'id-number', description: '' },
        { name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' },
      ],
    });
    const form = new FormData();
    form.append('file', new Blob(['xm,sfzh,jgmc\r\n张三,330106199001011234,西湖区颐养院\r\n'], { type: 'text/csv' }), 'data.csv');
    expect((await fetch(`/api/catalog/entries/${entry.id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}` }, body: form })).status).to.equal(200);
    expect((await fetch(`/api/catalog/entries/${entry.id}/submission`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` }, body: '{}' })).status).to.equal(200);

    const { el } = await mount({ token: office, entry: entry.id });
    await opened(el, 'submitted');
    const cell = (name: string) => el.shadowRoot!.querySelector(`[data-review-rows] tbody td[data-field=${name}]`)?.textContent?.trim();
    await waitUntil(() => cell('xm') === '张*', 'the rows were not shown masked', { timeout: 15_000 });
    expect(cell('sfzh')).to.equal('3301**********1234');
    expect(cell('jgmc')).to.equal('西湖区颐养院');
    // A button for each personal column, none for the others.
    expect(shadowAll(el, '[data-review-rows] [data-unmask]').map((b) => b.dataset.unmask)).to.deep.equal(['xm', 'sfzh']);
    const button = shadow<HTMLButtonElement>(el, '[data-unmask=xm]');
    expect(button.textContent).to.contain('显示原文');
    expect(button.getAttribute('aria-label')).to.contain('姓名');
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    await expectAccessible(el);

    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cell('xm') === '张三', 'the field was not shown unmasked', { timeout: 15_000 });
    expect(cell('sfzh')).to.equal('3301**********1234');
    await waitUntil(() => liveText(el).includes('访问日志'), 'the logged read was not announced');
    expect(shadow(el, '[data-unmask=xm]').getAttribute('aria-pressed')).to.equal('true');
    expect(shadow(el, '[data-review-rows] [data-unmask-notice]').textContent).to.contain('访问日志');
    const log = await (await fetch('/api/access-log?pageSize=1', { headers: { Authorization: `Bearer ${office}` } })).json() as { items: Array<{ itemId: string; purpose: string; fields: string[] }> };
    expect(log.items[0]).to.include({ itemId: entry.id, purpose: 'Art. 26 review' });
    expect(log.items[0]!.fields).to.deep.equal(['xm']);
    await expectAccessible(el);

    // The same in English, from the message catalogue.
    const en = await mount({ token: office, entry: entry.id, locale: 'en' });
    await opened(en.el, 'submitted');
    await waitUntil(() => en.el.shadowRoot!.querySelector('[data-unmask=sfzh]'), 'no button in English', { timeout: 15_000 });
    expect(shadow(en.el, '[data-unmask=sfzh]').textContent).to.contain('Show unmasked');
  });
});

async function publish(id: string): Promise<void> {
  const post = (path: string, token: string, body: unknown) => fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  expect((await post(`/api/catalog/entries/${id}/submission`, steward, {})).status).to.equal(200);
  expect((await post(`/api/catalog/entries/${id}/review`, office, { decision: 'publish', checks: { legality: true, privacy: true, security: true } })).status).to.equal(200);
}

describe('<egov-catalog-editor>: a published entry', () => {
  it('edits it as a new version and shows the difference from the published one in words, then withdraws it with a reason', async () => {
    const entry = await draft();
    await publish(entry.id);
    const { el } = await mount({ entry: entry.id });
    await opened(el, 'published');
    expect(shadow(el, '#save').textContent).to.contain('保存为新版本');
    await typeInto(el, 'entry-summary', '全省养老服务机构的名称、代码、成立日期和床位数。');
    await choose(el, 'entry-updateFrequency', 'quarterly');
    const label = shadow<HTMLInputElement>(el, '#field-1-label');
    label.value = '机构全称';
    label.dispatchEvent(new InputEvent('input', { bubbles: true }));
    shadow<HTMLButtonElement>(el, '#field-add').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#field-3-name'), 'no row added');
    for (const [id, value] of [['field-3-name', 'cws'], ['field-3-label', '床位数']] as const) {
      const input = shadow<HTMLInputElement>(el, '#' + id);
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    }
    const type = shadow<HTMLSelectElement>(el, '#field-3-type');
    type.value = 'integer';
    type.dispatchEvent(new Event('change'));
    shadow<HTMLButtonElement>(el, '#save').click();
    await opened(el, 'draft');
    // The published version stays as it is; the difference reads old → new, no JSON.
    await waitUntil(() => el.shadowRoot!.querySelector('[data-diff]'), 'no difference shown');
    const diff = shadow(el, '[data-diff]');
    expect(diff.querySelector('[data-attr=updateFrequency]')!.textContent).to.match(/每月\s*→?\s*改为\s*每季度/);
    expect(diff.querySelector('[data-attr=summary]')).to.exist;
    expect(diff.querySelector('[data-fields=added]')!.textContent).to.contain('床位数（cws）');
    expect(diff.querySelector('[data-fields=changed]')!.textContent).to.contain('机构全称');
    expect(diff.textContent).to.not.contain('{');
    expect(shadow(el, '[part=history]').textContent).to.contain('开始新版本');
    const times = shadowAll(el, '[part=history] time');
    expect(times.length).to.be.greaterThan(2);
    await expectAccessible(el);
    expect((await fetch(`/api/catalog/items/${entry.id}`)).status).to.equal(200);

    shadow<HTMLButtonElement>(el, '#withdraw').click();
    await waitUntil(() => el.shadowRoot!.querySelector('#withdraw-error'), 'a withdrawal without a reason was not stopped');
    const reason = shadow<HTMLTextAreaElement>(el, '#withdraw-reason');
    reason.value = '机构名录改由民政部门统一发布。';
    reason.dispatchEvent(new InputEvent('input', { bubbles: true }));
    shadow<HTMLButtonElement>(el, '#withdraw').click();
    await opened(el, 'withdrawn');
    await waitUntil(() => liveText(el).includes('目录已撤销'), 'the withdrawal was not announced');
    expect((await fetch(`/api/catalog/items/${entry.id}`)).status).to.equal(404);
  });

  it('shows the data office the same difference beside the checklist', async () => {
    const entry = await draft();
    await publish(entry.id);
    const put = await fetch(`/api/catalog/entries/${entry.id}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` },
      body: JSON.stringify({ ...entry, fields: entry.fields.filter((f) => f.name !== 'clrq'), tags: ['养老', '民政'] }),
    });
    expect(put.status).to.equal(200);
    await fetch(`/api/catalog/entries/${entry.id}/submission`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${steward}` }, body: '{}' });
    const { el } = await mount({ token: office, entry: entry.id, locale: 'en' });
    await opened(el, 'submitted');
    await waitUntil(() => el.shadowRoot!.querySelector('[data-diff]'), 'no difference for the office');
    expect(shadow(el, '[data-fields=removed]').textContent).to.contain('clrq');
    expect(shadow(el, '[data-attr=tags]').textContent).to.contain('民政');
    expect(el.shadowRoot!.querySelector('form[part=review-form]')).to.exist;
    await expectAccessible(el);
  });
});

describe('<egov-catalog-editor>: its body loads when first connected', () => {
  it('takes properties, newEntry() and openEntry() given before the body is there', async () => {
    const entry = await draft();
    const { el } = await mount();
    // Set while the element still shows its loading state: taken by the body when it arrives.
    expect(el.shadowRoot!.querySelector('egov-catalog-editor-body'), 'the body is there at once').to.equal(null);
    el.entryId = entry.id;
    el.headingLevel = 3;
    await opened(el, 'draft');
    expect(shadow(el, '#entry-heading').textContent).to.contain(entry.name);
    expect(shadow(el, '#entry-heading').getAttribute('aria-level')).to.equal('3');
    const fresh = document.createElement('egov-catalog-editor');
    fresh.setAttribute('locale', 'en');
    fresh.token = steward;
    document.body.append(fresh);
    const other = document.createElement('egov-catalog-editor');
    other.setAttribute('locale', 'en');
    other.token = steward;
    document.body.append(other);
    try {
      fresh.newEntry();
      await opened(fresh, 'new');
      expect(fresh.shadowRoot!.querySelector('form[part=entry-form]')).to.exist;
      await other.openEntry(entry.id);
      await opened(other, 'draft');
      expect(shadow(other, '#entry-heading').textContent).to.contain(entry.name);
    } finally {
      fresh.remove();
      other.remove();
    }
  });
});
