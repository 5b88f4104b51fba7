import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/catalog-browser';
import type { EgovCatalogBrowser } from '../../src/components/catalog-browser/catalog-browser';
import type { AccessRequest, CatalogItem, DataPage, Grant } from '../../src/core/catalog-types';
import { catalogSeed, FIXED_ENTRY_COUNT, SEED_IDS } from '../../server/seed/data/catalog';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

// The data behind catalog entries (SPEC §7) in <egov-catalog-browser>, in Chromium against
// the real reference backend: preview, downloads, grants and their call, the access log.

const SEED = catalogSeed();
const T = { timeout: 10_000 };
/** Entries the other catalog tests do not ask for (one pending request per entry and requester). */
const USED = new Set<string>([...Object.values(SEED_IDS), '330000-GA-000056', '330000-GA-000074']);
const spare = (predicate: (item: CatalogItem) => boolean) => SEED.slice(FIXED_ENTRY_COUNT).filter((i) => !USED.has(i.id) && predicate(i));
const CLOSED_UNCONDITIONAL = spare((i) => i.sharing === 'unconditional' && i.open === 'closed');
const RESTRICTED_GA = spare((i) => i.sharing === 'restricted' && i.open === 'closed' && i.agency.code === '330000-GA');
const NONE_GA = spare((i) => i.sharing === 'none' && i.open === 'closed' && i.agency.code === '330000-GA' && (i.fields ?? []).some((f) => f.label.endsWith('姓名')));
const CONDITIONAL_GA = spare((i) => i.open === 'conditional' && i.agency.code === '330000-GA');

const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const previewRows = (el: Element) => shadowAll(el, '[part=data-preview] tbody tr');
const caption = (el: Element) => el.shadowRoot?.querySelector('#preview-caption')?.textContent ?? '';
const liveText = (el: Element) => el.shadowRoot?.querySelector('.sr-only[role=status]')?.textContent ?? '';

async function api<R>(path: string, token?: string, body?: unknown): Promise<R> {
  const response = await fetch('/api' + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<R>;
}

const list = <X>(answer: X[] | { items: X[] }): X[] => (Array.isArray(answer) ? answer : answer.items);

/** Routes calls whose URL matches through a fault prefix of the test server, recording every call. */
function routeFetch(match: (url: URL) => boolean, prefix: string) {
  const original = window.fetch;
  const calls: Request[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    let request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (prefix && match(url) && url.pathname.startsWith('/api/')) request = new Request(url.origin + prefix + url.pathname.slice(4) + url.search, request);
    calls.push(request);
    return original(request);
  };
  return { calls, restore: () => (window.fetch = original) };
}

async function openEntry(template: ReturnType<typeof html>, id: string): Promise<EgovCatalogBrowser> {
  const el = await fixture<EgovCatalogBrowser>(template);
  await waitUntil(() => el.shadowRoot!.querySelector('[part=result-item], .sign-in'), 'the catalog never loaded', T);
  el.openItem(id);
  await waitUntil(() => el.shadowRoot!.querySelector('.detail .facts'), 'the entry never opened', T);
  return el;
}

const request = (purpose: string, extra: Record<string, unknown> = {}) => ({ purpose, legalBasis: '《浙江省公共数据和电子政务管理办法》第二十三条', ...extra });

// ---- data open to all -----------------------------------------------------------------

describe('<egov-catalog-browser> data of an open entry', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  it('shows the licence, the row count and a page of rows as an accessible table', async () => {
    const item = await api<CatalogItem>(`/catalog/items/${SEED_IDS.openUnconditional}`);
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, item.id);
    await waitUntil(() => previewRows(el).length === 10, 'no preview rows', T);
    const licence = shadow<HTMLAnchorElement>(el, 'a.licence');
    expect(licence.textContent).to.equal(item.licence!.name);
    expect(licence.href).to.equal(item.licence!.url);
    expect(shadow(el, '.facts').textContent).to.contain(item.rowCount!.toLocaleString('zh-CN'));
    // Column headers are the fields' labels, with their scope; the caption says what and where.
    const headers = shadowAll(el, '[part=data-preview] thead th');
    expect(headers.map((h) => h.textContent!.trim())).to.deep.equal(item.fields!.map((f) => f.label));
    expect(headers.every((h) => h.getAttribute('scope') === 'col')).to.equal(true);
    expect(caption(el)).to.contain(item.name).and.contain('1–10');
    const page = await api<DataPage>(`/data/${item.id}/rows?page=1&pageSize=10`);
    expect(previewRows(el)[0]!.textContent).to.contain(String(page.rows[0]![item.fields![0]!.name]));
    const region = shadow(el, '#preview-region');
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('tabindex')).to.equal('0');
    expect(region.getAttribute('aria-labelledby')).to.equal('preview-caption');
    await expectAccessible(el);
  });

  it('pages by keyboard, announces the rows shown and keeps focus on the button', async () => {
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, SEED_IDS.openUnconditional);
    await waitUntil(() => previewRows(el).length === 10, 'no preview rows', T);
    const first = previewRows(el)[0]!.textContent;
    const previous = shadow<HTMLButtonElement>(el, '.data-pager .pager-previous');
    expect(previous.disabled).to.equal(true);
    shadow<HTMLButtonElement>(el, '.data-pager .pager-next').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => caption(el).includes('11–20'), 'page 2 never shown', T);
    expect(previewRows(el)[0]!.textContent).to.not.equal(first);
    await waitUntil(() => liveText(el).includes('11–20'), 'page change not announced', T);
    expect(active(el)?.classList.contains('pager-next')).to.equal(true);
    await sendKeys({ press: 'Shift+Tab' });
    expect(active(el)?.classList.contains('pager-previous')).to.equal(true);
    await sendKeys({ press: 'Space' });
    await waitUntil(() => caption(el).includes('1–10'), 'back to page 1 never shown', T);
    // At the first page "previous" is disabled: focus moves to "next" rather than being lost.
    expect(active(el)?.classList.contains('pager-next')).to.equal(true);
  });

  it('offers the whole data set as plain download links with its row count', async () => {
    const item = await api<CatalogItem>(`/catalog/items/${SEED_IDS.openUnconditional}`);
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=data-download] a[download]'), 'no download links', T);
    const links = shadowAll<HTMLAnchorElement>(el, '[part=data-download] a[download]');
    expect(links.map((a) => new URL(a.href).pathname + new URL(a.href).search)).to.deep.equal([
      `/api/data/${item.id}/download?format=csv`,
      `/api/data/${item.id}/download?format=json`,
    ]);
    for (const link of links) expect(link.getAttribute('aria-label')).to.contain(item.rowCount!.toLocaleString('zh-CN'));
    expect(shadow(el, '[part=data-download]').textContent).to.contain(item.rowCount!.toLocaleString('zh-CN'));
    // What the link fetches is the data set itself, as an attachment.
    const response = await fetch(links[0]!.href);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-disposition') ?? '').to.contain('attachment');
    const text = await response.text();
    expect(text.split(/\r?\n/).filter(Boolean).length).to.be.at.least(item.rowCount! + 1);
    await expectAccessible(el);
  });

  it('scrolls a wide table inside its own labelled region at phone width, not the page', async () => {
    await setViewport({ width: 375, height: 740 });
    // The widest open entry of the seed.
    const wide = SEED.filter((i) => i.open === 'open').sort((a, b) => (b.fields?.length ?? 0) - (a.fields?.length ?? 0))[0]!;
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, wide.id);
    await waitUntil(() => previewRows(el).length > 0, 'no preview rows', T);
    const region = shadow(el, '#preview-region');
    expect(region.scrollWidth).to.be.greaterThan(region.clientWidth);
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
    region.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => region.scrollLeft > 0, 'the region does not scroll by keyboard', T);
    await expectAccessible(el);
  });

  it('shows the error state with a retry when the rows fail, and the rows after the retry', async () => {
    const route = routeFetch((url) => url.pathname.includes('/data/'), faults.error500);
    let el: EgovCatalogBrowser;
    try {
      el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, SEED_IDS.openUnconditional);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=data-preview] egov-async-state')?.getAttribute('state') === 'error', 'no error state', { timeout: 20_000 });
      // The rest of the entry is intact.
      expect(shadow(el, '.facts').textContent).to.contain(SEED_IDS.openUnconditional);
      await expectAccessible(el);
    } finally {
      route.restore();
    }
    const retry = shadow(el!, '[part=data-preview] egov-async-state').shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!;
    retry.click();
    await waitUntil(() => previewRows(el!).length === 10, 'no rows after retry', T);
  });

  it('says so when a data set has no rows', async () => {
    const route = routeFetch((url) => url.pathname.endsWith('/rows'), faults.rewrite({ '/rows': [], '/total': 0 }));
    try {
      const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, SEED_IDS.openUnconditional);
      await waitUntil(() => el.shadowRoot!.querySelector('.preview-empty'), 'no empty state', T);
      expect(el.shadowRoot!.querySelector('[part=data-preview] table')).to.equal(null);
      await expectAccessible(el);
    } finally {
      route.restore();
    }
  });

  it('speaks English when asked', async () => {
    const el = await openEntry(html`<egov-catalog-browser locale="en"></egov-catalog-browser>`, SEED_IDS.openUnconditional);
    await waitUntil(() => previewRows(el).length === 10, 'no preview rows', T);
    expect(caption(el)).to.contain('rows 1–10 of');
    expect(shadow(el, '[part=data-download]').textContent).to.contain('Download the data');
  });
});

// ---- conditionally open entries (SPEC §7) -------------------------------------------

describe('<egov-catalog-browser> conditionally open data', () => {
  it('tells someone not signed in that a sign-in is needed, and offers no form', async () => {
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, SEED_IDS.conditionalOpen);
    await waitUntil(() => el.shadowRoot!.querySelector('.data-sign-in'), 'no sign-in notice', T);
    expect(el.shadowRoot!.querySelector('[part=access-request-form]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part=data-preview]')).to.equal(null);
    await expectAccessible(el);
  });

  it('lets a signed-in citizen request it; once a reviewer approves, the citizen sees the data', async () => {
    const item = CONDITIONAL_GA[0] ?? SEED.find((i) => i.id === SEED_IDS.noneGAConditional)!;
    const citizen = await demoLogin('citizen-002');
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=access-request-form]'), 'no request form', T);
    expect(el.shadowRoot!.querySelector('#req-desensitized')).to.equal(null);
    await expectAccessible(el);
    shadow(el, '#req-purpose').focus();
    await sendKeys({ type: '研究本地区道路交通安全状况' });
    shadow(el, '#req-legalBasis').focus();
    await sendKeys({ type: '《浙江省公共数据和电子政务管理办法》第二十五条' });
    const fired = oneEvent(el, 'egov-access-request');
    shadow<HTMLButtonElement>(el, '[part=access-request-form] button[type=submit]').click();
    const event = await fired;
    expect(event.detail.itemId).to.equal(item.id);
    expect(event.detail.status).to.equal('pending');
    // Opened again, the entry says the citizen has asked already.
    const waiting = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, item.id);
    await waitUntil(() => waiting.shadowRoot!.querySelector('[part=access-request-form]')?.closest('.request')?.querySelector('.badge--pending'), 'the pending request is not shown', T);

    const reviewer = await demoLogin('reviewer-001');
    await api(`/access-requests/${event.detail.requestId}/decision`, reviewer, { decision: 'approve', reason: '' });
    const again = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, item.id);
    await waitUntil(() => previewRows(again).length > 0, 'no data after approval', T);
    expect(again.shadowRoot!.querySelector('[part=access-request-form]')).to.equal(null);
    expect(shadow(again, '.grant-facts').textContent).to.contain('有效期至');
  });
});

// ---- grants in the sharing catalog ----------------------------------------------------

describe('<egov-catalog-browser> grants and the request-response call', () => {
  let staff: string;
  let reviewer: string;
  before(async () => {
    staff = await demoLogin('staff-001');
    reviewer = await demoLogin('reviewer-001');
  });

  it('shows no data before a grant, and the grant, the filled call and its answer after an approval at once', async () => {
    const item = CLOSED_UNCONDITIONAL[0]!;
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=access-request-form]'), 'no request form', T);
    expect(el.shadowRoot!.querySelector('[part=data-preview]')).to.equal(null);
    // The grants are read beside the entry: the "no grant yet" notice may come a moment after the form.
    await waitUntil(() => el.shadowRoot!.querySelector('.data-no-grant')?.textContent, 'no notice that there is no grant yet', T);
    shadow(el, '#req-purpose').focus();
    await sendKeys({ type: '统计各部门政务资源使用情况' });
    shadow(el, '#req-legalBasis').focus();
    await sendKeys({ type: '履职需要' });
    const fired = oneEvent(el, 'egov-access-request');
    shadow<HTMLButtonElement>(el, '[part=access-request-form] button[type=submit]').click();
    expect((await fired).detail.status).to.equal('approved');

    // The grant's data shows without a reload: terms, preview, the call with a filled example.
    await waitUntil(() => previewRows(el).length > 0, 'no preview after the grant', T);
    // Without a copy only the first page is answered unfiltered (Art. 23): no pager to a refusal.
    expect(el.shadowRoot!.querySelector('[part=data-preview] .data-pager')).to.equal(null);
    const facts = shadow(el, '.grant-facts').textContent!;
    expect(facts).to.contain('全部数据项').and.contain('仅限接口调用');
    await waitUntil(() => shadow(el, '.call-url').textContent!.includes('filter.'), 'no filled example', T);
    const example = new URL(shadow(el, '.call-url').textContent!.replace(/^GET /, ''));
    expect(example.pathname).to.equal(`/api/data/${item.id}/rows`);
    expect(example.searchParams.get('fields')!.split(',')).to.deep.equal(item.fields!.map((f) => f.name));
    const [filterKey, filterValue] = [...example.searchParams].find(([k]) => k.startsWith('filter.'))!;
    // The example is exactly what a system would send: run it with the token and compare.
    const direct = await api<DataPage>(example.pathname.slice(4) + example.search, staff);
    expect(direct.rows.length).to.be.greaterThan(0);
    expect(direct.rows.every((r) => String(r[filterKey.slice(7)]) === filterValue)).to.equal(true);
    // No copy was asked for: no download, and why.
    expect(shadow(el, '.no-copy').textContent).to.contain('第二十三条');
    await expectAccessible(el);

    // Try it: the answer appears in the preview table and is announced.
    shadow<HTMLButtonElement>(el, '.call-try').focus();
    await sendKeys({ press: 'Enter' });
    const state = () => el.shadowRoot!.querySelector('[part=data-preview] egov-async-state')?.getAttribute('state');
    await waitUntil(() => el.shadowRoot!.querySelector('.preview-query') && state() === 'idle' && previewRows(el).length === direct.rows.length, 'the call was not run', T);
    await waitUntil(() => liveText(el).includes(String(direct.total)), 'the answer was not announced', T);
    await expectAccessible(el);
  });

  /** A grant on an unconditional entry, approved at once (the first test makes one through the form). */
  const ensureGrant = async (itemId: string) => {
    if (!list(await api<Grant[]>('/grants', staff)).some((g) => g.itemId === itemId)) await api(`/catalog/items/${itemId}/access-requests`, staff, request('统计各部门政务资源使用情况'));
  };

  it('fits the grant, the call and the preview on a phone without widening the page', async () => {
    await ensureGrant(CLOSED_UNCONDITIONAL[0]!.id);
    await setViewport({ width: 375, height: 740 });
    try {
      const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, CLOSED_UNCONDITIONAL[0]!.id);
      await waitUntil(() => previewRows(el).length > 0 && shadow(el, '.call-url').textContent!.includes('filter.'), 'no grant view', T);
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
      const example = shadow(el, '.call-example');
      expect(example.scrollWidth).to.be.greaterThan(example.clientWidth);
      expect(example.getAttribute('tabindex')).to.equal('0');
      await expectAccessible(el);
    } finally {
      await setViewport({ width: 1280, height: 900 });
    }
  });

  it('hides a grant holder’s data at once when someone else signs in, before knowing who', async () => {
    const item = CLOSED_UNCONDITIONAL[0]!;
    await ensureGrant(item.id);
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => previewRows(el).length > 0, 'no preview', T);
    // Who signed in is answered slowly: the last person's rows must not wait for it.
    const route = routeFetch((url) => url.pathname.endsWith('/auth/me'), faults.delay(3000));
    try {
      el.token = reviewer;
      await waitUntil(() => !el.shadowRoot!.querySelector('[part=data-preview], .grant-facts'), 'the last person’s data stayed', { timeout: 1500 });
    } finally {
      route.restore();
    }
  });

  it('refuses an empty filter value inline and sends nothing', async () => {
    const item = CLOSED_UNCONDITIONAL[0]!;
    await ensureGrant(item.id);
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('.call-try'), 'no call form', T);
    const input = shadow<HTMLInputElement>(el, '#call-value');
    await waitUntil(() => input.value !== '', 'no example value', T);
    input.focus();
    input.select();
    await sendKeys({ press: 'Backspace' });
    const route = routeFetch(() => false, '');
    try {
      shadow<HTMLButtonElement>(el, '.call-try').click();
      await waitUntil(() => el.shadowRoot!.querySelector('#call-value-error'), 'no inline error', T);
      expect(active(el)?.id).to.equal('call-value');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(route.calls.filter((r) => r.url.includes('/rows'))).to.have.length(0);
    } finally {
      route.restore();
    }
    // Choosing no filter runs the call without one.
    const select = shadow<HTMLSelectElement>(el, '#call-field');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    shadow<HTMLButtonElement>(el, '.call-try').click();
    await waitUntil(() => !el.shadowRoot!.querySelector('#call-value-error') && previewRows(el).length === 10, 'the unfiltered call did not run', T);
  });

  it('answers a filter value that looks like SQL with no rows, and keeps what was typed', async () => {
    const item = CLOSED_UNCONDITIONAL[0]!;
    await ensureGrant(item.id);
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    const input = shadow<HTMLInputElement>(el, '#call-value');
    await waitUntil(() => input.value !== '', 'no example value', T);
    input.focus();
    input.select();
    const typed = "' OR 1=1 --";
    await sendKeys({ type: typed });
    shadow<HTMLButtonElement>(el, '.call-try').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.preview-empty'), 'no empty answer', T);
    expect(shadow(el, '.preview-empty').textContent).to.contain('没有符合查询条件的记录');
    expect(input.value).to.equal(typed);
    // The example shows the call as sent, the value encoded in the URL.
    const example = new URL(shadow(el, '.call-url').textContent!.replace(/^GET /, ''));
    expect([...example.searchParams].find(([k]) => k.startsWith('filter.'))![1]).to.equal(typed);
    // "Show all rows" goes back to the unfiltered data.
    shadow<HTMLButtonElement>(el, '.preview-query button').click();
    await waitUntil(() => previewRows(el).length === 10, 'not back to all rows', T);
    await expectAccessible(el);
  });

  it('masks personal data of a non-shared entry, offers only unmasked fields as filters, and lists the grant', async () => {
    const item = NONE_GA[0]!;
    const created = await api<AccessRequest>(`/catalog/items/${item.id}/access-requests`, staff, request('综合治理统计分析（脱敏）', { desensitized: true }));
    expect(created.status).to.equal('pending');
    await api(`/access-requests/${created.id}/decision`, reviewer, { decision: 'approve', reason: '' });
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => previewRows(el).length > 0, 'no preview', T);
    expect(shadow(el, '.masked-notice').textContent).to.contain('第二十二条');
    const detail = await api<CatalogItem>(`/catalog/items/${item.id}?scope=sharing`, staff);
    const nameField = detail.fields!.find((f) => f.sensitivity === 'name')!;
    const headers = shadowAll(el, '[part=data-preview] thead th');
    const index = headers.findIndex((h) => h.textContent!.startsWith(nameField.label));
    expect(headers[index]!.querySelector('.masked-tag')).to.exist;
    for (const row of previewRows(el)) expect(row.children[index]!.textContent!.trim()).to.match(/^\p{Script=Han}+\*+$/u);
    expect(shadow(el, '.grant-facts').textContent).to.contain('是，个人信息已脱敏');
    const options = shadowAll<HTMLOptionElement>(el, '#call-field option').map((o) => o.value).filter(Boolean);
    const masked = detail.fields!.filter((f) => f.sensitivity && f.sensitivity !== 'none').map((f) => f.name);
    expect(options.some((o) => masked.includes(o))).to.equal(false);
    await expectAccessible(el);

    // My requests: the approval shows the grant's terms.
    shadow<HTMLButtonElement>(el, '.view-tab[data-view=requests]').click();
    await waitUntil(() => shadowAll(el, '.requests .grant-line').some((c) => c.textContent!.includes('脱敏')), 'no grant in my requests', T);
    await expectAccessible(el);
  });

  it('asks for a copy; the reviewer allows it with an earlier end; the holder downloads it with the token', async () => {
    const item = RESTRICTED_GA[0]!;
    const stamp = Date.now();
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('#req-copy'), 'no copy checkbox', T);
    shadow(el, '#req-purpose').focus();
    await sendKeys({ type: `复制测试 ${stamp}：户籍信息比对` });
    shadow(el, '#req-legalBasis').focus();
    await sendKeys({ type: '履职需要' });
    shadow(el, '#req-copy').focus();
    await sendKeys({ press: 'Space' });
    const fired = oneEvent(el, 'egov-access-request');
    shadow<HTMLButtonElement>(el, '[part=access-request-form] button[type=submit]').click();
    const { requestId, status } = (await fired).detail;
    expect(status).to.equal('pending');
    expect(list(await api<AccessRequest[]>('/access-requests', staff)).find((r) => r.id === requestId)!.copy).to.equal(true);

    // The reviewer: copy requested, allowed, with an end before a year is out; a past date is refused first.
    const queue = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${reviewer} page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => queue.shadowRoot!.querySelector('.view-tab[data-view=review]'), 'no review tab', T);
    shadow<HTMLButtonElement>(queue, '.view-tab[data-view=review]').click();
    const card = () => shadowAll(queue, '.review-list .card').find((c) => c.textContent!.includes(String(stamp)));
    await waitUntil(() => card(), 'request not in the queue', T);
    expect(card()!.querySelector('.copy-requested')).to.exist;
    await expectAccessible(queue);
    const until = card()!.querySelector<HTMLInputElement>('input.valid-until')!;
    until.value = '2020-01-01';
    until.dispatchEvent(new Event('input'));
    const approve = () => [...card()!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('通过'))!;
    approve().click();
    await waitUntil(() => card()!.querySelector('[id^=until-error]'), 'a past end was not refused', T);
    expect(active(queue)).to.equal(until);
    const end = new Date(Date.now() + 30 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    until.value = end;
    until.dispatchEvent(new Event('input'));
    card()!.querySelector<HTMLInputElement>('input[id^=allow-copy]')!.click();
    approve().click();
    await waitUntil(() => card()?.querySelector('.badge--approved'), 'not approved', T);

    const grants = list(await api<Grant[]>('/grants', staff));
    const grant = grants.find((g) => g.requestId === requestId)!;
    expect(grant.copy).to.equal(true);
    expect(grant.validUntil.slice(0, 10) <= end).to.equal(true);

    // The holder: copy allowed, valid until that day; the download goes with the token.
    const holder = await openEntry(html`<egov-catalog-browser mode="sharing" token=${staff}></egov-catalog-browser>`, item.id);
    await waitUntil(() => holder.shadowRoot!.querySelector('[part=data-download] .download-button'), 'no granted download', T);
    expect(shadow(holder, '.grant-facts').textContent).to.contain('可以下载');
    const route = routeFetch(() => false, '');
    try {
      shadow<HTMLButtonElement>(holder, '[part=data-download] .download-button[data-format=csv]').click();
      await waitUntil(() => liveText(holder).includes('.csv'), 'download not announced', T);
      const call = route.calls.find((r) => r.url.includes(`/data/${item.id}/download`))!;
      expect(call.headers.get('authorization')).to.equal('Bearer ' + staff);
    } finally {
      route.restore();
    }
    await expectAccessible(holder);
  });
});

// ---- the access log -------------------------------------------------------------------

describe('<egov-catalog-browser> access log', () => {
  it('shows a reviewer the calls on the agency’s entries, paged, with the chain intact', async () => {
    const staff = await demoLogin('staff-001');
    const reviewer = await demoLogin('reviewer-001');
    // Calls under a grant on an entry of 浙江省公安厅, enough for two pages.
    const item = RESTRICTED_GA[1]!;
    const created = await api<AccessRequest>(`/catalog/items/${item.id}/access-requests`, staff, request('访问日志测试：户籍核验'));
    await api(`/access-requests/${created.id}/decision`, reviewer, { decision: 'approve', reason: '' });
    // Without a filter a grant without copy answers only its first page (Art. 23): 22 calls of it.
    for (let i = 0; i < 22; i++) await api(`/data/${item.id}/rows?pageSize=2`, staff);

    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${reviewer}></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.view-tab[data-view=log]'), 'no log tab', T);
    shadow<HTMLButtonElement>(el, '.view-tab[data-view=log]').click();
    await waitUntil(() => shadowAll(el, '[part=access-log] tbody tr').length === 20, 'no log rows', T);
    expect(active(el)?.id).to.equal('log-heading');
    await waitUntil(() => el.shadowRoot!.querySelector('.chain-status--ok'), 'no chain status', T);
    const verify = await api<{ ok: boolean; length: number }>('/access-log/verify', reviewer);
    expect(shadow(el, '.chain-status--ok').textContent).to.contain(verify.length.toLocaleString('zh-CN'));
    expect(shadow(el, '#log-caption').textContent).to.contain('1–20');
    expect(shadowAll(el, '[part=access-log] tbody tr').some((r) => r.textContent!.includes(item.id))).to.equal(true);
    await expectAccessible(el);
    shadow<HTMLButtonElement>(el, '.log-pager .pager-next').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(el, '#log-caption').textContent!.includes('21–'), 'page 2 never shown', T);
    await waitUntil(() => liveText(el).includes('21–'), 'page not announced', T);
  });

  it('goes from an entry of the reviewer’s agency to the calls on it, and filters by resource code', async () => {
    const staff = await demoLogin('staff-001');
    const reviewer = await demoLogin('reviewer-001');
    const item = RESTRICTED_GA[2]!;
    const created = await api<AccessRequest>(`/catalog/items/${item.id}/access-requests`, staff, request('访问日志筛选测试：户籍核验'));
    await api(`/access-requests/${created.id}/decision`, reviewer, { decision: 'approve', reason: '' });
    for (let i = 0; i < 3; i++) await api(`/data/${item.id}/rows?pageSize=${i + 1}`, staff);
    // An entry of another agency offers no log link; one of the reviewer's own does.
    const other = await openEntry(html`<egov-catalog-browser mode="sharing" token=${reviewer}></egov-catalog-browser>`, SEED_IDS.restrictedOther);
    expect(other.shadowRoot!.querySelector('.log-link')).to.equal(null);
    const el = await openEntry(html`<egov-catalog-browser mode="sharing" token=${reviewer}></egov-catalog-browser>`, item.id);
    await waitUntil(() => el.shadowRoot!.querySelector('.log-link button'), 'no log link', T);
    shadow<HTMLButtonElement>(el, '.log-link button').click();
    await waitUntil(() => shadowAll(el, '[part=access-log] tbody tr').length === 3, 'not the entry’s three calls', T);
    expect(active(el)?.id).to.equal('log-heading');
    expect(shadowAll(el, '[part=access-log] tbody tr').every((r) => r.textContent!.includes(item.id))).to.equal(true);
    // The fields read are named by label with their code, not by code alone.
    const first = item.fields![0]!;
    await waitUntil(() => shadowAll(el, '[part=access-log] .log-fields').every((c) => c.textContent!.includes(`${first.label}（${first.name}）`)), 'log fields without labels', T);
    expect(shadow<HTMLInputElement>(el, '#log-item').value).to.equal(item.id);
    await expectAccessible(el);
    // Clearing the filter shows every call on the agency's entries again.
    shadow<HTMLButtonElement>(el, '.log-filtered button').click();
    await waitUntil(() => shadowAll(el, '[part=access-log] tbody tr').some((r) => !r.textContent!.includes(item.id)), 'the filter was not cleared', T);
    // Typing a code and pressing Enter narrows it again.
    shadow(el, '#log-item').focus();
    await sendKeys({ type: item.id });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadowAll(el, '[part=access-log] tbody tr').length === 3, 'typed filter not applied', T);
  });

  it('fits a phone: the log table scrolls in its own region and the page does not', async () => {
    await setViewport({ width: 375, height: 740 });
    try {
      const reviewer = await demoLogin('reviewer-001');
      const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${reviewer}></egov-catalog-browser>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.view-tab[data-view=log]'), 'no log tab', T);
      shadow<HTMLButtonElement>(el, '.view-tab[data-view=log]').click();
      await waitUntil(() => shadowAll(el, '[part=access-log] tbody tr').length > 0, 'no log rows', T);
      const region = shadow(el, '#log-region');
      expect(region.scrollWidth).to.be.greaterThan(region.clientWidth);
      expect(document.documentElement.scrollWidth).to.be.at.most(375);
      await expectAccessible(el);
    } finally {
      await setViewport({ width: 1280, height: 900 });
    }
  });

  it('names the first broken record when the chain does not hold', async () => {
    const reviewer = await demoLogin('reviewer-001');
    const route = routeFetch((url) => url.pathname.endsWith('/access-log/verify'), faults.rewrite({ '/ok': false, '/brokenAt': 3 }));
    try {
      const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${reviewer}></egov-catalog-browser>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.view-tab[data-view=log]'), 'no log tab', T);
      shadow<HTMLButtonElement>(el, '.view-tab[data-view=log]').click();
      await waitUntil(() => el.shadowRoot!.querySelector('.chain-status--broken'), 'no broken status', T);
      expect(shadow(el, '.chain-status--broken').getAttribute('role')).to.equal('alert');
      await waitForText(el, '第 3 条记录');
      await expectAccessible(el);
    } finally {
      route.restore();
    }
  });
});
