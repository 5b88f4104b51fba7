import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { CatalogItem, CatalogPage } from '../../src/core/catalog-types';
import { toDcatJsonLd } from '../../src/core/dcat-ap';
import { ckanToItem, type CkanPackage } from '../../src/services/catalog-sources/ckan';
import { dcatToItems } from '../../src/services/catalog-sources/dcat';
import { startTestServer, type TestServer } from '../../server/testing';
import { dcatViolations, openEntries, remoteDocumentsAsked, show } from '../support/dcat-shacl';
import '../../src/i18n/dcat-ap';

/**
 * The per-entry DCAT-AP export against the official DCAT-AP 3.0.1 SHACL shapes
 * (dcat-ap-SHACL.ttl and ranges.ttl of SEMICeu/DCAT-AP, in tests/fixtures/dcat-ap/shacl):
 * every open entry as the catalog browser exports it, a broken export, and entries read from
 * other catalogues (DCAT-AP, CKAN) exported again. The harvestable catalogue itself:
 * server/dcat.test.ts. Cost: the shapes parse once (about 1.5 s), then 12–35 ms an entry.
 */

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8'));
const DCAT = 'http://www.w3.org/ns/dcat#';

let server: TestServer;
let apiBase: string;
let entries: CatalogItem[];
/** The entries outside the open catalog, as agency staff read them. */
let closedEntries: CatalogItem[];

beforeAll(async () => {
  server = await startTestServer();
  apiBase = `${server.origin}/api/`;
  entries = await openEntries(server);
  // Read now: the SHACL runs later hold the event loop long enough for kept-alive connections to go.
  const token = await server.login('staff-001');
  const { body } = await server.call<CatalogPage>('GET', '/api/catalog/items?scope=sharing&open=closed&pageSize=100', { token });
  closedEntries = [];
  for (const listed of body.items) {
    closedEntries.push((await server.call<CatalogItem>('GET', `/api/catalog/items/${encodeURIComponent(listed.id)}?scope=sharing`, { token })).body);
  }
});

afterAll(async () => {
  await server?.stop();
});

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

  it('has no violation on entries outside the open catalog, as agency staff download them from the sharing catalog', async () => {
    expect(closedEntries.length).toBeGreaterThan(20);
    const failures: Record<string, string[]> = {};
    for (const entry of closedEntries) {
      const doc = toDcatJsonLd(entry, { apiBase });
      expect(JSON.stringify(doc), entry.id).not.toContain('downloadURL');
      const violations = await dcatViolations(doc);
      if (violations.length) failures[entry.id] = show(violations);
    }
    expect(failures).toEqual({});
  });

  it('catches a deliberately broken export: no accessURL, a format as plain text, untyped code values, a theme without a label, no description', async () => {
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

  it('exports the entries of a CKAN portal validly', async () => {
    const packages = fixture('ckan/packages.json').result.results as CkanPackage[];
    for (const pkg of packages) {
      const item = ckanToItem(pkg);
      expect(show(await dcatViolations(toDcatJsonLd(item))), item.id).toEqual([]);
      expect(toDcatJsonLd(item)['dcat:distribution'], item.id).toBeDefined();
    }
  });
});
