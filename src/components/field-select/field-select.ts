import { html } from 'lit';
import { query } from 'lit/decorators.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovChoiceControl } from '../fields/choice-control';

/**
 * A choice from a list, as a native `<select>` (so every screen reader and phone handles it).
 * Options come from the `options` property, `<option>` children, or the schema's `enum`.
 *
 * @slot - `<option>` elements (read, not shown as such).
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - On every choice.
 * @fires change - When the choice changes.
 * @fires egov-change - `{ name, value, valid }`, `value` the enum member chosen.
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart control - The select.
 * @cssprop --egov-field-width - Width of the select.
 */
export class EgovSelect extends EgovChoiceControl {
  static override styles = [hostStyles, formFieldStyles];

  @query('select') protected select?: HTMLSelectElement;

  protected focusTarget(): HTMLElement | null {
    return this.select ?? null;
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLSelectElement).value;
  }

  #onChange(event: Event): void {
    this.value = (event.target as HTMLSelectElement).value;
    this.committed();
  }

  override render() {
    const choices = this.choices;
    const known = choices.some((o) => o.value === this.value);
    return html`<div part="field" class="field">
      ${this.renderLabel()} ${this.renderHint()} ${this.renderError()}
      <select
        part="control"
        id=${this.ids.control}
        ?disabled=${this.isDisabled}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this.showError ? 'true' : 'false'}
        aria-describedby=${this.describedBy()}
        @input=${this.#onInput}
        @change=${this.#onChange}
      >
        <option value="" ?selected=${!known}>${this.i18n.t('fields.selectPlaceholder')}</option>
        ${choices.map((o) => html`<option value=${o.value} ?disabled=${!!o.disabled} ?selected=${o.value === this.value}>${o.label}</option>`)}
      </select>
    </div>`;
  }
}
