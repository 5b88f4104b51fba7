import '../../internal/context-root';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { provide } from '@lit/context';
import { property, state } from 'lit/decorators.js';
import { egovConfigContext, normaliseLocale, type EgovConfig } from '../../services/config';
import { clearServerRender } from '../../internal/server-render';

/**
 * Gives every egov element inside it one backend, one language and one sign-in.
 * An element's own `api-base`, `locale` or `token` wins over these.
 *
 * @slot - The portal content holding egov elements.
 */
export class EgovProvider extends LitElement {
  static override styles = css`:host { display: contents; }`;

  /** Base URL of the REST API. */
  @property({ attribute: 'api-base' }) apiBase = '/api';
  /** `zh-CN` or `en`; set as `lang` on the provider, so the text inside follows it. */
  @property() locale?: string;
  /** Bearer token for authenticated calls. */
  @property() token?: string;
  /** Called before each authenticated request, for a portal's own sign-on. */
  @property({ attribute: false }) tokenProvider?: EgovConfig['tokenProvider'];

  @provide({ context: egovConfigContext })
  @state()
  protected config: Partial<EgovConfig> = { apiBase: '/api' };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase') || changed.has('locale') || changed.has('token') || changed.has('tokenProvider')) {
      this.config = {
        apiBase: this.apiBase,
        locale: normaliseLocale(this.locale),
        token: this.token || undefined,
        tokenProvider: this.tokenProvider,
      };
    }
    if (changed.has('locale')) {
      const lang = normaliseLocale(this.locale);
      if (lang) this.setAttribute('lang', lang);
      else if (changed.get('locale') !== undefined) this.removeAttribute('lang');
    }
  }

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    clearServerRender(this);
    return super.createRenderRoot();
  }

  override render() {
    return html`<slot></slot>`;
  }
}
