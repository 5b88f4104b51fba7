import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../src/core/catalog-types';
import { dcatDataset } from '../src/core/dcat-ap';
import { dcatToItems } from '../src/services/catalog-sources/dcat';
import { startTestServer, type TestServer } from './testing';
import { catalogNode, datasetNodes, dcatViolations, get, harvest, openEntries, show, type Graph } from '../tests/support/dcat-shacl';
import '../src/i18n/dcat-ap';

/**
 * Harvesting (SPEC §7): GET /catalog/dcat.jsonld over HTTP on each engine — every page valid
 * against the official DCAT-AP 3.0.1 SHACL shapes, paging, real links, bad input, links
 * behind a proxy, and the catalogue read by another portal and exported again.
 */

let server: TestServer;
let apiBase: string;
/** Every open entry as GET /catalog/items/{id} gives it (what the catalog browser exports). */
let entries: CatalogItem[];
/** Every page of the harvestable catalogue, 100 datasets a page. */
let pages: Graph[];

async function getJson<T = any>(path: string, headers: Record<string, string> = {}, on: TestServer = server): Promise<{ status: number; body: T }> {
  const response = await get(on.origin + path, headers);
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  server = await startTestServer();
  apiBase = `${server.origin}/api/`;
  entries = await openEntries(server);
  pages = await harvest(server);
});

afterAll(async () => {
  await server?.stop();
});

describe('GET /catalog/dcat.jsonld', () => {
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
    const response = await getJson<Graph>('/api/catalog/dcat.jsonld?pageSize=1', headers);
    expect(catalogNode(response.body)['@id']).toBe(`${apiBase}catalog/dcat.jsonld`);
  });

  it('use the public host and scheme with EGOV_TRUST_PROXY', async () => {
    const proxied = await startTestServer({ EGOV_TRUST_PROXY: '127.0.0.1' });
    try {
      const response = await getJson<Graph>('/api/catalog/dcat.jsonld?pageSize=1', headers, proxied);
      const catalog = catalogNode(response.body);
      expect(catalog['@id']).toBe('https://data.example.gov.cn/api/catalog/dcat.jsonld');
      expect((catalog['hydra:view'] as Record<string, { '@id': string }>)['hydra:next']!['@id']).toBe('https://data.example.gov.cn/api/catalog/dcat.jsonld?page=2&pageSize=1');
      expect(JSON.stringify(response.body)).not.toContain(proxied.origin);
      const spoofed = await getJson<Graph>('/api/catalog/dcat.jsonld?pageSize=1', { 'X-Forwarded-Host': 'evil.example/<x>' }, proxied);
      expect(catalogNode(spoofed.body)['@id']).toBe(`${proxied.origin}/api/catalog/dcat.jsonld`);
    } finally {
      await proxied.stop();
    }
  });
});

describe('the catalogue read by another portal', () => {
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

});
