import type { CatalogItem } from '../core/catalog-types';
import { EU_ACCESS_RIGHT, EU_FREQUENCY } from './catalog-sources/vocabularies';
import { csvCell } from '../core/csv';

export { csvCell };

/**
 * Open data in forms easy to get and process (Art. 27): the current result list as CSV or
 * JSON, one entry's metadata as DCAT-AP 3 JSON-LD. Pure functions: the element turns the
 * text into a download.
 */

export type CsvColumn =
  | 'id' | 'name' | 'summary' | 'agencyCode' | 'agency' | 'sharing' | 'sharingCondition' | 'legalBasis'
  | 'open' | 'updateFrequency' | 'formats' | 'domain' | 'tags' | 'publishedAt' | 'updatedAt' | 'landingPage';

const COLUMNS: ReadonlyArray<[CsvColumn, (item: CatalogItem) => string]> = [
  ['id', (i) => i.id],
  ['name', (i) => i.name],
  ['summary', (i) => i.summary],
  ['agencyCode', (i) => i.agency?.code ?? ''],
  ['agency', (i) => i.agency?.name ?? ''],
  ['sharing', (i) => i.sharing],
  ['sharingCondition', (i) => i.sharingCondition ?? ''],
  ['legalBasis', (i) => i.legalBasis ?? ''],
  ['open', (i) => i.open],
  ['updateFrequency', (i) => i.updateFrequency],
  ['formats', (i) => (i.formats ?? []).join(';')],
  ['domain', (i) => i.domain ?? ''],
  ['tags', (i) => (i.tags ?? []).join(';')],
  ['publishedAt', (i) => i.publishedAt ?? ''],
  ['updatedAt', (i) => i.updatedAt ?? ''],
  ['landingPage', (i) => i.landingPage ?? ''],
];

export const CSV_COLUMNS: readonly CsvColumn[] = COLUMNS.map(([c]) => c);

export interface CsvOptions {
  /** Header text per column (e.g. from the message catalogue); the column key otherwise. */
  headers?: Partial<Record<CsvColumn, string>>;
  /** Words for coded values (sharing, open, updateFrequency); the code otherwise. */
  label?: (column: CsvColumn, value: string) => string | undefined;
}

/**
 * The entries as CSV: RFC 4180 (CRLF line ends, quoted cells), UTF-8 with a byte-order mark
 * so that Excel reads Chinese text correctly.
 */
export function toCsv(items: readonly CatalogItem[], options: CsvOptions = {}): string {
  const header = COLUMNS.map(([column]) => csvCell(options.headers?.[column] ?? column)).join(',');
  const coded = new Set<CsvColumn>(['sharing', 'open', 'updateFrequency']);
  const rows = items.map((item) =>
    COLUMNS.map(([column, read]) => {
      const value = read(item);
      return csvCell((coded.has(column) && options.label?.(column, value)) || value);
    }).join(','),
  );
  return '\ufeff' + [header, ...rows].join('\r\n') + '\r\n';
}

/** The entries as a JSON array of CatalogItems, as the API gives them. */
export function toJson(items: readonly CatalogItem[]): string {
  return JSON.stringify(items, null, 2) + '\n';
}

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** EU file-type authority codes of the formats our catalog uses. */
const FILE_TYPES: Record<string, string> = {
  CSV: 'CSV', JSON: 'JSON', XML: 'XML', XLSX: 'XLSX', XLS: 'XLS', PDF: 'PDF', SHP: 'SHP', RDF: 'RDF', JSONLD: 'JSON_LD', 'JSON-LD': 'JSON_LD', ZIP: 'ZIP', TXT: 'TXT',
};
const FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/';

export interface DcatOptions {
  /** The dataset's IRI, e.g. the API URL of the entry; a URN from the resource code otherwise. */
  uri?: string;
  /** Language tag of the texts (the catalog's are Chinese). */
  language?: string;
}

/**
 * One entry as a DCAT-AP 3 `dcat:Dataset` in JSON-LD. The sharing class maps to
 * `dct:accessRights` (unconditional → PUBLIC, restricted → RESTRICTED, non-shared →
 * NON_PUBLIC) and the update frequency to `dct:accrualPeriodicity`, both as EU authority
 * URIs; the legal basis and the sharing condition become `dct:rights` statements.
 */
export function toDcatJsonLd(item: CatalogItem, options: DcatOptions = {}): Record<string, unknown> {
  const language = options.language ?? 'zh';
  const text = (value: string) => ({ '@value': value, '@language': language });
  const rights = [item.legalBasis, item.sharingCondition].filter((v): v is string => !!v);
  const dataset: Record<string, unknown> = {
    '@context': DCAT_CONTEXT,
    '@id': options.uri ?? 'urn:egov-catalog:' + encodeURIComponent(item.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': item.id,
    'dct:title': text(item.name),
    'dct:description': text(item.summary),
    'dct:publisher': { '@id': 'urn:egov-agency:' + encodeURIComponent(item.agency.code), '@type': 'foaf:Agent', 'dct:identifier': item.agency.code, 'foaf:name': text(item.agency.name) },
    'dct:accessRights': { '@id': EU_ACCESS_RIGHT[item.sharing] },
    'dct:accrualPeriodicity': { '@id': EU_FREQUENCY[item.updateFrequency] },
    'dcat:keyword': item.tags.map(text),
    'dct:issued': { '@value': item.publishedAt, '@type': 'xsd:dateTime' },
    'dct:modified': { '@value': item.updatedAt, '@type': 'xsd:dateTime' },
    'dcat:distribution': item.formats.map((format) => {
      const code = FILE_TYPES[format.toUpperCase()];
      return {
        '@type': 'dcat:Distribution',
        'dct:format': code ? { '@id': FILE_TYPE_BASE + code } : format,
        ...(item.landingPage ? { 'dcat:accessURL': { '@id': item.landingPage } } : {}),
      };
    }),
  };
  if (item.domain) dataset['dcat:theme'] = { '@type': 'skos:Concept', 'skos:prefLabel': text(item.domain) };
  if (rights.length) dataset['dct:rights'] = rights.map((r) => ({ '@type': 'dct:RightsStatement', 'rdfs:label': text(r) }));
  if (item.landingPage) dataset['dcat:landingPage'] = { '@id': item.landingPage };
  if (item.fields?.length) {
    // The data items of the entry (Art. 16) as a table schema description.
    dataset['dct:conformsTo'] = {
      '@type': 'dct:Standard',
      'rdfs:label': text(item.fields.map((f) => `${f.name} ${f.label} (${f.type})`).join('; ')),
    };
  }
  return dataset;
}

/** `toDcatJsonLd` as the text of a `.jsonld` file. */
export function toDcat(item: CatalogItem, options: DcatOptions = {}): string {
  return JSON.stringify(toDcatJsonLd(item, options), null, 2) + '\n';
}
