import { DEFAULT_LOCALE, type EgovLocale } from './locale';

export type MessageParams = Record<string, string | number>;
export type MessageValue = string | ((params: MessageParams, locale: EgovLocale) => string);

const catalogue: Record<EgovLocale, Map<string, MessageValue>> = { 'zh-CN': new Map(), en: new Map() };

/**
 * Adds one area's messages to the catalogue. The English table must have exactly the
 * keys of the Chinese one (checked by the type system), so no string is missing in `en`.
 */
export function defineMessages<K extends string>(
  zh: Record<K, MessageValue>,
  en: NoInfer<Record<K, MessageValue>>,
): (locale: EgovLocale, key: K, params?: MessageParams) => string {
  for (const [key, value] of Object.entries(zh)) catalogue['zh-CN'].set(key, value as MessageValue);
  for (const [key, value] of Object.entries(en)) catalogue.en.set(key, value as MessageValue);
  return (locale, key, params) => translate(locale, key, params);
}

/** Looks a key up in the catalogue; `{name}` placeholders are filled from params. */
export function translate(locale: EgovLocale, key: string, params: MessageParams = {}): string {
  const value = catalogue[locale].get(key) ?? catalogue[DEFAULT_LOCALE].get(key);
  if (value === undefined) return key;
  if (typeof value === 'function') return value(params, locale);
  return value.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): boolean {
  return catalogue['zh-CN'].has(key);
}

/** Both tables, for tests that check completeness. */
export function catalogueKeys(locale: EgovLocale): string[] {
  return [...catalogue[locale].keys()];
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function formatDate(locale: EgovLocale, value: string | number | Date, style: 'date' | 'datetime' = 'date'): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const key = locale + style;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, style === 'date'
      ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'Asia/Shanghai' }
      : { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
    dateFormats.set(key, format);
  }
  return format.format(date);
}

export function formatNumber(locale: EgovLocale, value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatBytes(locale: EgovLocale, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit ? 1 : 0 }).format(value);
}

/** English plural helper for message functions: `plural(n, 'result', 'results')`. */
export function plural(locale: EgovLocale, count: number, one: string, other: string): string {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}

/**
 * The message to show for a failed call: the catalogue's text for its code when there is
 * one (so it is in the reader's language), else the server's own message.
 */
export function errorMessage(locale: EgovLocale, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && hasMessage('error.' + code)) return translate(locale, 'error.' + code);
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message === 'string' && message) return message;
  return translate(locale, 'error.UNKNOWN');
}
