import type { CatalogItem } from '../../services/catalog-types';
import { EU_ACCESS_RIGHT, EU_FREQUENCY } from '../../services/catalog-sources/vocabularies';

export interface CatalogExporters {
  toCsv(items: CatalogItem[], locale: string): string;
  toJson(items: CatalogItem[]): string;
  toDcat(item: CatalogItem): string;
}

const COLUMNS: Array<[string, (item: CatalogItem) => string]> = [
  ['id', (i) => i.id],
  ['name', (i) => i.name],
  ['summary', (i) => i.summary],
  ['agency', (i) => i.agency?.name ?? ''],
  ['agencyCode', (i) => i.agency?.code ?? ''],
  ['sharing', (i) => i.sharing],
  ['open', (i) => i.open],
  ['updateFrequency', (i) => i.updateFrequency],
  ['formats', (i) => (i.formats ?? []).join(';')],
  ['domain', (i) => i.domain ?? ''],
  ['tags', (i) => (i.tags ?? []).join(';')],
  ['legalBasis', (i) => i.legalBasis ?? ''],
  ['publishedAt', (i) => i.publishedAt ?? ''],
  ['updatedAt', (i) => i.updatedAt ?? ''],
];

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

const local: CatalogExporters = {
  // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
  toCsv: (items) => '\ufeff' + [COLUMNS.map(([h]) => h).join(','), ...items.map((i) => COLUMNS.map(([, f]) => cell(f(i))).join(','))].join('\r\n') + '\r\n',
  toJson: (items) => JSON.stringify(items, null, 2),
  toDcat: (item) =>
    JSON.stringify(
      {
        '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
        '@type': 'dcat:Dataset',
        '@id': 'urn:egov:catalog:' + encodeURIComponent(item.id),
        'dct:identifier': item.id,
        'dct:title': { '@value': item.name, '@language': 'zh-CN' },
        'dct:description': { '@value': item.summary, '@language': 'zh-CN' },
        'dct:publisher': { '@type': 'foaf:Agent', 'dct:identifier': item.agency?.code, 'foaf:name': item.agency?.name },
        'dct:accessRights': { '@id': EU_ACCESS_RIGHT[item.sharing] },
        'dct:accrualPeriodicity': { '@id': EU_FREQUENCY[item.updateFrequency] },
        ...(item.legalBasis ? { 'dct:rights': item.legalBasis } : {}),
        'dcat:keyword': item.tags ?? [],
        'dcat:theme': item.domain,
        'dct:issued': { '@value': item.publishedAt, '@type': 'xsd:dateTime' },
        'dct:modified': { '@value': item.updatedAt, '@type': 'xsd:dateTime' },
        'dcat:distribution': (item.formats ?? []).map((format) => ({ '@type': 'dcat:Distribution', 'dct:format': format })),
      },
      null,
      2,
    ),
};

/** The exporters, loaded when a download is asked for. */
export async function catalogExport(): Promise<CatalogExporters> {
  return local;
}
