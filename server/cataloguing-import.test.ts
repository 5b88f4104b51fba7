import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_LIMITS, type CatalogueEntryDetail, type CatalogueField } from '../src/core/catalog-types';
import { IMPORT_RATE } from './routes/cataloguing';
import { RowCollector } from './cataloguing/csv-import';
import { startTestServer, streamedCsvBody, type TestServer } from './testing';
import { TokenService } from './tokens';

const SECRET = 'cataloguing-import-test';

/** SPEC §8's CSV import over HTTP: bounded files, personal values in open data, one import at a time, a rate limit. */

type Problem = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

let server: TestServer;
let steward: string;

/** A steward of 330000-WJ of its own (its own import slot and rate-limit window). */
async function newSteward(id: string): Promise<string> {
  await server.store.db.insertInto('subjects').values({ id, name: '导入员', kind: 'steward', agency_code: '330000-WJ', id_number: null, mobile: null }).execute();
  return new TokenService(SECRET).issue(id, 3600).token;
}

beforeAll(async () => {
  server = await startTestServer({ EGOV_SECRET: SECRET });
  steward = await newSteward('steward-import-1');
});
afterAll(() => server?.stop());

let counter = 0;
async function draft(fields: Array<Partial<CatalogueField>>, extra: Record<string, unknown> = {}, token = steward): Promise<CatalogueEntryDetail> {
  counter++;
  const created = await server.call<CatalogueEntryDetail>('POST', '/api/catalog/entries', {
    token,
    body: { name: `导入测试目录${counter} ${Date.now().toString(36)}`, summary: '导入测试', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', domain: '测试', fields: fields.map((f) => ({ type: 'string', sensitivity: 'none', description: '', ...f })), ...extra },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

const MULTIPART = 'multipart/form-data; boundary=imp0rt';
const HEAD = '--imp0rt\r\nContent-Disposition: form-data; name="file"; filename="data.csv"\r\nContent-Type: text/csv\r\n\r\n';
const TAIL = '\r\n--imp0rt--\r\n';

async function send(id: string, body: BodyInit, token = steward, headers: Record<string, string> = { 'Content-Type': MULTIPART }) {
  const response = await fetch(`${server.origin}/api/catalog/entries/${id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, ...headers }, body, duplex: 'half' } as RequestInit);
  return { status: response.status, headers: response.headers, body: (await response.json()) as { rows: number } & Problem };
}
const importCsv = (id: string, csv: string, token = steward) => send(id, HEAD + csv + TAIL, token);

describe('personal values in an open entry\'s import (Art. 25)', () => {
  const fields = [{ name: 'jgmc', label: '机构名称' }, { name: 'bz', label: '备注' }];

  it('refuses a citizen ID number with a valid check digit, a mobile number and a plate, naming line and field', async () => {
    const entry = await draft(fields);
    const cases: Array<[string, string, RegExp]> = [
      ['颐养院,登记人 11010519491231002X', 'line 3 / 备注', /citizen ID number/],
      ['颐养院,13812345678', 'line 3 / 备注', /mobile number/],
      ['浙A12345,停车', 'line 3 / 机构名称', /number plate/],
    ];
    for (const [line, path, message] of cases) {
      const answer = await importCsv(entry.id, `jgmc,bz\n福寿园,2015年成立\n${line}\n`);
      expect(answer.status, line).toBe(422);
      expect(answer.body.error.fields).toEqual([{ path, message: expect.stringMatching(message) }]);
      // The value itself is not repeated in the answer.
      expect(JSON.stringify(answer.body)).not.toContain(line.split(',')[line.startsWith('浙') ? 0 : 1]!.replace(/^登记人 /, ''));
    }
    // A number that only looks like one (a wrong check digit, a landline) is taken.
    expect((await importCsv(entry.id, 'jgmc,bz\n颐养院,110105194912310021\n福寿园,0571-87654321\n')).body.rows).toBe(2);
  });

  it('takes the same values in a closed entry', async () => {
    const entry = await draft(fields, { open: 'closed' });
    expect((await importCsv(entry.id, 'jgmc,bz\n颐养院,13812345678\n')).body.rows).toBe(1);
  });
});

describe('bounded imports', () => {
  it(`refuses more than ${CATALOGUE_LIMITS.csvRows.toLocaleString('en')} rows with 413 and changes nothing`, async () => {
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    expect((await importCsv(entry.id, 'n\n1\n2\n')).body.rows).toBe(2);
    const answer = await send(entry.id, streamedCsvBody('imp0rt', 'n', '7', CATALOGUE_LIMITS.csvRows + 1));
    expect(answer.status).toBe(413);
    expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.body.error.fields).toEqual([{ path: 'file', message: expect.stringContaining('1,000,000 rows') }]);
    const after = await server.call<CatalogueEntryDetail>('GET', `/api/catalog/entries/${entry.id}`, { token: steward });
    expect(after.body.importedRows).toBe(2);
    // Nothing of the refused import is left behind.
    const left = await server.store.db.selectFrom('data_blocks').select('item_id').where('item_id', 'like', `${entry.id}@%#%`).execute();
    expect(left).toEqual([]);
  }, 60_000);

  it('bounds the cells of a file and the cells of a line', () => {
    const fields: CatalogueField[] = Array.from({ length: CATALOGUE_LIMITS.fields }, (_, i) => ({ name: `f${i}`, label: `字段${i}`, type: 'string', sensitivity: 'none', description: '' }));
    const collector = new RowCollector(fields);
    const cells = fields.map(() => '1');
    collector.record(fields.map((f) => f.name), 1);
    const rows = CATALOGUE_LIMITS.csvCells / fields.length;
    for (let i = 0; i < rows; i++) {
      collector.record(cells, i + 2);
      if (i % 1000 === 0) collector.take();
    }
    expect(() => collector.record(cells, rows + 2)).toThrow(expect.objectContaining({ kind: 'too-large', fields: [{ path: 'file', message: expect.stringContaining('20,000,000 cells') }] }));
    const wide = new RowCollector(fields);
    expect(() => wide.record([], 1, CATALOGUE_LIMITS.csvColumns + 1)).toThrow(expect.objectContaining({ kind: 'too-large' }));
  });

  it('refuses a line of more cells than a file may have columns, without keeping them', async () => {
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    const answer = await importCsv(entry.id, 'n\n' + ','.repeat(1_000_000) + '\n');
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual([{ path: 'line 2', message: 'Expected 1 cells, found 1000001' }]);
  });
});

describe('a refusal stays small whatever the header', () => {
  it('answers a 1,000,000-column header with a short 413', async () => {
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    const response = await fetch(`${server.origin}/api/catalog/entries/${entry.id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}`, 'Content-Type': MULTIPART }, body: HEAD + 'n' + ',column'.repeat(999_999) + '\n1\n' + TAIL });
    const text = await response.text();
    expect(response.status).toBe(413);
    expect(text.length).toBeLessThan(16_000);
  });

  it('names a header\'s unknown and repeated columns clipped, at most a few of them, with a count of the rest', async () => {
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    const long = (i: number) => `c${i}` + 'x'.repeat(CATALOGUE_LIMITS.cell - 10);
    const names = Array.from({ length: CATALOGUE_LIMITS.csvColumns - 1 }, (_, i) => long(i % 150));
    const response = await fetch(`${server.origin}/api/catalog/entries/${entry.id}/data`, { method: 'POST', headers: { Authorization: `Bearer ${steward}`, 'Content-Type': MULTIPART }, body: HEAD + ['n', ...names].join(',') + '\n1\n' + TAIL });
    const text = await response.text();
    expect(response.status).toBe(422);
    expect(text.length).toBeLessThan(16_000);
    const body = JSON.parse(text) as Problem;
    expect(body.error.fields).toHaveLength(1);
    expect(body.error.fields![0]!.message).toMatch(/not fields of this entry: c0x+…, .* and \d+ more/);
  });
});

describe('one import per steward at a time, and a rate limit', () => {
  it('answers a second import while the first runs with 429 IMPORT_IN_PROGRESS and Retry-After; the first still succeeds', async () => {
    const token = await newSteward('steward-import-2');
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }], {}, token);
    const other = await draft([{ name: 'n', label: '数量', type: 'integer' }], {}, token);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const encoder = new TextEncoder();
    let step = 0;
    const slow = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step++ === 0) return controller.enqueue(encoder.encode(HEAD + 'n\n1\n'));
        await held;
        controller.enqueue(encoder.encode('2\n' + TAIL));
        controller.close();
      },
    });
    const first = send(entry.id, slow, token);
    // The first import has claimed its slot once its first line is read.
    for (let i = 0; i < 100 && !(await server.store.db.selectFrom('catalogue_imports').select('steward_id').where('steward_id', '=', 'steward-import-2').executeTakeFirst()); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const second = await importCsv(other.id, 'n\n5\n', token);
    expect(second.status).toBe(429);
    expect(second.body.error.code).toBe('IMPORT_IN_PROGRESS');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another steward is not held up.
    const third = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    expect((await importCsv(third.id, 'n\n5\n')).body.rows).toBe(1);
    release();
    expect((await first).body.rows).toBe(2);
    expect((await importCsv(other.id, 'n\n5\n', token)).body.rows).toBe(1);
  });

  it(`allows ${IMPORT_RATE.limit} imports a steward in ${IMPORT_RATE.windowMs / 60_000} minutes, then 429 RATE_LIMITED with Retry-After`, async () => {
    const token = await newSteward('steward-import-3');
    const entry = await draft([{ name: 'n', label: '数量', type: 'integer' }], {}, token);
    for (let i = 0; i < IMPORT_RATE.limit; i++) expect((await send(entry.id, '{}', token, { 'Content-Type': 'application/json' })).status).toBe(415);
    const limited = await importCsv(entry.id, 'n\n1\n', token);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Counted per steward: another steward imports.
    const fresh = await draft([{ name: 'n', label: '数量', type: 'integer' }]);
    expect((await importCsv(fresh.id, 'n\n1\n')).body.rows).toBe(1);
  });
});
