import { describe, expect, it } from 'vitest';
import type { CatalogueField } from '../../src/core/catalog-types';
import { CsvImport, CsvReader } from './csv-import';
import { TooLarge, UnsupportedType } from '../domain/errors';
import { singleFile } from './multipart';

/** The streaming readers of the CSV import, fed in pieces of every size: no server needed. */

function records(text: string, piece: number): Array<[number, string[]]> {
  const out: Array<[number, string[]]> = [];
  const reader = new CsvReader((cells, line) => out.push([line, cells]));
  for (let i = 0; i < text.length; i += piece) reader.push(text.slice(i, i + piece));
  reader.end();
  return out;
}

const FIELDS: CatalogueField[] = [
  { name: 'xm', label: '名称', type: 'string', description: '', sensitivity: 'none' },
  { name: 'rq', label: '日期', type: 'date', description: '', sensitivity: 'none' },
];

describe('CsvReader', () => {
  const text = 'a,b\r\n"x, ""y""\r\nz",2\r\n\r\n3,"4"\n5,\r6,7';
  const want: Array<[number, string[]]> = [[1, ['a', 'b']], [2, ['x, "y"\r\nz', '2']], [5, ['3', '4']], [6, ['5', '']], [7, ['6', '7']]];

  it('reads quotes, doubled quotes, line breaks in cells, CRLF, LF and CR alike, and blank lines, in pieces of any size', () => {
    for (const piece of [1, 2, 3, 5, 7, 1000]) expect(records(text, piece), `pieces of ${piece}`).toEqual(want);
  });

  it('keeps a quoted empty line as a record', () => {
    expect(records('a\n""\nb\n', 1)).toEqual([[1, ['a']], [2, ['']], [3, ['b']]]);
  });
});

describe('CsvImport', () => {
  const bytes = new TextEncoder().encode('\ufeffxm,rq\r\n西湖,2024-02-29\r\n');

  it('decodes UTF-8 split anywhere, even inside a character, and drops the BOM', () => {
    for (const piece of [1, 2, 4, 64]) {
      const csv = new CsvImport(FIELDS);
      for (let i = 0; i < bytes.length; i += piece) csv.push(bytes.subarray(i, i + piece));
      expect(csv.end()).toEqual({ rows: [['西湖', '2024-02-29']], kept: 1, problems: [], lines: 1 });
    }
  });

  it('refuses bytes that are not UTF-8, and a character cut off at the end', () => {
    const gbk = new CsvImport(FIELDS);
    expect(() => gbk.push(new Uint8Array([0x78, 0x6d, 0x2c, 0x72, 0x71, 0x0a, 0xce, 0xf7, 0xba, 0xfe]))).toThrow(/not UTF-8/);
    const cut = new CsvImport(FIELDS);
    cut.push(bytes.subarray(0, bytes.length - 16));
    cut.push(new Uint8Array([0xe8]));
    expect(() => cut.end()).toThrow(/not UTF-8/);
  });
});

describe('singleFile (busboy)', () => {
  const contentType = 'multipart/form-data; boundary=b0undary';
  const body = (parts: string) => new TextEncoder().encode(parts);
  const stream = (bytes: Uint8Array, piece: number) => new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += piece) controller.enqueue(bytes.slice(i, i + piece));
      controller.close();
    },
  });
  const file = '--b0undary\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nxm,rq\r\n--b0\r\n\r\n--b0undary--\r\n';
  async function read(bytes: Uint8Array, piece: number, max = 10_000): Promise<string> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of singleFile(stream(bytes, piece), { contentType }, max, 'too large')) chunks.push(Uint8Array.from(chunk));
    return new TextDecoder().decode(Buffer.concat(chunks));
  }

  it('hands on exactly the file part\'s bytes, whatever the pieces the body arrives in', async () => {
    for (const piece of [1, 3, 11, 4096]) expect(await read(body(file), piece), `pieces of ${piece}`).toBe('xm,rq\r\n--b0\r\n');
  });

  it('refuses two files, no file, a body cut short, a body over the limit, and what is not multipart', async () => {
    const two = file.replace('--b0undary--', '--b0undary\r\nContent-Disposition: form-data; name="f2"; filename="b.csv"\r\n\r\nx\r\n--b0undary--');
    await expect(read(body(two), 7)).rejects.toMatchObject({ kind: 'malformed', fields: [{ path: 'file', message: 'Send one file at a time' }] });
    await expect(read(body('--b0undary\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--b0undary--'), 5)).rejects.toMatchObject({ kind: 'malformed', fields: [{ path: 'file', message: 'No file was sent' }] });
    await expect(read(body(file.slice(0, 150)), 5)).rejects.toMatchObject({ kind: 'malformed' });
    await expect(read(body(file), 5, 10)).rejects.toBeInstanceOf(TooLarge);
    await expect(singleFile(stream(body(file), 5), { contentType: 'text/csv' }, 100, 'too large').next()).rejects.toBeInstanceOf(UnsupportedType);
  });
});
