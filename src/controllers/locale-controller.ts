import type { ReactiveController, ReactiveElement } from 'lit';
import { DEFAULT_LOCALE, getGlobalConfig, normaliseLocale, type EgovLocale } from '../services/config';
import { dataLangOf } from '../core/locale';
import { errorMessage, formatDate, formatNumber, isLocaleLoaded, loadLocale, translate, type MessageParams } from '../core/i18n';

export interface LocaleHost extends ReactiveElement {
  locale?: string | undefined;
}

const hosts = new Set<LocaleHost>();
let observer: MutationObserver | undefined;
/** The `lang` each element wrote on itself (so it is told apart from one the portal set). */
const written = new WeakMap<Element, string>();

/** One observer for the whole page: a `lang` change anywhere re-renders every element. */
function watchLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver((records) => {
    // An element marking its own content changes nobody's language (nearestLang skips it).
    if (records.every((r) => r.target instanceof Element && written.get(r.target) === r.target.getAttribute('lang'))) return;
    for (const host of hosts) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** The nearest `[lang]` above the element, looking through shadow roots to their hosts. */
export function nearestLang(element: Element): { lang: string; isRoot: boolean } | undefined {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    // A `lang` an element wrote on itself is its answer, not anyone's question: skipped.
    if (lang !== null && written.get(node) !== lang) return { lang, isRoot: node === document.documentElement };
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return undefined;
}

/**
 * The element's language: its own `locale`, else the nearest `[lang]` (a provider sets
 * one), else `configure({ locale })`, else `<html lang>`, else zh-CN. Follows changes live.
 */
export class LocaleController implements ReactiveController {
  readonly #host: LocaleHost;

  constructor(host: LocaleHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.#host);
    watchLang();
  }

  hostDisconnected(): void {
    hosts.delete(this.#host);
  }

  /**
   * Every element says which language its own content is in (`lang` on the host, which its
   * shadow content inherits), so a screen reader reads an English element on a Chinese page
   * (or the reverse) in the right voice. A `lang` the portal set on the element is left alone.
   */
  hostUpdate(): void {
    const host = this.#host;
    const current = host.getAttribute('lang');
    if (current !== null && written.get(host) !== current) return;
    const locale = this.locale;
    if (current === locale) return;
    written.set(host, locale);
    host.setAttribute('lang', locale);
  }

  /**
   * Undefined when the messages of the element's language are in the catalogue; otherwise
   * the promise of loading them (the built package fetches a locale's tables when first
   * needed). The element holds its render until then, so it never paints in the wrong
   * language first; meanwhile it is `aria-busy`. Should the tables fail to load, it renders
   * anyway (each message then falls back to zh-CN, never to its key) and tries again on its
   * next update.
   */
  ready(): Promise<void> | undefined {
    const locale = this.locale;
    if (isLocaleLoaded(locale)) return undefined;
    const host = this.#host;
    const busy = !host.hasAttribute('aria-busy');
    if (busy) host.setAttribute('aria-busy', 'true');
    return loadLocale(locale).catch(() => undefined).finally(() => {
      if (busy) host.removeAttribute('aria-busy');
    });
  }

  get locale(): EgovLocale {
    const own = normaliseLocale(this.#host.locale);
    if (own) return own;
    const near = this.#host.isConnected ? nearestLang(this.#host) : undefined;
    if (near && !near.isRoot) {
      const found = normaliseLocale(near.lang);
      if (found) return found;
    }
    return normaliseLocale(getGlobalConfig().locale) ?? normaliseLocale(near?.lang) ?? DEFAULT_LOCALE;
  }

  t = (key: string, params?: MessageParams): string => translate(this.locale, key, params);
  date = (value: string | number | Date, style?: 'date' | 'datetime'): string => formatDate(this.locale, value, style);
  number = (value: number): string => formatNumber(this.locale, value);
  error = (error: unknown): string => errorMessage(this.locale, error);
  /**
   * `zh-CN` for data holding Chinese (a name, an agency, an answer) shown by an element that
   * is not in Chinese, so a screen reader reads it in Chinese; otherwise undefined (it
   * inherits). Use with `ifDefined` on the element wrapping the value.
   */
  dataLang = (value: unknown): 'zh-CN' | undefined => dataLangOf(this.locale, value);
}
