import { CATALOGUE_LIMITS, type CatalogueField } from '../../src/core/catalog-types';
import { personalValue, type PersonalValue } from '../../src/core/personal-data';
import { isCalendarDate } from '../../src/core/validation/cn-formats';
import type { CellValue } from '../data/rows-store';
import { Invalid, TooLarge } from '../domain/errors';
import type { Problem } from './rules';

/**
 * Checking a steward's CSV against the entry's fields (SPEC §8): RFC 4180 read as it
 * arrives (quoted cells may hold commas, quotes and line breaks; CRLF or LF), the header
 * against the field names, every cell against its field's type, and in open data no cell
 * holding a personal value (an ID number, a mobile number, a plate: Art. 25). Checked rows are
 * handed on as they are read (`take()`), for storing in batches; once a problem is found none
 * is (all or nothing). The first 100 problems are reported with their line (the header is
 * line 1) and the field's label. At most CATALOGUE_LIMITS.csvRows rows, csvCells cells and
 * csvColumns cells a line: beyond, the import stops at once (TooLarge). Cells are kept as
 * given — a cell starting with = + - @ stays that text (downloads escape it,
 * server/data/download.ts).
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

/** Names of a header listed in a refusal: the first few, each clipped, and how many more. */
const HEADER_NAMES_LISTED = 10;
function someNames(names: string[]): string {
  const listed = names.slice(0, HEADER_NAMES_LISTED).map((n) => (n ? clip(n) : '(empty)')).join(', ');
  return names.length > HEADER_NAMES_LISTED ? `${listed} and ${names.length - HEADER_NAMES_LISTED} more` : listed;
}

/**
 * An RFC 4180 reader fed text as it is decoded. Each record comes with the line it starts on.
 * A stray quote inside an unquoted cell is taken as text (as spreadsheets write it).
 */
export class CsvReader {
  /** Cells kept of one record, and characters of one cell: what lies beyond is counted, not kept. */
  static readonly MAX_CELLS = CATALOGUE_LIMITS.csvColumns + 1;
  static readonly MAX_CHARS = CATALOGUE_LIMITS.cell + 1;
  #cells: string[] = [];
  /** Cells of the record beyond MAX_CELLS. */
  #dropped = 0;
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

  constructor(private readonly onRecord: (cells: string[], line: number, count: number) => void) {}

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
          if (cell.length < CsvReader.MAX_CHARS) cell += run;
          i = j - 1;
          continue;
        }
      }
      if (ch === 44) {
        if (cells.length < CsvReader.MAX_CELLS) cells.push(cell);
        else this.#dropped++;
        cell = '';
        this.#quoted = false;
      } else if (ch === 10 || ch === 13) {
        if (cells.length < CsvReader.MAX_CELLS) cells.push(cell);
        else this.#dropped++;
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
        if (cell.length < CsvReader.MAX_CHARS) cell += j === i + 1 ? text[i] : text.slice(i, j);
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
    const count = cells.length + this.#dropped;
    this.#cells = [];
    this.#dropped = 0;
    const quoted = this.#recordQuoted;
    this.#recordQuoted = false;
    // A blank line (one empty cell, not quoted) is skipped, as spreadsheets do.
    if (count === 1 && cells[0] === '' && !quoted) return;
    this.onRecord(cells, this.#recordLine, count);
  }
}

export interface ImportOutcome {
  /** Rows not yet taken (all of them when nothing was taken). */
  rows: CellValue[][];
  /** Rows checked and kept, taken or not. */
  kept: number;
  problems: Problem[];
  /** Lines read after the header, with or without problems. */
  lines: number;
}

const PERSONAL_VALUE: Record<PersonalValue, string> = {
  'id-number': 'a citizen ID number (GB 11643)',
  'mobile': 'a mobile number',
  'plate': 'a number plate',
};

const tooMany = (what: string) => new TooLarge(`The file was not imported: ${what} in one import; split the data, or ask the data office about a bulk load`, 'PAYLOAD_TOO_LARGE', [{ path: 'file', message: what }]);

/**
 * Collects checked rows in field order from the records of a CSV: the first record is the
 * header, which must name every field once (any order, names compared as written, spaces
 * around them ignored). In open data (`openData`) a cell holding a personal value is a problem.
 */
export class RowCollector {
  /** Checked rows not yet taken. */
  rows: CellValue[][] = [];
  readonly problems: Problem[] = [];
  lines = 0;
  kept = 0;
  #header: number[] | undefined;
  #readers: Array<(cell: string) => Checked>;
  #seenHeader = false;
  readonly #maxRows: number;

  constructor(private readonly fields: readonly CatalogueField[], private readonly options: { openData?: boolean } = {}) {
    this.#readers = fields.map((f) => cellReader(f.type));
    this.#maxRows = Math.min(CATALOGUE_LIMITS.csvRows, Math.floor(CATALOGUE_LIMITS.csvCells / Math.max(1, fields.length)));
  }

  get full(): boolean {
    return this.problems.length >= CATALOGUE_LIMITS.csvProblems;
  }

  #problem(path: string, message: string): void {
    if (!this.full) this.problems.push({ path, message });
    // Nothing is kept once the import has failed.
    this.rows.length = 0;
  }

  /** The checked rows so far, handed over (to be stored); none once a problem is found. */
  take(): CellValue[][] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  record = (cells: string[], line: number, count = cells.length): void => {
    if (!this.#seenHeader) {
      this.#seenHeader = true;
      if (count > CATALOGUE_LIMITS.csvColumns) throw tooMany(`at most ${CATALOGUE_LIMITS.csvColumns} columns`);
      this.#readHeader(cells);
      return;
    }
    this.lines++;
    if (this.lines > this.#maxRows) {
      throw tooMany(this.#maxRows === CATALOGUE_LIMITS.csvRows
        ? `at most ${CATALOGUE_LIMITS.csvRows.toLocaleString('en')} rows`
        : `at most ${CATALOGUE_LIMITS.csvCells.toLocaleString('en')} cells (${this.#maxRows.toLocaleString('en')} rows of ${this.fields.length} fields)`);
    }
    if (this.full) return;
    const header = this.#header;
    if (!header) return;
    if (count !== header.length) {
      this.#problem(`line ${line}`, `Expected ${header.length} cells, found ${count}`);
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
      if (!checked.ok) {
        this.#problem(`line ${line} / ${field.label}`, checked.message);
        bad = true;
        continue;
      }
      const personal = this.options.openData && field.type !== 'date' && field.type !== 'datetime' ? personalValue(cell) : undefined;
      if (personal) {
        // The value itself is not repeated: it is personal.
        this.#problem(`line ${line} / ${field.label}`, `Open data holds no personal data (Art. 25): this cell holds ${PERSONAL_VALUE[personal]}; remove it, or keep the entry closed`);
        bad = true;
        continue;
      }
      row[f] = checked.value;
    }
    if (!bad && !this.problems.length) {
      this.rows.push(row);
      this.kept++;
    }
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
    if (extra.length) parts.push(`not fields of this entry: ${someNames(extra)}`);
    if (repeated.length) parts.push(`named twice: ${someNames([...new Set(repeated)])}`);
    if (parts.length) {
      this.#problem('header', `The first line must name the fields ${this.fields.map((f) => f.name).join(', ')}: ${parts.join('; ')}`);
      return;
    }
    this.#header = names.map((n) => index.get(n)!);
  }

  finish(): ImportOutcome {
    if (!this.#seenHeader) this.#problem('file', 'The file is empty: the first line must name the fields');
    return { rows: this.problems.length ? [] : this.take(), kept: this.problems.length ? 0 : this.kept, problems: this.problems, lines: this.lines };
  }
}

/** The bytes are not UTF-8 (a GBK export from an older spreadsheet, say). */
const notUtf8 = () => new Invalid(
  [{ path: 'file', message: 'The file is not UTF-8 text (it may be GBK): in the spreadsheet choose Save as → CSV UTF-8, then import again' }],
  'The file is not UTF-8: save it as CSV UTF-8 and import it again',
);

/** The file's problems as one refusal: nothing was changed. */
export function importProblems(found: Problem[]): Invalid {
  const n = found.length;
  return new Invalid(found, n >= CATALOGUE_LIMITS.csvProblems
    ? `The file was not imported: the first ${n} problems are listed; nothing was changed`
    : `The file was not imported: ${n} problem${n === 1 ? '' : 's'} to correct; nothing was changed`);
}

/**
 * A whole import: bytes in as they arrive, decoded as UTF-8 (with or without a BOM; anything
 * else refused), read as CSV and checked row by row.
 */
export class CsvImport {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });
  readonly #collector: RowCollector;
  readonly #reader: CsvReader;

  constructor(fields: readonly CatalogueField[], options: { openData?: boolean } = {}) {
    this.#collector = new RowCollector(fields, options);
    this.#reader = new CsvReader(this.#collector.record);
  }

  push(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.#decoder.decode(bytes, { stream: true });
    } catch {
      throw notUtf8();
    }
    this.#reader.push(text);
  }

  /** Whether a problem was found (then no row is kept). */
  get failed(): boolean {
    return this.#collector.problems.length > 0;
  }

  /** The rows checked so far and not yet taken. */
  take(): CellValue[][] {
    return this.#collector.take();
  }

  end(): ImportOutcome {
    let text: string;
    try {
      text = this.#decoder.decode();
    } catch {
      throw notUtf8();
    }
    this.#reader.push(text);
    this.#reader.end();
    return this.#collector.finish();
  }
}
