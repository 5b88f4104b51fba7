import { ApiError, type ApiClient } from '../api-client';
import type { CatalogFacets, CatalogItem, CatalogPage, CatalogQuery, FacetValue, UpdateFrequency } from '../../core/catalog-types';
import { fetchForeignJson } from './fetch-json';
import type { CatalogSource } from './types';
import { frequencyFromText } from './vocabularies';
import { boundPageSize, normaliseQuery } from '../../core/catalog-query';

/**
 * A CKAN portal through its Action API (`api-base` is the API root, e.g.
 * `https://demo.ckan.org/api/3`): `package_search` with q, fq, facet.field, rows/start and
 * `search_facets`; `package_show` for one dataset. CKAN publishes open data, so every
 * dataset is unconditionally shared; it is `open` when CKAN says its licence is open
 * (`isopen`), else conditionally open. Frequencies come from extras where a portal keeps
 * them, else irregular.
 */

interface CkanResponse<T> {
  success: boolean;
  result: T;
  error?: { message?: string; __type?: string };
}

interface CkanTag { name: string; display_name?: string }
interface CkanResource { format?: string; url?: string; name?: string }
interface CkanOrganization { name: string; title?: string }
export interface CkanPackage {
  id: string;
  name: string;
  title?: string;
  notes?: string | null;
  organization?: CkanOrganization | null;
  author?: string | null;
  maintainer?: string | null;
  isopen?: boolean;
  private?: boolean;
  license_title?: string | null;
  metadata_created?: string;
  metadata_modified?: string;
  tags?: CkanTag[];
  groups?: Array<{ name: string; display_name?: string; title?: string }>;
  resources?: CkanResource[];
  extras?: Array<{ key: string; value: string }>;
  url?: string | null;
}

interface CkanSearchFacet { items: Array<{ name: string; display_name?: string; count: number }>; title?: string }
interface CkanSearchResult {
  count: number;
  results: CkanPackage[];
  search_facets?: Record<string, CkanSearchFacet>;
}

/** Solr treats these as syntax; a user's text must stay text. */
const SOLR_SPECIAL = /[+\-!(){}[\]^"~*?:\\/]|&&|\|\|/g;
export function escapeSolr(text: string): string {
  return text.replace(SOLR_SPECIAL, (m) => m.split('').map((c) => '\\' + c).join(''));
}
const quoted = (value: string) => '"' + value.replace(/["\\]/g, (c) => '\\' + c) + '"';

const FREQUENCY_KEYS = /^(frequency|update_frequency|updatefrequency|accrual_?periodicity|dct:accrualperiodicity|periodicity)$/i;

/** Solr spellings each of our frequencies may be kept under in a CKAN extra. */
const FREQUENCY_TERMS: Record<UpdateFrequency, string[]> = {
  realtime: ['realtime', 'continuous', 'UPDATE_CONT', 'CONT'],
  daily: ['daily', 'DAILY'],
  weekly: ['weekly', 'WEEKLY'],
  monthly: ['monthly', 'MONTHLY'],
  quarterly: ['quarterly', 'QUARTERLY'],
  semiannual: ['semiannual', 'biannual', 'ANNUAL_2'],
  yearly: ['annual', 'yearly', 'ANNUAL'],
  irregular: ['irregular', 'IRREG'],
};

function iso(value: string | undefined): string {
  if (!value) return '';
  // CKAN writes UTC timestamps without a zone.
  return /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : value + 'Z';
}

export function ckanToItem(pkg: CkanPackage): CatalogItem {
  const frequencyExtra = pkg.extras?.find((e) => FREQUENCY_KEYS.test(e.key))?.value;
  const formats = [...new Set((pkg.resources ?? []).map((r) => (r.format ?? '').trim().toUpperCase()).filter(Boolean))];
  const group = pkg.groups?.[0];
  const publisher = pkg.organization
    ? { code: pkg.organization.name, name: pkg.organization.title || pkg.organization.name }
    : { code: '', name: pkg.author || pkg.maintainer || '' };
  const landing = pkg.url || pkg.resources?.find((r) => r.url)?.url;
  const item: CatalogItem = {
    id: pkg.id,
    name: pkg.title || pkg.name,
    summary: pkg.notes ?? '',
    agency: publisher,
    sharing: 'unconditional',
    open: pkg.private ? 'closed' : pkg.isopen === false ? 'conditional' : 'open',
    updateFrequency: frequencyFromText(frequencyExtra),
    formats,
    domain: group ? group.display_name || group.title || group.name : '',
    tags: (pkg.tags ?? []).map((t) => t.display_name || t.name),
    publishedAt: iso(pkg.metadata_created),
    updatedAt: iso(pkg.metadata_modified || pkg.metadata_created),
    fields: [],
  };
  if (landing) item.landingPage = landing;
  return item;
}

/** `fq` for our filters. Sharing and open classes CKAN has not got are answered without asking CKAN. */
export function ckanFilterQuery(query: CatalogQuery): string | null {
  const parts: string[] = [];
  if (query.sharing.length && !query.sharing.includes('unconditional')) return null;
  if (query.open.length) {
    const wantsOpen = query.open.includes('open');
    const wantsConditional = query.open.includes('conditional');
    if (!wantsOpen && !wantsConditional) return null;
    if (wantsOpen !== wantsConditional) parts.push(wantsOpen ? 'isopen:true' : 'isopen:false');
  }
  if (query.agency.length) parts.push(`organization:(${query.agency.map(quoted).join(' OR ')})`);
  if (query.frequency.length) {
    const terms = query.frequency.flatMap((f) => FREQUENCY_TERMS[f as UpdateFrequency] ?? []);
    const clauses = terms.length ? [`extras_frequency:(${terms.map(quoted).join(' OR ')})`] : [];
    // Datasets that record no frequency are irregular.
    if (query.frequency.includes('irregular')) clauses.push('(*:* -extras_frequency:[* TO *])');
    if (!clauses.length) return null;
    parts.push(clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`);
  }
  return parts.join(' AND ');
}

const SORTS: Record<CatalogQuery['sort'], string> = {
  relevance: 'score desc, metadata_modified desc',
  updated: 'metadata_modified desc',
  name: 'title_string asc',
};

function emptyFacets(): CatalogFacets {
  return { agency: [], sharing: [], open: [], frequency: [] };
}

export function ckanPage(result: CkanSearchResult, query: CatalogQuery, pageSize: number): CatalogPage {
  const organisations = result.search_facets?.organization?.items ?? [];
  const agency: FacetValue[] = organisations
    .map((o) => ({ value: o.name, label: o.display_name || o.name, count: o.count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const items = result.results.map(ckanToItem);
  const facets = emptyFacets();
  facets.agency = agency;
  // Everything CKAN returns is shared unconditionally; the open facet counts the page's
  // licences only when the whole result is on the page (CKAN has no facet for it).
  if (result.count) facets.sharing = [{ value: 'unconditional', label: 'unconditional', count: result.count }];
  if (result.count && result.count <= items.length) {
    for (const open of ['open', 'conditional'] as const) {
      const count = items.filter((i) => i.open === open).length;
      if (count) facets.open.push({ value: open, label: open, count });
    }
  }
  return { items, total: result.count, page: query.page, pageSize, facets };
}

export function ckanCatalogSource(client: ApiClient): CatalogSource {
  async function action<T>(name: string, params: Record<string, string | number>, signal?: AbortSignal): Promise<T> {
    const body = await fetchForeignJson<CkanResponse<T>>(client, 'action/' + name, params, signal);
    if (!body || body.success !== true) {
      const notFound = body?.error?.__type === 'Not Found Error';
      throw new ApiError({ status: notFound ? 404 : 502, code: notFound ? 'NOT_FOUND' : 'BAD_RESPONSE', message: body?.error?.message ?? 'CKAN reported a failure' });
    }
    return body.result;
  }

  return {
    kind: 'ckan',
    async search(query, signal) {
      const pageSize = boundPageSize(Math.trunc(query.pageSize) || undefined);
      const page = Math.max(1, Math.trunc(query.page) || 1);
      const fq = ckanFilterQuery(query);
      if (fq === null) return { items: [], total: 0, page, pageSize, facets: emptyFacets() };
      const q = normaliseQuery(query.q);
      const result = await action<CkanSearchResult>('package_search', {
        q: q ? escapeSolr(q) : '*:*',
        ...(fq ? { fq } : {}),
        'facet.field': JSON.stringify(['organization', 'res_format', 'groups']),
        'facet.limit': 50,
        rows: pageSize,
        start: (page - 1) * pageSize,
        sort: q ? SORTS[query.sort] : query.sort === 'name' ? SORTS.name : SORTS.updated,
      }, signal);
      return ckanPage(result, { ...query, page }, pageSize);
    },
    async get(id, signal) {
      return ckanToItem(await action<CkanPackage>('package_show', { id }, signal));
    },
  };
}
