// Validation time per field, for the seeded birth-registration schema and a generated
// 200-field schema: whole-form validation (what the server does per submission, divided by
// the number of answers) and validateField (what the browser does as one answer changes).
// Prints figures; asserts nothing. Run: node --import tsx bench/validation.bench.ts
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { chunk, gzippedKb, printStats } from './support';
import { BIRTH_REGISTRATION, EXAMPLE_ANSWERS } from '../server/seed/data/services';
import type { JsonSchema } from '../src/core/service-definition';
import { cnIdCheckDigit, cnUsccCheckCharacter, validate, validateField, validateValue } from '../src/core/validation';

function time(rounds: number, fn: () => void): number[] {
  for (let i = 0; i < Math.min(200, rounds); i++) fn(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    samples.push((performance.now() - start) * 1000);
  }
  return samples;
}

function perField(samples: number[], fields: number): number[] {
  return samples.map((s) => s / fields);
}

/** 200 answers of every kind the suite knows, with a conditional requirement every tenth field. */
function generated(): { schema: JsonSchema; data: Record<string, unknown> } {
  const properties: Record<string, JsonSchema> = {};
  const data: Record<string, unknown> = {};
  const required: string[] = [];
  const allOf: JsonSchema[] = [];
  for (let i = 0; i < 200; i++) {
    const name = `f${i}`;
    switch (i % 10) {
      case 0: properties[name] = { type: 'string', title: `姓名${i}`, minLength: 1, maxLength: 50 }; data[name] = '张三丰 Zhang'; break;
      case 1: properties[name] = { type: 'string', maxLength: 18, 'x-egov-format': 'cn-id' }; data[name] = '33010619900307' + String(i).padStart(3, '0').slice(-3) + cnIdCheckDigit('33010619900307' + String(i).padStart(3, '0').slice(-3)); break;
      case 2: properties[name] = { type: 'string', maxLength: 11, 'x-egov-format': 'cn-mobile' }; data[name] = '13812345678'; break;
      case 3: properties[name] = { type: 'string', format: 'date' }; data[name] = '2024-02-29'; break;
      case 4: properties[name] = { type: 'string', enum: ['a', 'b', 'c', 'd'] }; data[name] = 'c'; break;
      case 5: properties[name] = { type: 'integer', minimum: 0, maximum: 1000 }; data[name] = 42; break;
      case 6: properties[name] = { type: 'string', pattern: '^\\p{Script=Han}{2,10}$' }; data[name] = '西湖区'; break;
      case 7: { const body = '91330106MA2B' + String(i).padStart(5, '0'); properties[name] = { type: 'string', 'x-egov-format': 'cn-uscc' }; data[name] = body + cnUsccCheckCharacter(body); break; }
      case 8: properties[name] = { type: 'boolean' }; data[name] = i % 20 === 8; break;
      default: properties[name] = { type: 'string', format: 'email', maxLength: 254 }; data[name] = `user${i}@example.gov.cn`; break;
    }
    required.push(name);
    if (i % 10 === 8) allOf.push({ if: { properties: { [name]: { const: true } }, required: [name] }, then: { required: [`f${i + 1}`] } });
  }
  return { schema: { type: 'object', additionalProperties: false, properties, required, allOf }, data };
}

const birth = BIRTH_REGISTRATION.form.schema;
const birthData = { ...EXAMPLE_ANSWERS['birth-registration'] } as Record<string, unknown>;
const birthNames = Object.keys(birth.properties ?? {});
const birthCheck = validate(birth, birthData, { ui: BIRTH_REGISTRATION.form.ui });
console.log(`birth-registration: ${birthNames.length} fields; the example answers are ${birthCheck.valid ? 'valid' : 'INVALID: ' + JSON.stringify(birthCheck.errors)}`);

printStats('birth-registration validate(), per field', perField(time(5000, () => validate(birth, birthData, { ui: BIRTH_REGISTRATION.form.ui })), birthNames.length), 'µs');
const badBirth = { ...birthData, fatherIdNumber: '110105194912310021', childBirthDate: '2026-02-31', contactMobile: '123' };
printStats('birth-registration validate(), 3 errors, per field', perField(time(5000, () => validate(birth, badBirth)), birthNames.length), 'µs');
let k = 0;
printStats('birth-registration validateField()', time(20000, () => {
  const name = birthNames[k++ % birthNames.length]!;
  validateField(birth, name, birthData[name], birthData, 'zh-CN', { ui: BIRTH_REGISTRATION.form.ui });
}), 'µs');

const big = generated();
const bigNames = Object.keys(big.schema.properties!);
const bigCheck = validate(big.schema, big.data);
console.log(`generated schema: ${bigNames.length} fields; its answers are ${bigCheck.valid ? 'valid' : 'INVALID: ' + JSON.stringify(bigCheck.errors.slice(0, 3))}`);
printStats('200-field validate(), per field', perField(time(1000, () => validate(big.schema, big.data)), bigNames.length), 'µs');
k = 0;
printStats('200-field validateField()', time(20000, () => {
  const name = bigNames[k++ % bigNames.length]!;
  validateField(big.schema, name, big.data[name], big.data);
}), 'µs');
const broken: Record<string, unknown> = {};
for (const [name, value] of Object.entries(big.data)) broken[name] = typeof value === 'string' ? value + '!' : value;
printStats('200-field validate(), ~half invalid, per field', perField(time(500, () => validate(big.schema, broken)), bigNames.length), 'µs');

const megabyte = 'a'.repeat(1024 * 1024);
printStats('1 MB string against maxLength 50 + a pattern', time(200, () => validateValue({ type: 'string', maxLength: 50, pattern: '^(a+)+$' }, megabyte)), 'µs');
printStats('1 MB string with no maxLength (20 000 cap)', time(200, () => validateValue({ type: 'string' }, megabyte)), 'µs');

// What the fields and the validation module (bundled in one chunk) cost a page, after `npm run build`.
const fieldsChunk = existsSync('dist/chunks') ? chunk('fields-') : undefined;
if (fieldsChunk) console.log(`${'fields + validation chunk, gzipped'.padEnd(48)} ${gzippedKb(fieldsChunk)}  (${fieldsChunk})`);
