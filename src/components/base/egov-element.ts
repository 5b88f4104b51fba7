import '../../internal/context-root';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ConfigController } from '../../controllers/config-controller';
import { LocaleController } from '../../controllers/locale-controller';
import type { EgovConfig } from '../../services/config';
import '../../i18n/common';
import { clearServerRender } from '../../internal/server-render';

/**
 * What every egov element shares: its own `api-base`, `locale` and `token` over the
 * provider's, the message catalogue, and typed, composed events.
 */
export class EgovElement extends LitElement {
  /** Base URL of the API for this element alone; otherwise the provider's. */
  @property({ attribute: 'api-base' }) apiBase?: string;
  /** `zh-CN` or `en` for this element alone; otherwise the nearest `[lang]`. */
  @property({ reflect: true }) locale?: string;
  /** Bearer token for this element alone; otherwise the provider's. */
  @property() token?: string;
  /** Returns a fresh token before each authenticated request. */
  @property({ attribute: false }) tokenProvider?: EgovConfig['tokenProvider'];

  protected readonly config = new ConfigController(this);
  protected readonly i18n = new LocaleController(this);

  /** Renders once the messages of the element's language are loaded (LocaleController.ready). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const waiting = this.i18n.ready();
    return waiting ? waiting.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    clearServerRender(this);
    return super.createRenderRoot();
  }

  /** Dispatches an event that bubbles out of the shadow root to the portal. */
  protected emit<K extends keyof HTMLElementEventMap>(
    type: K,
    detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }));
  }
}
