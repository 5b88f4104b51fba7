import { css, html, nothing } from 'lit';
import { property, queryAll } from 'lit/decorators.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovFormControl } from '../fields/form-control';
import { ChoiceOptionsController, type ChoiceOption, type ResolvedOption } from '../fields/choice-control';
import type { JsonSchema } from '../../core/service-definition';

/**
 * Several choices of a list ("choose all that apply"), as native checkboxes in a fieldset
 * whose legend is the question. The answer is an array (a schema of `type: array` with
 * `items.enum`); a plain form receives one entry per ticked box under the field's name.
 * Options come from the `options` property, `<option>` children, or `items.enum`.
 *
 * @slot - `<option>` elements (read, not shown as such; `selected` ones are ticked by default).
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - When a box is ticked or unticked.
 * @fires change - When a box is ticked or unticked.
 * @fires egov-change - `{ name, value, valid }`, `value` the array of chosen enum members.
 * @csspart field - The fieldset.
 * @csspart label - The legend (the question).
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint of the question.
 * @csspart error-message - The error message.
 * @csspart checkbox - Each choice (box and label).
 * @csspart control - Each checkbox.
 * @csspart checkbox-label - Each choice's label.
 * @cssprop --egov-color-primary - Colour of the ticks.
 */
export class EgovCheckboxGroup extends EgovFormControl {
  static override styles = [hostStyles, formFieldStyles, css`
    fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
    legend { padding: 0; margin-block-end: calc(var(--_space) / 2); }
    .boxes { display: grid; gap: var(--_space); margin-block-start: calc(var(--_space) / 2); }
    .box { display: grid; grid-template-columns: auto 1fr; align-items: center; column-gap: var(--_space); min-height: var(--_target); }
    .box input { width: 28px; height: 28px; margin: 0; accent-color: var(--_primary); cursor: pointer; }
    .box label { cursor: pointer; padding-block: calc(var(--_space) / 2); overflow-wrap: anywhere; }
    .box .hint { grid-column: 2; }
  `];

  /** The choices, `{ value, label, hint?, disabled? }`; otherwise `<option>` children or `items.enum`. */
  @property({ attribute: false }) options?: ChoiceOption[];

  @queryAll('input[type=checkbox]') protected boxes!: NodeListOf<HTMLInputElement>;

  protected readonly list = new ChoiceOptionsController(this, () => this.schema?.items, () => this.i18n.locale);
  #value: string[] = [];
  #dirty = false;

  /** The values of the ticked choices, in the order of the list. */
  @property({ attribute: false })
  get value(): string[] {
    return this.#value;
  }
  set value(next: string[]) {
    const old = this.#value;
    this.#value = Array.isArray(next) ? next.map(String) : [];
    this.#dirty = true;
    this.requestUpdate('value', old);
    if (this.internals) this.commit();
  }

  get jsonValue(): unknown {
    if (!this.#value.length) return undefined;
    const chosen = new Set(this.#value);
    const known = this.list.choices.filter((o) => chosen.has(o.value));
    // Values that are not in the list are kept, so validation can report them.
    const unknown = this.#value.filter((v) => !known.some((o) => o.value === v));
    return [...known.map((o) => o.json), ...unknown];
  }

  protected override fieldSchema(): JsonSchema {
    const schema: JsonSchema = { type: 'array', ...this.schema };
    if (!schema.items?.enum) schema.items = { ...schema.items, enum: this.list.choices.map((o) => o.json) };
    return schema;
  }

  protected formValue(): FormData | null {
    if (!this.#value.length || !this.name) return null;
    const data = new FormData();
    for (const v of this.#value) data.append(this.name, v);
    return data;
  }

  protected override formState(): string {
    return JSON.stringify(this.#value);
  }

  protected resetValue(): void {
    this.#value = this.list.choices.filter((o: ResolvedOption) => o.selected).map((o) => o.value);
    this.#dirty = false;
    this.requestUpdate('value');
  }

  protected restoreValue(state: string | File | FormData | null): void {
    if (typeof state !== 'string') return;
    try {
      const parsed: unknown = JSON.parse(state);
      if (Array.isArray(parsed)) this.#value = parsed.map(String);
    } catch {
      // A state from another version of the element: keep the current answer.
    }
    this.requestUpdate('value');
  }

  protected focusTarget(): HTMLElement | null {
    return [...(this.boxes ?? [])].find((b) => !b.disabled) ?? null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.#dirty) queueMicrotask(() => {
      if (!this.#dirty) {
        this.resetValue();
        this.commit();
      }
    });
  }

  #toggle(event: Event, option: string): void {
    const on = (event.target as HTMLInputElement).checked;
    const order = this.list.choices.map((o) => o.value);
    const next = new Set(this.#value);
    if (on) next.add(option);
    else next.delete(option);
    this.value = [...next].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  #onChange(event: Event, option: string): void {
    this.#toggle(event, option);
    this.committed();
  }

  override render() {
    const group = this.ids.control;
    const chosen = new Set(this.#value);
    return html`<fieldset part="field" class="field" aria-describedby=${this.describedBy()} ?disabled=${this.isDisabled}>
      <legend part="label" class="label" id=${this.ids.label}>${this.labelContent()}${this.renderOptional()}</legend>
      ${this.renderHint()} ${this.renderError()}
      <div class="boxes">
        ${this.list.choices.map((o, i) => {
          const id = `${group}-${i}`;
          const hintId = `${id}-hint`;
          return html`<div part="checkbox" class="box">
            <input
              part="control"
              type="checkbox"
              id=${id}
              .value=${o.value}
              .checked=${chosen.has(o.value)}
              ?disabled=${this.isDisabled || !!o.disabled}
              aria-describedby=${o.hint ? hintId : nothing}
              @input=${(e: Event) => this.#toggle(e, o.value)}
              @change=${(e: Event) => this.#onChange(e, o.value)}
            />
            <label part="checkbox-label" for=${id}>${o.label}</label>
            ${o.hint ? html`<div class="hint" id=${hintId}>${o.hint}</div>` : nothing}
          </div>`;
        })}
      </div>
    </fieldset>`;
  }
}
