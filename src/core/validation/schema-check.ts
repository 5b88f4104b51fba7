import type { JsonSchema } from '../service-definition';
import { compilePattern } from './pattern-cache';

const KNOWN_TYPES = new Set(['object', 'string', 'number', 'integer', 'boolean', 'array', 'null']);
/**
 * A group holding one repeated atom, itself repeated (`(a+)+`, `(\\d*)*`, `([a-z]+)*`): the
 * classic catastrophic-backtracking shape. A heuristic: it misses subtler cases.
 */
const NESTED_QUANTIFIER = /\((?:\?:)?(?:\\.|\[[^\]]*\]|[^()\\[\]|])(?:[+*]|\{\d+,\d*\})\??\)(?:[+*]|\{\d+,)/;
const KNOWN_FORMATS = new Set(['cn-id', 'cn-uscc', 'cn-mobile', 'cn-postcode']);

/**
 * Problems of a schema itself (for service definitions, checked when they are loaded or
 * seeded): patterns that do not compile, unknown types or `x-egov-format`s, negative or
 * crossed bounds, `required` names without a property. Empty when the schema is sound.
 */
export function checkSchema(schema: JsonSchema, path = '#', depth = 0): string[] {
  if (depth > 32) return [`${path}: nested too deeply`];
  if (typeof schema !== 'object' || schema === null) return typeof schema === 'boolean' ? [] : [`${path}: not a schema`];
  const problems: string[] = [];
  const typeList = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  for (const t of typeList) if (!KNOWN_TYPES.has(t)) problems.push(`${path}/type: unknown type ${String(t)}`);
  if (schema.pattern !== undefined && (typeof schema.pattern !== 'string' || !compilePattern(schema.pattern))) problems.push(`${path}/pattern: not a valid regular expression`);
  else if (typeof schema.pattern === 'string' && NESTED_QUANTIFIER.test(schema.pattern)) problems.push(`${path}/pattern: a repeated group that is itself repeated can take exponential time; rewrite it`);
  if (schema['x-egov-format'] !== undefined && !KNOWN_FORMATS.has(schema['x-egov-format'])) problems.push(`${path}/x-egov-format: unknown format ${String(schema['x-egov-format'])}`);
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    const v = schema[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) problems.push(`${path}/${key}: must be a non-negative integer`);
  }
  if (schema.minLength !== undefined && schema.maxLength !== undefined && schema.minLength > schema.maxLength) problems.push(`${path}: minLength is above maxLength`);
  if (schema.minimum !== undefined && schema.maximum !== undefined && schema.minimum > schema.maximum) problems.push(`${path}: minimum is above maximum`);
  if (schema.enum !== undefined && (!Array.isArray(schema.enum) || schema.enum.length === 0)) problems.push(`${path}/enum: must be a non-empty array`);
  if (Array.isArray(schema.required) && schema.properties) {
    for (const name of schema.required) if (!(name in schema.properties)) problems.push(`${path}/required: ${name} has no property`);
  }
  for (const [name, sub] of Object.entries(schema.properties ?? {})) problems.push(...checkSchema(sub, `${path}/properties/${name}`, depth + 1));
  if (schema.items) problems.push(...checkSchema(schema.items, `${path}/items`, depth + 1));
  (schema.allOf ?? []).forEach((sub, i) => problems.push(...checkSchema(sub, `${path}/allOf/${i}`, depth + 1)));
  for (const key of ['if', 'then', 'else'] as const) if (schema[key]) problems.push(...checkSchema(schema[key]!, `${path}/${key}`, depth + 1));
  return problems;
}
