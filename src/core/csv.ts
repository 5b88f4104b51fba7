/**
 * CSV as spreadsheets read it safely, shared by the browser's exports and the server's
 * downloads (Art. 27: data in forms easy to get and process).
 */

/** UTF-8 byte-order mark: Excel then reads Chinese text correctly. */
export const CSV_BOM = '\ufeff';

/**
 * One CSV cell. A text a spreadsheet would take for a formula (starting with = + - @, or a
 * tab or carriage return before one) gets a leading apostrophe (OWASP CSV injection); then
 * RFC 4180 quoting when the cell holds a quote, comma or line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? "'" + value : value;
  return /[",\r\n]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

/** One CSV line (RFC 4180: CRLF) of values; numbers as written, null as an empty cell. */
export function csvLine(values: ReadonlyArray<string | number | null | undefined>): string {
  return values.map((v) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : csvCell(v))).join(',') + '\r\n';
}
