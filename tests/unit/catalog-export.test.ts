import { describe, expect, it } from 'vitest';
import type { CatalogItem, OpenClass, SharingClass } from '../../src/core/catalog-types';
import { SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../src/core/catalog-types';
import { CSV_COLUMNS, csvCell, toCsv, toDcat, toDcatJsonLd, toJson } from '../../src/services/catalog-export';
import { dcatToItems } from '../../src/services/catalog-sources/dcat';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';

const seed = catalogSeed();
const restricted = seed.find((i) => i.id === SEED_IDS.restrictedGA)!;

/** A strict RFC 4180 reader, to check what a spreadsheet program would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else if (ch === '\n' || ch === '\r' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else cell += ch;
  }
  if (cell || row.length) throw new Error('no CRLF after the last record');
  return rows;
}

const tricky: CatalogItem = {
  ...restricted,
  id: 'T-1',
  name: '=HYPERLINK("http://evil.example","点我")',
  summary: '第一行，含逗号, "引号"\r\n第二行\n第三行',
  tags: ['+SUM(A1:A2)', '-1', '@cmd', '\t=1', '正常'],
  agency: { code: '330000-GA', name: '浙江省公安厅' },
};

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and uses CRLF line ends, one header row and one row per entry', () => {
    const csv = toCsv(seed.slice(0, 5));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(6);
    expect(rows[1]![CSV_COLUMNS.indexOf('name')]).toBe(seed[0]!.name);
    expect(rows[2]![CSV_COLUMNS.indexOf('legalBasis')]).toBe(restricted.legalBasis);
    expect(rows[2]![CSV_COLUMNS.indexOf('agency')]).toBe('浙江省公安厅');
  });

  it('quotes commas, quotes and line breaks so the text reads back unchanged (RFC 4180)', () => {
    const rows = parseCsv(toCsv([tricky]).slice(1));
    expect(rows[1]![CSV_COLUMNS.indexOf('summary')]).toBe(tricky.summary);
    expect(rows[1]).toHaveLength(CSV_COLUMNS.length);
  });

  it('neutralises cells a spreadsheet would run as a formula (= + - @, tab)', () => {
    const rows = parseCsv(toCsv([tricky]).slice(1));
    expect(rows[1]![CSV_COLUMNS.indexOf('name')]).toBe(`'${tricky.name}`);
    expect(rows[1]![CSV_COLUMNS.indexOf('tags')]).toBe("'+SUM(A1:A2);-1;@cmd;\t=1;正常");
    for (const bad of ['=1+1', '+1', '-1', '@SUM(1)', '\t=1', '\r=1']) expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    for (const fine of ['1', 'a=b', '浙江', '']) expect(csvCell(fine)).toBe(fine);
  });

  it('takes header texts and value words from the caller', () => {
    const csv = toCsv([restricted], {
      headers: { name: '名称', sharing: '共享属性' },
      label: (column, value) => (column === 'sharing' && value === 'restricted' ? '受限共享' : undefined),
    });
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]![CSV_COLUMNS.indexOf('name')]).toBe('名称');
    expect(rows[0]![CSV_COLUMNS.indexOf('id')]).toBe('id');
    expect(rows[1]![CSV_COLUMNS.indexOf('sharing')]).toBe('受限共享');
    expect(rows[1]![CSV_COLUMNS.indexOf('open')]).toBe('closed');
  });

  it('writes just the header for an empty list', () => {
    expect(toCsv([])).toBe('\ufeff' + CSV_COLUMNS.join(',') + '\r\n');
  });
});

describe('JSON export', () => {
  it('is the list of entries as the API gives them', () => {
    expect(JSON.parse(toJson(seed.slice(0, 3)))).toEqual(seed.slice(0, 3));
    expect(JSON.parse(toJson([tricky]))[0].name).toBe(tricky.name);
  });
});

describe('DCAT-AP JSON-LD export', () => {
  const apiBase = 'https://portal.example/api/';

  it('describes an entry as a dcat:Dataset with typed EU access-right and frequency IRIs', () => {
    const doc = toDcatJsonLd(restricted, { apiBase });
    expect(doc).toMatchObject({
      '@id': 'https://portal.example/api/catalog/items/330000-GA-000002',
      '@type': 'dcat:Dataset',
      'dct:identifier': '330000-GA-000002',
      'dct:title': { '@value': '居民户籍登记信息', '@language': 'zh' },
      'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED', '@type': 'dct:RightsStatement' },
      'dct:accrualPeriodicity': { '@id': 'http://publications.europa.eu/resource/authority/frequency/DAILY', '@type': 'dct:Frequency' },
    });
    const context = doc['@context'] as Record<string, string>;
    const prefixes = JSON.stringify(doc).match(/"([a-z]+):[A-Za-z]+"/g)!.map((m) => m.slice(1).split(':')[0]!);
    for (const prefix of new Set(prefixes)) expect(context, prefix).toHaveProperty(prefix);
  });

  it('gives access rights as the public sees them, and every frequency its EU authority IRI', () => {
    const right = (open: OpenClass, sharing: SharingClass) => (toDcatJsonLd({ ...restricted, open, sharing })['dct:accessRights'] as { '@id': string })['@id'].replace(/^.*\//, '');
    for (const sharing of SHARING_CLASSES) {
      expect(right('open', sharing)).toBe('PUBLIC');
      expect(right('conditional', sharing)).toBe('RESTRICTED');
    }
    expect(right('closed', 'unconditional')).toBe('RESTRICTED');
    expect(right('closed', 'restricted')).toBe('RESTRICTED');
    expect(right('closed', 'none')).toBe('NON_PUBLIC');
    const codes = { realtime: 'UPDATE_CONT', daily: 'DAILY', weekly: 'WEEKLY', monthly: 'MONTHLY', quarterly: 'QUARTERLY', semiannual: 'ANNUAL_2', yearly: 'ANNUAL', irregular: 'IRREG' };
    for (const frequency of UPDATE_FREQUENCIES) {
      const doc = toDcatJsonLd({ ...restricted, updateFrequency: frequency });
      expect(doc['dct:accrualPeriodicity']).toEqual({ '@id': `http://publications.europa.eu/resource/authority/frequency/${codes[frequency]}`, '@type': 'dct:Frequency' });
    }
  });

  it('gives the entry its domain and the EU data theme of that domain, as concepts with labels', () => {
    const item = seed.find((i) => i.id === SEED_IDS.openUnconditional)!;
    const themes = toDcatJsonLd({ ...item, domain: '交通' })['dcat:theme'];
    expect(themes).toEqual([
      { '@id': 'urn:egov-domain:' + encodeURIComponent('交通'), '@type': 'skos:Concept', 'skos:prefLabel': { '@value': '交通', '@language': 'zh' } },
      expect.objectContaining({ '@id': 'http://publications.europa.eu/resource/authority/data-theme/TRAN', '@type': 'skos:Concept', 'skos:prefLabel': expect.arrayContaining([{ '@value': 'Transport', '@language': 'en' }]) }),
    ]);
    const eu = toDcatJsonLd({ ...item, domain: 'http://publications.europa.eu/resource/authority/data-theme/ECON' })['dcat:theme'] as unknown[];
    expect(eu).toHaveLength(1);
    expect(toDcatJsonLd({ ...item, domain: '' })).not.toHaveProperty('dcat:theme');
    for (const domain of new Set(seed.map((i) => i.domain))) expect((toDcatJsonLd({ ...item, domain })['dcat:theme'] as unknown[]).length, domain).toBe(2);
  });

  it('gives an entry of this catalog its rows call, and downloads with the licence when open to all', () => {
    const item = { ...seed.find((i) => i.id === SEED_IDS.openUnconditional)!, formats: ['CSV', 'XML', 'API'], licence: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } };
    const base = `${apiBase}data/${item.id}`;
    const distributions = toDcatJsonLd(item, { apiBase })['dcat:distribution'] as Array<Record<string, any>>;
    expect(distributions.map((d) => [d['dcat:accessURL']['@id'], d['dcat:downloadURL']?.['@id'], d['dct:format']?.['@id'].replace(/^.*\//, '')])).toEqual([
      [`${base}/rows`, undefined, 'JSON'],
      [`${base}/download?format=csv`, `${base}/download?format=csv`, 'CSV'],
      [`${base}/download?format=json`, `${base}/download?format=json`, 'JSON'],
      [`${apiBase}catalog/items/${item.id}`, undefined, 'XML'],
    ]);
    expect(distributions[0]!['dcat:accessService']).toMatchObject({ '@id': `${apiBase}data`, '@type': 'dcat:DataService', 'dcat:endpointURL': { '@id': apiBase, '@type': 'rdfs:Resource' } });
    expect(distributions[1]!['dct:license']).toEqual({ '@id': 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0', '@type': 'dct:LicenseDocument' });
    const conditional = toDcatJsonLd({ ...item, open: 'conditional' }, { apiBase })['dcat:distribution'] as Array<Record<string, any>>;
    expect(conditional.filter((d) => d['dcat:downloadURL'])).toEqual([]);
    expect(conditional.map((d) => d['dct:format']?.['@id'].replace(/^.*\//, ''))).toEqual(['JSON', 'CSV', 'XML']);
  });

  it('gives an entry of another catalogue its own page as accessURL, and distributions IRIs within its own', () => {
    const foreign: CatalogItem = { ...restricted, id: 'https://data.example.org/ds#1', landingPage: 'https://data.example.org/ds/1.html', formats: ['CSV', 'Shapefile'] };
    const distributions = toDcatJsonLd(foreign)['dcat:distribution'] as Array<Record<string, any>>;
    expect(distributions.map((d) => [d['@id'], d['dcat:accessURL']['@id'], d['dct:format']?.['@id']])).toEqual([
      ['https://data.example.org/ds#1-format-csv', 'https://data.example.org/ds/1.html', 'http://publications.europa.eu/resource/authority/file-type/CSV'],
      ['https://data.example.org/ds#1-format-shapefile', 'https://data.example.org/ds/1.html', undefined],
    ]);
    expect(toDcatJsonLd({ ...foreign, id: 'local-1', landingPage: undefined })).not.toHaveProperty('dcat:distribution');
  });

  it('reads back through the DCAT-AP source to the same entry', () => {
    for (const id of [SEED_IDS.restrictedGA, SEED_IDS.noneGA, SEED_IDS.openUnconditional, SEED_IDS.conditionalOpen]) {
      const item = seed.find((i) => i.id === id)!;
      const [back] = dcatToItems(JSON.parse(toDcat(item, { apiBase })));
      expect(back, id).toMatchObject({
        id: item.id,
        name: item.name,
        summary: item.summary,
        agency: item.agency,
        updateFrequency: item.updateFrequency,
        tags: item.tags,
        domain: item.domain,
        publishedAt: item.publishedAt,
        updatedAt: item.updatedAt,
      });
      // Every declared format but the API (its distribution is the rows call, JSON).
      expect(back!.formats, id).toEqual(expect.arrayContaining(item.formats.filter((f) => f !== 'API')));
      if (item.open !== 'closed') expect(back!.open, id).toBe(item.open);
      expect(back!.legalBasis, id).toBe(item.legalBasis);
    }
  });

  it('keeps the legal basis, the sharing condition and the fields in the metadata', () => {
    const doc = toDcatJsonLd(restricted);
    expect(doc['dct:rights']).toEqual([
      { '@type': 'dct:RightsStatement', 'rdfs:label': { '@value': restricted.legalBasis, '@language': 'zh' } },
      { '@type': 'dct:RightsStatement', 'rdfs:label': { '@value': restricted.sharingCondition, '@language': 'zh' } },
    ]);
    expect(JSON.stringify(doc['dct:conformsTo'])).toContain('gmsfhm 公民身份号码 (string)');
    expect(toDcat(restricted).endsWith('}\n')).toBe(true);
  });
});
