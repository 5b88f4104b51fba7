/**
 * The Chinese identifier formats of SPEC §4 (`x-egov-format`), as pure functions shared by
 * the browser and the server. Every check looks at the length first, so an oversized input
 * is turned away before any loop or regular expression runs over it.
 */

/** GB/T 2260 province-level codes: the first two digits of an administrative division code. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

/** GB 11643-1999: weights of the first 17 digits (2^(18-i) mod 11) and the check characters. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type CnIdProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit';

export interface CnIdInfo {
  /** The number with a lower-case check `x` made upper case. */
  normalised: string;
  /** Administrative division code of the place of registration. */
  region: string;
  province: string;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  sex: 'male' | 'female';
}

/** Today's date in China (UTC+8) as `YYYY-MM-DD`, so a birth date "today" is judged as a clerk in Hangzhou would. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A real calendar date in `YYYY-MM-DD` (2026-02-31 is not one). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false;
  if (value[4] !== '-' || value[7] !== '-') return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The number made of value[from, to) when every character is a digit, else -1. */
function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

export function normaliseCnId(value: string): string {
  return value.length === 18 && value[17] === 'x' ? value.slice(0, 17) + 'X' : value;
}

/**
 * What is wrong with a citizen ID number (GB 11643-1999), or null when nothing is: 18
 * characters, 17 digits then a digit or X (either case), a province code that exists, a
 * birth date that is a real date between 1900-01-01 and today, and the ISO 7064 MOD 11-2
 * check character.
 */
export function cnIdProblem(value: unknown, now?: Date): CnIdProblem | null {
  if (typeof value !== 'string' || value.length !== 18) return 'length';
  if (digits(value, 0, 17) < 0 || !/^[0-9Xx]$/.test(value[17]!)) return 'characters';
  if (!PROVINCES.has(value.slice(0, 2))) return 'region';
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDate(birth) || birth < '1900-01-01' || birth > todayInChina(now)) return 'birthDate';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== value[17]!.toUpperCase()) return 'checkDigit';
  return null;
}

export function isCnId(value: unknown, now?: Date): value is string {
  return cnIdProblem(value, now) === null;
}

/** Date of birth, sex (the 17th digit: odd for men) and region of a valid ID number; null otherwise. */
export function cnIdInfo(value: unknown, now?: Date): CnIdInfo | null {
  if (!isCnId(value, now)) return null;
  return {
    normalised: normaliseCnId(value),
    region: value.slice(0, 6),
    province: value.slice(0, 2),
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    sex: (value.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
}

/** The check digit GB 11643 gives the first 17 digits (for tests and sample data). */
export function cnIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

/** GB 32100-2015: the 31 characters of the code (no I, O, S, V, Z) and the weights 3^i mod 31. */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CnUsccProblem = 'length' | 'characters' | 'checkCharacter';

export function normaliseCnUscc(value: string): string {
  return value.length === 18 ? value.toUpperCase() : value;
}

/** What is wrong with a unified social credit code (GB 32100-2015), or null. Lower case is accepted. */
export function cnUsccProblem(value: unknown): CnUsccProblem | null {
  if (typeof value !== 'string' || value.length !== 18) return 'length';
  const code = value.toUpperCase();
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const n = USCC_CHARS.indexOf(code[i]!);
    if (n < 0) return 'characters';
    if (i < 17) sum += n * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31] === code[17] ? null : 'checkCharacter';
}

export function isCnUscc(value: unknown): value is string {
  return cnUsccProblem(value) === null;
}

/** The check character GB 32100 gives the first 17 characters (for tests and sample data). */
export function cnUsccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!.toUpperCase()) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

const MOBILE = /^(?:\+86[ -]?)?(1[3-9]\d{9})$/;

/** The 11 digits of a mainland mobile number, with an optional +86 prefix taken off; the input otherwise. */
export function normaliseCnMobile(value: string): string {
  if (value.length > 16) return value;
  return MOBILE.exec(value)?.[1] ?? value;
}

/** A mainland mobile number: 11 digits starting 13–19, optionally after +86. */
export function isCnMobile(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 16 && MOBILE.test(value);
}

/** A postal code: 6 digits. */
export function isCnPostcode(value: unknown): value is string {
  return typeof value === 'string' && value.length === 6 && digits(value, 0, 6) >= 0;
}

/**
 * A practical e-mail check (RFC 5321 lengths, one @, a dotted domain, no spaces), the
 * same in the browser and on the server; the real test is whether mail arrives.
 */
export function isEmail(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 254 || value.length < 3) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64 || at === value.length - 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (/[\s@<>()[\]\\,;:"]/u.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => label.length > 0 && label.length <= 63 && /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u.test(label));
}

/**
 * An ID number as it may be shown: the first four and last four characters, the rest
 * (birth date and sequence) starred. Used wherever a holder or applicant is displayed.
 */
export function maskIdNumber(value: string): string {
  if (value.length <= 8) return value.replace(/./g, '*');
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}
