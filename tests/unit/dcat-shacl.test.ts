import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CatalogItem, CatalogPage } from '../../src/core/catalog-types';
import { dcatDataset, toDcatJsonLd, type JsonLdNode } from '../../src/core/dcat-ap';
import { ckanToItem, type CkanPackage } from '../../src/services/catalog-sources/ckan';
import { dcatToItems } from '../../src/services/catalog-sources/dcat';
import { startTestServer, type TestServer } from '../../server/testing';
import { dcatViolations, remoteDocumentsAsked, type Violation } from '../support/dcat-shacl';

/**
 * The DCAT-AP export against the official DCAT-AP 3.0.1 SHACL shapes (dcat-ap-SHACL.ttl and
 * ranges.ttl of SEMICeu/DCAT-AP, in tests/fixtures/dcat-ap/shacl): every open entry's
 * per-entry export as the catalog browser makes it, every page of GET /catalog/dcat.jsonld,
 * and entries read from other catalogues (DCAT-AP, CKAN) exported again. About 25 ms an
 * entry once the shapes are parsed (about 2 s, once per file).
 */

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const DCAT = 'http://www.w3.org/ns/dcat#';
const show = (violations: Violation[]) => violations.slice(0, 5).map((v) => `${v.focus} ${v.path} ${v.message}`);

/**
 * GET in this process after the SHACL engine has held the event loop for seconds: the
 * server may meanwhile have dropped the kept-alive connection the client reuses, so a reset
 * connection is tried once more (the request is idempotent).
 */
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url);
  }
}

async function getJson<T = any>(path: string): Promise<{ status: number; body: T }> {
  const response = await get(server.origin + path);
  return { status: response.status, body: (await response.json()) as T };
}

type Graph = { '@context': unknown; '@graph': JsonLdNode[] };

let server: TestServer;
let apiBase: string;
/** Every open entry as GET /catalog/items/{id} gives it (what the catalog browser exports). */
let entries: CatalogItem[];
/** Every page of the harvestable catalogue, 100 datasets a page. */
let pages: Graph[];

beforeAll(async () => {
  server = await startTestServer();
  apiBase = `${server.origin}/api/`;
  entries = [];
  for (let page = 1; ; page++) {
    const { body } = await server.call<CatalogPage>('GET', `/api/catalog/items?scope=open&pageSize=100&page=${page}&sort=name`);
    for (const item of body.items) entries.push((await server.call<CatalogItem>('GET', `/api/catalog/items/${encodeURIComponent(item.id)}`)).body);
    if (page * body.pageSize >= body.total) break;
  }
  // As a harvester reads it: the first page, then each hydra:next.
  pages = [];
  let next: string | undefined = `${apiBase}catalog/dcat.jsonld?pageSize=100`;
  while (next && pages.length < 10) {
    const response: { status: number; headers: Headers; body: Graph } = await server.call<Graph>('GET', next.slice(server.origin.length));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    pages.push(response.body);
    next = (catalogNode(response.body)['hydra:view'] as Record<string, { '@id': string } | undefined>)['hydra:next']?.['@id'];
  }
});

afterAll(async () => {
  await server?.stop();
});

const catalogNode = (graph: Graph) => graph['@graph'].find((n) => (n['@type'] as string[]).includes?.('dcat:Catalog'))!;
const datasetNodes = (graph: Graph) => graph['@graph'].filter((n) => n['@type'] === 'dcat:Dataset');

describe('DCAT-AP 3.0.1 SHACL: the per-entry export', () => {
  it('has no violation on any open entry', async () => {
    expect(entries.length).toBeGreaterThan(100);
    const failures: Record<string, string[]> = {};
    for (const entry of entries) {
      const violations = await dcatViolations(toDcatJsonLd(entry, { apiBase }));
      if (violations.length) failures[entry.id] = show(violations);
    }
    expect(failures).toEqual({});
    expect(remoteDocumentsAsked).toEqual([]);
  });

  it('catches a deliberately broken export: no accessURL, a format as plain text, untyped code values, a theme as a blank node', async () => {
    const entry = entries.find((e) => e.open === 'open')!;
    const doc = toDcatJsonLd(entry, { apiBase }) as Record<string, any>;
    const [first, ...others] = doc['dcat:distribution'] as Array<Record<string, unknown>>;
    delete first!['dcat:accessURL'];
    others[0]!['dct:format'] = 'API';
    doc['dct:accrualPeriodicity'] = { '@id': doc['dct:accrualPeriodicity']['@id'] };
    doc['dct:accessRights'] = { '@id': doc['dct:accessRights']['@id'] };
    doc['dcat:theme'] = { '@type': 'skos:Concept' };
    delete doc['dct:description'];
    const violations = await dcatViolations(doc);
    const paths = new Set(violations.map((v) => v.path.replace(/^.*[#/]/, '')));
    expect([...paths].sort()).toEqual(['accessRights', 'accessURL', 'accrualPeriodicity', 'description', 'format', 'prefLabel']);
    expect(violations.find((v) => v.path === DCAT + 'accessURL')!.focus).toBe(first!['@id']);
  });

  it('leaves empty and unreadable dates out rather than writing empty typed literals', async () => {
    const entry = { ...entries[0]!, publishedAt: '', updatedAt: 'sometime' };
    const doc = toDcatJsonLd(entry, { apiBase });
    expect(doc).not.toHaveProperty('dct:issued');
    expect(doc).not.toHaveProperty('dct:modified');
    expect(await dcatViolations(doc)).toEqual([]);
    const dated = toDcatJsonLd({ ...entries[0]!, publishedAt: '2024-05-01', updatedAt: '2024-06-01T08:00:00Z' }, { apiBase });
    expect(dated['dct:issued']).toEqual({ '@value': '2024-05-01', '@type': 'xsd:date' });
    expect(dated['dct:modified']).toEqual({ '@value': '2024-06-01T08:00:00Z', '@type': 'xsd:dateTime' });
  });
});

describe('DCAT-AP 3.0.1 SHACL: the harvestable catalogue (GET /catalog/dcat.jsonld)', () => {
  it('has no violation on any page (each page as a harvester reads it)', async () => {
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(show(await dcatViolations(page))).toEqual([]);
  });

  it('lists every open entry once and no closed one, each with the node the per-entry export gives', () => {
    const nodes = pages.flatMap(datasetNodes);
    expect(nodes.map((n) => n['dct:identifier']).sort()).toEqual(entries.map((e) => e.id).sort());
    const byId = new Map(nodes.map((n) => [n['dct:identifier'], n]));
    for (const entry of entries) expect(byId.get(entry.id), entry.id).toEqual(dcatDataset(entry, { apiBase }));
    for (const page of pages) {
      const catalog = catalogNode(page);
      expect(catalog['dcat:dataset']).toEqual(datasetNodes(page).map((n) => ({ '@id': n['@id'] })));
    }
  });

  it('pages with hydra:PartialCollectionView: first, last, previous and next, and the total', () => {
    const last = pages.length;
    pages.forEach((page, i) => {
      const catalog = catalogNode(page);
      expect(catalog['@type']).toEqual(['dcat:Catalog', 'hydra:Collection']);
      expect(catalog['hydra:totalItems']).toBe(entries.length);
      const view = catalog['hydra:view'] as Record<string, { '@id': string }>;
      const url = (n: number) => `${apiBase}catalog/dcat.jsonld?page=${n}&pageSize=100`;
      expect(view['@type']).toBe('hydra:PartialCollectionView');
      expect(view['@id']).toBe(url(i + 1));
      expect(view['hydra:first']).toEqual({ '@id': url(1) });
      expect(view['hydra:last']).toEqual({ '@id': url(last) });
      expect(view['hydra:next']).toEqual(i + 1 < last ? { '@id': url(i + 2) } : undefined);
      expect(view['hydra:previous']).toEqual(i > 0 ? { '@id': url(i) } : undefined);
    });
  });

  it('gives real distributions: the rows call always, downloads for data open to all, and formats as EU file-type IRIs', async () => {
    const nodes = pages.flatMap(datasetNodes);
    const fileType = /^http:\/\/publications\.europa\.eu\/resource\/authority\/file-type\/[A-Z_]+$/;
    for (const node of nodes) {
      const entry = entries.find((e) => e.id === node['dct:identifier'])!;
      const distributions = node['dcat:distribution'] as Array<Record<string, any>>;
      for (const d of distributions) {
        expect(d['dcat:accessURL']['@id'], entry.id).toMatch(/^http/);
        if (d['dct:format']) expect(d['dct:format']).toMatchObject({ '@id': expect.stringMatching(fileType), '@type': 'dct:MediaTypeOrExtent' });
      }
      const rows = distributions.find((d) => d['dcat:accessService'])!;
      expect(rows['dcat:accessURL']['@id']).toBe(`${apiBase}data/${encodeURIComponent(entry.id)}/rows`);
      expect(rows['dcat:accessService']).toMatchObject({ '@id': `${apiBase}data`, '@type': 'dcat:DataService' });
      const downloads = distributions.filter((d) => d['dcat:downloadURL']).map((d) => d['dcat:downloadURL']['@id']);
      expect(downloads, entry.id).toEqual(entry.open === 'open' ? ['csv', 'json'].map((f) => `${apiBase}data/${encodeURIComponent(entry.id)}/download?format=${f}`) : []);
      expect(node['dct:accessRights']).toEqual({
        '@id': `http://publications.europa.eu/resource/authority/access-right/${entry.open === 'open' ? 'PUBLIC' : 'RESTRICTED'}`,
        '@type': 'dct:RightsStatement',
      });
    }
    // The links work: an open entry's rows and download for anyone; a conditional entry's rows only under a grant.
    const open = nodes.find((n) => entries.find((e) => e.id === n['dct:identifier'])!.open === 'open')!;
    const openDistributions = open['dcat:distribution'] as Array<Record<string, any>>;
    const csv = await get(openDistributions.find((d) => d['dcat:downloadURL']?.['@id'].endsWith('csv'))!['dcat:downloadURL']['@id']);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    await csv.body?.cancel();
    expect((await get(openDistributions.find((d) => d['dcat:accessService'])!['dcat:accessURL']['@id'])).status).toBe(200);
    const conditional = nodes.find((n) => entries.find((e) => e.id === n['dct:identifier'])!.open === 'conditional')!;
    const rows = await get((conditional['dcat:distribution'] as Array<Record<string, any>>).find((d) => d['dcat:accessService'])!['dcat:accessURL']['@id']);
    expect(rows.status).toBe(401);
  });

  it('answers bad paging with a clear error and caps the page size', async () => {
    for (const [query, path] of [['page=abc', 'page'], ['page=0', 'page'], ['pageSize=-5', 'pageSize'], ['page=1.5', 'page']] as const) {
      const response = await getJson(`/api/catalog/dcat.jsonld?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'BAD_REQUEST', fields: [{ path }] });
    }
    const beyond = await getJson(`/api/catalog/dcat.jsonld?page=${pages.length + 1}&pageSize=100`);
    expect(beyond.status).toBe(404);
    expect(beyond.body.error.code).toBe('NOT_FOUND');
    const capped = await getJson<Graph>('/api/catalog/dcat.jsonld?pageSize=5000');
    expect(datasetNodes(capped.body)).toHaveLength(100);
    expect((catalogNode(capped.body)['hydra:view'] as { '@id': string })['@id']).toBe(`${apiBase}catalog/dcat.jsonld?page=1&pageSize=100`);
    const small = await getJson<Graph>('/api/catalog/dcat.jsonld?pageSize=7&page=2');
    expect(datasetNodes(small.body).map((n) => n['dct:identifier'])).toEqual(entries.slice(7, 14).map((e) => e.id));
  });
});

describe('the catalogue\'s links behind a reverse proxy', () => {
  const headers = { 'X-Forwarded-Host': 'data.example.gov.cn', 'X-Forwarded-Proto': 'https' };

  it('ignore forwarded headers unless the proxy is trusted', async () => {
    const response = await server.call<Graph>('GET', '/api/catalog/dcat.jsonld?pageSize=1', { headers });
    expect(catalogNode(response.body)['@id']).toBe(`${apiBase}catalog/dcat.jsonld`);
  });

  it('use the public host and scheme with EGOV_TRUST_PROXY', async () => {
    const proxied = await startTestServer({ EGOV_TRUST_PROXY: '1' });
    try {
      const response = await proxied.call<Graph>('GET', '/api/catalog/dcat.jsonld?pageSize=1', { headers });
      const catalog = catalogNode(response.body);
      expect(catalog['@id']).toBe('https://data.example.gov.cn/api/catalog/dcat.jsonld');
      expect((catalog['hydra:view'] as Record<string, { '@id': string }>)['hydra:next']!['@id']).toBe('https://data.example.gov.cn/api/catalog/dcat.jsonld?page=2&pageSize=1');
      expect(JSON.stringify(response.body)).not.toContain(proxied.origin);
      const spoofed = await proxied.call<Graph>('GET', '/api/catalog/dcat.jsonld?pageSize=1', { headers: { 'X-Forwarded-Host': 'evil.example/<x>' } });
      expect(catalogNode(spoofed.body)['@id']).toBe(`${proxied.origin}/api/catalog/dcat.jsonld`);
    } finally {
      await proxied.stop();
    }
  });
});

describe('DCAT-AP 3.0.1 SHACL: entries of other catalogues exported again', () => {
  it('keeps a DCAT-AP catalogue valid when read and exported again', async () => {
    const docs = [
      '3.0.0-hvd-example-ms_catalogue.jsonld',
      '3.0.0-hvd-example-ms_dataset_hvd_profile.jsonld',
      '3.0.1-example-bee-population-2022-2023.jsonld',
      '3.0.1-example-bee-population-dataset-frequency.jsonld',
    ];
    for (const name of docs) {
      for (const item of dcatToItems(fixture(`dcat-ap/${name}`))) {
        const doc = toDcatJsonLd(item);
        expect(show(await dcatViolations(doc)), `${name} ${item.id}`).toEqual([]);
        expect(JSON.stringify(doc)).not.toMatch(/"@value":""/);
      }
    }
    // The HVD dataset keeps its shapefile distribution, its link and its frequency.
    const [bees] = dcatToItems(fixture('dcat-ap/3.0.0-hvd-example-ms_catalogue.jsonld'));
    const again = toDcatJsonLd(bees!) as Record<string, any>;
    expect(again['dcat:distribution']).toEqual([expect.objectContaining({
      'dcat:accessURL': { '@id': 'https://orgea.exampleMS.gov/files/1T2p3o4B.shp' },
      'dct:format': { '@id': 'http://publications.europa.eu/resource/authority/file-type/SHP', '@type': 'dct:MediaTypeOrExtent' },
    })]);
  });

  it('keeps our own catalogue valid when a portal reads a page of it and exports it again, with the same entries', async () => {
    const items = dcatToItems(pages[0]);
    expect(items.map((i) => i.id)).toEqual(datasetNodes(pages[0]!).map((n) => n['dct:identifier']));
    for (const item of items) {
      const entry = entries.find((e) => e.id === item.id)!;
      expect(item, entry.id).toMatchObject({ name: entry.name, summary: entry.summary, agency: entry.agency, domain: entry.domain, updateFrequency: entry.updateFrequency, tags: entry.tags, publishedAt: entry.publishedAt, updatedAt: entry.updatedAt });
      expect(item.open, entry.id).toBe(entry.open);
    }
    // Exported again as the other portal's entries (no rows API of ours): one graph, checked at once.
    const again = items.map((item) => dcatDataset(item));
    expect(again.every((node) => (node['dcat:distribution'] as unknown[]).length > 0)).toBe(true);
    expect(show(await dcatViolations({ '@context': pages[0]!['@context'], '@graph': again }))).toEqual([]);
  });

  it('exports the entries of a CKAN portal validly', async () => {
    const packages = fixture('ckan/packages.json').result.results as CkanPackage[];
    for (const pkg of packages) {
      const item = ckanToItem(pkg);
      expect(show(await dcatViolations(toDcatJsonLd(item))), item.id).toEqual([]);
      expect(toDcatJsonLd(item)['dcat:distribution'], item.id).toBeDefined();
    }
  });
});
