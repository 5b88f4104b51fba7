import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import rdf from '@zazuko/env';
import SHACLValidator from 'rdf-validate-shacl';
import type { CatalogItem, CatalogPage } from '../../src/core/catalog-types';
import type { JsonLdNode } from '../../src/core/dcat-ap';
import type { TestServer } from '../../server/testing';

/**
 * The official DCAT-AP 3.0.1 SHACL shapes (tests/fixtures/dcat-ap/shacl, see its README)
 * run by a standard SHACL engine (rdf-validate-shacl) over JSON-LD turned into RDF by
 * jsonld.js. Nothing is fetched: the one remote context the DCAT-AP examples name is served
 * from tests/fixtures/dcat-ap; any other remote document fails the check.
 */

const FIXTURES = new URL('../fixtures/dcat-ap/', import.meta.url);
const LOCAL_CONTEXTS: Record<string, string> = {
  'https://semiceu.github.io/uri.semic.eu-generated/DCAT-AP/releases/3.0.0/html/examples/context.jsonld': '3.0.1-context.jsonld',
};

export const remoteDocumentsAsked: string[] = [];

/** A JSON-LD document loader that serves the DCAT-AP contexts from the fixtures and refuses the network. */
export async function documentLoader(url: string) {
  const file = LOCAL_CONTEXTS[url];
  if (!file) {
    remoteDocumentsAsked.push(url);
    throw new Error(`Not served locally (no network in tests): ${url}`);
  }
  return { contextUrl: undefined, documentUrl: url, document: JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) };
}

function parseTurtle(path: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
}

let validator: SHACLValidator | undefined;
/** Both shapes files in one shapes graph, parsed once. */
function shapes(): SHACLValidator {
  validator ??= new SHACLValidator(rdf.dataset([...parseTurtle('shacl/dcat-ap-SHACL.ttl'), ...parseTurtle('shacl/ranges.ttl')]), { factory: rdf });
  return validator;
}

/** A JSON-LD document as RDF quads; terms jsonld.js would drop silently make it throw (safe mode). */
export async function jsonLdToQuads(doc: unknown): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: 'application/n-quads', documentLoader, safe: true } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads);
}

export interface Violation {
  focus: string;
  path: string;
  message: string;
  value?: string;
  shape: string;
}

/** The SHACL violations of a JSON-LD document against DCAT-AP 3.0.1 (empty when it conforms). */
export async function dcatViolations(doc: unknown): Promise<Violation[]> {
  const quads = await jsonLdToQuads(doc);
  return violationsOf(quads);
}

export async function violationsOf(quads: Quad[]): Promise<Violation[]> {
  const report = await shapes().validate(rdf.dataset(quads));
  return report.results.map((r) => ({
    focus: r.focusNode?.value ?? '',
    path: r.path?.value ?? '',
    message: r.message.map((m) => m.value).join('; '),
    ...(r.value ? { value: r.value.value } : {}),
    shape: r.sourceShape?.value.replace(/^.*#/, '') ?? '',
  }));
}

// ---- reading the catalog over HTTP, as the catalog browser and a harvester do ----------

export type Graph = { '@context': unknown; '@graph': JsonLdNode[] };
export const catalogNode = (graph: Graph) => graph['@graph'].find((n) => (n['@type'] as string[]).includes?.('dcat:Catalog'))!;
export const datasetNodes = (graph: Graph) => graph['@graph'].filter((n) => n['@type'] === 'dcat:Dataset');
export const show = (violations: Violation[]) => violations.slice(0, 5).map((v) => `${v.focus} ${v.path} ${v.message}`);

/**
 * GET in this process after the SHACL engine has held the event loop for seconds: the
 * server may meanwhile have dropped the kept-alive connection the client reuses, so a reset
 * connection is tried once more (the request is idempotent).
 */
export async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { headers });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
    return fetch(url, { headers });
  }
}

/** Every open entry as GET /catalog/items/{id} gives it (what the catalog browser exports), in name order. */
export async function openEntries(server: TestServer): Promise<CatalogItem[]> {
  const entries: CatalogItem[] = [];
  for (let page = 1; ; page++) {
    const { body } = await server.call<CatalogPage>('GET', `/api/catalog/items?scope=open&pageSize=100&page=${page}&sort=name`);
    for (const item of body.items) entries.push((await server.call<CatalogItem>('GET', `/api/catalog/items/${encodeURIComponent(item.id)}`)).body);
    if (page * body.pageSize >= body.total) break;
  }
  return entries;
}

/** Every page of GET /catalog/dcat.jsonld as a harvester reads it: the first page, then each hydra:next. */
export async function harvest(server: TestServer, pageSize = 100): Promise<Graph[]> {
  const pages: Graph[] = [];
  let next: string | undefined = `${server.origin}/api/catalog/dcat.jsonld?pageSize=${pageSize}`;
  while (next && pages.length < 20) {
    const response: { status: number; headers: Headers; body: Graph } = await server.call<Graph>('GET', next.slice(server.origin.length));
    if (response.status !== 200 || !/^application\/ld\+json/.test(response.headers.get('content-type') ?? '')) {
      throw new Error(`GET ${next}: ${response.status} ${response.headers.get('content-type')}`);
    }
    pages.push(response.body);
    next = (catalogNode(response.body)['hydra:view'] as Record<string, { '@id': string } | undefined>)['hydra:next']?.['@id'];
  }
  return pages;
}
