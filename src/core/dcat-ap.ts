import type { CatalogItem } from './catalog-types';
import {
  domainTheme, EU_ACCESS_RIGHT_BASE, EU_FREQUENCY, EU_LANGUAGE_BASE, EU_THEME_BASE, IANA_MEDIA_TYPE_BASE, euTheme, fileTypeIri, licenceIri, type EuTheme,
} from './eu-vocabularies';
import { translate } from './i18n';
import { LOCALES, type EgovLocale } from './locale';

/**
 * The catalog as DCAT-AP 3 JSON-LD (Art. 27: open data in forms easy to get and process),
 * one pure mapping for the server's harvestable catalogue (`GET /catalog/dcat.jsonld`) and
 * the catalog browser's per-entry download, so both describe an entry with the same node.
 * Checked against the official DCAT-AP 3.0.1 SHACL shapes (tests/unit/dcat-shacl.test.ts).
 *
 * Every code value is an IRI of an EU authority table, typed with the class DCAT-AP gives
 * its range (`dct:RightsStatement`, `dct:Frequency`, `dct:MediaTypeOrExtent`,
 * `dct:LicenseDocument`, `skos:Concept`): a SHACL engine does no inference, so an untyped
 * IRI fails the range check.
 */

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

export type JsonLdNode = Record<string, unknown>;

export interface DcatOptions {
  /**
   * The absolute URL of this catalog's API, ending in `/` (what `ApiClient.url('')` gives):
   * the entry's IRI, its rows call, its downloads and the data service hang from it. Leave
   * it out for an entry read from another catalogue (CKAN, DCAT-AP), whose own links are used.
   */
  apiBase?: string;
  /** The dataset's IRI, when not the API's URL of the entry. */
  uri?: string;
  /** Language tag of the entry's texts (this catalog's are Chinese). */
  language?: string;
}

const LANGUAGE_TAG: Record<EgovLocale, string> = { 'zh-CN': 'zh', en: 'en' };
/**
 * A message (`dcat.…`) in every language of the catalogue, as language-tagged literals. The
 * texts are src/i18n/dcat-ap.ts, registered by whoever builds the document (the server's
 * route, the browser's export), never imported here.
 */
const texts = (key: `dcat.${string}`, params?: Record<string, string>) =>
  LOCALES.map((locale) => ({ '@value': translate(locale, key, params), '@language': LANGUAGE_TAG[locale] }));
const isHttp = (value: string) => /^https?:\/\/[^\s]+$/i.test(value);
const enc = encodeURIComponent;

/** A date as a typed literal: `xsd:date` or `xsd:dateTime`; nothing for an empty or unreadable one. */
function dateLiteral(value: string | undefined): { '@value': string; '@type': string } | undefined {
  const text = (value ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { '@value': text, '@type': 'xsd:date' };
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(text) && !Number.isNaN(Date.parse(text))) {
    return { '@value': text, '@type': 'xsd:dateTime' };
  }
  return undefined;
}

/**
 * Access rights as the public sees them (DCAT-AP: "whether the Dataset is publicly
 * accessible, has access restrictions or is not public"): open data is PUBLIC, conditionally
 * open data RESTRICTED; data outside the open catalog is RESTRICTED when agencies share it
 * and NON_PUBLIC when not shared (Art. 21–25).
 */
export function accessRightIri(item: Pick<CatalogItem, 'open' | 'sharing'>): string {
  if (item.open === 'open') return EU_ACCESS_RIGHT_BASE + 'PUBLIC';
  if (item.open === 'conditional' || item.sharing !== 'none') return EU_ACCESS_RIGHT_BASE + 'RESTRICTED';
  return EU_ACCESS_RIGHT_BASE + 'NON_PUBLIC';
}

const typed = (iri: string, type: string) => ({ '@id': iri, '@type': type });
const format = (name: string) => {
  const iri = fileTypeIri(name);
  return iri ? { 'dct:format': typed(iri, 'dct:MediaTypeOrExtent') } : {};
};
const mediaType = (type: string) => ({ 'dcat:mediaType': typed(IANA_MEDIA_TYPE_BASE + type, 'dct:MediaType') });

function euThemeConcept(theme: EuTheme): JsonLdNode {
  return { '@id': EU_THEME_BASE + theme, '@type': 'skos:Concept', 'skos:prefLabel': texts(`dcat.theme.${theme}`) };
}

/**
 * The entry's themes: its own domain as a concept (first, so that a DCAT-AP reader takes it
 * back as the domain) and the EU data theme the domain belongs to. A domain that is already
 * an EU data-theme IRI or code is just that theme.
 */
function themes(domain: string, text: (v: string) => unknown): JsonLdNode[] {
  const value = domain.trim();
  if (!value) return [];
  const eu = euTheme(value);
  if (eu) return [euThemeConcept(eu)];
  const own: JsonLdNode = isHttp(value)
    ? { '@id': value, '@type': 'skos:Concept', 'skos:prefLabel': text(value.replace(/[/#]+$/, '').replace(/^.*[/#]/, '') || value) }
    : { '@id': 'urn:egov-domain:' + enc(value), '@type': 'skos:Concept', 'skos:prefLabel': text(value) };
  const mapped = domainTheme(value);
  return mapped ? [own, euThemeConcept(mapped)] : [own];
}

/** The IRI of this catalog's data service (the rows API of SPEC §7). */
export const dataServiceIri = (apiBase: string) => apiBase + 'data';

/**
 * This catalog's rows API as a `dcat:DataService`: as a distribution's `accessService`, what
 * DCAT-AP requires (title, endpoint) and the dataset it serves; as the catalogue's
 * `dcat:service`, with its description too.
 */
export function dataServiceNode(apiBase: string, serves?: string): JsonLdNode {
  const node: JsonLdNode = {
    '@id': dataServiceIri(apiBase),
    '@type': 'dcat:DataService',
    'dct:title': texts('dcat.service.title'),
    'dcat:endpointURL': typed(apiBase, 'rdfs:Resource'),
  };
  if (serves) node['dcat:servesDataset'] = { '@id': serves };
  else node['dct:description'] = texts('dcat.service.description');
  return node;
}

/** The IRI an entry of this catalog has: its URL in the API. */
export const datasetIri = (apiBase: string, id: string) => `${apiBase}catalog/items/${enc(id)}`;

/**
 * One entry as a DCAT-AP 3 `dcat:Dataset` node (no `@context`). An entry of this catalog
 * (`apiBase` given) has real distributions: the rows API (`accessURL` its `/data/{id}/rows`
 * call, `accessService` the data service) and, for data open to all, the whole data set as
 * CSV and JSON (`downloadURL` `/data/{id}/download?format=…`, with the licence); formats the
 * entry declares beyond those are distributions whose `accessURL` is the entry's page. An
 * entry of another catalogue keeps its own page as every distribution's `accessURL`.
 */
export function dcatDataset(item: CatalogItem, options: DcatOptions = {}): JsonLdNode {
  const language = options.language ?? 'zh';
  const text = (value: string) => ({ '@value': value, '@language': language });
  const base = options.apiBase;
  const id = options.uri ?? (base ? datasetIri(base, item.id) : isHttp(item.id) ? item.id : 'urn:egov-catalog:' + enc(item.id));
  const page = base ? id : item.landingPage ?? (isHttp(id) ? id : undefined);
  // Distributions are named within the dataset's IRI (its fragment, or a suffix when it has one).
  const part = (name: string) => (id.includes('#') ? `${id}-${name}` : `${id}#${name}`);
  const name = item.name || item.id;

  const dataset: JsonLdNode = {
    '@id': id,
    '@type': 'dcat:Dataset',
    'dct:identifier': item.id,
    'dct:title': text(name),
    'dct:description': text(item.summary || name),
  };
  const agencyName = item.agency?.name || item.agency?.code;
  if (agencyName) {
    dataset['dct:publisher'] = {
      ...(item.agency.code ? { '@id': 'urn:egov-agency:' + enc(item.agency.code), 'dct:identifier': item.agency.code } : {}),
      '@type': 'foaf:Agent',
      'foaf:name': text(agencyName),
    };
  }
  dataset['dct:accessRights'] = typed(accessRightIri(item), 'dct:RightsStatement');
  if (EU_FREQUENCY[item.updateFrequency]) dataset['dct:accrualPeriodicity'] = typed(EU_FREQUENCY[item.updateFrequency], 'dct:Frequency');
  const keywords = (item.tags ?? []).filter((t) => t.trim());
  if (keywords.length) dataset['dcat:keyword'] = keywords.map(text);
  const issued = dateLiteral(item.publishedAt);
  const modified = dateLiteral(item.updatedAt);
  if (issued) dataset['dct:issued'] = issued;
  if (modified) dataset['dct:modified'] = modified;
  const concepts = themes(item.domain ?? '', text);
  if (concepts.length) dataset['dcat:theme'] = concepts;
  if (base) dataset['dct:language'] = typed(EU_LANGUAGE_BASE + 'ZHO', 'dct:LinguisticSystem');

  const rights = [item.legalBasis, item.sharingCondition].filter((v): v is string => !!v);
  if (rights.length) dataset['dct:rights'] = rights.map((r) => ({ '@type': 'dct:RightsStatement', 'rdfs:label': text(r) }));
  if (item.landingPage && isHttp(item.landingPage)) dataset['dcat:landingPage'] = typed(item.landingPage, 'foaf:Document');
  if (item.fields?.length) {
    // The data items of the entry (Art. 16) as a table schema description.
    dataset['dct:conformsTo'] = {
      '@type': 'dct:Standard',
      'rdfs:label': text(item.fields.map((f) => `${f.name} ${f.label} (${f.type})`).join('; ')),
    };
  }

  const licence = item.licence?.url ? { 'dct:license': typed(licenceIri(item.licence.url), 'dct:LicenseDocument') } : {};
  const distributions: JsonLdNode[] = [];
  const served = new Set<string>();
  if (base) {
    const data = `${base}data/${enc(item.id)}`;
    distributions.push({
      '@id': part('rows'),
      '@type': 'dcat:Distribution',
      'dct:title': texts('dcat.distribution.rows'),
      'dcat:accessURL': { '@id': data + '/rows' },
      ...format('JSON'),
      ...mediaType('application/json'),
      'dcat:accessService': dataServiceNode(base, id),
      ...(item.open === 'open' ? licence : {}),
    });
    served.add('API');
    if (item.open === 'open') {
      for (const [kind, type] of [['csv', 'text/csv'], ['json', 'application/json']] as const) {
        const url = { '@id': `${data}/download?format=${kind}` };
        distributions.push({
          '@id': part(`download-${kind}`),
          '@type': 'dcat:Distribution',
          'dct:title': texts(`dcat.distribution.${kind}`),
          'dcat:accessURL': url,
          'dcat:downloadURL': url,
          ...format(kind),
          ...mediaType(type),
          ...licence,
        });
        served.add(kind.toUpperCase());
      }
    }
  }
  if (page) {
    for (const declared of new Set(item.formats ?? [])) {
      const name = declared.trim();
      if (!name || served.has(name.toUpperCase())) continue;
      distributions.push({
        '@id': part(`format-${enc(name.toLowerCase())}`),
        '@type': 'dcat:Distribution',
        // This catalog's entry is asked for through the catalogue; another catalogue's page is the data's own.
        'dct:title': texts(base ? 'dcat.distribution.declared' : 'dcat.distribution.format', { format: name }),
        'dcat:accessURL': { '@id': page },
        ...format(name),
      });
    }
  }
  if (distributions.length) dataset['dcat:distribution'] = distributions;
  return dataset;
}

/** One entry as a DCAT-AP 3 JSON-LD document: its dataset node with the context. */
export function toDcatJsonLd(item: CatalogItem, options: DcatOptions = {}): JsonLdNode {
  return { '@context': DCAT_CONTEXT, ...dcatDataset(item, options) };
}

/** `toDcatJsonLd` as the text of a `.jsonld` file. */
export function toDcat(item: CatalogItem, options: DcatOptions = {}): string {
  return JSON.stringify(toDcatJsonLd(item, options), null, 2) + '\n';
}

export interface DcatCatalogPage {
  /** As in `DcatOptions`: this catalog's API, absolute, ending in `/`. */
  apiBase: string;
  /** The entries of this page, with their fields, row counts and licences. */
  items: CatalogItem[];
  total: number;
  page: number;
  pageSize: number;
  /** The catalogue's publisher (the data office). */
  publisher: { code: string; name: string };
  /** The portal's home page, when known. */
  homepage?: string;
}

/** The URL of one page of the harvestable catalogue. */
export const catalogPageUrl = (apiBase: string, page: number, pageSize: number) => `${apiBase}catalog/dcat.jsonld?page=${page}&pageSize=${pageSize}`;

/**
 * One page of the open catalog as a DCAT-AP 3 `dcat:Catalog` with its datasets, paged as
 * harvesters read it: the catalogue is a `hydra:Collection` of `hydra:totalItems` whose
 * `hydra:view` is this page, a `hydra:PartialCollectionView` linking first, last, previous
 * and next pages.
 */
export function toDcatCatalog(input: DcatCatalogPage): JsonLdNode {
  const { apiBase, items, total, page, pageSize, publisher } = input;
  const last = Math.max(1, Math.ceil(total / pageSize));
  const link = (n: number) => ({ '@id': catalogPageUrl(apiBase, n, pageSize) });
  const datasets = items.map((item) => dcatDataset(item, { apiBase }));
  const view: JsonLdNode = {
    '@id': catalogPageUrl(apiBase, page, pageSize),
    '@type': 'hydra:PartialCollectionView',
    'hydra:first': link(1),
    'hydra:last': link(last),
  };
  if (page > 1) view['hydra:previous'] = link(Math.min(page - 1, last));
  if (page < last) view['hydra:next'] = link(page + 1);
  const catalog: JsonLdNode = {
    '@id': apiBase + 'catalog/dcat.jsonld',
    '@type': ['dcat:Catalog', 'hydra:Collection'],
    'dct:title': texts('dcat.catalog.title'),
    'dct:description': texts('dcat.catalog.description'),
    'dct:publisher': {
      '@id': 'urn:egov-agency:' + enc(publisher.code),
      '@type': 'foaf:Agent',
      'dct:identifier': publisher.code,
      'foaf:name': { '@value': publisher.name, '@language': 'zh' },
    },
    'dct:language': typed(EU_LANGUAGE_BASE + 'ZHO', 'dct:LinguisticSystem'),
    ...(input.homepage ? { 'foaf:homepage': typed(input.homepage, 'foaf:Document') } : {}),
    'dcat:service': dataServiceNode(apiBase),
    'dcat:dataset': datasets.map((d) => ({ '@id': d['@id'] })),
    'hydra:totalItems': total,
    'hydra:view': view,
  };
  return { '@context': DCAT_CONTEXT, '@graph': [catalog, ...datasets] };
}
