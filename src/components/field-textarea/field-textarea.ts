import { css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovValueControl } from '../fields/form-control';
import type { JsonSchema } from '../../core/service-definition';

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A multi-line answer. With a maximum length it counts the characters left (GOV.UK
 * character count): text over the limit is kept and reported, never cut off.
 *
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - On every edit.
 * @fires change - When the person commits a change.
 * @fires egov-change - `{ name, value, valid }`.
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart control - The textarea.
 * @csspart count - The characters-left count.
 * @cssprop --egov-field-width - Width of the textarea.
 */
export class EgovTextarea extends EgovValueControl {
  static override styles = [hostStyles, formFieldStyles, css`
    .count { color: var(--_muted); font-size: 0.9375em; margin: 0; }
    .count.over { color: var(--_danger); font-weight: 600; }
  `];

  @property({ type: Number }) rows = 5;
  @property({ type: Number }) minlength?: number;
  @property({ type: Number }) maxlength?: number;
  @property() autocomplete?: string;
  @property({ type: Boolean, reflect: true }) readonly = false;

  @query('textarea') protected textarea?: HTMLTextAreaElement;

  readonly #countId = this.ids.control + '-count';
  #pause?: ReturnType<typeof setTimeout>;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#pause);
  }

  get jsonValue(): unknown {
    return this.value.trim() === '' ? undefined : this.value;
  }

  protected override fieldSchema(): JsonSchema {
    const schema: JsonSchema = { type: 'string', ...this.schema };
    if (this.minlength !== undefined && this.minlength >= 0) schema.minLength = this.minlength;
    if (this.maxlength !== undefined && this.maxlength >= 0) schema.maxLength = this.maxlength;
    return schema;
  }

  protected focusTarget(): HTMLElement | null {
    return this.textarea ?? null;
  }

  get #limit(): number | undefined {
    return this.fieldSchema().maxLength;
  }

  #onInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    // GOV.UK character count: the count is read out once typing pauses, not at every key.
    if (this.#limit !== undefined) {
      clearTimeout(this.#pause);
      this.#pause = setTimeout(() => this.announcer.announce(this.#countText()), 1000);
    }
  }

  #countText(): string {
    const limit = this.#limit ?? 0;
    // Counting a huge paste would be wasted work: past twice the limit it is surely over.
    const used = this.value.length > limit * 2 ? this.value.length : codePoints(this.value);
    const left = limit - used;
    return left >= 0 ? this.i18n.t('fields.count.remaining', { count: left }) : this.i18n.t('fields.count.over', { count: -left });
  }

  #onChange(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.committed();
  }

  #renderCount() {
    const limit = this.#limit;
    if (limit === undefined) return nothing;
    const over = (this.value.length > limit * 2 ? this.value.length : codePoints(this.value)) > limit;
    return html`<p part="count" class="count ${over ? 'over' : ''}" id=${this.#countId}>${this.#countText()}</p>`;
  }

  override render() {
    const counted = this.#limit !== undefined;
    return html`<div part="field" class="field">
      ${this.renderLabel()} ${this.renderHint()} ${this.renderError()}
      <textarea
        part="control"
        id=${this.ids.control}
        rows=${this.rows}
        .value=${live(this.value)}
        ?disabled=${this.isDisabled}
        ?readonly=${this.readonly}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this.showError ? 'true' : 'false'}
        aria-describedby=${this.describedBy(counted ? [this.#countId] : [])}
        autocomplete=${ifDefined(this.autocomplete)}
        dir="auto"
        @input=${this.#onInput}
        @change=${this.#onChange}
      ></textarea>
      ${this.#renderCount()}
    </div>`;
  }
}
