import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { FieldModel } from './field-model';

export interface FieldHandlers {
  input(name: string, raw: string | boolean | string[]): void;
  blur(name: string): void;
  t(key: string, params?: Record<string, string | number>): string;
}

/** The id of the control of an answer inside the form's shadow root (the error summary links to it). */
export const controlId = (name: string) => `f-${name}`;
/** The id of the wrapper of an answer, whose label the error summary scrolls into view. */
export const fieldId = (name: string) => `field-${name}`;

function describedBy(model: FieldModel, error: string | undefined): string | undefined {
  const ids = [model.hint ? `${controlId(model.name)}-hint` : '', error ? `${controlId(model.name)}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const INPUT_PURPOSE: Partial<Record<FieldModel['widget'], { type: string; inputmode?: string; autocomplete?: string; spellcheck?: 'false'; translate?: 'no'; autocapitalize?: string }>> = {
  text: { type: 'text' },
  // Identifiers are read character by character: no spell check, no translation, capitals.
  'id-number': { type: 'text', autocomplete: 'off', spellcheck: 'false', translate: 'no', autocapitalize: 'characters' },
  'credit-code': { type: 'text', autocomplete: 'off', spellcheck: 'false', translate: 'no', autocapitalize: 'characters' },
  phone: { type: 'tel', inputmode: 'tel', autocomplete: 'tel', spellcheck: 'false', translate: 'no' },
  postcode: { type: 'text', inputmode: 'numeric', autocomplete: 'postal-code', spellcheck: 'false', translate: 'no' },
  email: { type: 'email', autocomplete: 'email', spellcheck: 'false', translate: 'no' },
  // A typed date (GOV.UK pattern), so an impossible one such as 31 February is reported, not swallowed.
  date: { type: 'text', inputmode: 'numeric', spellcheck: 'false', translate: 'no' },
  number: { type: 'text', inputmode: 'decimal', spellcheck: 'false' },
};

function labelBlock(model: FieldModel, t: FieldHandlers['t']) {
  return html`${model.label}${model.required ? nothing : html` <span class="optional">${t('app.optional')}</span>`}`;
}

function hintAndError(model: FieldModel, error: string | undefined) {
  const id = controlId(model.name);
  return html`${model.hint ? html`<div class="hint" id="${id}-hint">${model.hint}</div>` : nothing}
    ${error ? html`<p class="error-text" id="${id}-error">${error}</p>` : nothing}`;
}

/** One answer: label, hint, inline error and the control, wired for screen readers. */
export function renderField(model: FieldModel, value: unknown, error: string | undefined, on: FieldHandlers): TemplateResult {
  const id = controlId(model.name);
  const invalid = error ? 'true' : 'false';
  const text = value === undefined || value === null ? '' : String(value);
  const classes = `field${error ? ' field--error' : ''}`;

  if (model.widget === 'radio') {
    return html`<div part="field" class=${classes} id=${fieldId(model.name)}>
      <fieldset class="choices" aria-describedby=${ifDefined(describedBy(model, error))}>
        <legend id="${id}-label">${labelBlock(model, on.t)}</legend>
        ${hintAndError(model, error)}
        ${model.options.map((option, index) => html`<label class="choice">
          <input type="radio" id=${index === 0 ? id : `${id}-${index}`} name=${model.name} .value=${option.value}
            .checked=${live(text === option.value)} aria-invalid=${invalid}
            @change=${() => on.input(model.name, option.value)} @blur=${() => on.blur(model.name)} />
          <span>${option.label}</span>
        </label>`)}
      </fieldset>
    </div>`;
  }

  if (model.widget === 'checkbox' && model.schema.type === 'array') {
    const chosen = Array.isArray(value) ? value.map(String) : [];
    const toggle = (option: string, on: boolean) => {
      const next = model.options.map((o) => o.value).filter((v) => (v === option ? on : chosen.includes(v)));
      handlers.input(model.name, next);
    };
    const handlers = on;
    return html`<div part="field" class=${classes} id=${fieldId(model.name)}>
      <fieldset class="choices" aria-describedby=${ifDefined(describedBy(model, error))}>
        <legend id="${id}-label">${labelBlock(model, on.t)}</legend>
        ${hintAndError(model, error)}
        ${model.options.map((option, index) => html`<label class="choice">
          <input type="checkbox" id=${index === 0 ? id : `${id}-${index}`} name=${model.name} .value=${option.value}
            .checked=${live(chosen.includes(option.value))} aria-invalid=${invalid}
            @change=${(e: Event) => toggle(option.value, (e.target as HTMLInputElement).checked)} @blur=${() => on.blur(model.name)} />
          <span>${option.label}</span>
        </label>`)}
      </fieldset>
    </div>`;
  }

  if (model.widget === 'checkbox') {
    return html`<div part="field" class=${classes} id=${fieldId(model.name)}>
      ${hintAndError(model, error)}
      <label class="choice" id="${id}-label">
        <input type="checkbox" id=${id} name=${model.name} .checked=${live(value === true)} aria-invalid=${invalid}
          aria-describedby=${ifDefined(describedBy(model, error))}
          @change=${(e: Event) => on.input(model.name, (e.target as HTMLInputElement).checked)} @blur=${() => on.blur(model.name)} />
        <span>${labelBlock(model, on.t)}</span>
      </label>
    </div>`;
  }

  const common = (control: TemplateResult) => html`<div part="field" class=${classes} id=${fieldId(model.name)}>
    <label for=${id} id="${id}-label">${labelBlock(model, on.t)}</label>
    ${hintAndError(model, error)}
    ${control}
  </div>`;

  if (model.widget === 'select') {
    return common(html`<select id=${id} name=${model.name} aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy(model, error))}
      aria-required=${model.required ? 'true' : 'false'}
      @change=${(e: Event) => on.input(model.name, (e.target as HTMLSelectElement).value)} @blur=${() => on.blur(model.name)}>
      <option value="" ?selected=${text === ''}>${on.t('app.selectPlaceholder')}</option>
      ${model.options.map((o) => html`<option value=${o.value} ?selected=${o.value === text}>${o.label}</option>`)}
    </select>`);
  }

  if (model.widget === 'textarea') {
    return common(html`<textarea id=${id} name=${model.name} rows="4" .value=${live(text)} aria-invalid=${invalid}
      aria-describedby=${ifDefined(describedBy(model, error))} aria-required=${model.required ? 'true' : 'false'}
      autocomplete=${ifDefined(model.autocomplete)} dir="auto"
      @input=${(e: Event) => on.input(model.name, (e.target as HTMLTextAreaElement).value)} @blur=${() => on.blur(model.name)}></textarea>`);
  }

  const purpose = INPUT_PURPOSE[model.widget] ?? { type: 'text' };
  return common(html`<input id=${id} name=${model.name} type=${purpose.type} .value=${live(text)}
    class=${model.widget === 'id-number' || model.widget === 'credit-code' || model.widget === 'postcode' || model.widget === 'date' ? 'input--code' : ''}
    inputmode=${ifDefined(purpose.inputmode)} autocomplete=${ifDefined(model.autocomplete ?? purpose.autocomplete)}
    spellcheck=${ifDefined(purpose.spellcheck)} translate=${ifDefined(purpose.translate)} autocapitalize=${ifDefined(purpose.autocapitalize)}
    placeholder=${ifDefined(model.widget === 'date' ? 'YYYY-MM-DD' : undefined)}
    dir=${model.widget === 'text' ? 'auto' : 'ltr'}
    aria-invalid=${invalid} aria-describedby=${ifDefined(describedBy(model, error))} aria-required=${model.required ? 'true' : 'false'}
    @input=${(e: Event) => on.input(model.name, (e.target as HTMLInputElement).value)} @blur=${() => on.blur(model.name)} />`);
}
