import { createContext } from '@lit/context';
import type { EgovLocale } from '../core/locale';

/** Where the elements find their backend and who the user is. SPEC §2 `<egov-provider>`. */
export interface EgovConfig {
  /** Base URL of the REST API, absolute or relative to the page. */
  apiBase: string;
  /** `zh-CN` or `en`; when unset, the nearest `[lang]` decides. */
  locale?: EgovLocale | undefined;
  /** A bearer token for authenticated calls. */
  token?: string | undefined;
  /** Called before each authenticated request; wins over `token` when it returns a value. */
  tokenProvider?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** Milliseconds before a request is abandoned. */
  timeout?: number;
}

export { DEFAULT_LOCALE, LOCALES, type EgovLocale } from '../core/locale';

export const DEFAULT_CONFIG: EgovConfig = { apiBase: '/api', timeout: 15_000 };

let globalConfig: EgovConfig = { ...DEFAULT_CONFIG };
const listeners = new Set<() => void>();

/** For pages without `<egov-provider>`: set the defaults every element starts from. */
export function configure(partial: Partial<EgovConfig>): void {
  globalConfig = { ...globalConfig, ...partial };
  for (const listener of listeners) listener();
}

export function getGlobalConfig(): EgovConfig {
  return globalConfig;
}

export function onGlobalConfigChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Context provided by `<egov-provider>` to every element inside it. */
export const egovConfigContext = createContext<Partial<EgovConfig> | undefined>(Symbol.for('egov-config'));

/** Layers configuration: element's own settings over the provider's over the global ones. */
export function mergeConfig(...layers: Array<Partial<EgovConfig> | undefined>): EgovConfig {
  const out: EgovConfig = { ...DEFAULT_CONFIG };
  for (const layer of layers) {
    if (!layer) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined && value !== null && value !== '') (out as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

export function normaliseLocale(value: string | null | undefined): EgovLocale | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}
