import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { ApiClient, clientFor } from '../services/api-client';
import { egovConfigContext, getGlobalConfig, mergeConfig, onGlobalConfigChange, type EgovConfig } from '../services/config';

/** What an element may set for itself, over its provider's settings. */
export interface ConfigHost extends ReactiveElement {
  apiBase?: string | undefined;
  token?: string | undefined;
  tokenProvider?: EgovConfig['tokenProvider'];
}

/**
 * Resolves an element's configuration: its own attributes, else the nearest
 * `<egov-provider>`, else `configure()`. Requests a host update when any layer changes.
 */
export class ConfigController implements ReactiveController {
  readonly #host: ConfigHost;
  readonly #consumer: ContextConsumer<typeof egovConfigContext, ConfigHost>;
  #unlisten?: () => void;
  #cacheKey = '';
  #value: EgovConfig = mergeConfig();
  #onChange: Array<() => void> = [];

  constructor(host: ConfigHost) {
    this.#host = host;
    host.addController(this);
    this.#consumer = new ContextConsumer(host, { context: egovConfigContext, subscribe: true });
  }

  hostConnected(): void {
    this.#unlisten = onGlobalConfigChange(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unlisten?.();
  }

  hostUpdate(): void {
    const before = this.#cacheKey;
    void this.value;
    if (before && before !== this.#cacheKey) for (const callback of this.#onChange) callback();
  }

  /** Called when the API base, token or token provider in force changes (e.g. sign-in). */
  onChange(callback: () => void): void {
    this.#onChange.push(callback);
  }

  get value(): EgovConfig {
    const host = this.#host;
    const own: Partial<EgovConfig> = { apiBase: host.apiBase, token: host.token, tokenProvider: host.tokenProvider };
    const merged = mergeConfig(getGlobalConfig(), this.#consumer.value, own);
    const key = JSON.stringify([merged.apiBase, merged.token, merged.locale, merged.timeout]);
    // Keep one object while nothing changed, so the API client (and its caches) is reused.
    if (key !== this.#cacheKey || merged.tokenProvider !== this.#value.tokenProvider) {
      this.#cacheKey = key;
      this.#value = merged;
    }
    return this.#value;
  }

  get client(): ApiClient {
    return clientFor(this.value);
  }
}
