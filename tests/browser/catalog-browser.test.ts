import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/catalog-browser';
import type { EgovCatalogBrowser } from '../../src/components/catalog-browser/catalog-browser';
import type { AccessRequest, CatalogPage } from '../../src/core/catalog-types';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';
import { aTimeout, demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

const SEED = catalogSeed();
const OPEN_SEED = SEED.filter((i) => i.open !== 'closed');
const T = { timeout: 10_000 };

// ---- helpers --------------------------------------------------------------------------

const resultsState = (el: Element) => el.shadowRoot?.querySelector('.results egov-async-state')?.getAttribute('state');
const names = (el: Element) => shadowAll(el, '.item-link').map((a) => a.textContent!.trim());
const countText = (el: Element) => el.shadowRoot?.querySelector('.count')?.textContent ?? '';
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

/** Waits for a finished search that shows results or the empty state. */
async function settled(el: EgovCatalogBrowser): Promise<void> {
  await waitUntil(() => resultsState(el) === 'idle' && el.shadowRoot!.querySelector('[part=result-list], .empty'), 'the search never finished', T);
}

async function mount(template: ReturnType<typeof html>): Promise<EgovCatalogBrowser> {
  const el = await fixture<EgovCatalogBrowser>(template);
  await settled(el);
  return el;
}

/** The total the element shows, read from the server's answer it rendered. */
async function total(el: EgovCatalogBrowser): Promise<number> {
  await settled(el);
  const match = /(\d[\d,]*)/.exec(countText(el));
  return match ? Number(match[1]!.replace(/,/g, '')) : 0;
}

function facetOption(el: Element, facet: string, value: string): HTMLInputElement {
  return shadow<HTMLInputElement>(el, `fieldset[data-facet=${facet}] input[value="${value}"]`);
}

function facetCount(el: Element, facet: string, value: string): number {
  const label = facetOption(el, facet, value).closest('label')!;
  return Number(label.querySelector('.facet-option__count [aria-hidden]')!.textContent!.replace(/,/g, ''));
}

interface FetchSpy {
  calls: Request[];
  restore: () => void;
}

/** Records (and may reroute or delay) every request the page makes. */
function spyFetch(options: { rewrite?: (url: string) => string; delay?: (url: string) => number } = {}): FetchSpy {
  const original = window.fetch;
  const calls: Request[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    let request = input instanceof Request ? input : new Request(input, init);
    if (options.rewrite) {
      const url = options.rewrite(request.url);
      if (url !== request.url) request = new Request(url, request);
    }
    calls.push(request);
    const wait = options.delay?.(request.url) ?? 0;
    if (wait) await new Promise((r) => setTimeout(r, wait));
    return original(request);
  };
  return { calls, restore: () => (window.fetch = original) };
}

const searches = (spy: FetchSpy) => spy.calls.filter((r) => r.method === 'GET' && new URL(r.url).pathname.endsWith('/catalog/items'));
const qOf = (r: Request) => new URL(r.url).searchParams.get('q');

async function typeQuery(el: EgovCatalogBrowser, text: string, submit = false): Promise<void> {
  const input = shadow<HTMLInputElement>(el, '#search-input');
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
  if (submit) await sendKeys({ press: 'Enter' });
}

async function api<T>(path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch('/api' + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

// ---- the open catalog -----------------------------------------------------------------

describe('<egov-catalog-browser> open catalog', () => {
  let spy: FetchSpy | undefined;
  afterEach(() => {
    spy?.restore();
    spy = undefined;
  });

  it('shows the first page of results with facets, and is accessible', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="10"></egov-catalog-browser>`);
    expect(shadowAll(el, '[part=result-item]')).to.have.length(10);
    expect(await total(el)).to.equal(OPEN_SEED.length);
    for (const facet of ['agency', 'sharing', 'open', 'frequency']) expect(shadow(el, `fieldset[data-facet=${facet}] legend`).textContent).to.not.equal('');
    expect(shadow(el, '[part=search-input]').getAttribute('id')).to.equal('search-input');
    expect(shadow(el, 'label[for=search-input]').textContent).to.contain('搜索');
    await expectAccessible(el);
    // The long agency group shows the largest eight until asked for all.
    const agencies = () => shadowAll(el, 'fieldset[data-facet=agency] input');
    expect(agencies()).to.have.length(8);
    const more = shadow<HTMLButtonElement>(el, 'fieldset[data-facet=agency] .facet-more');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => agencies().length === 18, 'not all agencies shown', T);
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(active(el)).to.equal(more);
    await expectAccessible(el);
  });

  it('searches as the user types, after a pause: one request for a burst of keys', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="10"></egov-catalog-browser>`);
    spy = spyFetch();
    await typeQuery(el, '水质');
    await waitUntil(() => searches(spy!).some((r) => qOf(r) === '水质'), 'no search for 水质', T);
    await settled(el);
    expect(searches(spy).map(qOf)).to.deep.equal(['水质']);
    const expected = OPEN_SEED.filter((i) => i.name.includes('水质')).length;
    expect(expected).to.be.greaterThan(0);
    expect(await total(el)).to.be.at.least(expected);
    for (const name of names(el).slice(0, 3)) expect(SEED.find((i) => i.name === name)).to.exist;
  });

  it('finds results for one- and two-character Chinese queries', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    for (const q of ['水', '名录', '州']) {
      await typeQuery(el, q, true);
      await waitUntil(() => resultsState(el) === 'idle' && names(el).length > 0, `no results for ${q}`, T);
      const byName = OPEN_SEED.filter((i) => i.name.includes(q)).length;
      expect(byName, q).to.be.greaterThan(0);
      expect(await total(el), q).to.be.at.least(byName);
      expect(await total(el), q).to.be.below(OPEN_SEED.length);
    }
  });

  it('announces the result count through a live region', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const region = shadow(el, '.sr-only[role=status]');
    await waitUntil(() => region.textContent!.includes(String(OPEN_SEED.length)), 'count not announced', T);
    await typeQuery(el, '名录', true);
    const n = await total(el);
    await waitUntil(() => region.textContent!.includes(String(n)), 'new count not announced', T);
  });

  it('filters by facets (several values OR-ed), counts follow, and chips remove filters by keyboard', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const unconditional = facetCount(el, 'sharing', 'unconditional');
    const restricted = facetCount(el, 'sharing', 'restricted');
    expect(unconditional).to.equal(OPEN_SEED.filter((i) => i.sharing === 'unconditional').length);
    const openBefore = facetCount(el, 'open', 'open');

    facetOption(el, 'sharing', 'unconditional').click();
    await waitUntil(async () => (await total(el)) === unconditional, 'filter not applied', T);
    // Counts of the other facets now reflect the filter; the filtered facet keeps its own counts.
    expect(facetCount(el, 'open', 'open')).to.equal(OPEN_SEED.filter((i) => i.sharing === 'unconditional' && i.open === 'open').length);
    expect(facetCount(el, 'open', 'open')).to.be.at.most(openBefore);
    expect(facetCount(el, 'sharing', 'restricted')).to.equal(restricted);

    facetOption(el, 'sharing', 'restricted').click();
    await waitUntil(async () => (await total(el)) === unconditional + restricted, 'second value not OR-ed', T);
    expect(shadowAll(el, '.chip')).to.have.length(2);
    expect(shadowAll(el, '.chip')[0]!.getAttribute('aria-label')).to.contain('无条件共享');
    await expectAccessible(el);

    shadowAll(el, '.chip')[0]!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(async () => (await total(el)) === restricted, 'chip did not remove its filter', T);
    expect(facetOption(el, 'sharing', 'unconditional').checked).to.equal(false);
    expect(active(el)?.classList.contains('chip')).to.equal(true);
    await sendKeys({ press: 'Space' });
    await waitUntil(async () => (await total(el)) === OPEN_SEED.length, 'last chip did not clear', T);
    expect(shadowAll(el, '.chip')).to.have.length(0);
    expect(active(el)?.id).to.equal('search-input');
  });

  it('pages through results: nav with a label, the current page marked, focus to the results', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const nav = shadow(el, 'nav[part=pagination]');
    expect(nav.getAttribute('aria-label')).to.not.equal('');
    expect(shadow(el, '[aria-current=page]').textContent!.trim()).to.equal('1');
    const first = names(el);
    shadowAll<HTMLButtonElement>(el, '.page').find((b) => b.textContent!.trim() === '2')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-current=page]')?.textContent!.trim() === '2' && resultsState(el) === 'idle', 'page 2 not shown', T);
    expect(names(el)).to.not.deep.equal(first);
    expect(active(el)?.id).to.equal('results-heading');
    const expected = await api<CatalogPage>('/catalog/items?page=2&pageSize=5');
    expect(names(el)).to.deep.equal(expected.items.map((i) => i.name));
    await expectAccessible(el);
  });

  it('sorts as chosen, in the order the server gives', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    for (const sort of ['name', 'updated'] as const) {
      const select = shadow<HTMLSelectElement>(el, '#sort-select');
      select.value = sort;
      select.dispatchEvent(new Event('change'));
      const expected = (await api<CatalogPage>(`/catalog/items?sort=${sort}&pageSize=5`)).items.map((i) => i.name);
      await waitUntil(() => resultsState(el) === 'idle' && JSON.stringify(names(el)) === JSON.stringify(expected), `not sorted by ${sort}`, T);
    }
  });

  it('opens the detail by keyboard, fires egov-item-select, and Escape returns focus to the item', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const link = shadowAll(el, '.item-link')[1]!;
    const id = link.dataset.id!;
    link.focus();
    const selected = oneEvent(el, 'egov-item-select');
    await sendKeys({ press: 'Enter' });
    const event = await selected;
    expect(event.detail).to.deep.equal({ id });
    expect(event.composed).to.equal(true);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'no detail', T);
    const item = SEED.find((i) => i.id === id)!;
    expect(shadow(el, '#detail-heading').textContent).to.equal(item.name);
    expect(active(el)?.id).to.equal('detail-heading');
    const table = shadow(el, '[part=detail] table');
    expect(table.querySelector('caption')!.textContent).to.contain(item.name);
    expect(table.querySelectorAll('th[scope=col]')).to.have.length(4);
    expect(table.querySelectorAll('tbody th[scope=row]')).to.have.length(item.fields!.length);
    expect(shadow(el, '[part=detail]').textContent).to.contain(`${{ realtime: '实时', daily: '每日', weekly: '每周', monthly: '每月', quarterly: '每季度', semiannual: '每半年', yearly: '每年', irregular: '不定期' }[item.updateFrequency]}`);
    await expectAccessible(el);

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=detail]'), 'detail did not close', T);
    expect(active(el)).to.equal(shadowAll(el, '.item-link').find((a) => a.dataset.id === id));

    // Space works on the item link too, and a click.
    shadowAll(el, '.item-link')[0]!.focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'Space did not open', T);
    shadow<HTMLButtonElement>(el, '.detail .back').click();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=detail]'), 'back did not close', T);
    shadowAll(el, '.item-link')[2]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'click did not open', T);
  });

  it('shows no closed entries in open mode, and a closed or withdrawn entry as not found', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="100"></egov-catalog-browser>`);
    expect(el.shadowRoot!.querySelector('fieldset[data-facet=open] input[value=closed]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.badge--open-closed')).to.equal(null);
    el.openItem(SEED_IDS.closedItem);
    await waitForText(el, '不存在或已被删除');
    expect(shadow(el, '[part=detail]').querySelector('egov-async-state')).to.equal(null);
    await expectAccessible(el);
    el.closeItem();
    el.openItem(SEED_IDS.withdrawn);
    await waitForText(el, '不存在或已被删除');
  });

  it('keeps closed entries out of the open catalog for signed-in staff too', async () => {
    const token = await demoLogin('staff-001');
    const el = await mount(html`<egov-catalog-browser token=${token}></egov-catalog-browser>`);
    el.openItem(SEED_IDS.closedItem);
    await waitForText(el, '不存在或已被删除');
  });

  it('downloads the current results as CSV and JSON, and an entry as DCAT-AP JSON-LD, only on click', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const blobs: Blob[] = [];
    const original = URL.createObjectURL;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      blobs.push(blob as Blob);
      return original.call(URL, blob);
    };
    try {
      expect(blobs).to.have.length(0);
      const [csv, json] = shadowAll<HTMLButtonElement>(el, '.results .exports button');
      csv!.click();
      await waitUntil(() => blobs.length === 1, 'no CSV', T);
      const csvText = await blobs[0]!.text();
      const shown = shadowAll(el, '.item-link').map((a) => a.dataset.id!);
      expect(csvText.split('\r\n')[0]).to.contain('id,name');
      for (const id of shown) expect(csvText).to.contain(id);
      json!.click();
      await waitUntil(() => blobs.length === 2, 'no JSON', T);
      expect((JSON.parse(await blobs[1]!.text()) as Array<{ id: string }>).map((i) => i.id)).to.deep.equal(shown);
      el.openItem(shown[0]!);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'no detail', T);
      shadow<HTMLButtonElement>(el, '.detail .exports button').click();
      await waitUntil(() => blobs.length === 3, 'no DCAT', T);
      const dcat = JSON.parse(await blobs[2]!.text()) as Record<string, unknown>;
      expect(JSON.stringify(dcat)).to.contain('publications.europa.eu/resource/authority/access-right/');
      expect(JSON.stringify(dcat)).to.contain('publications.europa.eu/resource/authority/frequency/');
    } finally {
      URL.createObjectURL = original;
    }
  });

  it('renders backend text as text: an entry name with HTML appears literally', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const el = await mount(html`<egov-catalog-browser page-size="5" api-base=${faults.rewrite({ '/items/0/name': evil, '/items/0/summary': '<script>alert(2)</script>' })}></egov-catalog-browser>`);
    expect(names(el)[0]).to.equal(evil);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.result-list script')).to.equal(null);
    expect(shadowAll(el, '.result__summary')[0]!.textContent).to.equal('<script>alert(2)</script>');
  });

  it('fits the portal’s heading outline (heading-level)', async () => {
    const el = await mount(html`<egov-catalog-browser heading-level="3" page-size="3"></egov-catalog-browser>`);
    expect(shadow(el, '#results-heading').getAttribute('aria-level')).to.equal('4');
    expect(shadow(el, '.result [role=heading]').getAttribute('aria-level')).to.equal('5');
  });

  it('speaks English when asked, with the Measures’ classes in words', async () => {
    const el = await mount(html`<egov-catalog-browser locale="en" page-size="5"></egov-catalog-browser>`);
    const text = el.shadowRoot!.textContent!;
    expect(text).to.contain('Unconditional sharing');
    expect(text).to.contain('Search data resources');
    expect(text).to.not.contain('搜索结果');
    expect(text).to.not.contain('筛选条件');
    await expectAccessible(el);
  });
});

// ---- resilience -----------------------------------------------------------------------

describe('<egov-catalog-browser> under bad conditions', () => {
  let spy: FetchSpy | undefined;
  afterEach(() => {
    spy?.restore();
    spy = undefined;
  });

  it('shows a retryable error when the server is down, and recovers on retry', async () => {
    let down = true;
    spy = spyFetch({ rewrite: (url) => (down ? url : url.replace('/__fault/down/api', '/api')) });
    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser page-size="5" api-base=${faults.down}></egov-catalog-browser>`);
    await waitUntil(() => resultsState(el) === 'error', 'no error state', { timeout: 15_000 });
    const state = shadow(el, '.results egov-async-state');
    expect(state.shadowRoot!.textContent).to.contain('无法连接服务器');
    await expectAccessible(el);
    down = false;
    const retry = state.shadowRoot!.querySelector<HTMLButtonElement>('button')!;
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await settled(el);
    expect(names(el)).to.have.length(5);
  });

  it('keeps the last good results on screen while a slow answer loads', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const before = names(el);
    spy = spyFetch({ delay: (url) => (url.includes('/catalog/items?') && url.includes('q=') ? 1_200 : 0) });
    await typeQuery(el, '名录', true);
    await waitUntil(() => resultsState(el) === 'loading', 'not loading', T);
    expect(names(el)).to.deep.equal(before);
    expect(shadow(el, '.results egov-async-state').shadowRoot!.querySelector('[aria-busy=true]')).to.exist;
    await expectAccessible(el);
    await waitUntil(() => resultsState(el) === 'idle' && JSON.stringify(names(el)) !== JSON.stringify(before), 'results never updated', T);
  });

  it('cancels a stale search, and a late answer never overwrites a newer one', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    const slowQ = encodeURIComponent('水');
    spy = spyFetch({ delay: (url) => (url.includes('q=' + slowQ + '&') || url.endsWith('q=' + slowQ) ? 1_000 : 0) });
    await typeQuery(el, '水', true);
    await waitUntil(() => searches(spy!).some((r) => qOf(r) === '水'), 'slow search not sent', T);
    await typeQuery(el, '名录', true);
    await waitUntil(() => resultsState(el) === 'idle' && names(el).length > 0, 'new search not shown', T);
    const shown = names(el);
    const slow = searches(spy).find((r) => qOf(r) === '水')!;
    expect(slow.signal.aborted).to.equal(true);
    await aTimeout(1_300);
    expect(names(el)).to.deep.equal(shown);
    expect(shadow<HTMLInputElement>(el, '#search-input').value).to.equal('名录');
  });

  it('takes the bad inputs of the issue without an error or a blank', async () => {
    const long = '数据'.repeat(250);
    const el = await mount(html`<egov-catalog-browser page-size="5" query=${long}></egov-catalog-browser>`);
    expect(shadow<HTMLInputElement>(el, '#search-input').value).to.have.length(200);
    expect(el.shadowRoot!.textContent).to.contain('搜索词过长');
    for (const q of ['"', '*', 'NEAR(', "'; DROP TABLE catalog_items; --", '%', '_', '户籍" OR 1=1 --', '\\']) {
      await typeQuery(el, q, true);
      await settled(el);
      expect(resultsState(el), q).to.equal('idle');
    }
    await typeQuery(el, '名录', true);
    await settled(el);
    expect(names(el).length).to.be.greaterThan(0);
    await expectAccessible(el);
  });

  it('takes nonsense page sizes without breaking', async () => {
    for (const size of ['-5', '0', 'abc', '100000']) {
      const el = await mount(html`<egov-catalog-browser page-size=${size}></egov-catalog-browser>`);
      expect(resultsState(el), size).to.equal('idle');
      expect(names(el).length, size).to.be.within(1, 100);
    }
  });

  it('shows the empty state with a way out', async () => {
    const el = await mount(html`<egov-catalog-browser page-size="5" query="完全不存在的数据资源名称"></egov-catalog-browser>`);
    expect(shadow(el, '.empty').textContent).to.contain('没有找到');
    await expectAccessible(el);
    const clear = shadowAll<HTMLButtonElement>(el, '.empty button').find((b) => b.textContent!.includes('清除搜索词'))!;
    clear.click();
    await waitUntil(() => names(el).length === 5, 'clearing did not bring results back', T);
    expect(shadow<HTMLInputElement>(el, '#search-input').value).to.equal('');
  });
});

// ---- other sources --------------------------------------------------------------------

describe('<egov-catalog-browser source="ckan">', () => {
  let spy: FetchSpy | undefined;
  afterEach(() => spy?.restore());

  it('browses a CKAN portal (real demo.ckan.org answers) and opens a dataset', async () => {
    // The CKAN Action API, answered from the captured responses in tests/fixtures/ckan.
    spy = spyFetch({
      rewrite: (url) => {
        const u = new URL(url);
        if (u.pathname.endsWith('/action/package_search')) return u.origin + '/tests/fixtures/ckan/packages.json';
        if (u.pathname.endsWith('/action/package_show')) return u.origin + `/tests/fixtures/ckan/${u.searchParams.get('id')}.json`;
        return url;
      },
    });
    const el = await mount(html`<egov-catalog-browser source="ckan" api-base="/ckan/api/3"></egov-catalog-browser>`);
    expect(names(el)).to.have.length(3);
    const sent = spy.calls.find((r) => r.url.includes('packages.json'));
    expect(sent).to.exist;
    await expectAccessible(el);
    const link = shadowAll(el, '.item-link')[0]!;
    link.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] .facts'), 'CKAN dataset not shown', T);
    expect(shadow(el, '#detail-heading').textContent).to.equal(link.textContent!.trim());
    expect(el.shadowRoot!.querySelector('[part=access-request-form]')).to.equal(null);
    await expectAccessible(el);
  });
});

// ---- the page URL ---------------------------------------------------------------------

describe('<egov-catalog-browser> sync-url', () => {
  let start = '';
  beforeEach(() => {
    start = location.href;
  });
  afterEach(() => history.replaceState(null, '', start));

  it('restores query, filters, sort, page and the open entry from a link, and follows back/forward', async () => {
    const url = new URL(location.href);
    url.searchParams.set('q', '信息');
    url.searchParams.append('sharing', 'unconditional');
    url.searchParams.set('sort', 'name');
    url.searchParams.set('page', '2');
    url.searchParams.set('keep', 'portal');
    history.replaceState(null, '', url.href);
    const el = await mount(html`<egov-catalog-browser sync-url page-size="3"></egov-catalog-browser>`);
    expect(shadow<HTMLInputElement>(el, '#search-input').value).to.equal('信息');
    expect(facetOption(el, 'sharing', 'unconditional').checked).to.equal(true);
    expect(shadow<HTMLSelectElement>(el, '#sort-select').value).to.equal('name');
    expect(shadow(el, '[aria-current=page]').textContent!.trim()).to.equal('2');
    const expected = await api<CatalogPage>('/catalog/items?q=' + encodeURIComponent('信息') + '&sharing=unconditional&sort=name&page=2&pageSize=3');
    expect(names(el)).to.deep.equal(expected.items.map((i) => i.name));

    // Page 3, then back to page 2.
    shadowAll<HTMLButtonElement>(el, '.pagination .btn').at(-1)!.click();
    await waitUntil(() => new URL(location.href).searchParams.get('page') === '3', 'page not in the URL', T);
    expect(new URL(location.href).searchParams.get('keep')).to.equal('portal');
    history.back();
    await waitUntil(() => el.shadowRoot!.querySelector('[aria-current=page]')?.textContent!.trim() === '2' && resultsState(el) === 'idle', 'back did not restore page 2', T);
    expect(names(el)).to.deep.equal(expected.items.map((i) => i.name));

    // Open an entry; back closes it, forward opens it again.
    const id = shadowAll(el, '.item-link')[0]!.dataset.id!;
    shadowAll(el, '.item-link')[0]!.click();
    await waitUntil(() => new URL(location.href).searchParams.get('item') === id, 'item not in the URL', T);
    history.back();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=detail]'), 'back did not close the detail', T);
    history.forward();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'forward did not reopen the detail', T);
    expect(shadow(el, '#detail-heading').textContent).to.equal(SEED.find((i) => i.id === id)!.name);
  });

  it('opens an entry from a link on load', async () => {
    const url = new URL(location.href);
    url.searchParams.set('item', SEED_IDS.openUnconditional);
    history.replaceState(null, '', url.href);
    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser sync-url></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'entry not opened from the link', T);
    expect(shadow(el, '#detail-heading').textContent).to.equal(SEED.find((i) => i.id === SEED_IDS.openUnconditional)!.name);
  });

  it('never touches the URL without sync-url', async () => {
    const href = location.href;
    const length = history.length;
    const el = await mount(html`<egov-catalog-browser page-size="3"></egov-catalog-browser>`);
    await typeQuery(el, '信息', true);
    await settled(el);
    facetOption(el, 'open', 'open').click();
    await settled(el);
    shadowAll(el, '.item-link')[0]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=detail] table'), 'no detail', T);
    expect(location.href).to.equal(href);
    expect(history.length).to.equal(length);
  });
});

// ---- the sharing catalog --------------------------------------------------------------

describe('<egov-catalog-browser> sharing catalog', () => {
  let staff = '';
  let reviewer = '';
  before(async () => {
    staff = await demoLogin('staff-001');
    reviewer = await demoLogin('reviewer-001');
  });

  it('asks for a sign-in without a token and sends no request', async () => {
    const spy = spyFetch();
    try {
      const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing"></egov-catalog-browser>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.sign-in'), 'no sign-in prompt', T);
      expect(shadow(el, '.sign-in').textContent).to.contain('请先登录');
      await aTimeout(300);
      expect(searches(spy)).to.have.length(0);
      await expectAccessible(el);
      // Signing in shows the catalog, all three sharing classes included.
      el.token = staff;
      await settled(el);
      for (const value of ['unconditional', 'restricted', 'none']) expect(facetOption(el, 'sharing', value)).to.exist;
      expect(el.shadowRoot!.querySelector('.sign-in')).to.equal(null);
    } finally {
      spy.restore();
    }
  });

  it('tells a citizen they may not see it (403) and an expired sign-in (401)', async () => {
    const citizen = await demoLogin('citizen-001');
    const el = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${citizen}></egov-catalog-browser>`);
    await waitForText(el, '无权查看共享目录');
    await expectAccessible(el);
    const forged = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token="Zm9yZ2VkLXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tcGFyc2U"></egov-catalog-browser>`);
    await waitForText(forged, '登录已失效');
  });

  async function openForRequest(id: string): Promise<EgovCatalogBrowser> {
    const el = await mount(html`<egov-catalog-browser mode="sharing" token=${staff} page-size="5"></egov-catalog-browser>`);
    el.openItem(id);
    await waitUntil(() => el.shadowRoot!.querySelector('[part=access-request-form]'), 'no request form', T);
    return el;
  }

  async function fillRequest(el: EgovCatalogBrowser, purpose = '办理出生登记时核验父母户籍信息'): Promise<void> {
    shadow(el, '#req-purpose').focus();
    await sendKeys({ type: purpose });
    shadow(el, '#req-legalBasis').focus();
    await sendKeys({ type: '《浙江省公共数据和电子政务管理办法》第二十二条' });
  }

  const submit = (el: EgovCatalogBrowser) => shadow<HTMLButtonElement>(el, '[part=access-request-form] button[type=submit]');

  it('validates the request form inline and sends nothing until it is right', async () => {
    const el = await openForRequest(SEED_IDS.restrictedGA);
    const spy = spyFetch();
    try {
      submit(el).click();
      await waitUntil(() => el.shadowRoot!.querySelector('.request-errors'), 'no error summary', T);
      expect(active(el)?.classList.contains('request-errors')).to.equal(true);
      expect(shadow(el, '#req-purpose').getAttribute('aria-invalid')).to.equal('true');
      expect(shadow(el, '#req-legalBasis').getAttribute('aria-invalid')).to.equal('true');
      expect(spy.calls.filter((r) => r.method === 'POST')).to.have.length(0);
      await expectAccessible(el);
      shadow<HTMLAnchorElement>(el, '.request-errors a').click();
      expect(active(el)?.id).to.equal('req-purpose');
    } finally {
      spy.restore();
    }
  });

  it('approves a request for an unconditional entry at once and fires egov-access-request', async () => {
    const el = await openForRequest(SEED_IDS.unconditionalGA);
    await fillRequest(el);
    const fired = oneEvent(el, 'egov-access-request');
    submit(el).click();
    const event = await fired;
    expect(event.detail.itemId).to.equal(SEED_IDS.unconditionalGA);
    expect(event.detail.status).to.equal('approved');
    expect(event.detail.requestId).to.be.a('string').and.not.equal('');
    await waitUntil(() => el.shadowRoot!.querySelector('.request-outcome.alert--success'), 'no approved message', T);
    await expectAccessible(el);
    // Back in the list, the entry carries my request's status.
    shadow<HTMLButtonElement>(el, '.detail .back').click();
    await waitUntil(() => !el.shadowRoot!.querySelector('[part=detail]'), 'detail did not close', T);
    await typeQuery(el, SEED.find((i) => i.id === SEED_IDS.unconditionalGA)!.name, true);
    await waitUntil(() => shadowAll(el, '.result').some((r) => r.querySelector(`.item-link[data-id="${SEED_IDS.unconditionalGA}"]`) && r.querySelector('.badge--approved')), 'no request badge on the entry', T);
  });

  it('sends one restricted request however often the button is clicked, and it is pending', async () => {
    const el = await openForRequest(SEED_IDS.restrictedGA);
    await fillRequest(el, '双击测试：核验户籍信息 ' + Date.now());
    // Only the wanted fields, by checkbox.
    shadowAll<HTMLInputElement>(el, 'input[name=fields]')[0]!.click();
    const spy = spyFetch();
    try {
      const fired = oneEvent(el, 'egov-access-request');
      submit(el).click();
      submit(el).click();
      submit(el).click();
      const event = await fired;
      expect(event.detail.status).to.equal('pending');
      await waitUntil(() => el.shadowRoot!.querySelector('.request-outcome.alert--info'), 'no pending message', T);
      await expectAccessible(el);
      expect(spy.calls.filter((r) => r.method === 'POST' && r.url.includes('/access-requests'))).to.have.length(1);
      const mine = await api<AccessRequest[]>('/access-requests', staff);
      const created = mine.find((r) => r.id === event.detail.requestId)!;
      expect(created.status).to.equal('pending');
      expect(created.fields).to.have.length(1);
    } finally {
      spy.restore();
    }
  });

  it('explains NOT_SHAREABLE for a non-shared entry, and sends it pending when desensitised', async () => {
    const el = await openForRequest(SEED_IDS.noneGA);
    // Desensitised is the only way a non-shared entry is given: the box starts ticked.
    expect(shadow<HTMLInputElement>(el, '#req-desensitized').checked).to.equal(true);
    shadow<HTMLInputElement>(el, '#req-desensitized').click();
    expect(shadow<HTMLInputElement>(el, '#req-desensitized').checked).to.equal(false);
    await fillRequest(el);
    submit(el).click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=access-request-form] .alert--error'), 'no NOT_SHAREABLE message', T);
    expect(shadow(el, '[part=access-request-form] .alert--error').textContent).to.contain('脱敏');
    // Nothing typed is lost.
    expect(shadow<HTMLTextAreaElement>(el, '#req-purpose').value).to.equal('办理出生登记时核验父母户籍信息');
    await expectAccessible(el);
    shadow<HTMLInputElement>(el, '#req-desensitized').click();
    const fired = oneEvent(el, 'egov-access-request');
    submit(el).click();
    expect((await fired).detail.status).to.equal('pending');
  });

  it('lists my requests with their status', async () => {
    const el = await mount(html`<egov-catalog-browser mode="sharing" token=${staff} page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.views'), 'no views', T);
    shadowAll<HTMLButtonElement>(el, '.view-tab').at(-1)!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.requests tbody tr').length > 0, 'no requests listed', T);
    expect(active(el)?.id).to.equal('requests-heading');
    expect(shadow(el, '.requests table caption').textContent).to.not.equal('');
    await expectAccessible(el);
  });

  it('lets the reviewer of the providing agency approve, and reject only with a reason', async () => {
    const stamp = Date.now();
    const body = (n: number) => ({ purpose: `审核测试 ${stamp}-${n}：核验户籍信息`, legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条' });
    // Two restricted entries of 浙江省公安厅 no other test asks for (one pending request per entry and requester).
    const one = await api<AccessRequest>('/catalog/items/330000-GA-000056/access-requests', staff, body(1));
    const two = await api<AccessRequest>('/catalog/items/330000-GA-000074/access-requests', staff, body(2));
    const el = await mount(html`<egov-catalog-browser mode="sharing" token=${reviewer} page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => el.shadowRoot!.querySelector('.views'), 'no views', T);
    const tab = shadowAll<HTMLButtonElement>(el, '.view-tab').at(-1)!;
    expect(tab.textContent).to.contain('待我审核');
    tab.click();
    const card = (n: number) => shadowAll(el, '.review-list .card').find((c) => c.textContent!.includes(`${stamp}-${n}`));
    await waitUntil(() => card(1) && card(2), 'requests not in the queue', T);
    await expectAccessible(el);

    // Reject without a reason: refused inline.
    const rejectButton = (c: HTMLElement) => [...c.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('驳回'))!;
    rejectButton(card(2)!).click();
    await waitUntil(() => card(2)!.querySelector('.error-text'), 'no reason error', T);
    expect(active(el)?.tagName).to.equal('TEXTAREA');
    await sendKeys({ type: '用途与申请的数据项不相符' });
    rejectButton(card(2)!).click();
    await waitUntil(() => card(2)!.querySelector('.badge--rejected'), 'not rejected', T);

    [...card(1)!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('通过'))!.click();
    await waitUntil(() => card(1)!.querySelector('.badge--approved'), 'not approved', T);

    const mine = await api<AccessRequest[]>('/access-requests', staff);
    expect(mine.find((r) => r.id === one.id)!.status).to.equal('approved');
    const rejected = mine.find((r) => r.id === two.id)!;
    expect(rejected.status).to.equal('rejected');
    expect(rejected.decision!.reason).to.equal('用途与申请的数据项不相符');
    await expectAccessible(el);
  });
});

describe('<egov-catalog-browser> the reviewer\'s view', () => {
  let staff = '';
  let reviewer = '';
  before(async () => {
    staff = await demoLogin('staff-001');
    reviewer = await demoLogin('reviewer-001');
  });

  const reviewTab = (el: EgovCatalogBrowser) => shadowAll<HTMLButtonElement>(el, '.view-tab').at(-1)!;
  const pendingBadge = (el: EgovCatalogBrowser) => Number(reviewTab(el).querySelector('.count-badge')?.textContent ?? 0);

  it('names the fields with their codes, the requester and their agency, and moves a decided request out of those waiting', async () => {
    const stamp = Date.now();
    const legalBasis = '《浙江省公共数据和电子政务管理办法》第二十二条';
    // Entries of 浙江省公安厅 no other test asks for (one pending request per entry and requester).
    const asked = await api<AccessRequest>('/catalog/items/330000-GA-000020/access-requests', staff, { purpose: `字段测试 ${stamp}：核验户籍信息`, legalBasis, fields: ['xm', 'xb'] });
    expect(asked.status).to.equal('pending');
    for (const locale of ['zh-CN', 'en'] as const) {
      const el = await mount(html`<egov-catalog-browser mode="sharing" locale=${locale} token=${reviewer} page-size="5"></egov-catalog-browser>`);
      await waitUntil(() => el.shadowRoot!.querySelector('.views'), 'no views', T);
      reviewTab(el).click();
      const card = () => shadowAll(el, '.review-list .card').find((c) => c.textContent!.includes(`字段测试 ${stamp}`));
      await waitUntil(() => card()?.querySelector('.requested-fields')?.textContent!.includes(locale === 'en' ? '姓名 (xm)' : '姓名（xm）'), 'field codes without labels', T);
      const fields = card()!.querySelector('.requested-fields')!.textContent!;
      expect(fields).to.contain(locale === 'en' ? '性别 (xb)' : '性别（xb）');
      expect(card()!.querySelector('.requester-name')!.textContent).to.equal('王五');
      expect(card()!.querySelector('.requester-agency')!.textContent).to.not.equal('');
      const terms = [...card()!.querySelectorAll('dt')].map((d) => d.textContent);
      expect(terms).to.include(locale === 'en' ? 'Requested by' : '申请人');
      expect(terms).to.include(locale === 'en' ? 'Requesting agency' : '申请部门');
      expect(card()!.closest('.review-list--pending')).to.not.equal(null);
      await expectAccessible(el);
      if (locale === 'en') {
        const before = pendingBadge(el);
        [...card()!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Approve'))!.click();
        await waitUntil(() => card()?.closest('.review-list--decided'), 'the decided request stayed among those waiting', T);
        expect(card()!.querySelector('.badge--approved')).to.not.equal(null);
        expect(card()!.querySelector('textarea, .actions')).to.equal(null);
        expect(shadow(el, '#decided-heading').textContent).to.equal('Decided requests');
        expect(pendingBadge(el)).to.equal(before - 1);
        expect(el.shadowRoot!.activeElement?.closest('.card')).to.equal(card());
        await expectAccessible(el);
      }
    }
    // The requester's own list: the grant's fields by label and code too.
    const mine = await mount(html`<egov-catalog-browser mode="sharing" token=${staff} page-size="5"></egov-catalog-browser>`);
    await waitUntil(() => mine.shadowRoot!.querySelector('.views'), 'no views', T);
    shadowAll<HTMLButtonElement>(mine, '.view-tab').at(-1)!.click();
    const line = () => shadowAll(mine, '.requests .grant-line').find((c) => c.textContent!.includes('xm'));
    await waitUntil(() => line()?.textContent!.includes('姓名（xm）'), 'grant fields without labels', T);
    expect(line()!.textContent).to.contain('性别（xb）');
  });
});

// ---- narrow screens -------------------------------------------------------------------

describe('<egov-catalog-browser> on a phone', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  it('puts the facets in a drawer opened by a filters button, with focus managed', async () => {
    await setViewport({ width: 375, height: 740 });
    const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
    expect(el.shadowRoot!.querySelector('aside.facets')).to.equal(null);
    const button = shadow<HTMLButtonElement>(el, '#filters-button');
    const dialog = shadow<HTMLDialogElement>(el, 'dialog');
    expect(dialog.open).to.equal(false);
    await expectAccessible(el);
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialog.open, 'drawer did not open', T);
    expect(dialog.contains(active(el))).to.equal(true);
    await expectAccessible(el);
    const before = await total(el);
    facetOption(el, 'sharing', 'unconditional').click();
    await waitUntil(async () => (await total(el)) < before, 'filter in the drawer not applied', T);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open, 'drawer did not close', T);
    expect(active(el)).to.equal(button);
    expect(button.textContent).to.contain('1');
    expect(shadowAll(el, '.chip')).to.have.length(1);
  });
});

describe('<egov-catalog-browser> filter drawer keeps the focused option in view', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  // 375 px is a phone; 320 × 200 is what a 1280 × 800 window shows at 400 % zoom.
  for (const [label, viewport] of [['at 375 px', { width: 375, height: 667 }], ['at 400 % zoom', { width: 320, height: 200 }]] as const) {
    it(`never hides the focused control under the sticky footer ${label}`, async () => {
      await setViewport(viewport);
      const el = await mount(html`<egov-catalog-browser page-size="5"></egov-catalog-browser>`);
      const dialog = shadow<HTMLDialogElement>(el, 'dialog');
      shadow<HTMLButtonElement>(el, '#filters-button').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => dialog.open, 'drawer did not open', T);
      const foot = dialog.querySelector<HTMLElement>('.drawer__foot')!;
      const options = dialog.querySelectorAll('input[type=checkbox]').length;
      expect(options).to.be.greaterThan(5);
      let checked = 0;
      for (let i = 0; i < 80; i++) {
        await sendKeys({ press: 'Tab' });
        const focused = active(el)!;
        if (foot.contains(focused)) break;
        await aTimeout(30);
        const control = (focused.closest('label, button, a') ?? focused) as HTMLElement;
        const box = control.getBoundingClientRect();
        const footTop = foot.getBoundingClientRect().top;
        const top = dialog.getBoundingClientRect().top;
        expect(box.bottom, `${control.textContent!.trim()} is under the footer`).to.be.at.most(footTop + 0.5);
        expect(box.top, `${control.textContent!.trim()} is above the drawer`).to.be.at.least(top - 0.5);
        checked++;
      }
      expect(checked).to.be.greaterThan(5);
      expect(dialog.scrollTop).to.be.greaterThan(0);
    });
  }
});

describe('<egov-catalog-browser> skip link past the facets', () => {
  for (const [locale, text] of [['zh-CN', '跳过筛选条件，直接查看结果'], ['en', 'Skip the filters to the results']] as const) {
    it(`takes a keyboard user from before the facets to the results (${locale})`, async () => {
      const el = await mount(html`<egov-catalog-browser locale=${locale} page-size="5"></egov-catalog-browser>`);
      shadow<HTMLSelectElement>(el, '#sort-select').focus();
      await sendKeys({ press: 'Tab' });
      const link = active(el)!;
      expect(link.tagName).to.equal('A');
      expect(link.textContent!.trim()).to.equal(text);
      expect(link.getBoundingClientRect().width).to.be.greaterThan(20);
      await expectAccessible(el);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => active(el)?.id === 'results-heading', 'focus did not reach the results', T);
      await sendKeys({ press: 'Tab' });
      expect(active(el)!.closest('.results')).to.not.equal(null);
      expect(link.getBoundingClientRect().width).to.be.at.most(1);
    });
  }
});
