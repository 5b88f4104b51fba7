import { ApiError, type ApiClient } from '../api-client';
import type { CatalogItem } from '../../core/catalog-types';
import { fetchForeignJson } from './fetch-json';
import { searchInMemory } from '../../core/memory-search';
import type { CatalogSource } from './types';
import { accessFromEu, frequencyFromText } from './vocabularies';

/**
 * A DCAT-AP 3 catalogue published as one JSON-LD document at `api-base`, searched in
 * memory. The document may use prefixed keys (`dcterms:title`, `dct:title`), full IRIs, or
 * the terms of the DCAT-AP example context (`title`, `frequency`…); a remote `@context` is
 * not fetched (no code or document is pulled from a third party at run time): the terms of
 * DCAT-AP 3 are known here.
 */

const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcatap: 'http://data.europa.eu/r5r/',
};

/** Prefixes and DCAT-AP 3 context terms assumed when a document's context is remote. */
const KNOWN: Record<string, string> = {
  dcat: NS.dcat, dct: NS.dct, dcterms: NS.dct, foaf: NS.foaf, skos: NS.skos, vcard: NS.vcard, rdfs: NS.rdfs, dcatap: NS.dcatap,
  xsd: 'http://www.w3.org/2001/XMLSchema#', adms: 'http://www.w3.org/ns/adms#',
  'nal-frequency': 'http://publications.europa.eu/resource/authority/frequency/',
  'nal-access-right': 'http://publications.europa.eu/resource/authority/access-right/',
  Dataset: NS.dcat + 'Dataset', DatasetMemberOfADatasetSeries: NS.dcat + 'Dataset', Catalog: NS.dcat + 'Catalog', Distribution: NS.dcat + 'Distribution',
  title: NS.dct + 'title', description: NS.dct + 'description', publisher: NS.dct + 'publisher', releaseDate: NS.dct + 'issued',
  modificationDate: NS.dct + 'modified', frequency: NS.dct + 'accrualPeriodicity', accessRights: NS.dct + 'accessRights',
  datasetDistribution: NS.dcat + 'distribution', distribution: NS.dcat + 'distribution', keyword: NS.dcat + 'keyword',
  theme: NS.dcat + 'theme', identifier: NS.dct + 'identifier', landingPage: NS.dcat + 'landingPage', format: NS.dct + 'format',
  mediaType: NS.dcat + 'mediaType', accessURL: NS.dcat + 'accessURL', downloadURL: NS.dcat + 'downloadURL', name: NS.foaf + 'name',
  applicableLegislation: NS.dcatap + 'applicableLegislation',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
const isObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
const asArray = (v: Json | undefined): Json[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** A node with its properties under full IRIs. Values: strings, `{ lang, value }` or `{ id }`. */
interface Node {
  id: string;
  types: string[];
  props: Map<string, Value[]>;
}
type Value = { id: string } | { value: string; lang?: string };

class Context {
  readonly terms = new Map<string, string>(Object.entries(KNOWN));

  add(context: Json | undefined): void {
    for (const entry of asArray(context)) {
      if (!isObject(entry)) continue; // a remote context: the known terms stand in for it
      for (const [key, def] of Object.entries(entry)) {
        if (key.startsWith('@')) continue;
        if (typeof def === 'string') this.terms.set(key, def);
        else if (isObject(def)) {
          if (typeof def['@id'] === 'string') this.terms.set(key, def['@id']);
          this.add(def['@context']); // type-scoped terms
        }
      }
    }
  }

  expand(term: string): string {
    const direct = this.terms.get(term);
    if (direct !== undefined && direct !== term) return direct.includes(':') && !/^[a-z][\w+.-]*:\/\//i.test(direct) ? this.expand(direct) : direct;
    const colon = term.indexOf(':');
    if (colon > 0 && !term.startsWith('_:') && term.slice(colon + 1, colon + 3) !== '//') {
      const prefix = this.terms.get(term.slice(0, colon));
      if (prefix) return prefix + term.slice(colon + 1);
    }
    return term;
  }
}

function values(raw: Json | undefined, ctx: Context, nodes: Node[], key: string): Value[] {
  const out: Value[] = [];
  for (const v of asArray(raw)) {
    if (typeof v === 'string') out.push(key.endsWith('accrualPeriodicity') || key.endsWith('publisher') || key.endsWith('accessRights') || key.endsWith('distribution') || key.endsWith('theme') || key.endsWith('format') ? { id: ctx.expand(v) } : { value: v });
    else if (typeof v === 'number' || typeof v === 'boolean') out.push({ value: String(v) });
    else if (isObject(v)) {
      if ('@value' in v) out.push(typeof v['@language'] === 'string' ? { value: String(v['@value']), lang: v['@language'] } : { value: String(v['@value']) });
      else if (typeof v['@id'] === 'string' && Object.keys(v).length === 1) out.push({ id: ctx.expand(v['@id']) });
      else if (Object.keys(v).length && Object.keys(v).every((k) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(k) && !k.includes(':'))) {
        // A language map: { "en": "…", "zh": "…" }.
        for (const [lang, text] of Object.entries(v)) for (const t of asArray(text)) if (typeof t === 'string') out.push({ value: t, lang });
      } else {
        const node = readNode(v, ctx, nodes);
        out.push({ id: node.id });
      }
    }
  }
  return out;
}

let blank = 0;
function readNode(raw: JsonObject, parent: Context, nodes: Node[]): Node {
  const ctx = parent;
  const node: Node = {
    id: typeof raw['@id'] === 'string' ? ctx.expand(raw['@id']) : `_:b${++blank}`,
    types: asArray(raw['@type']).filter((t): t is string => typeof t === 'string').map((t) => ctx.expand(t)),
    props: new Map(),
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('@')) continue;
    const iri = ctx.expand(key);
    node.props.set(iri, [...(node.props.get(iri) ?? []), ...values(value, ctx, nodes, iri)]);
  }
  nodes.push(node);
  return node;
}

/** Every node of a JSON-LD document (a `@graph`, an array, or one node), merged by `@id`. */
export function readJsonLd(doc: Json): Map<string, Node> {
  const nodes: Node[] = [];
  const ctx = new Context();
  const visit = (value: Json, context: Context) => {
    for (const entry of asArray(value)) {
      if (!isObject(entry)) continue;
      let local = context;
      if (entry['@context'] !== undefined) {
        local = new Context();
        for (const [k, v] of context.terms) local.terms.set(k, v);
        local.add(entry['@context']);
      }
      if (entry['@graph'] !== undefined) visit(entry['@graph'], local);
      const keys = Object.keys(entry).filter((k) => k !== '@context' && k !== '@graph');
      if (keys.length) readNode(entry, local, nodes);
    }
  };
  visit(doc, ctx);
  const merged = new Map<string, Node>();
  for (const node of nodes) {
    const existing = merged.get(node.id);
    if (!existing) merged.set(node.id, node);
    else {
      existing.types.push(...node.types.filter((t) => !existing.types.includes(t)));
      for (const [k, v] of node.props) existing.props.set(k, [...(existing.props.get(k) ?? []), ...v]);
    }
  }
  return merged;
}

const LANG_ORDER = ['zh-cn', 'zh', 'en', ''];
function text(node: Node | undefined, iri: string, locale = 'zh-CN'): string {
  const all = (node?.props.get(iri) ?? []).filter((v): v is { value: string; lang?: string } => 'value' in v);
  if (!all.length) return '';
  const order = [locale.toLowerCase(), locale.slice(0, 2).toLowerCase(), ...LANG_ORDER];
  for (const lang of order) {
    const hit = all.find((v) => (v.lang ?? '').toLowerCase() === lang);
    if (hit) return hit.value;
  }
  return all[0]!.value;
}
const ids = (node: Node | undefined, iri: string) => (node?.props.get(iri) ?? []).map((v) => ('id' in v ? v.id : v.value));
const lastSegment = (iri: string) => iri.replace(/[/#]+$/, '').replace(/^.*[/#:]/, '');

/** The datasets of a DCAT-AP JSON-LD document as catalog entries. */
export function dcatToItems(doc: unknown, locale = 'zh-CN'): CatalogItem[] {
  const nodes = readJsonLd(doc as Json);
  const nameOf = (id: string) => {
    const n = nodes.get(id);
    return text(n, NS.foaf + 'name', locale) || text(n, NS.skos + 'prefLabel', locale) || text(n, NS.vcard + 'fn', locale) || text(n, NS.rdfs + 'label', locale) || (id.startsWith('_:') ? '' : id);
  };
  const items: CatalogItem[] = [];
  for (const node of nodes.values()) {
    if (!node.types.includes(NS.dcat + 'Dataset')) continue;
    const publisherId = ids(node, NS.dct + 'publisher')[0] ?? '';
    const { sharing, open } = accessFromEu(ids(node, NS.dct + 'accessRights')[0]);
    const distributions = ids(node, NS.dcat + 'distribution').map((id) => nodes.get(id)).filter((d): d is Node => !!d);
    const formats = [...new Set(distributions.flatMap((d) => [...ids(d, NS.dct + 'format'), ...ids(d, NS.dcat + 'mediaType')]).map(lastSegment).filter(Boolean))];
    const issued = text(node, NS.dct + 'issued');
    const identifier = text(node, NS.dct + 'identifier');
    const legislation = ids(node, NS.dcatap + 'applicableLegislation');
    const landing = ids(node, NS.dcat + 'landingPage')[0] ?? distributions.flatMap((d) => [...ids(d, NS.dcat + 'downloadURL'), ...ids(d, NS.dcat + 'accessURL')])[0];
    const item: CatalogItem = {
      id: identifier || node.id,
      name: text(node, NS.dct + 'title', locale) || identifier || node.id,
      summary: text(node, NS.dct + 'description', locale),
      agency: { code: text(nodes.get(publisherId), NS.dct + 'identifier') || (publisherId.startsWith('_:') ? '' : publisherId), name: publisherId ? nameOf(publisherId) : '' },
      sharing,
      open,
      updateFrequency: frequencyFromText(ids(node, NS.dct + 'accrualPeriodicity')[0]),
      formats,
      domain: ids(node, NS.dcat + 'theme').map((t) => nameOf(t) || lastSegment(t))[0] ?? '',
      tags: (node.props.get(NS.dcat + 'keyword') ?? []).filter((v): v is { value: string } => 'value' in v).map((v) => v.value),
      publishedAt: issued,
      updatedAt: text(node, NS.dct + 'modified') || issued,
      fields: [],
    };
    if (!item.agency.code && item.agency.name) item.agency.code = item.agency.name;
    const rights = ids(node, NS.dct + 'rights').map((id) => text(nodes.get(id), NS.rdfs + 'label', locale)).filter(Boolean);
    if (legislation.length) item.legalBasis = legislation.join('; ');
    else if (rights.length) item.legalBasis = rights[0];
    if (landing) item.landingPage = landing;
    items.push(item);
  }
  return items;
}

export function dcatCatalogSource(client: ApiClient): CatalogSource {
  let catalogue: Promise<CatalogItem[]> | undefined;
  const load = (signal?: AbortSignal) =>
    (catalogue ??= fetchForeignJson<unknown>(client, '', undefined, signal)
      .then((doc) => dcatToItems(doc, client.config.locale ?? 'zh-CN'))
      .catch((error: unknown) => {
        catalogue = undefined;
        throw error;
      }));
  return {
    kind: 'dcat',
    search: async (query, signal) => searchInMemory(await load(signal), query),
    async get(id, signal) {
      const item = (await load(signal)).find((i) => i.id === id);
      if (!item) throw new ApiError({ status: 404, code: 'NOT_FOUND', message: 'No such dataset in the catalogue' });
      return item;
    },
  };
}
