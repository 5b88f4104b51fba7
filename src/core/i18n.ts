import { DEFAULT_LOCALE, type EgovLocale } from './locale';

export type MessageParams = Record<string, string | number>;
export type MessageValue = string | ((params: MessageParams, locale: EgovLocale) => string);

type MessageTable = Record<string, MessageValue>;
/**
 * A table the build moved into a chunk of its own (scripts/split-messages.mjs), so a page
 * downloads only the messages of the locale it shows (SPEC §1). In source form every area
 * passes both tables and nothing is pending.
 */
type MessageLoader = () => Promise<{ default: MessageTable }>;

const catalogue: Record<EgovLocale, Map<string, MessageValue>> = { 'zh-CN': new Map(), en: new Map() };
const pending: Record<EgovLocale, Set<MessageLoader>> = { 'zh-CN': new Set(), en: new Set() };
const loading = new Map<MessageLoader, Promise<void>>();

function register(locale: EgovLocale, table: MessageTable | MessageLoader): void {
  if (typeof table === 'function') pending[locale].add(table);
  else for (const [key, value] of Object.entries(table)) catalogue[locale].set(key, value);
}

/**
 * Adds one area's messages to the catalogue. The English table must have exactly the
 * keys of the Chinese one (checked by the type system), so no string is missing in `en`.
 * (The built package passes a loader instead of a table for a locale it loads on demand.)
 */
export function defineMessages<K extends string>(
  zh: Record<K, MessageValue>,
  en: NoInfer<Record<K, MessageValue>>,
): (locale: EgovLocale, key: K, params?: MessageParams) => string {
  register('zh-CN', zh as MessageTable | MessageLoader);
  register('en', en as MessageTable | MessageLoader);
  return (locale, key, params) => translate(locale, key, params);
}

/** Whether every message area registered so far has its `locale` table in the catalogue. */
export function isLocaleLoaded(locale: EgovLocale): boolean {
  return pending[locale].size === 0;
}

/**
 * Loads the `locale` tables of every area registered so far (and of any registered while
 * they load). Resolves at once when nothing is pending; rejects when a table could not be
 * fetched (it stays pending, so the next call tries again).
 */
export function loadLocale(locale: EgovLocale): Promise<void> {
  const loaders = [...pending[locale]];
  if (!loaders.length) return Promise.resolve();
  return Promise.all(loaders.map((loader) => {
    let promise = loading.get(loader);
    if (!promise) {
      promise = loader().then(
        (module) => {
          for (const [key, value] of Object.entries(module.default)) catalogue[locale].set(key, value);
          pending[locale].delete(loader);
          loading.delete(loader);
        },
        (error: unknown) => {
          loading.delete(loader);
          throw error;
        },
      );
      loading.set(loader, promise);
    }
    return promise;
  })).then(() => loadLocale(locale));
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
