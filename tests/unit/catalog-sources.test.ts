import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { ApiClient, ApiError } from '../../src/services/api-client';
import type { CatalogQuery } from '../../src/core/catalog-types';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../src/core/catalog-types';
import { ckanCatalogSource, escapeSolr } from '../../src/services/catalog-sources/ckan';
import { dcatCatalogSource, dcatToItems } from '../../src/services/catalog-sources/dcat';
import { searchInMemory } from '../../src/core/memory-search';
import { createCatalogSource, defaultQuery } from '../../src/services/catalog-sources/source';
import { EU_ACCESS_RIGHT, EU_FREQUENCY, accessFromEu, frequencyFromText } from '../../src/services/catalog-sources/vocabularies';
import { catalogSeed } from '../../server/seed/data/catalog';

/** The captured responses in tests/fixtures (see the README there), parsed fresh for each use. */
const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));

const CKAN = 'https://demo.ckan.org/api/3';
const DCAT = 'https://data.example.org/catalogue.jsonld';

interface Sent {
  url: URL;
  init: RequestInit | undefined;
}

/** Stubs `fetch` at the network boundary: `answer` maps a request to a captured response. */
function stubFetch(answer: (url: URL) => Response | Promise<Response>): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    sent.push({ url, init });
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    return answer(url);
  }));
  return sent;
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The CKAN demo portal as captured: package_search gives packages.json, package_show each {id}.json. */
function ckanPortal(url: URL): Response {
  if (url.pathname.endsWith('/action/package_search')) return json(fixture('ckan/packages.json'));
  if (url.pathname.endsWith('/action/package_show')) {
    const id = url.searchParams.get('id') ?? '';
    try {
      return json(fixture(`ckan/${id.replace(/[^\w-]/g, '')}.json`));
    } catch {
      return json({ success: false, error: { __type: 'Not Found Error', message: 'Not found' } }, 404);
    }
  }
  return json({ success: false, error: { message: 'Unknown action' } }, 400);
}

const client = (apiBase: string, token?: string) => new ApiClient({ apiBase, ...(token ? { token } : {}) });
const q = (partial: Partial<CatalogQuery> = {}) => defaultQuery(partial);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CKAN source (Action API)', () => {
  it('maps package_search results, count and search_facets to a CatalogPage', async () => {
    stubFetch(ckanPortal);
    const page = await ckanCatalogSource(client(CKAN)).search(q({ pageSize: 3 }));
    expect(page.total).toBe(3);
    expect(page.pageSize).toBe(3);
    expect(page.items.map((i) => i.name)).toEqual(['100 Validated Species of Plants', '規管海外物業銷售', '2016 Regione Asia Est Oceania * Classi di età']);
    const italian = page.items[2]!;
    expect(italian).toMatchObject({
      id: '17be64bb-da74-4195-9bb8-565c39846af2',
      agency: { code: 'sdb', name: 'SDB' },
      sharing: 'unconditional',
      open: 'open',
      updateFrequency: 'irregular',
      formats: ['CSV'],
      tags: ['2016', 'RASE', 'età'],
      publishedAt: '2017-07-05T19:28:19.620158Z',
      updatedAt: '2017-07-05T19:29:07.136124Z',
    });
    expect(italian.landingPage).toMatch(/^https:\/\/demo\.ckan\.org\/dataset\/17be64bb/);
    expect(page.items[0]!.agency).toEqual({ code: '', name: 'TKKIM' });
    expect(page.facets.agency).toEqual([{ value: 'sdb', label: 'SDB', count: 1 }]);
    expect(page.facets.sharing).toEqual([{ value: 'unconditional', label: 'unconditional', count: 3 }]);
    expect(page.facets.open).toEqual([{ value: 'open', label: 'open', count: 3 }]);
  });

  it('sends q (Solr syntax escaped), fq, facet.field, rows/start and sort', async () => {
    const sent = stubFetch(ckanPortal);
    const source = ckanCatalogSource(client(CKAN));
    await source.search(q({ q: 'bees "honey" AND (x:y*)', agency: ['sdb', 'city "a"'], page: 3, pageSize: 10, sort: 'relevance' }));
    const params = sent[0]!.url.searchParams;
    expect(sent[0]!.url.pathname).toBe('/api/3/action/package_search');
    expect(params.get('q')).toBe('bees \\"honey\\" AND \\(x\\:y\\*\\)');
    expect(params.get('fq')).toBe('organization:("sdb" OR "city \\"a\\"")');
    expect(JSON.parse(params.get('facet.field')!)).toEqual(['organization', 'res_format', 'groups']);
    expect(params.get('rows')).toBe('10');
    expect(params.get('start')).toBe('20');
    expect(params.get('sort')).toBe('score desc, metadata_modified desc');

    await source.search(q({ sort: 'name', open: ['conditional'], frequency: ['monthly', 'irregular'] }));
    const second = sent[1]!.url.searchParams;
    expect(second.get('q')).toBe('*:*');
    expect(second.get('sort')).toBe('title_string asc');
    expect(second.get('fq')).toBe('isopen:false AND (extras_frequency:("monthly" OR "MONTHLY" OR "irregular" OR "IRREG") OR (*:* -extras_frequency:[* TO *]))');
  });

  it('answers filters CKAN cannot satisfy (restricted, non-shared, closed) without asking it', async () => {
    const sent = stubFetch(ckanPortal);
    const source = ckanCatalogSource(client(CKAN));
    for (const query of [q({ sharing: ['restricted', 'none'] }), q({ open: ['closed'] }), q({ frequency: ['bogus'] })]) {
      const page = await source.search(query);
      expect(page.total).toBe(0);
      expect(page.items).toEqual([]);
    }
    expect(sent).toHaveLength(0);
    await source.search(q({ sharing: ['unconditional', 'restricted'] }));
    expect(sent).toHaveLength(1);
  });

  it('maps package_show to the same entry, and a frequency kept in extras', async () => {
    stubFetch(ckanPortal);
    const source = ckanCatalogSource(client(CKAN));
    const item = await source.get('17be64bb-da74-4195-9bb8-565c39846af2');
    expect(item).toMatchObject({ id: '17be64bb-da74-4195-9bb8-565c39846af2', name: '2016 Regione Asia Est Oceania * Classi di età', agency: { code: 'sdb', name: 'SDB' }, fields: [] });

    const withFrequency = fixture('ckan/62513382-3b26-4bc8-9096-40b6ce8383c0.json');
    withFrequency.result.extras = [{ key: 'frequency', value: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY' }];
    withFrequency.result.isopen = false;
    stubFetch(() => json(withFrequency));
    expect(await source.get('62513382-3b26-4bc8-9096-40b6ce8383c0')).toMatchObject({ updateFrequency: 'monthly', open: 'conditional', sharing: 'unconditional' });
  });

  it('turns CKAN and network failures into ApiErrors and passes an abort through', async () => {
    stubFetch(ckanPortal);
    const source = ckanCatalogSource(client(CKAN));
    await expect(source.get('no-such-dataset')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    stubFetch(() => new Response('oops', { status: 502 }));
    const failure = await source.search(q()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 502, code: 'SERVER_ERROR', retryable: true });
    stubFetch(() => new Response('<html>', { status: 200 }));
    await expect(source.search(q())).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    stubFetch(() => json({ success: false, error: { message: 'Search error' } }));
    await expect(source.search(q())).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('fetch failed'); }));
    await expect(source.search(q())).rejects.toMatchObject({ status: 0, code: 'NETWORK', retryable: true });
    stubFetch(ckanPortal);
    const controller = new AbortController();
    controller.abort();
    await expect(source.search(q(), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('never sends our bearer token or cookies to the other portal', async () => {
    const sent = stubFetch(ckanPortal);
    await ckanCatalogSource(client(CKAN, 'secret-token')).search(q());
    const headers = new Headers(sent[0]!.init?.headers);
    expect(headers.get('authorization')).toBeNull();
    expect(sent[0]!.init?.credentials).toBe('omit');
  });

  it('is what createCatalogSource gives for "ckan", loaded on first use', async () => {
    stubFetch(ckanPortal);
    const source = createCatalogSource('ckan', client(CKAN));
    expect(source.kind).toBe('ckan');
    expect(source.requestAccess).toBeUndefined();
    expect((await source.search(q())).total).toBe(3);
  });

  it('escapes every Solr operator character', () => {
    expect(escapeSolr('a+b-c&&d||e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t')).toBe('a\\+b\\-c\\&\\&d\\|\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t');
  });
});

describe('DCAT-AP 3 source (JSON-LD catalogue)', () => {
  it('reads the datasets of a catalogue with prefixed keys: title, publisher, frequency, distributions, legislation', () => {
    const [item, ...rest] = dcatToItems(fixture('dcat-ap/3.0.0-hvd-example-ms_catalogue.jsonld'), 'en');
    expect(rest).toEqual([]);
    expect(item).toMatchObject({
      id: 'https://data.exampleMS.gov/id/dataset/1T2p3o4B',
      name: 'The population of bees',
      summary: 'This dataset provides the population of bees based on a yearly inquiry held among beekeepers and farmers in spring.',
      agency: { name: 'MS Environmental Agency' },
      // No dct:accessRights: a published open-data catalogue entry.
      sharing: 'unconditional',
      open: 'open',
      // BIENNIAL has no class of its own.
      updateFrequency: 'irregular',
      formats: ['SHP'],
      landingPage: 'https://orgea.exampleMS.gov/files/1T2p3o4B.shp',
    });
    expect(item!.legalBasis).toBe('http://data.europa.eu/eli/reg_impl/2023/138/oj; http://data.europa.eu/eli/dir/2007/2/2019-06-26');
  });

  it('collects the formats of every distribution in the graph', () => {
    const [item] = dcatToItems(fixture('dcat-ap/3.0.0-hvd-example-ms_dataset_hvd_profile.jsonld'));
    expect(item!.formats).toEqual(['SHP', 'RDF_TURTLE']);
  });

  it('reads compact documents that use the DCAT-AP context terms, language maps and nal-frequency codes', () => {
    const items = dcatToItems(fixture('dcat-ap/3.0.1-example-bee-population-2022-2023.jsonld'));
    expect(items.map((i) => [i.id, i.name, i.summary])).toEqual([
      ['example-ds:BeePopulation2022', 'Bee population 2022', 'A dataset about bee population in Greece in 2022'],
      ['example-ds:BeePopulation2023', 'Bee population 2023', 'A dataset about bee population in Greece in 2023'],
    ]);
    expect(items[0]!.agency.code).toBe('example-ag:GreekEnvironmentAgency');
    const [series] = dcatToItems(fixture('dcat-ap/3.0.1-example-bee-population-dataset-frequency.jsonld'));
    expect(series!.updateFrequency).toBe('yearly');
  });

  it('maps dct:accessRights PUBLIC / RESTRICTED / NON_PUBLIC to our sharing and open classes', () => {
    const expectations: Array<[string, string, string]> = [
      ['PUBLIC', 'unconditional', 'open'],
      ['RESTRICTED', 'restricted', 'conditional'],
      ['NON_PUBLIC', 'none', 'closed'],
    ];
    for (const [right, sharing, open] of expectations) {
      const doc = fixture('dcat-ap/3.0.0-hvd-example-ms_catalogue.jsonld');
      const dataset = doc['@graph'].find((n: Record<string, unknown>) => n['@type'] === 'dcat:Dataset');
      dataset['dcterms:accessRights'] = { '@id': `http://publications.europa.eu/resource/authority/access-right/${right}` };
      dataset['dcterms:accrualPeriodicity'] = { '@id': 'http://publications.europa.eu/resource/authority/frequency/QUARTERLY' };
      expect(dcatToItems(doc)[0], right).toMatchObject({ sharing, open, updateFrequency: 'quarterly' });
    }
  });

  it('fetches the document at api-base once and searches it in memory', async () => {
    const sent = stubFetch(() => json(fixture('dcat-ap/3.0.0-hvd-example-ms_dataset_hvd_profile.jsonld')));
    const source = dcatCatalogSource(client(DCAT, 'secret-token'));
    const hit = await source.search(q({ q: 'bees' }));
    expect(hit.total).toBe(1);
    expect(hit.items[0]!.fields).toBeUndefined();
    expect(hit.facets.frequency).toEqual([{ value: 'irregular', label: 'irregular', count: 1 }]);
    expect((await source.search(q({ q: 'wolves' }))).total).toBe(0);
    expect((await source.search(q({ sharing: ['restricted'] }))).total).toBe(0);
    expect(await source.get('https://data.exampleMS.gov/id/dataset/1T2p3o4B')).toMatchObject({ name: 'The population of bees' });
    await expect(source.get('nope')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.href).toBe(DCAT);
    expect(new Headers(sent[0]!.init?.headers).get('authorization')).toBeNull();
  });

  it('tries again after a failed download', async () => {
    stubFetch(() => new Response('', { status: 503 }));
    const source = createCatalogSource('dcat', client(DCAT));
    await expect(source.search(q())).rejects.toMatchObject({ status: 503 });
    stubFetch(() => json(fixture('dcat-ap/3.0.1-example-bee-population-2022-2023.jsonld')));
    expect((await source.search(q())).total).toBe(2);
  });
});

describe('EU vocabularies', () => {
  it('round-trips every frequency and sharing class through the EU authority URIs', () => {
    for (const f of UPDATE_FREQUENCIES) expect(frequencyFromText(EU_FREQUENCY[f]), f).toBe(f);
    for (const s of SHARING_CLASSES) expect(accessFromEu(EU_ACCESS_RIGHT[s]).sharing, s).toBe(s);
  });

  it('reads prefixed codes and plain words, and calls the unknown irregular', () => {
    expect(frequencyFromText('nal-frequency:ANNUAL')).toBe('yearly');
    expect(frequencyFromText('DAILY')).toBe('daily');
    expect(frequencyFromText('http://publications.europa.eu/resource/authority/frequency/HOURLY')).toBe('realtime');
    expect(frequencyFromText('Monthly')).toBe('monthly');
    expect(frequencyFromText('twice a year')).toBe('semiannual');
    expect(frequencyFromText('every day')).toBe('daily');
    expect(frequencyFromText('\u6bcf\u5b63\u5ea6')).toBe('quarterly');
    expect(frequencyFromText('')).toBe('irregular');
    expect(frequencyFromText('whenever')).toBe('irregular');
    expect(accessFromEu(undefined)).toEqual({ sharing: 'unconditional', open: 'open' });
    expect(accessFromEu('nal-access-right:SENSITIVE')).toEqual({ sharing: 'none', open: 'closed' });
  });
});

describe('in-memory search (DCAT-AP source, mocks)', () => {
  const seed = catalogSeed();

  it('ORs values within a facet, ANDs across facets, and counts each facet under the other filters', () => {
    const page = searchInMemory(seed, q({ scope: 'sharing', sharing: ['restricted', 'none'], agency: ['330000-GA'], pageSize: 100 }));
    const want = seed.filter((i) => i.sharing !== 'unconditional' && i.agency.code === '330000-GA');
    expect(page.total).toBe(want.length);
    expect(page.facets.sharing.find((v) => v.value === 'unconditional')!.count).toBe(seed.filter((i) => i.agency.code === '330000-GA' && i.sharing === 'unconditional').length);
    expect(page.facets.agency.reduce((s, v) => s + v.count, 0)).toBe(seed.filter((i) => i.sharing !== 'unconditional').length);
    expect(page.facets.open.map((v) => v.value).every((v) => (OPEN_CLASSES as readonly string[]).includes(v))).toBe(true);
  });

  it('clamps paging like the server', () => {
    expect(searchInMemory(seed, q({ page: -4, pageSize: 1000 }))).toMatchObject({ page: 1, pageSize: 100 });
    const last = searchInMemory(seed, q({ page: 1e9, pageSize: 50 }));
    expect(last.page).toBe(Math.ceil(seed.length / 50));
  });
});
