import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { JsonSchema } from '../../core/service-definition';
import { normaliseTypedDate, type FieldModel } from '../shared/field-model';

const normalisedDate = (value: unknown) => (typeof value === 'string' ? normaliseTypedDate(value) : value);

export interface FieldHandlers {
  /** The answer changed (as typed): its JSON value, undefined when emptied. */
  input(name: string, value: unknown): void;
  blur(name: string): void;
  t(key: string, params?: Record<string, string | number>): string;
}

/** The id of the field element of an answer inside the form's shadow root (the error summary links to it). */
export const controlId = (name: string) => `f-${name}`;
/** The id of the wrapper of an answer, whose label the error summary scrolls into view. */
export const fieldId = (name: string) => `field-${name}`;

/**
 * The id of a section's `<form>`, which holds only the buttons: the fields are beside it and
 * belong to it by their `form` attribute. Inside a `<form>` element every field cost Chromium
 * about as much again on first render (200 fields: about twice the time of 200 bare fields);
 * associated by `form`, the fields still submit with it, hear its `submit` and are reset with
 * it, at the cost of bare fields.
 */
export const SECTION_FORM = 'section-form';

/** The fields' own parts, re-exported so a portal can style them through the form. */
const EXPORTED_PARTS = 'label: field-label, hint: field-hint, error-message: field-error, control: field-control';

/** What a field element exposes to the form (the form-associated fields of `src/fields.ts`). */
interface FieldElement extends HTMLElement {
  jsonValue: unknown;
}

/** A yes/no question as a choice of two JSON values, labelled in the reader's language. */
function booleanChoice(schema: JsonSchema, t: FieldHandlers['t']): JsonSchema {
  return {
    ...schema,
    enum: [true, false],
    'x-egov-enum-labels': {
      true: { 'zh-CN': t('app.yes'), en: t('app.yes') },
      false: { 'zh-CN': t('app.no'), en: t('app.no') },
    },
  };
}

/**
 * One answer, rendered with the form-associated field elements: label, hint, inline error
 * and control live in the field; the form passes the schema, its language's label and hint,
 * whether the answer is required now, and the error its own check found.
 */
export function renderField(model: FieldModel, value: unknown, error: string | undefined, on: FieldHandlers): TemplateResult {
  const id = controlId(model.name);
  const changed = (event: Event) => on.input(model.name, (event.currentTarget as FieldElement).jsonValue);
  const blurred = () => on.blur(model.name);
  // Bound without `live`: the field keeps what is being typed (a trailing space, say) while the answer it stands for is the same.
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const common = { id, name: model.name, label: model.label, hint: model.hint, required: model.required, error: error ?? '' };
  let control: TemplateResult;

  switch (model.widget) {
    case 'radio': {
      const schema = model.schema.type === 'boolean' ? booleanChoice(model.schema, on.t) : model.schema;
      control = html`<egov-radio-group exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${schema} .value=${text} @change=${changed} @focusout=${blurred}></egov-radio-group>`;
      break;
    }
    case 'select': {
      const schema = model.schema.type === 'boolean' ? booleanChoice(model.schema, on.t) : model.schema;
      control = html`<egov-select exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${schema} .value=${text} @change=${changed} @focusout=${blurred}></egov-select>`;
      break;
    }
    case 'checkbox':
      control = model.schema.type === 'array'
        ? html`<egov-checkbox-group exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
            .error=${live(common.error)} .schema=${model.schema} .value=${Array.isArray(value) ? value.map(String) : []}
            @change=${changed} @focusout=${blurred}></egov-checkbox-group>`
        : html`<egov-checkbox exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
            .error=${live(common.error)} .schema=${model.schema} .checked=${value === true} @change=${changed} @focusout=${blurred}></egov-checkbox>`;
      break;
    case 'textarea':
      control = html`<egov-textarea exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${model.schema} .value=${text} autocomplete=${ifDefined(model.autocomplete)}
        @input=${changed} @change=${changed} @focusout=${blurred}></egov-textarea>`;
      break;
    case 'id-number':
      control = html`<egov-id-number exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${model.schema} .value=${text} @input=${changed} @change=${changed} @focusout=${blurred}></egov-id-number>`;
      break;
    case 'credit-code':
      control = html`<egov-credit-code exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${model.schema} .value=${text} @input=${changed} @change=${changed} @focusout=${blurred}></egov-credit-code>`;
      break;
    case 'phone':
      control = html`<egov-phone exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} .label=${common.label} .hint=${common.hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${model.schema} .value=${text} autocomplete=${ifDefined(model.autocomplete)}
        @input=${changed} @change=${changed} @focusout=${blurred}></egov-phone>`;
      break;
    default: {
      // A typed date (the GOV.UK pattern), so an impossible one such as 31 February is reported, not swallowed by a picker.
      const type = model.widget === 'date' ? 'text' : model.widget === 'number' ? 'number' : model.widget === 'email' ? 'email' : 'text';
      const hint = model.widget === 'date' ? [model.hint, on.t('app.dateHint')].filter(Boolean).join(' · ') : model.hint;
      // Dates are typed on the full keyboard (a numeric keypad may lack "-" and "/"), in any usual spelling, shown normalised on leaving.
      const isDate = model.widget === 'date';
      const dateChange = (event: Event) => {
        const field = event.currentTarget as FieldElement & { value: string };
        const normal = normaliseTypedDate(field.value);
        if (normal !== field.value) field.value = normal;
        on.input(model.name, normalisedDate(field.jsonValue));
      };
      control = html`<egov-input exportparts=${EXPORTED_PARTS} form=${SECTION_FORM} id=${common.id} name=${common.name} type=${type} .label=${common.label} .hint=${hint} ?required=${common.required}
        .error=${live(common.error)} .schema=${model.schema} .value=${text} autocomplete=${ifDefined(model.autocomplete)}
        @input=${changed} @change=${isDate ? dateChange : changed} @focusout=${blurred}></egov-input>`;
    }
  }
  return html`<div part="field" class="field-wrapper" id=${fieldId(model.name)} data-field=${model.name}>${control}</div>`;
}

/**
 * An answer bound to the applicant (`x-egov-subject`): filled from the sign-in and shown
 * read-only, not as a control that could take another person's name or number.
 */
export function renderBoundAnswer(model: FieldModel, value: string, note: string): TemplateResult {
  const noteId = `${controlId(model.name)}-note`;
  return html`<div part="field" class="field-wrapper field--bound" id=${fieldId(model.name)} data-field=${model.name} data-bound>
    <p class="bound__label" id=${`${controlId(model.name)}-label`}>${model.label}</p>
    <p class="bound__value" id=${controlId(model.name)} tabindex="-1" role="textbox" aria-readonly="true"
      aria-labelledby=${`${controlId(model.name)}-label`} aria-describedby=${noteId} translate="no">${value}</p>
    <p class="muted bound__note" id=${noteId}>${note}</p>
  </div>`;
}
