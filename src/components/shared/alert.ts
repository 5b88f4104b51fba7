import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { EgovElement } from '../base/egov-element';
import { alertStyles, hostStyles } from './shared.styles';

/**
 * A message box: information, success, warning or error.
 *
 * @slot - The message.
 * @csspart alert - The box.
 * @cssprop --egov-color-info - Edge colour of information.
 * @cssprop --egov-color-danger - Edge colour of errors.
 */
export class EgovAlert extends EgovElement {
  static override styles = [hostStyles, alertStyles];

  @property({ reflect: true }) variant: 'info' | 'success' | 'warning' | 'error' = 'info';
  @property() heading = '';
  /** When set, the box is a live region, so a message put in it later is read out. */
  @property({ type: Boolean }) live = false;

  override render() {
    const role = this.live ? (this.variant === 'error' ? 'alert' : 'status') : undefined;
    return html`<div part="alert" class="alert alert--${this.variant}" role=${role ?? 'none'}>
      ${this.heading ? html`<p class="alert__title">${this.heading}</p>` : null}
      <slot></slot>
    </div>`;
  }
}
