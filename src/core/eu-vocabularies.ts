import type { OpenClass, SharingClass, UpdateFrequency } from './catalog-types';

/**
 * Our catalog attributes and the EU Publications Office authority tables used by DCAT-AP
 * (`dct:accessRights`, `dct:accrualPeriodicity`, `dct:format`, `dcat:theme`, `dct:license`),
 * both ways: the DCAT-AP export (src/core/dcat-ap.ts) writes them, the CKAN and DCAT-AP
 * sources read them.
 */
export const EU_ACCESS_RIGHT_BASE = 'http://publications.europa.eu/resource/authority/access-right/';
export const EU_FREQUENCY_BASE = 'http://publications.europa.eu/resource/authority/frequency/';

/** Sharing class → access right: unconditional is PUBLIC, restricted RESTRICTED, non-shared NON_PUBLIC. */
export const EU_ACCESS_RIGHT: Record<SharingClass, string> = {
  unconditional: EU_ACCESS_RIGHT_BASE + 'PUBLIC',
  restricted: EU_ACCESS_RIGHT_BASE + 'RESTRICTED',
  none: EU_ACCESS_RIGHT_BASE + 'NON_PUBLIC',
};

/** Our frequencies → EU frequency authority. Real-time data is "continuously updated"; twice a year is ANNUAL_2. */
export const EU_FREQUENCY: Record<UpdateFrequency, string> = {
  realtime: EU_FREQUENCY_BASE + 'UPDATE_CONT',
  daily: EU_FREQUENCY_BASE + 'DAILY',
  weekly: EU_FREQUENCY_BASE + 'WEEKLY',
  monthly: EU_FREQUENCY_BASE + 'MONTHLY',
  quarterly: EU_FREQUENCY_BASE + 'QUARTERLY',
  semiannual: EU_FREQUENCY_BASE + 'ANNUAL_2',
  yearly: EU_FREQUENCY_BASE + 'ANNUAL',
  irregular: EU_FREQUENCY_BASE + 'IRREG',
};

/** EU frequency codes (the last segment of the URI) → ours. Codes slower than yearly have no class of their own: irregular. */
const EU_CODES: Record<string, UpdateFrequency> = {
  CONT: 'realtime', UPDATE_CONT: 'realtime', '1MIN': 'realtime', '5MIN': 'realtime', '10MIN': 'realtime', '15MIN': 'realtime',
  '30MIN': 'realtime', HOURLY: 'realtime', BIHOURLY: 'realtime', TRIHOURLY: 'realtime', '12HRS': 'realtime',
  DAILY: 'daily', DAILY_2: 'daily',
  WEEKLY: 'weekly', WEEKLY_2: 'weekly', WEEKLY_3: 'weekly', BIWEEKLY: 'weekly',
  MONTHLY: 'monthly', MONTHLY_2: 'monthly', MONTHLY_3: 'monthly', BIMONTHLY: 'monthly',
  QUARTERLY: 'quarterly',
  ANNUAL_2: 'semiannual', ANNUAL_3: 'semiannual', TRIANNUAL: 'semiannual',
  ANNUAL: 'yearly',
  BIENNIAL: 'irregular', TRIENNIAL: 'irregular', QUADRENNIAL: 'irregular', QUINQUENNIAL: 'irregular', DECENNIAL: 'irregular',
  IRREG: 'irregular', OTHER: 'irregular', UNKNOWN: 'irregular', NEVER: 'irregular', AS_NEEDED: 'irregular', NOT_PLANNED: 'irregular',
};

/** Plain words portals put in CKAN extras (`frequency`, `update_frequency`, `accrualPeriodicity`). */
const WORDS: Array<[RegExp, UpdateFrequency]> = [
  [/real[\s_-]?time|continu|hourly|minute|\u5b9e\u65f6/i, 'realtime'],
  [/semi[\s_-]?annual|bi[\s_-]?annual|half[\s_-]?year|twice a year|\u534a\u5e74/i, 'semiannual'],
  [/daily|every day|\u6bcf\u65e5|\u6bcf\u5929|\u65e5\u66f4/i, 'daily'],
  [/weekly|every week|\u6bcf\u5468/i, 'weekly'],
  [/monthly|every month|\u6bcf\u6708/i, 'monthly'],
  [/quarter|\u5b63/i, 'quarterly'],
  [/annual|yearly|every year|\u6bcf\u5e74|\u5e74\u5ea6/i, 'yearly'],
  [/irregular|as needed|ad hoc|\u4e0d\u5b9a\u671f/i, 'irregular'],
];

/** A frequency from an EU URI, a prefixed code (`nal-frequency:ANNUAL`) or a word; irregular when unknown. */
export function frequencyFromText(value: string | undefined | null): UpdateFrequency {
  if (!value) return 'irregular';
  const text = value.trim();
  const code = text.slice(Math.max(text.lastIndexOf('/'), text.lastIndexOf(':')) + 1).toUpperCase();
  if (/^(https?:|[\w-]+:)/i.test(text) || /^[A-Z0-9_]+$/.test(text)) {
    const known = EU_CODES[code];
    if (known) return known;
  }
  for (const [pattern, frequency] of WORDS) if (pattern.test(text)) return frequency;
  return 'irregular';
}

/**
 * Sharing and open classes from a DCAT `dct:accessRights` value. PUBLIC data is open and
 * shared unconditionally; RESTRICTED is shared after review and open only on conditions;
 * NON_PUBLIC (also SENSITIVE, CONFIDENTIAL) is neither shared nor open.
 */
export function accessFromEu(value: string | undefined | null): { sharing: SharingClass; open: OpenClass } {
  const code = (value ?? '').trim().replace(/^.*[/:#]/, '').toUpperCase();
  if (code === 'RESTRICTED') return { sharing: 'restricted', open: 'conditional' };
  if (code === 'NON_PUBLIC' || code === 'SENSITIVE' || code === 'CONFIDENTIAL') return { sharing: 'none', open: 'closed' };
  return { sharing: 'unconditional', open: 'open' };
}

/** EU file-type authority (`dct:format`, a `dct:MediaTypeOrExtent`). */
export const EU_FILE_TYPE_BASE = 'http://publications.europa.eu/resource/authority/file-type/';

/** Format names our catalog and other portals use → EU file-type codes. */
export const EU_FILE_TYPES: Readonly<Record<string, string>> = {
  CSV: 'CSV', JSON: 'JSON', XML: 'XML', XLSX: 'XLSX', XLS: 'XLS', PDF: 'PDF', SHP: 'SHP', RDF: 'RDF', 'RDF/XML': 'RDF_XML',
  JSONLD: 'JSON_LD', 'JSON-LD': 'JSON_LD', JSON_LD: 'JSON_LD', ZIP: 'ZIP', TXT: 'TXT', HTML: 'HTML', ODS: 'ODS', DOCX: 'DOCX',
  DOC: 'DOC', GEOJSON: 'GEOJSON', KML: 'KML', KMZ: 'KMZ', TSV: 'TSV', TTL: 'RDF_TURTLE', TURTLE: 'RDF_TURTLE', GML: 'GML',
  WMS: 'WMS_SRVC', WFS: 'WFS_SRVC',
};

/** The EU file-type IRI of a format name, a code or an EU IRI; undefined when the table has none. */
export function fileTypeIri(format: string): string | undefined {
  const text = format.trim();
  if (text.startsWith(EU_FILE_TYPE_BASE)) return text;
  const code = EU_FILE_TYPES[text.toUpperCase()];
  return code ? EU_FILE_TYPE_BASE + code : undefined;
}

/** IANA media types of the files this catalog's data delivery serves (`dcat:mediaType`). */
export const IANA_MEDIA_TYPE_BASE = 'http://www.iana.org/assignments/media-types/';

/** EU data-theme authority (`dcat:theme`): the 13 themes of DCAT-AP. */
export const EU_THEME_BASE = 'http://publications.europa.eu/resource/authority/data-theme/';
export const EU_THEMES = ['AGRI', 'ECON', 'EDUC', 'ENER', 'ENVI', 'GOVE', 'HEAL', 'INTR', 'JUST', 'REGI', 'SOCI', 'TECH', 'TRAN'] as const;
export type EuTheme = (typeof EU_THEMES)[number];

/** An EU theme from its IRI or its code. */
export function euTheme(value: string): EuTheme | undefined {
  const text = value.trim();
  const code = (text.startsWith(EU_THEME_BASE) ? text.slice(EU_THEME_BASE.length) : text).toUpperCase();
  return (EU_THEMES as readonly string[]).includes(code) ? (code as EuTheme) : undefined;
}

/** EU licence authority (`dct:license`): the licences of our open data by their usual URL. */
export const EU_LICENCE_BASE = 'http://publications.europa.eu/resource/authority/licence/';
const LICENCES: Array<[RegExp, string]> = [
  [/creativecommons\.org\/licenses\/by\/4\.0/i, 'CC_BY_4_0'],
  [/creativecommons\.org\/licenses\/by-sa\/4\.0/i, 'CC_BYSA_4_0'],
  [/creativecommons\.org\/publicdomain\/zero\/1\.0/i, 'CC0'],
  [/creativecommons\.org\/licenses\/by\/3\.0/i, 'CC_BY_3_0'],
];

/** The EU licence IRI of a licence URL when the table has it; the URL itself otherwise. */
export function licenceIri(url: string): string {
  if (url.startsWith(EU_LICENCE_BASE)) return url;
  for (const [pattern, code] of LICENCES) if (pattern.test(url)) return EU_LICENCE_BASE + code;
  return url;
}

/** The EU language authority: the catalog's texts are Chinese (ZHO). */
export const EU_LANGUAGE_BASE = 'http://publications.europa.eu/resource/authority/language/';

const domainThemes = new Map<string, EuTheme>();

/**
 * Registers the EU data theme of catalog domains (数据领域): the domains are Chinese words,
 * so the table lives with the DCAT-AP texts (src/i18n/dcat-ap.ts) and registers itself.
 */
export function defineDomainThemes(table: Readonly<Record<string, EuTheme>>): void {
  for (const [domain, theme] of Object.entries(table)) domainThemes.set(domain, theme);
}

/** The EU data theme a catalog domain belongs to, if the registered table names one. */
export function domainTheme(domain: string): EuTheme | undefined {
  return domainThemes.get(domain);
}
