import { CATALOGUE_LIMITS, type CatalogueField } from '../../src/core/catalog-types';
import { isCalendarDate } from '../../src/core/validation/cn-formats';
import type { CellValue } from '../data/rows-store';
import type { Problem } from './rules';

/**
 * Checking a steward's CSV against the entry's fields (SPEC §8): RFC 4180 read as it
 * arrives (quoted cells may hold commas, quotes and line breaks; CRLF or LF), the header
 * against the field names, every cell against its field's type. All or nothing: the rows are
 * kept only while no problem has been found; the first 100 problems are reported with their
 * line (the header is line 1) and the field's label. Cells are kept as given — a cell starting
 * with = + - @ stays that text (downloads escape it, server/data/download.ts).
 */

/** After the date: the time, with seconds, fractions and the offset optional. */
const TIME = /^[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;
const INTEGER = /^[+-]?\d{1,15}$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CODE = /^[\p{L}\p{N}._\-/]+$/u;

type Checked = { ok: true; value: CellValue } | { ok: false; message: string };

/** How a cell of this type is read: the stored value, or what is wrong with it. */
export function cellReader(type: CatalogueField['type']): (cell: string) => Checked {
  switch (type) {
    case 'date':
      return (cell) => (isCalendarDate(cell) ? { ok: true, value: cell } : { ok: false, message: `Not a date: write YYYY-MM-DD (e.g. 2024-03-01), found "${clip(cell)}"` });
    case 'datetime':
      return (cell) => (isCalendarDate(cell.slice(0, 10)) && TIME.test(cell.slice(10))
        ? { ok: true, value: cell }
        : { ok: false, message: `Not a date and time: write ISO 8601 (e.g. 2024-03-01T08:30:00+08:00), found "${clip(cell)}"` });
    case 'integer':
      return (cell) => (INTEGER.test(cell) ? { ok: true, value: Number(cell) } : { ok: false, message: `Not a whole number: found "${clip(cell)}"` });
    case 'decimal':
      return (cell) => (DECIMAL.test(cell) && Number.isFinite(Number(cell)) ? { ok: true, value: Number(cell) } : { ok: false, message: `Not a number (write 12.5, with a point): found "${clip(cell)}"` });
    case 'code':
      return (cell) => (CODE.test(cell) ? { ok: true, value: cell } : { ok: false, message: `Not a code (letters, digits, . - _ /): found "${clip(cell)}"` });
    default:
      return (cell) => ({ ok: true, value: cell });
  }
}

function clip(cell: string): string {
  const c = Array.from(cell);
  return c.length > 40 ? c.slice(0, 40).join('') + '…' : cell;
}

/**
 * An RFC 4180 reader fed text as it is decoded. Each record comes with the line it starts on.
 * A stray quote inside an unquoted cell is taken as text (as spreadsheets write it).
 */
export class CsvReader {
  #cells: string[] = [];
  #cell = '';
  #quoted = false;
  /** Inside quotes. */
  #inQuotes = false;
  /** A quote seen inside quotes: either the end of the quoted part or the first of a pair. */
  #quotePending = false;
  #line = 1;
  #recordLine = 1;
  #afterCr = false;
  /** The piece ended with a CR inside quotes (already counted as a line break). */
  #quotedCr = false;
  /** A quoted cell was seen in this record (then `""` alone is a record, not a blank line). */
  #recordQuoted = false;

  constructor(private readonly onRecord: (cells: string[], line: number) => void) {}

  push(text: string): void {
    // State in locals while the loop runs (the fields are written back at the end).
    let cell = this.#cell;
    let cells = this.#cells;
    let inQuotes = this.#inQuotes;
    let quotePending = this.#quotePending;
    let afterCr = this.#afterCr;
    let line = this.#line;
    let crPending = this.#quotedCr;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const ch = text.charCodeAt(i);
      // A CR that ended the previous piece inside quotes was counted; an LF right after it is the same break.
      const skipLf = crPending && i === 0;
      crPending = false;
      if (afterCr) {
        afterCr = false;
        if (ch === 10) continue;
      }
      if (inQuotes) {
        if (quotePending) {
          quotePending = false;
          if (ch === 34) {
            cell += '"';
            continue;
          }
          inQuotes = false;
          // fall through: the character after the closing quote
        } else if (ch === 34) {
          quotePending = true;
          continue;
        } else {
          // Copy the run up to the next quote, counting the line breaks in it.
          let j = text.indexOf('"', i);
          if (j < 0) j = n;
          const run = text.slice(i, j);
          for (let k = run.indexOf('\n'); k >= 0; k = run.indexOf('\n', k + 1)) if (!(k === 0 && skipLf)) line++;
          // A lone CR (no LF after it) is a line break too.
          for (let k = run.indexOf('\r'); k >= 0; k = run.indexOf('\r', k + 1)) if (run.charCodeAt(k + 1) !== 10) line++;
          crPending = j === n && run.charCodeAt(run.length - 1) === 13;
          cell += run;
          i = j - 1;
          continue;
        }
      }
      if (ch === 44) {
        cells.push(cell);
        cell = '';
        this.#quoted = false;
      } else if (ch === 10 || ch === 13) {
        cells.push(cell);
        cell = '';
        this.#quoted = false;
        this.#cells = cells;
        this.#emit();
        cells = this.#cells;
        line++;
        this.#recordLine = line;
        if (ch === 13) afterCr = true;
      } else if (ch === 34 && cell === '' && !this.#quoted) {
        inQuotes = true;
        this.#quoted = true;
        this.#recordQuoted = true;
      } else {
        // Copy the run of plain characters at once.
        let j = i + 1;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13 || c === 34) break;
          j++;
        }
        cell += j === i + 1 ? text[i] : text.slice(i, j);
        i = j - 1;
      }
    }
    this.#cell = cell;
    this.#cells = cells;
    this.#inQuotes = inQuotes;
    this.#quotePending = quotePending;
    this.#afterCr = afterCr;
    this.#line = line;
    this.#quotedCr = crPending;
  }

  end(): void {
    // An unterminated quoted cell keeps what was read, as one cell (the cell count check reports it).
    this.#inQuotes = false;
    this.#quotePending = false;
    if (this.#cell !== '' || this.#cells.length || this.#quoted) {
      this.#cells.push(this.#cell);
      this.#cell = '';
      this.#emit();
    }
  }

  #emit(): void {
    const cells = this.#cells;
    this.#cells = [];
    const quoted = this.#recordQuoted;
    this.#recordQuoted = false;
    // A blank line (one empty cell, not quoted) is skipped, as spreadsheets do.
    if (cells.length === 1 && cells[0] === '' && !quoted) return;
    this.onRecord(cells, this.#recordLine);
  }
}

export interface ImportOutcome {
  rows: CellValue[][];
  problems: Problem[];
  /** Lines read after the header, with or without problems. */
  lines: number;
}

/**
 * Collects checked rows in field order from the records of a CSV: the first record is the
 * header, which must name every field once (any order, names compared as written, spaces
 * around them ignored).
 */
export class RowCollector {
  readonly rows: CellValue[][] = [];
  readonly problems: Problem[] = [];
  lines = 0;
  #header: number[] | undefined;
  #readers: Array<(cell: string) => Checked>;
  #seenHeader = false;

  constructor(private readonly fields: readonly CatalogueField[]) {
    this.#readers = fields.map((f) => cellReader(f.type));
  }

  get full(): boolean {
    return this.problems.length >= CATALOGUE_LIMITS.csvProblems;
  }

  #problem(path: string, message: string): void {
    if (!this.full) this.problems.push({ path, message });
    // Nothing is kept once the import has failed.
    this.rows.length = 0;
  }

  record = (cells: string[], line: number): void => {
    if (!this.#seenHeader) {
      this.#seenHeader = true;
      this.#readHeader(cells);
      return;
    }
    this.lines++;
    if (this.full) return;
    const header = this.#header;
    if (!header) return;
    if (cells.length !== header.length) {
      this.#problem(`line ${line}`, `Expected ${header.length} cells, found ${cells.length}`);
      return;
    }
    const row: CellValue[] = new Array(this.fields.length).fill(null);
    let bad = false;
    for (let c = 0; c < cells.length; c++) {
      const f = header[c]!;
      const cell = cells[c]!;
      if (cell === '') continue;
      const field = this.fields[f]!;
      if (cell.length > CATALOGUE_LIMITS.cell) {
        this.#problem(`line ${line} / ${field.label}`, `At most ${CATALOGUE_LIMITS.cell} characters in a cell`);
        bad = true;
        continue;
      }
      const checked = this.#readers[f]!(field.type === 'string' ? cell : cell.trim());
      if (checked.ok) row[f] = checked.value;
      else {
        this.#problem(`line ${line} / ${field.label}`, checked.message);
        bad = true;
      }
    }
    if (!bad && !this.problems.length) this.rows.push(row);
  };

  #readHeader(cells: string[]): void {
    const names = cells.map((c) => c.trim());
    const index = new Map(this.fields.map((f, i) => [f.name, i]));
    const seen = new Set<string>();
    const extra: string[] = [];
    const repeated: string[] = [];
    for (const name of names) {
      if (seen.has(name)) repeated.push(name);
      seen.add(name);
      if (!index.has(name)) extra.push(name);
    }
    const missing = this.fields.map((f) => f.name).filter((n) => !seen.has(n));
    const parts: string[] = [];
    if (missing.length) parts.push(`missing ${missing.join(', ')}`);
    if (extra.length) parts.push(`not fields of this entry: ${extra.map((n) => n || '(empty)').join(', ')}`);
    if (repeated.length) parts.push(`named twice: ${repeated.join(', ')}`);
    if (parts.length) {
      this.#problem('header', `The first line must name the fields ${this.fields.map((f) => f.name).join(', ')}: ${parts.join('; ')}`);
      return;
    }
    this.#header = names.map((n) => index.get(n)!);
  }

  finish(): ImportOutcome {
    if (!this.#seenHeader) this.#problem('file', 'The file is empty: the first line must name the fields');
    return { rows: this.problems.length ? [] : this.rows, problems: this.problems, lines: this.lines };
  }
}

/** Thrown when the bytes are not UTF-8 (a GBK export from an older spreadsheet, say). */
export class NotUtf8Error extends Error {}

/**
 * A whole import: bytes in as they arrive, decoded as UTF-8 (with or without a BOM; anything
 * else refused), read as CSV and checked row by row.
 */
export class CsvImport {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  readonly #collector: RowCollector;
  readonly #reader: CsvReader;

  constructor(fields: readonly CatalogueField[]) {
    this.#collector = new RowCollector(fields);
    this.#reader = new CsvReader(this.#collector.record);
  }

  push(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.#decoder.decode(bytes, { stream: true });
    } catch {
      throw new NotUtf8Error();
    }
    this.#reader.push(text);
  }

  end(): ImportOutcome {
    let text: string;
    try {
      text = this.#decoder.decode();
    } catch {
      throw new NotUtf8Error();
    }
    this.#reader.push(text);
    this.#reader.end();
    return this.#collector.finish();
  }
}
