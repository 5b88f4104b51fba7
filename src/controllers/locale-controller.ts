import type { ReactiveController, ReactiveElement } from 'lit';
import { DEFAULT_LOCALE, getGlobalConfig, normaliseLocale, type EgovLocale } from '../services/config';
import { errorMessage, formatDate, formatNumber, translate, type MessageParams } from '../core/i18n';

export interface LocaleHost extends ReactiveElement {
  locale?: string | undefined;
}

const hosts = new Set<LocaleHost>();
let observer: MutationObserver | undefined;

/** One observer for the whole page: a `lang` change anywhere re-renders every element. */
function watchLang(): void {
  if (observer || typeof MutationObserver === 'undefined') return;
  observer = new MutationObserver(() => {
    for (const host of hosts) host.requestUpdate();
  });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/** The nearest `[lang]` above the element, looking through shadow roots to their hosts. */
export function nearestLang(element: Element): { lang: string; isRoot: boolean } | undefined {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return { lang: found.getAttribute('lang') ?? '', isRoot: found === document.documentElement };
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
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
}
