/**
 * Harvesting (SPEC §7): the time to answer a page of GET /catalog/dcat.jsonld over HTTP
 * against the real server on a fresh SQLite database, the page's size, the mapping alone,
 * what the official DCAT-AP 3.0.1 SHACL check costs an entry and a page (the test suite's
 * cost), and the lazy chunk the catalog browser loads for the per-entry download.
 *
 *   node --import tsx bench/dcat.bench.ts
 */
import { gzipSync } from 'node:zlib';
import { startTestServer } from '../server/testing';
import { dcatDataset, toDcatJsonLd } from '../src/core/dcat-ap';
import type { CatalogItem, CatalogPage } from '../src/core/catalog-types';
import { dcatViolations } from '../tests/support/dcat-shacl';
import { chunk, gzippedKb, printStats } from './support';

const RUNS = 20;
const server = await startTestServer({}, { engine: 'sqlite' });
try {
  const apiBase = `${server.origin}/api/`;
  for (const pageSize of [20, 100]) {
    const samples: number[] = [];
    let bytes = 0;
    let gz = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const response = await fetch(`${apiBase}catalog/dcat.jsonld?page=1&pageSize=${pageSize}`);
      const text = await response.text();
      samples.push(performance.now() - start);
      bytes = Buffer.byteLength(text);
      gz = gzipSync(text).length;
    }
    printStats(`GET /catalog/dcat.jsonld pageSize=${pageSize}`, samples.slice(1));
    console.log(`${''.padEnd(48)} ${(bytes / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
  }

  const entries: CatalogItem[] = [];
  for (let page = 1; ; page++) {
    const { body } = await server.call<CatalogPage>('GET', `/api/catalog/items?pageSize=100&page=${page}`);
    for (const item of body.items) entries.push((await server.call<CatalogItem>('GET', `/api/catalog/items/${encodeURIComponent(item.id)}`)).body);
    if (page * body.pageSize >= body.total) break;
  }
  const mapping: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    for (const entry of entries) dcatDataset(entry, { apiBase });
    mapping.push(performance.now() - start);
  }
  printStats(`mapping all ${entries.length} open entries (dcatDataset)`, mapping);

  // Read before the SHACL runs, which hold the event loop for seconds (the kept-alive connection would be gone).
  const page = await (await fetch(`${apiBase}catalog/dcat.jsonld?page=1&pageSize=100`)).json();
  let start = performance.now();
  await dcatViolations(toDcatJsonLd(entries[0]!, { apiBase }));
  console.log(`${'SHACL: shapes parsed + first entry'.padEnd(48)} ${(performance.now() - start).toFixed(0)} ms`);
  const perEntry: number[] = [];
  for (const entry of entries) {
    const t = performance.now();
    await dcatViolations(toDcatJsonLd(entry, { apiBase }));
    perEntry.push(performance.now() - t);
  }
  printStats('SHACL: one per-entry export', perEntry);
  start = performance.now();
  await dcatViolations(page);
  console.log(`${'SHACL: one catalogue page of 100'.padEnd(48)} ${(performance.now() - start).toFixed(0)} ms`);

  const lazy = chunk('bundle-catalog-export-');
  const vocabularies = chunk('bundle-eu-vocabularies-');
  if (lazy) console.log(`${'lazy chunk of the per-entry DCAT-AP download'.padEnd(48)} ${gzippedKb(lazy)}${vocabularies ? ` + EU vocabularies ${gzippedKb(vocabularies)}` : ''} gzipped`);
} finally {
  await server.stop();
}
