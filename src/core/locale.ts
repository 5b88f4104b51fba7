/** The languages every string exists in (SPEC §1): zh-CN first, en complete. */
export type EgovLocale = 'zh-CN' | 'en';
export const LOCALES: readonly EgovLocale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: EgovLocale = 'zh-CN';
