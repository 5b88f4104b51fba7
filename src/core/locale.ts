/** The languages every string exists in (SPEC §1): zh-CN first, en complete. */
export type EgovLocale = 'zh-CN' | 'en';
export const LOCALES: readonly EgovLocale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: EgovLocale = 'zh-CN';

/** A Han character (written as a property escape, so the source holds none). */
const HAN = /\p{Script=Han}/u;

/**
 * `zh-CN` for a value holding Chinese (a name, an agency, an answer) shown in a page that is not
 * Chinese, so a screen reader reads it in Chinese; otherwise undefined (it inherits). Use with
 * `ifDefined` on the element wrapping the value.
 */
export function dataLangOf(locale: EgovLocale, value: unknown): 'zh-CN' | undefined {
  return locale !== 'zh-CN' && typeof value === 'string' && HAN.test(value) ? 'zh-CN' : undefined;
}
