import { css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { EgovElement } from '../base/egov-element';
import { alertStyles, buttonStyles, hostStyles } from './shared.styles';

export type AsyncStateValue = 'idle' | 'loading' | 'error' | 'empty';

/**
 * Loading, empty and error-with-retry states above a piece of content. The live region
 * exists before any message, so screen readers announce each change.
 *
 * @slot - The content; stays visible while loading so the last good results remain.
 * @fires egov-retry - The user asked to try again after an error.
 * @csspart state - The state message.
 * @csspart retry - The retry button.
 */
export class EgovAsyncState extends EgovElement {
  static override styles = [
    hostStyles,
    buttonStyles,
    alertStyles,
    css`
      .state { display: flex; align-items: center; gap: var(--_space); padding: var(--_space) 0; }
      .spinner {
        inline-size: 1.25em; block-size: 1.25em; border-radius: 50%;
        border: 3px solid var(--_divider); border-top-color: var(--_primary);
        animation: spin 0.9s linear infinite;
      }
      @keyframes spin { to { transform: rotate(360deg); } }
      @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
      .alert { display: grid; gap: var(--_space); justify-items: start; }
    `,
  ];

  @property({ reflect: true }) state: AsyncStateValue = 'idle';
  /** The text to show; for `loading` and `empty` a default comes from the catalogue. */
  @property() message = '';
  /** Offer a retry button in the error state. */
  @property({ type: Boolean }) retryable = true;

  #retry = () => this.emit('egov-retry', {});

  #stateView() {
    const { t } = this.i18n;
    switch (this.state) {
      case 'loading':
        return html`<div part="state" class="state"><span class="spinner" aria-hidden="true"></span><span>${this.message || t('common.loading')}</span></div>`;
      case 'empty':
        return html`<div part="state" class="state">${this.message || t('common.empty')}</div>`;
      case 'error':
        return html`<div part="state" class="alert alert--error">
          <p class="alert__title">${t('error.title')}</p>
          <span>${this.message || t('error.UNKNOWN')}</span>
          ${this.retryable ? html`<button part="retry" class="btn btn--secondary" type="button" @click=${this.#retry}>${t('common.retry')}</button>` : null}
        </div>`;
      default:
        return null;
    }
  }

  override render() {
    return html`<div role="status" aria-live="polite">${this.#stateView()}</div>
      <div aria-busy=${this.state === 'loading' ? 'true' : 'false'}><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-retry': CustomEvent<Record<string, never>>;
  }
}
