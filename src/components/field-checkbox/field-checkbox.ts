import { css, html, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovFormControl } from '../fields/form-control';
import type { JsonSchema } from '../../core/service-definition';

/**
 * A yes/no answer or a confirmation ("I declare that…"), as a native checkbox. Submits
 * `value` (default `on`) when ticked, nothing otherwise, like a native checkbox; its JSON
 * answer is `true` or `false`. `required` means it must be ticked.
 *
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - When ticked or unticked.
 * @fires change - When ticked or unticked.
 * @fires egov-change - `{ name, value, valid }`, `value` true or false.
 * @csspart field - The wrapper.
 * @csspart control - The checkbox.
 * @csspart label - The label beside it.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @cssprop --egov-color-primary - Colour of the tick.
 */
export class EgovCheckbox extends EgovFormControl {
  static override styles = [hostStyles, formFieldStyles, css`
    .box { display: grid; grid-template-columns: auto 1fr; align-items: start; column-gap: var(--_space); min-height: var(--_target); }
    .box input { width: 28px; height: 28px; margin: 8px 0 0; accent-color: var(--_primary); cursor: pointer; }
    .box label { font-weight: 400; padding-block: calc(var(--_space) / 2); cursor: pointer; overflow-wrap: anywhere; }
    .box .hint, .box .error-text { grid-column: 2; }
  `];

  #checked = false;
  #dirty = false;

  /** The value submitted when ticked. */
  @property() value = 'on';
  /** Ticked by default; reset returns to it. */
  @property({ type: Boolean, attribute: 'checked' }) defaultChecked = false;

  /** Whether the box is ticked. */
  @property({ attribute: false })
  get checked(): boolean {
    return this.#checked;
  }
  set checked(next: boolean) {
    const old = this.#checked;
    this.#checked = !!next;
    this.#dirty = true;
    this.requestUpdate('checked', old);
    if (this.internals) this.commit();
  }

  @query('input') protected input?: HTMLInputElement;

  get jsonValue(): unknown {
    return this.#checked;
  }

  protected override fieldSchema(): JsonSchema {
    return { type: 'boolean', ...this.schema };
  }

  protected override computeProblem() {
    // A confirmation left unticked is a missing answer.
    if (this.required && !this.#checked && !this.error) return { flags: { valueMissing: true }, message: this.i18n.t('validation.constTrue') };
    return super.computeProblem();
  }

  protected formValue(): string | null {
    return this.#checked ? this.value : null;
  }

  protected override formState(): string {
    return this.#checked ? 'checked' : 'unchecked';
  }

  protected resetValue(): void {
    this.#checked = this.defaultChecked;
    this.#dirty = false;
    this.requestUpdate('checked');
  }

  protected restoreValue(state: string | File | FormData | null): void {
    if (state === 'checked' || state === 'unchecked') this.#checked = state === 'checked';
    this.requestUpdate('checked');
  }

  protected focusTarget(): HTMLElement | null {
    return this.input ?? null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('defaultChecked') && !this.#dirty) this.#checked = this.defaultChecked;
    super.willUpdate(changed);
  }

  #onChange(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.committed();
  }

  override render() {
    return html`<div part="field" class="field">
      <div class="box">
        <input
          part="control"
          type="checkbox"
          id=${this.ids.control}
          .checked=${this.#checked}
          ?disabled=${this.isDisabled}
          aria-required=${this.required ? 'true' : 'false'}
          aria-invalid=${this.showError ? 'true' : 'false'}
          aria-describedby=${this.describedBy()}
          @change=${this.#onChange}
        />
        <label part="label" for=${this.ids.control} id=${this.ids.label}>${this.labelContent()}</label>
        ${this.renderHint()} ${this.renderError()}
      </div>
    </div>`;
  }
}
