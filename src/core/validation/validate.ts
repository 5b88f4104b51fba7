import { DEFAULT_LOCALE, type EgovLocale } from '../locale';
import { translate } from '../i18n';
import type { FormUi, JsonSchema } from '../service-definition';
import { cnIdProblem, cnUsccProblem, isCalendarDate, isCnMobile, isCnPostcode, isEmail } from './cn-formats';
import { jsonEqual } from './json-equal';
import { compilePattern } from './pattern-cache';
import { hiddenFields } from './visibility';

/**
 * The JSON Schema 2020-12 subset of SPEC §4, interpreted (never compiled to code, so it runs
 * under a CSP without `unsafe-eval`), with the same results in the browser and on the server.
 */

export type ErrorParams = Record<string, string | number>;

export interface ValidationError {
  /** JSON pointer of the answer, e.g. `/childName` (a missing answer points at itself). */
  path: string;
  /** The schema keyword that failed: `required`, `type`, `maxLength`, `format`, `x-egov-format`, `schema`… */
  keyword: string;
  /** Text for the reader, in the requested language. */
  message: string;
  /** What the message was built from (`limit`, `expected`, `format`, `problem`, `label`…). */
  params: ErrorParams;
}

export interface ValidationResult {
  valid: boolean;
  errors: ValidationError[];
}

export interface ValidateOptions {
  /** Language of the messages; zh-CN when not given. */
  locale?: EgovLocale;
  /** The form's UI: answers hidden by `visibleWhen` are neither required nor validated. */
  ui?: FormUi;
  /** "Today", for birth dates in ID numbers (tests pin it). */
  now?: Date;
  /** Stop after this many errors (default 100): a hostile body cannot make a huge answer. */
  maxErrors?: number;
  /** Deepest nesting of data and schema looked at (default 32). */
  maxDepth?: number;
  /** Longest string accepted where the schema sets no `maxLength`, in characters (default 20 000). */
  maxStringLength?: number;
  /**
   * Empty and blank strings, and `null` where the schema does not allow null, count as "no
   * answer" (default true): required fails, nothing else is checked. An emptied input is
   * not an answer.
   */
  emptyIsAbsent?: boolean;
}

const DEFAULTS = { maxErrors: 100, maxDepth: 32, maxStringLength: 20_000, emptyIsAbsent: true };

interface Run {
  errors: ValidationError[];
  locale: EgovLocale;
  now: Date | undefined;
  maxErrors: number;
  maxDepth: number;
  maxStringLength: number;
  emptyIsAbsent: boolean;
  /** Only this top-level answer is checked (validateField). */
  focus: string | undefined;
  /** When set, the run only asks "does it match?" and stops at the first failure. */
  silent: boolean;
  /** validateField: the value of `focus` in the form's data object `root`, in place of the one there. */
  override?: { root: Record<string, unknown>; name: string; value: unknown };
}

type SchemaLike = JsonSchema | boolean;
/** The property schemas in scope: an object's own, then those of the schemas it sits in (for `then: { required }`). */
interface Properties {
  readonly own: Record<string, JsonSchema>;
  readonly outer: Properties | undefined;
}

function lookup(scope: Properties | undefined, name: string): JsonSchema | undefined {
  for (let s = scope; s; s = s.outer) {
    const found = s.own[name];
    if (found !== undefined && Object.prototype.hasOwnProperty.call(s.own, name)) return found;
  }
  return undefined;
}

/** Validates data (usually a form's answers) against a schema. */
export function validate(schema: JsonSchema, data: unknown, options: ValidateOptions = {}): ValidationResult {
  const run = makeRun(options, undefined);
  const hidden = hiddenFields(options.ui, data);
  const input = hidden.size && isObject(data) ? stripKeys(data, hidden) : data;
  check(schema, input, '', 0, run, undefined, undefined);
  const errors = hidden.size ? run.errors.filter((e) => !hidden.has(topName(e.path))) : run.errors;
  return { valid: errors.length === 0, errors };
}

/**
 * The errors of one answer of a form: its own checks, whether it is required (also through
 * `if`/`then`, which may depend on the other answers in `data`), nothing about other answers.
 */
export function validateField(
  schema: JsonSchema,
  name: string,
  value: unknown,
  data: Record<string, unknown> = {},
  locale: EgovLocale = DEFAULT_LOCALE,
  options: Omit<ValidateOptions, 'locale'> = {},
): ValidationError[] {
  // The answer being edited is laid over the others without copying them (forms can be large).
  const same = Object.prototype.hasOwnProperty.call(data, name) && data[name] === value;
  if (options.ui && hiddenFields(options.ui, same ? data : { ...data, [name]: value }).has(name)) return [];
  const run = makeRun({ ...options, locale }, name);
  if (!same) run.override = { root: data, name, value };
  check(schema, data, '', 0, run, undefined, undefined);
  return run.errors;
}

export interface ValueOptions extends ValidateOptions {
  /** An answer must be given (a field's `required`, not part of the value's own schema). */
  required?: boolean;
  /** The field's label, to name it in messages. */
  label?: string;
}

/** Validates one value against the schema of one field (what a field element does). */
export function validateValue(schema: JsonSchema, value: unknown, options: ValueOptions = {}): ValidationError[] {
  const run = makeRun(options, undefined);
  const label = options.label ?? labelOf(schema, run.locale);
  if (isAbsent(schema, value, run)) {
    if (options.required) push(run, '', 'required', { ...(label ? { label } : {}), ...(isChoice(schema) ? { choice: 1 } : {}) });
    return run.errors;
  }
  check(schema, value, '', 0, run, undefined, label);
  return run.errors;
}

export function isValid(schema: JsonSchema, data: unknown, options: ValidateOptions = {}): boolean {
  const run = { ...makeRun(options, undefined), silent: true, maxErrors: 1 };
  const hidden = hiddenFields(options.ui, data);
  if (hidden.size) return validate(schema, data, options).valid;
  check(schema, data, '', 0, run, undefined, undefined);
  return run.errors.length === 0;
}

/**
 * The message of an error in another language (errors carry their keyword and params).
 * The label in `params` is in the language first asked for: pass the field's label in the
 * new language to replace it.
 */
export function localiseError(error: Pick<ValidationError, 'keyword' | 'params'>, locale: EgovLocale, label?: string): string {
  const params = label === undefined ? error.params : { ...error.params, label };
  return translate(locale, messageKey(error.keyword, params), params);
}

/** `{ path, message }` pairs, the field errors of SPEC §3. */
export function toFieldErrors(errors: ValidationError[]): Array<{ path: string; message: string }> {
  return errors.map(({ path, message }) => ({ path, message }));
}

function makeRun(options: ValidateOptions, focus: string | undefined): Run {
  return {
    errors: [],
    locale: options.locale ?? DEFAULT_LOCALE,
    now: options.now,
    maxErrors: options.maxErrors ?? DEFAULTS.maxErrors,
    maxDepth: options.maxDepth ?? DEFAULTS.maxDepth,
    maxStringLength: options.maxStringLength ?? DEFAULTS.maxStringLength,
    emptyIsAbsent: options.emptyIsAbsent ?? DEFAULTS.emptyIsAbsent,
    focus,
    silent: false,
  };
}

function messageKey(keyword: string, params: ErrorParams): string {
  switch (keyword) {
    case 'required': return params.choice ? 'validation.requiredChoice' : 'validation.required';
    case 'const': return params.expected === 'true' ? 'validation.constTrue' : 'validation.const';
    case 'format': return `validation.format.${params.format}`;
    case 'x-egov-format':
      switch (params.format) {
        case 'cn-id': return `validation.cnId.${params.problem}`;
        case 'cn-uscc': return `validation.cnUscc.${params.problem}`;
        case 'cn-mobile': return 'validation.cnMobile';
        default: return 'validation.cnPostcode';
      }
    default: return `validation.${keyword}`;
  }
}

function push(run: Run, path: string, keyword: string, params: ErrorParams): void {
  if (run.errors.length >= run.maxErrors) return;
  const message = run.silent ? '' : translate(run.locale, messageKey(keyword, params), params);
  run.errors.push({ path, keyword, message, params });
}

function full(run: Run): boolean {
  return run.errors.length >= run.maxErrors;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripKeys(data: Record<string, unknown>, keys: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!keys.has(key)) out[key] = value;
  return out;
}

function topName(path: string): string {
  const end = path.indexOf('/', 1);
  return unescapePointer(path.slice(1, end < 0 ? undefined : end));
}

function escapePointer(name: string): string {
  return name.includes('~') || name.includes('/') ? name.replace(/~/g, '~0').replace(/\//g, '~1') : name;
}

function unescapePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function types(schema: JsonSchema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function allowsNull(schema: JsonSchema | undefined): boolean {
  return !!schema && types(schema).includes('null');
}

function isChoice(schema: JsonSchema | undefined): boolean {
  return !!schema && (Array.isArray(schema.enum) || types(schema).includes('boolean') || types(schema).includes('array'));
}

/** "No answer": undefined, and (by default) blank strings and nulls the schema does not allow. */
function isAbsent(schema: JsonSchema | undefined, value: unknown, run: Run): boolean {
  if (value === undefined) return true;
  if (!run.emptyIsAbsent) return false;
  if (value === null) return !allowsNull(schema);
  return typeof value === 'string' && (value.length === 0 || (value.length < 4096 && value.trim().length === 0));
}

function labelOf(schema: JsonSchema | undefined, locale: EgovLocale): string | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  return (locale === 'en' ? schema['x-egov-en']?.title : undefined) ?? schema.title;
}

function withLabel(params: ErrorParams, label: string | undefined): ErrorParams {
  return label ? { ...params, label } : params;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'object': return isObject(value);
    default: return jsonType(value) === type;
  }
}

/** Code points, as JSON Schema counts string length (an emoji such as 😀 is one). */
function codePoints(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || (value.charCodeAt(i - 1) & 0xfc00) !== 0xd800) n++;
  }
  return n;
}

function check(
  schemaLike: SchemaLike | undefined,
  value: unknown,
  path: string,
  depth: number,
  run: Run,
  siblings: Properties | undefined,
  label: string | undefined,
): void {
  if (schemaLike === undefined || schemaLike === true || full(run)) return;
  if (depth > run.maxDepth) {
    push(run, path, 'depth', { limit: run.maxDepth });
    return;
  }
  if (schemaLike === false || typeof schemaLike !== 'object' || schemaLike === null) {
    push(run, path, schemaLike === false ? 'const' : 'schema', withLabel({}, label));
    return;
  }
  const schema = schemaLike;
  const who = label ?? labelOf(schema, run.locale);

  const allowed = types(schema);
  let typeOk = allowed.length === 0;
  for (let i = 0; !typeOk && i < allowed.length; i++) typeOk = matchesType(allowed[i]!, value);
  if (!typeOk) {
    push(run, path, 'type', withLabel({ expected: allowed[0]!, actual: jsonType(value) }, who));
    return;
  }
  if ('const' in schema && !jsonEqual(value, schema.const)) {
    push(run, path, 'const', withLabel({ expected: JSON.stringify(schema.const) ?? 'null' }, who));
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => jsonEqual(value, option))) {
    push(run, path, 'enum', withLabel({ options: schema.enum.length }, who));
    return;
  }

  if (typeof value === 'string') checkString(schema, value, path, run, who);
  else if (typeof value === 'number') checkNumber(schema, value, path, run, who);
  else if (Array.isArray(value)) checkArray(schema, value, path, depth, run, who);
  else if (isObject(value)) checkObject(schema, value, path, depth, run, siblings);

  const inherited = !isObject(value) ? undefined : schema.properties ? { own: schema.properties, outer: siblings } : siblings;
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) check(part, value, path, depth + 1, run, inherited, label);
  }
  if (schema.if !== undefined) {
    const branch = matches(schema.if, value, depth + 1, run) ? schema.then : schema.else;
    if (branch !== undefined) check(branch, value, path, depth + 1, run, inherited, label);
  }
}

/** Whether a value matches a sub-schema (for `if`), without collecting messages. */
function matches(schema: SchemaLike, value: unknown, depth: number, outer: Run): boolean {
  const probe: Run = { ...outer, errors: [], silent: true, maxErrors: 1, focus: undefined };
  check(schema, value, '', depth, probe, undefined, undefined);
  return probe.errors.length === 0;
}

/**
 * Characters no answer may hold: C0 and C1 controls (except tab, line feed and carriage
 * return, which a multi-line address may have), DEL, the bidirectional embeddings,
 * overrides, isolates and marks (which can make text read differently from what is
 * stored: "Trojan Source"), and invisible zero-width spaces and joiners' lookalikes (ZWSP,
 * word joiner, BOM). ZWJ and ZWNJ stay allowed: emoji sequences and several scripts need them.
 */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

function checkString(schema: JsonSchema, value: string, path: string, run: Run, who: string | undefined): void {
  // Lengths first, on code units (cheap), so a megabyte string never reaches a loop or a regex.
  const limit = Math.min(schema.maxLength ?? Infinity, run.maxStringLength);
  if (value.length > limit * 2 || (value.length > limit && codePoints(value) > limit)) {
    push(run, path, 'maxLength', withLabel({ limit }, who));
    return;
  }
  if (FORBIDDEN_CHARACTERS.test(value)) {
    push(run, path, 'characters', withLabel({}, who));
    return;
  }
  // A form submits NFC (normaliseValue); the server cannot normalise a signed answer itself.
  if (value !== value.normalize('NFC')) {
    push(run, path, 'nfc', withLabel({}, who));
    return;
  }
  if (schema.minLength !== undefined && (value.length < schema.minLength || codePoints(value) < schema.minLength)) {
    push(run, path, 'minLength', withLabel({ limit: schema.minLength }, who));
    return;
  }
  const special = schema['x-egov-format'];
  if (special) {
    const problem = formatProblem(special, value, run.now);
    if (problem) {
      push(run, path, 'x-egov-format', withLabel({ format: special, problem }, who));
      return;
    }
  }
  if (schema.format === 'date' && !isCalendarDate(value)) {
    push(run, path, 'format', withLabel({ format: 'date' }, who));
    return;
  }
  if (schema.format === 'email' && !isEmail(value)) {
    push(run, path, 'format', withLabel({ format: 'email' }, who));
    return;
  }
  if (schema.pattern !== undefined) {
    const pattern = typeof schema.pattern === 'string' ? compilePattern(schema.pattern) : null;
    if (!pattern) push(run, path, 'schema', withLabel({ reason: 'pattern' }, who));
    else if (!pattern.test(value)) push(run, path, 'pattern', withLabel({ pattern: schema.pattern }, who));
  }
}

function formatProblem(format: string, value: string, now: Date | undefined): string | null {
  switch (format) {
    case 'cn-id': return cnIdProblem(value, now);
    case 'cn-uscc': return cnUsccProblem(value);
    case 'cn-mobile': return isCnMobile(value) ? null : 'invalid';
    case 'cn-postcode': return isCnPostcode(value) ? null : 'invalid';
    default: return null;
  }
}

function checkNumber(schema: JsonSchema, value: number, path: string, run: Run, who: string | undefined): void {
  if (schema.minimum !== undefined && value < schema.minimum) push(run, path, 'minimum', withLabel({ limit: schema.minimum }, who));
  else if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) push(run, path, 'exclusiveMinimum', withLabel({ limit: schema.exclusiveMinimum }, who));
  else if (schema.maximum !== undefined && value > schema.maximum) push(run, path, 'maximum', withLabel({ limit: schema.maximum }, who));
  else if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) push(run, path, 'exclusiveMaximum', withLabel({ limit: schema.exclusiveMaximum }, who));
}

function checkArray(schema: JsonSchema, value: unknown[], path: string, depth: number, run: Run, who: string | undefined): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    push(run, path, 'minItems', withLabel({ limit: schema.minItems }, who));
    return;
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    push(run, path, 'maxItems', withLabel({ limit: schema.maxItems }, who));
    return;
  }
  if (schema.items === undefined) return;
  for (let i = 0; i < value.length && !full(run); i++) check(schema.items, value[i], `${path}/${i}`, depth + 1, run, undefined, undefined);
}

const hasOwn = (target: object, key: string): boolean => Object.prototype.hasOwnProperty.call(target, key);

function propertyOf(properties: Record<string, JsonSchema> | undefined, siblings: Properties | undefined, name: string): JsonSchema | undefined {
  return properties && hasOwn(properties, name) ? properties[name] : lookup(siblings, name);
}

// Plain loops and module-level helpers only: this runs once per answer per check, and on
// the server under a loader that gives every closure a name at creation.
function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, depth: number, run: Run, siblings: Properties | undefined): void {
  const focus = path === '' ? run.focus : undefined;
  const properties = schema.properties;
  const required = Array.isArray(schema.required) ? schema.required : undefined;
  const edited = run.override && run.override.root === value ? run.override.name : undefined;

  // One pass in the order of the form's properties, so errors come in the order a reader meets them.
  let names: string[];
  if (focus !== undefined) names = [focus];
  else {
    names = properties ? Object.keys(properties) : [];
    if (required) for (const name of required) if (!properties || !hasOwn(properties, name)) names.push(name);
  }
  for (const name of names) {
    const propSchema = propertyOf(properties, siblings, name);
    const current = name === edited ? run.override!.value : value[name];
    const given = (name === edited || hasOwn(value, name)) && !isAbsent(propSchema, current, run);
    if (!given) {
      if (required && required.includes(name)) {
        const label = labelOf(propSchema, run.locale);
        const params: ErrorParams = {};
        if (label) params.label = label;
        if (isChoice(propSchema)) params.choice = 1;
        push(run, `${path}/${escapePointer(name)}`, 'required', params);
      }
    } else if (properties && hasOwn(properties, name)) {
      check(properties[name], current, `${path}/${escapePointer(name)}`, depth + 1, run, undefined, undefined);
    }
    if (full(run)) return;
  }
  if (schema.additionalProperties === false && focus === undefined) {
    for (const name in value) {
      if (!hasOwn(value, name) || propertyOf(properties, siblings, name)) continue;
      push(run, `${path}/${escapePointer(name)}`, 'additionalProperties', { property: name.length > 64 ? name.slice(0, 64) + '…' : name });
      if (full(run)) return;
    }
  }
}
