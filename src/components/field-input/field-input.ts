import { html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovValueControl, type FieldProblem } from '../fields/form-control';
import type { JsonSchema, XEgovFormat } from '../../core/service-definition';
import { coerceValue, normaliseCnMobile, normaliseValue, validateValue } from '../../core/validation';
import { fieldInputStyles } from './field-input.styles';

export type InputType = 'text' | 'number' | 'date' | 'email' | 'tel';

/** How each identifier format is typed: keyboard, autofill, spelling and translation off for codes. */
const FORMAT_INPUT: Record<XEgovFormat, { type: string; inputmode: string; autocomplete: string; autocapitalize?: string; width: string }> = {
  'cn-id': { type: 'text', inputmode: 'text', autocomplete: 'off', autocapitalize: 'characters', width: 'id' },
  'cn-uscc': { type: 'text', inputmode: 'text', autocomplete: 'off', autocapitalize: 'characters', width: 'id' },
  'cn-mobile': { type: 'tel', inputmode: 'tel', autocomplete: 'tel', width: 'phone' },
  'cn-postcode': { type: 'text', inputmode: 'numeric', autocomplete: 'postal-code', width: 'postcode' },
};

/**
 * A single-line field: text, number, date or e-mail, or one of the Chinese identifier
 * formats (`format` = `cn-id` | `cn-uscc` | `cn-mobile` | `cn-postcode`), checked by the
 * shared validation module with messages in the reader's language. Works in a portal's own
 * `<form>` like a native input (FormData, `checkValidity()`, reset, `<fieldset disabled>`,
 * the `form` attribute). `<egov-id-number>`, `<egov-credit-code>` and `<egov-phone>` are
 * this element with the format fixed.
 *
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - On every edit (the native event, from inside).
 * @fires change - When the person commits a change (on leaving the field).
 * @fires egov-change - With the change: `{ name, value, valid }`, `value` as JSON (a number for numbers, the normalised text for codes).
 * @csspart field - The wrapper of label, hint, error and input.
 * @csspart label - The label.
 * @csspart optional - The "(optional)" mark of a field that is not required.
 * @csspart hint - The hint.
 * @csspart error-message - The error message.
 * @csspart control - The input.
 * @cssprop --egov-field-width - Width of the input (default: full width; codes get a fitting width).
 * @cssprop --egov-color-danger - Colour of errors.
 */
export class EgovInput extends EgovValueControl {
  static override styles = [hostStyles, formFieldStyles, fieldInputStyles];

  /** `text` (default), `number`, `date`, `email` or `tel`; when unset, taken from the schema. */
  @property({ reflect: true }) type?: InputType;
  /** A Chinese identifier format, checked with its check digit where it has one. */
  @property({ reflect: true }) format?: XEgovFormat;
  /** A regular expression (JSON Schema semantics, `u` flag) the answer must match. */
  @property() pattern?: string;
  /** Shortest answer in characters (an emoji counts as one). */
  @property({ type: Number }) minlength?: number;
  /** Longest answer in characters; longer text is not cut off but reported. */
  @property({ type: Number }) maxlength?: number;
  /** Lowest number, or earliest date (`YYYY-MM-DD`). */
  @property() min?: string;
  /** Highest number, or latest date (`YYYY-MM-DD`). */
  @property() max?: string;
  @property() step?: string;
  /** Autofill purpose (e.g. `name`, `email`, `tel`); fitting defaults for codes. */
  @property() autocomplete?: string;
  @property() inputmode?: string;
  @property() placeholder?: string;
  @property({ type: Boolean, reflect: true }) readonly = false;

  @query('input') protected input?: HTMLInputElement;

  /** The effective input type: the attribute, else what the schema implies. */
  get inputType(): InputType {
    if (this.type) return this.type;
    const schema = this.schema;
    if (this.effectiveFormat === 'cn-mobile') return 'tel';
    if (schema?.format === 'date') return 'date';
    if (schema?.format === 'email') return 'email';
    const t = Array.isArray(schema?.type) ? schema.type.find((x) => x !== 'null') : schema?.type;
    if (t === 'number' || t === 'integer') return 'number';
    return 'text';
  }

  get effectiveFormat(): XEgovFormat | undefined {
    return this.format ?? this.schema?.['x-egov-format'];
  }

  get jsonValue(): unknown {
    const schema = this.fieldSchema();
    const text = this.value.trim();
    if (text === '') return undefined;
    if (this.inputType === 'number') return coerceValue(schema, text);
    return normaliseValue(schema, text);
  }

  /**
   * Judged as it will be written once the person leaves the field (spaces out of codes, +86
   * off), so "138 1234 5678" is not an error while it is typed; the JSON value itself keeps
   * the spaces until then, so a page that binds it back does not move the caret.
   */
  protected override validatedValue(): unknown {
    const text = this.value.trim();
    if (text === '' || this.inputType === 'number' || !this.effectiveFormat) return this.jsonValue;
    return normaliseValue(this.fieldSchema(), this.#normalise(text));
  }

  /** The number typed, or NaN, as on a native number input. */
  get valueAsNumber(): number {
    const v = this.jsonValue;
    return typeof v === 'number' ? v : NaN;
  }

  protected override fieldSchema(): JsonSchema {
    const schema: JsonSchema = { ...this.schema };
    const type = this.inputType;
    if (type === 'number' && !schema.type) schema.type = 'number';
    if (type === 'date') schema.format = 'date';
    if (type === 'email') schema.format = 'email';
    if (this.effectiveFormat) schema['x-egov-format'] = this.effectiveFormat;
    if (this.pattern) schema.pattern = this.pattern;
    if (this.minlength !== undefined && this.minlength >= 0) schema.minLength = this.minlength;
    if (this.maxlength !== undefined && this.maxlength >= 0) schema.maxLength = this.maxlength;
    if (type === 'number') {
      if (this.min !== undefined && this.min !== '' && Number.isFinite(Number(this.min))) schema.minimum = Number(this.min);
      if (this.max !== undefined && this.max !== '' && Number.isFinite(Number(this.max))) schema.maximum = Number(this.max);
    }
    return schema;
  }

  protected override extraProblem(): FieldProblem | null {
    if (this.inputType !== 'date') return null;
    const params: Record<string, string> = this.label ? { label: this.label } : {};
    // A native date input reports an unfinished date as empty; say it is not a date instead.
    if (this.input?.validity.badInput) {
      const [error] = validateValue({ format: 'date' }, 'x', { locale: this.i18n.locale, ...params });
      return { flags: { badInput: true }, message: error!.message };
    }
    const value = this.jsonValue;
    if (typeof value !== 'string' || value.length !== 10) return null;
    if (this.min && value < this.min) return { flags: { rangeUnderflow: true }, message: this.i18n.t('fields.date.min', { ...params, limit: this.i18n.date(this.min) }) };
    if (this.max && value > this.max) return { flags: { rangeOverflow: true }, message: this.i18n.t('fields.date.max', { ...params, limit: this.i18n.date(this.max) }) };
    return null;
  }

  protected override get hintText(): string {
    const format = this.effectiveFormat;
    return this.hint || (format ? this.i18n.t(`fields.format.${format}.hint`) : '');
  }

  protected focusTarget(): HTMLElement | null {
    return this.input ?? null;
  }

  /** Puts a code in its canonical spelling when the person leaves the field. */
  #normalise(text: string): string {
    switch (this.effectiveFormat) {
      case 'cn-id':
      case 'cn-uscc':
      case 'cn-postcode':
        return text.replace(/\s+/g, '').toUpperCase();
      case 'cn-mobile': {
        const compact = text.replace(/[\s-]+/g, '');
        return normaliseCnMobile(compact);
      }
      default:
        return this.inputType === 'date' ? text : text.trim();
    }
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const format = this.effectiveFormat;
    // The check character of an ID number or credit code is written upper case; do it as it is typed.
    if ((format === 'cn-id' || format === 'cn-uscc') && /[a-z]/.test(input.value)) {
      const { selectionStart, selectionEnd } = input;
      input.value = input.value.toUpperCase();
      input.setSelectionRange(selectionStart, selectionEnd);
    }
    this.value = input.value;
  }

  #onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    const normalised = this.#normalise(input.value);
    if (normalised !== input.value) input.value = normalised;
    this.value = normalised;
    this.committed();
  }

  #onBlur(): void {
    // A date typed in part or impossible (31 February) leaves the value empty and fires no
    // change: leaving the field is the moment to say so.
    if (this.inputType === 'date' && this.input?.validity.badInput) this.interacted = true;
    this.commit();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // Date inputs know of unfinished dates only after rendering.
    if (this.inputType === 'date') this.commit();
  }

  override render() {
    const type = this.inputType;
    const format = this.effectiveFormat;
    const fi = format ? FORMAT_INPUT[format] : undefined;
    const isCode = format === 'cn-id' || format === 'cn-uscc';
    const inputmode = this.inputmode ?? fi?.inputmode ?? (type === 'number' ? (this.schema?.type === 'integer' ? 'numeric' : 'decimal') : type === 'email' ? 'email' : undefined);
    const autocomplete = this.autocomplete ?? fi?.autocomplete ?? (type === 'email' ? 'email' : undefined);
    return html`<div part="field" class="field">
      ${this.renderLabel()} ${this.renderHint()} ${this.renderError()}
      <input
        part="control"
        id=${this.ids.control}
        class="control ${fi ? `width-${fi.width}` : ''}"
        type=${type === 'number' ? 'text' : type === 'tel' ? 'tel' : type}
        .value=${live(this.value)}
        ?disabled=${this.isDisabled}
        ?readonly=${this.readonly}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this.showError ? 'true' : 'false'}
        aria-describedby=${this.describedBy()}
        inputmode=${ifDefined(inputmode)}
        autocomplete=${ifDefined(autocomplete)}
        autocapitalize=${ifDefined(fi?.autocapitalize)}
        spellcheck=${isCode || type === 'email' || type === 'number' || format ? 'false' : nothing}
        translate=${format || type === 'email' ? 'no' : nothing}
        dir=${type === 'text' && !format ? 'auto' : nothing}
        placeholder=${ifDefined(this.placeholder)}
        min=${ifDefined(type === 'date' ? this.min : undefined)}
        max=${ifDefined(type === 'date' ? this.max : undefined)}
        step=${ifDefined(this.step)}
        @input=${this.#onInput}
        @change=${this.#onChange}
        @blur=${this.#onBlur}
      />
    </div>`;
  }
}
