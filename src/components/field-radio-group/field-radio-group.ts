import { css, html, nothing } from 'lit';
import { property, queryAll } from 'lit/decorators.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovChoiceControl } from '../fields/choice-control';

/**
 * One choice of a few, as native radio buttons in a fieldset whose legend is the question:
 * Tab enters the group, the arrow keys move between the choices (the platform does this).
 * Options come from the `options` property, `<option>` children, or the schema's `enum`.
 *
 * @slot - `<option>` elements (read, not shown as such).
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - When a choice is made.
 * @fires change - When the choice changes.
 * @fires egov-change - `{ name, value, valid }`, `value` the enum member chosen.
 * @csspart field - The fieldset.
 * @csspart label - The legend (the question).
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint of the question.
 * @csspart error-message - The error message.
 * @csspart radio - Each choice (radio and its label).
 * @csspart control - Each radio button.
 * @csspart radio-label - Each choice's label.
 * @cssprop --egov-color-primary - Colour of the chosen radio.
 */
export class EgovRadioGroup extends EgovChoiceControl {
  static override styles = [hostStyles, formFieldStyles, css`
    fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
    legend { padding: 0; margin-block-end: calc(var(--_space) / 2); }
    .radios { display: grid; gap: var(--_space); margin-block-start: calc(var(--_space) / 2); }
    :host([inline]) .radios { display: flex; flex-wrap: wrap; gap: var(--_space) calc(var(--_space) * 3); }
    .radio { display: grid; grid-template-columns: auto 1fr; align-items: center; column-gap: var(--_space); min-height: var(--_target); }
    .radio input { width: 28px; height: 28px; margin: 0; accent-color: var(--_primary); cursor: pointer; }
    .radio label { cursor: pointer; padding-block: calc(var(--_space) / 2); overflow-wrap: anywhere; }
    .radio .hint { grid-column: 2; }
  `];

  /** Lays the choices side by side (for short ones such as yes / no). */
  @property({ type: Boolean, reflect: true }) inline = false;

  @queryAll('input[type=radio]') protected radios!: NodeListOf<HTMLInputElement>;

  protected focusTarget(): HTMLElement | null {
    const radios = [...(this.radios ?? [])];
    return radios.find((r) => r.checked) ?? radios.find((r) => !r.disabled) ?? null;
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
  }

  #onChange(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.committed();
  }

  override render() {
    const group = this.ids.control;
    // The group, not each radio, is required and (after an error shows) invalid: a native
    // `required` radio reads as invalid to assistive technology before it was ever touched.
    return html`<fieldset part="field" class="field" role="radiogroup" aria-labelledby=${this.ids.label} aria-required=${this.required ? 'true' : 'false'}
      aria-invalid=${this.showError ? 'true' : 'false'} aria-describedby=${this.describedBy()} ?disabled=${this.isDisabled}>
      <legend part="label" class="label" id=${this.ids.label}>${this.labelContent()}${this.renderOptional()}</legend>
      ${this.renderHint()} ${this.renderError()}
      <div class="radios">
        ${this.choices.map((o, i) => {
          const id = `${group}-${i}`;
          const hintId = `${id}-hint`;
          return html`<div part="radio" class="radio">
            <input
              part="control"
              type="radio"
              id=${id}
              name=${group}
              .value=${o.value}
              .checked=${o.value === this.value}
              ?disabled=${this.isDisabled || !!o.disabled}
              aria-describedby=${o.hint ? hintId : nothing}
              @input=${this.#onInput}
              @change=${this.#onChange}
            />
            <label part="radio-label" for=${id}>${o.label}</label>
            ${o.hint ? html`<div class="hint" id=${hintId}>${o.hint}</div>` : nothing}
          </div>`;
        })}
      </div>
    </fieldset>`;
  }
}
