import type { EgovLocale } from '../../services/config';
import type { FieldWidget, FormUi, JsonSchema, ServiceDefinition } from '../../core/service-definition';
import { translate } from '../../core/i18n';
import { hiddenFields, normaliseData } from '../../core/validation';
import '../../i18n/application';

/** One answer of the form as the page shows it: label and hint in the reader's language. */
export interface FieldModel {
  name: string;
  schema: JsonSchema;
  label: string;
  hint: string;
  widget: FieldWidget;
  required: boolean;
  autocomplete: string | undefined;
  options: Array<{ value: string; label: string }>;
}

export interface SectionModel {
  id: string;
  title: string;
  description: string;
  fields: string[];
}

/** The sections of the form; a schema without `ui` is one section of every property. */
export function sectionsOf(def: ServiceDefinition, locale: EgovLocale): SectionModel[] {
  const ui = def.form.ui;
  if (ui?.sections?.length) {
    return ui.sections.map((s) => ({
      id: s.id,
      title: (locale === 'en' && s.titleEn) || s.title,
      description: (locale === 'en' ? s.descriptionEn : s.description) ?? s.description ?? '',
      fields: s.fields.filter((f) => def.form.schema.properties?.[f]),
    }));
  }
  return [{
    id: 'main',
    title: (locale === 'en' && def.nameEn) || def.name,
    description: '',
    fields: Object.keys(def.form.schema.properties ?? {}),
  }];
}

function defaultWidget(schema: JsonSchema): FieldWidget {
  switch (schema['x-egov-format']) {
    case 'cn-id': return 'id-number';
    case 'cn-uscc': return 'credit-code';
    case 'cn-mobile': return 'phone';
    case 'cn-postcode': return 'postcode';
  }
  if (schema.format === 'date') return 'date';
  if (schema.format === 'email') return 'email';
  if (schema.enum) return schema.enum.length <= 4 ? 'radio' : 'select';
  if (schema.type === 'boolean') return 'radio';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if ((schema.maxLength ?? 0) > 200) return 'textarea';
  return 'text';
}

/**
 * Required here means "required while shown": the schema's `required`, or a `then` that
 * makes it required while another answer has a value (the conditional fields).
 */
function isRequired(root: JsonSchema, name: string, data: Record<string, unknown>): boolean {
  if (root.required?.includes(name)) return true;
  for (const part of root.allOf ?? []) {
    if (part.required?.includes(name)) return true;
    if (part.if && part.then?.required?.includes(name) && matchesIf(part.if, data)) return true;
  }
  if (root.if && root.then?.required?.includes(name) && matchesIf(root.if, data)) return true;
  return false;
}

function matchesIf(cond: JsonSchema, data: Record<string, unknown>): boolean {
  for (const [key, sub] of Object.entries(cond.properties ?? {})) {
    const value = data[key];
    if ('const' in sub && JSON.stringify(value) !== JSON.stringify(sub.const)) return false;
    if (sub.enum && !sub.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return false;
  }
  for (const key of cond.required ?? []) if (data[key] === undefined || data[key] === '') return false;
  return true;
}

export function labelOf(schema: JsonSchema, name: string, locale: EgovLocale): string {
  return (locale === 'en' && schema['x-egov-en']?.title) || schema.title || name;
}

export function fieldModel(def: ServiceDefinition, name: string, locale: EgovLocale, data: Record<string, unknown>): FieldModel {
  const schema = def.form.schema.properties?.[name] ?? {};
  const ui = def.form.ui?.fields?.[name];
  const widget = ui?.widget ?? defaultWidget(schema);
  const choices = schema.type === 'array' && schema.items ? schema.items : schema;
  const enumLabels = choices['x-egov-enum-labels'];
  const values = choices.enum ?? (schema.type === 'boolean' ? [true, false] : []);
  return {
    name,
    schema,
    label: labelOf(schema, name, locale),
    hint: (locale === 'en' ? (ui?.hintEn ?? schema['x-egov-en']?.description) : (ui?.hint ?? schema.description)) ?? '',
    widget,
    required: isRequired(def.form.schema, name, data),
    autocomplete: ui?.autocomplete,
    options: values.map((v) => ({
      value: String(v),
      label: enumLabels?.[String(v)]?.[locale] ?? (typeof v === 'boolean' ? translate(locale, v ? 'app.yes' : 'app.no') : String(v)),
    })),
  };
}

/** The fields of a section that are shown for the current answers. */
export function visibleFields(def: ServiceDefinition, section: SectionModel, data: Record<string, unknown>): string[] {
  const hidden = hiddenFields(def.form.ui, data);
  return section.fields.filter((f) => !hidden.has(f));
}

/** The answers that are submitted: hidden fields' answers left out, identifiers in their canonical form. */
export function submittedData(schema: JsonSchema, ui: FormUi | undefined, data: Record<string, unknown>): Record<string, unknown> {
  const hidden = hiddenFields(ui, data);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (hidden.has(key) || value === '' || value === undefined || value === null) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return normaliseData(schema, out);
}

/**
 * An answer as a person reads it: the option's label rather than its code, a list joined
 * in the reader's language, yes/no for booleans. Used by the form's review and by the
 * officer's view of the same answers.
 */
export function formatAnswer(def: ServiceDefinition, name: string, value: unknown, locale: EgovLocale, data: Record<string, unknown>): string {
  if (value === undefined || value === null || value === '') return translate(locale, 'app.review.empty');
  const model = fieldModel(def, name, locale, data);
  const labelFor = (v: unknown) => model.options.find((o) => o.value === String(v))?.label ?? String(v);
  if (Array.isArray(value)) return value.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(value.map(labelFor)) : translate(locale, 'app.review.empty');
  const option = model.options.find((o) => o.value === String(value));
  if (option) return option.label;
  if (typeof value === 'boolean') return translate(locale, value ? 'app.yes' : 'app.no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A date as people type it, in the form the schema takes (`YYYY-MM-DD`): 20261115,
 * 2026/11/15, 2026.11.15, 2026-1-5 and the Chinese year-month-day form (full-width digits too). Anything else
 * is returned as typed, for the checks to report.
 */
export function normaliseTypedDate(text: string): string {
  const plain = text.normalize('NFKC').trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(plain);
  const parts = compact ?? /^(\d{4})\s*[-/.\u5e74]\s*(\d{1,2})\s*[-/.\u6708]\s*(\d{1,2})\s*\u65e5?$/.exec(plain);
  if (!parts) return text;
  return `${parts[1]}-${parts[2]!.padStart(2, '0')}-${parts[3]!.padStart(2, '0')}`;
}
