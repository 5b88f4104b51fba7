import type { JsonSchema } from '../service-definition';
import { normaliseCnId, normaliseCnMobile, normaliseCnUscc } from './cn-formats';

/**
 * The canonical form of an answer that validates in more than one spelling: an ID number's
 * check `x` upper case, a credit code upper case, a mobile number without `+86`; every text
 * in Unicode NFC (what the server accepts: it checks answers as signed, SPEC §4). A form
 * keeps and submits this form.
 */
export function normaliseValue(schema: JsonSchema | undefined, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const value = raw.normalize('NFC');
  if (!schema) return value;
  switch (schema['x-egov-format']) {
    case 'cn-id': return normaliseCnId(value.trim());
    case 'cn-uscc': return normaliseCnUscc(value.trim());
    case 'cn-mobile': return normaliseCnMobile(value.trim());
    case 'cn-postcode': return value.trim();
    default: return value;
  }
}

/** Every top-level answer of a form in its canonical form. */
export function normaliseData(schema: JsonSchema, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) out[key] = normaliseValue(schema.properties?.[key], value);
  return out;
}

/**
 * The JSON value of what a person typed, for the field's schema: numbers for `number` and
 * `integer` (when the text is a number; otherwise the text, which then fails `type`),
 * `true`/`false` for booleans, undefined for nothing typed.
 */
export function coerceValue(schema: JsonSchema | undefined, text: string): unknown {
  if (text.trim() === '') return undefined;
  const type = Array.isArray(schema?.type) ? schema.type.find((t) => t !== 'null') : schema?.type;
  if (type === 'number' || type === 'integer') {
    const trimmed = text.trim();
    if (trimmed.length > 40 || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(trimmed)) return text;
    const n = Number(trimmed);
    return Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}
