import type { CatalogItem } from '../core/catalog-types';
import { csvCell } from '../core/csv';
// The DCAT-AP texts in both languages, for the entry's metadata.
import '../i18n/dcat-ap';

export { csvCell };
// One entry as DCAT-AP 3: the same mapping the server's harvestable catalogue uses.
export { DCAT_CONTEXT, toDcat, toDcatJsonLd, type DcatOptions } from '../core/dcat-ap';

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
