import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormUi, JsonSchema } from '../../src/core/service-definition';
import {
  checkSchema,
  cnIdCheckDigit,
  cnIdInfo,
  cnIdProblem,
  cnUsccCheckCharacter,
  cnUsccProblem,
  coerceValue,
  compilePattern,
  isCalendarDate,
  isCnId,
  isCnMobile,
  isCnPostcode,
  isCnUscc,
  isEmail,
  isValid,
  localiseError,
  normaliseCnMobile,
  normaliseData,
  normaliseValue,
  toFieldErrors,
  validate,
  validateField,
  validateValue,
  withoutHidden,
} from '../../src/core/validation';
// The messages the rules speak in: the caller registers them (src/core imports no message table).
import '../../src/i18n/validation';

const NOW = new Date('2026-11-27T12:00:00Z');

/** GB 11643 worked independently: weight of position i is 2^(17-i) mod 11; check = (12 - S mod 11) mod 11, 10 → X. */
function referenceIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}
const id = (first17: string) => first17 + cnIdCheckDigit(first17);

/** GB 32100 worked independently: weight of position i is 3^i mod 31. */
function referenceUsccCheck(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i]!) * (3 ** i % 31);
  return chars[(31 - (sum % 31)) % 31]!;
}

describe('cn-id (GB 11643)', () => {
  it('accepts the standard example ending in X, in either case', () => {
    expect(isCnId('11010519491231002X', NOW)).toBe(true);
    expect(isCnId('11010519491231002x', NOW)).toBe(true);
    expect(normaliseValue({ 'x-egov-format': 'cn-id' }, ' 11010519491231002x ')).toBe('11010519491231002X');
  });

  it('computes the check digit as the standard does, for many numbers', () => {
    const regions = ['110105', '330106', '440308', '650102', '820000', '710000'];
    for (let n = 0; n < 500; n++) {
      const region = regions[n % regions.length]!;
      const day = String((n % 28) + 1).padStart(2, '0');
      const month = String((n % 12) + 1).padStart(2, '0');
      const first17 = `${region}${1950 + (n % 70)}${month}${day}${String(n % 1000).padStart(3, '0')}`;
      expect(cnIdCheckDigit(first17)).toBe(referenceIdCheck(first17));
      expect(isCnId(first17 + referenceIdCheck(first17), NOW)).toBe(true);
    }
  });

  it('finds numbers ending in X valid and a changed check character invalid', () => {
    const endingInX: string[] = [];
    for (let seq = 0; endingInX.length < 5; seq++) {
      const first17 = `33010619900307${String(seq).padStart(3, '0')}`;
      if (cnIdCheckDigit(first17) === 'X') endingInX.push(first17 + 'X');
    }
    for (const value of endingInX) {
      expect(isCnId(value, NOW)).toBe(true);
      expect(isCnId(value.toLowerCase(), NOW)).toBe(true);
      expect(cnIdProblem(value.slice(0, 17) + '0', NOW)).toBe('checkDigit');
    }
    expect(cnIdProblem('110105194912310021', NOW)).toBe('checkDigit');
  });

  it('rejects a 31 February (and other impossible) birth dates even with a right check digit', () => {
    expect(cnIdProblem(id('33010619900231001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010619900230001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010619901301001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010619900000001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010620000229001'), NOW)).toBe(null); // a leap year
    expect(cnIdProblem(id('33010619000229001'), NOW)).toBe('birthDate'); // 1900 was not
  });

  it('rejects birth dates in the future or before 1900', () => {
    expect(cnIdProblem(id('33010620261128001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010620261127001'), NOW)).toBe(null);
    expect(cnIdProblem(id('33010618991231001'), NOW)).toBe('birthDate');
    expect(cnIdProblem(id('33010619000101001'), NOW)).toBe(null);
  });

  it('rejects a province code that does not exist', () => {
    for (const province of ['00', '10', '16', '20', '24', '30', '38', '47', '55', '60', '66', '70', '72', '80', '83', '99']) {
      expect(cnIdProblem(id(`${province}0106199003070011`.slice(0, 17)), NOW), province).toBe('region');
    }
    for (const province of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(cnIdProblem(id(`${province}010619900307001`), NOW), province).toBe(null);
    }
  });

  it('rejects wrong lengths and characters, and old 15-digit numbers', () => {
    expect(cnIdProblem('11010519491231002', NOW)).toBe('length');
    expect(cnIdProblem('11010519491231002XX', NOW)).toBe('length');
    expect(cnIdProblem('110105491231002', NOW)).toBe('length');
    expect(cnIdProblem('1101051949123100AX', NOW)).toBe('characters');
    expect(cnIdProblem('11010519491231002Y', NOW)).toBe('characters');
    expect(cnIdProblem('１１０１０５１９４９１２３１００２Ｘ', NOW)).toBe('characters'); // full-width digits
    expect(cnIdProblem(12345, NOW)).toBe('length');
  });

  it('tells the date of birth and the sex', () => {
    expect(cnIdInfo('11010519491231002X', NOW)).toMatchObject({ birthDate: '1949-12-31', sex: 'female', province: '11', region: '110105' });
    expect(cnIdInfo(id('33010619900307001'), NOW)).toMatchObject({ birthDate: '1990-03-07', sex: 'male' });
    expect(cnIdInfo('110105194912310021', NOW)).toBeNull();
  });

  it('names the problem in the message, in both languages', () => {
    const schema: JsonSchema = { type: 'string', 'x-egov-format': 'cn-id' };
    expect(validateValue(schema, id('33010619900231001'), { now: NOW })[0]!.message).toContain('出生日期');
    expect(validateValue(schema, '110105194912310021', { now: NOW, locale: 'en' })[0]!.message).toContain('check digit');
    expect(validateValue(schema, id('99010619900307001'), { now: NOW, locale: 'en' })[0]!.message).toContain('region code');
    expect(validateValue(schema, '1101051949', { now: NOW })[0]!.message).toContain('18');
  });
});

describe('cn-uscc (GB 32100)', () => {
  it('accepts a valid code, lower case too', () => {
    expect(isCnUscc('91350100M000100Y43')).toBe(true);
    expect(isCnUscc('91350100m000100y43')).toBe(true);
    expect(normaliseValue({ 'x-egov-format': 'cn-uscc' }, '91350100m000100y43')).toBe('91350100M000100Y43');
  });

  it('computes the check character as the standard does, including 31 → 0', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let zeros = 0;
    for (let n = 0; n < 2000; n++) {
      let body = '91330106';
      for (let i = 0; i < 9; i++) body += chars[(n * 7 + i * 13 + n * i) % 31];
      const check = referenceUsccCheck(body);
      if (check === '0') zeros++;
      expect(cnUsccCheckCharacter(body)).toBe(check);
      expect(isCnUscc(body + check)).toBe(true);
      expect(cnUsccProblem(body + (check === 'A' ? 'B' : 'A'))).toBe('checkCharacter');
    }
    expect(zeros).toBeGreaterThan(0);
  });

  it('rejects the letters I, O, S, V and Z, other characters and wrong lengths', () => {
    for (const letter of ['I', 'O', 'S', 'V', 'Z', '-', '中']) expect(cnUsccProblem(`91350100${letter}000100Y43`)).toBe('characters');
    expect(cnUsccProblem('91350100M000100Y4')).toBe('length');
    expect(cnUsccProblem('91350100M000100Y433')).toBe('length');
    expect(cnUsccProblem('91350100M000100Y44')).toBe('checkCharacter');
  });
});

describe('cn-mobile and cn-postcode', () => {
  it('accepts 11-digit mobile numbers from 13 to 19, with an optional +86 that is taken off', () => {
    for (const ok of ['13812345678', '19912345678', '+8613812345678', '+86 13812345678', '+86-13812345678']) expect(isCnMobile(ok), ok).toBe(true);
    expect(normaliseCnMobile('+86 13812345678')).toBe('13812345678');
    for (const bad of ['12812345678', '1381234567', '138123456789', '23812345678', '1381234567a', '+8713812345678', '8613812345678', '+86', '']) expect(isCnMobile(bad), bad).toBe(false);
  });

  it('accepts 6-digit postcodes only', () => {
    expect(isCnPostcode('310000')).toBe(true);
    for (const bad of ['31000', '3100000', '31000a', ' 31000', '３１００００']) expect(isCnPostcode(bad), bad).toBe(false);
  });
});

describe('format: date and email', () => {
  it('accepts only real calendar dates as YYYY-MM-DD', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-02-31', '2023-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-1', '26-01-01', '2026/01/01', '2026-01-01T00:00']) expect(isCalendarDate(bad), bad).toBe(false);
    const errors = validateValue({ type: 'string', format: 'date', title: '出生日期' }, '2026-02-31');
    expect(errors).toMatchObject([{ keyword: 'format', params: { format: 'date' } }]);
    expect(errors[0]!.message).toContain('出生日期');
  });

  it('accepts practical e-mail addresses', () => {
    for (const ok of ['a@b.cn', 'zhang.san+tag@example.gov.cn', '张三@例子.中国']) expect(isEmail(ok), ok).toBe(true);
    for (const bad of ['a@b', '@b.cn', 'a@.cn', 'a b@c.cn', 'a@@b.cn', 'a..b@c.cn', 'a@b..cn', 'x'.repeat(65) + '@b.cn', 'a@' + 'b'.repeat(300) + '.cn']) expect(isEmail(bad), bad).toBe(false);
  });
});

describe('keywords', () => {
  it('checks types, integer among them', () => {
    expect(validateValue({ type: 'integer' }, 3)).toEqual([]);
    expect(validateValue({ type: 'integer' }, 3.5)[0]!.keyword).toBe('type');
    expect(validateValue({ type: 'number' }, '3')[0]!.params.expected).toBe('number');
    expect(validateValue({ type: 'number' }, Infinity)[0]!.keyword).toBe('type');
    expect(validateValue({ type: 'boolean' }, 'true')[0]!.keyword).toBe('type');
    expect(validateValue({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(validateValue({ type: 'object' }, [])[0]!.keyword).toBe('type');
    expect(validateValue({ type: 'array' }, {})[0]!.keyword).toBe('type');
  });

  it('checks enum and const, with a tick-to-confirm message for const true', () => {
    expect(validateValue({ enum: ['male', 'female'] }, 'male')).toEqual([]);
    expect(validateValue({ enum: ['male', 'female'] }, 'other')[0]!.keyword).toBe('enum');
    expect(validateValue({ enum: [{ a: 1 }] }, { a: 1 })).toEqual([]);
    expect(validateValue({ const: true }, false, { locale: 'en' })[0]!.message).toBe('Tick this box to confirm');
    expect(validateValue({ const: 'x' }, 'y')[0]!.keyword).toBe('const');
  });

  it('checks numeric bounds, exclusive ones too', () => {
    const schema: JsonSchema = { type: 'number', minimum: 0, maximum: 10 };
    expect(validateValue(schema, 0)).toEqual([]);
    expect(validateValue(schema, 10)).toEqual([]);
    expect(validateValue(schema, -1)[0]).toMatchObject({ keyword: 'minimum', params: { limit: 0 } });
    expect(validateValue(schema, 11)[0]).toMatchObject({ keyword: 'maximum', params: { limit: 10 } });
    expect(validateValue({ exclusiveMinimum: 0 }, 0)[0]!.keyword).toBe('exclusiveMinimum');
    expect(validateValue({ exclusiveMaximum: 5 }, 5)[0]!.keyword).toBe('exclusiveMaximum');
    expect(validateValue({ exclusiveMaximum: 5 }, 4.99)).toEqual([]);
  });

  it('counts lengths in code points: emoji are one, mixed scripts count each character', () => {
    expect(validateValue({ type: 'string', maxLength: 3 }, '😀😀😀')).toEqual([]);
    expect(validateValue({ type: 'string', maxLength: 3 }, '😀😀😀😀')[0]!.keyword).toBe('maxLength');
    expect(validateValue({ type: 'string', minLength: 2 }, '😀')[0]!.keyword).toBe('minLength');
    expect(validateValue({ type: 'string', minLength: 2 }, '𠮷a')).toEqual([]);
    expect(validateValue({ type: 'string', maxLength: 7 }, '张三Smith')).toEqual([]);
    expect(validateValue({ type: 'string', maxLength: 6 }, '张三Smith')[0]!.keyword).toBe('maxLength');
    expect(validateValue({ type: 'string', maxLength: 8 }, 'Ahmad محمد')[0]!.keyword).toBe('maxLength');
    expect(validateValue({ type: 'string', maxLength: 10 }, 'Ahmad محمد')).toEqual([]);
    // A lone surrogate is one code point too.
    expect(validateValue({ type: 'string', maxLength: 1 }, '\ud83d')).toEqual([]);
  });

  it('matches patterns with the u flag, unanchored as JSON Schema says, compiled once', () => {
    const han: JsonSchema = { type: 'string', pattern: '^\\p{Script=Han}{2,4}$' };
    expect(validateValue(han, '张三')).toEqual([]);
    expect(validateValue(han, '张三Smith')[0]!.keyword).toBe('pattern');
    expect(validateValue({ type: 'string', pattern: '\\d' }, 'abc1')).toEqual([]);
    expect(compilePattern('^a+$')).toBe(compilePattern('^a+$'));
  });

  it('reports a pattern that does not compile as a schema error, without throwing', () => {
    const errors = validate({ type: 'object', properties: { a: { type: 'string', pattern: '([a-z' } } }, { a: 'x' }).errors;
    expect(errors).toMatchObject([{ path: '/a', keyword: 'schema' }]);
    expect(errors[0]!.message).toContain('表单');
    expect(checkSchema({ type: 'object', properties: { a: { type: 'string', pattern: '([a-z' } } })).toEqual(['#/properties/a/pattern: not a valid regular expression']);
  });

  it('checks arrays: items, minItems, maxItems, with paths to each item', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { children: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'object', required: ['name'], properties: { name: { type: 'string', maxLength: 4 } } } } },
    };
    expect(validate(schema, { children: [] }).errors[0]).toMatchObject({ path: '/children', keyword: 'minItems' });
    expect(validate(schema, { children: [{}, {}, {}, {}] }).errors[0]).toMatchObject({ path: '/children', keyword: 'maxItems' });
    expect(validate(schema, { children: [{ name: 'ok' }, { name: 'toolong' }, {}] }).errors).toMatchObject([
      { path: '/children/1/name', keyword: 'maxLength' },
      { path: '/children/2/name', keyword: 'required' },
    ]);
  });

  it('escapes property names in JSON pointers', () => {
    expect(validate({ type: 'object', required: ['a/b~c'] }, {}).errors[0]!.path).toBe('/a~1b~0c');
  });
});

const birth: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['childName', 'childBirthDate', 'fatherKnown'],
  properties: {
    childName: { type: 'string', title: '子女姓名', 'x-egov-en': { title: "Child's name" }, minLength: 1, maxLength: 20 },
    childBirthDate: { type: 'string', title: '出生日期', format: 'date' },
    childSex: { type: 'string', title: '性别', enum: ['male', 'female'] },
    fatherKnown: { type: 'boolean', title: '是否登记父亲信息' },
    fatherName: { type: 'string', title: '父亲姓名', maxLength: 20 },
    fatherIdNumber: { type: 'string', title: '父亲身份证号码', 'x-egov-format': 'cn-id' },
    mobile: { type: 'string', title: '联系电话', 'x-egov-format': 'cn-mobile' },
    email: { type: 'string', format: 'email' },
    agree: { const: true, title: '承诺' },
  },
  allOf: [
    {
      if: { properties: { fatherKnown: { const: true } }, required: ['fatherKnown'] },
      then: { required: ['fatherName', 'fatherIdNumber'] },
      else: { properties: { fatherName: { maxLength: 0 } } },
    },
  ],
};

describe('objects, conditionals and visibility', () => {
  const good = { childName: '张小明', childBirthDate: '2026-11-01', fatherKnown: false };

  it('accepts a complete answer set', () => {
    expect(validate(birth, good)).toEqual({ valid: true, errors: [] });
    expect(isValid(birth, good)).toBe(true);
  });

  it('lists errors in the order of the form, with JSON pointer paths and labels', () => {
    const result = validate(birth, { childBirthDate: '2026-02-31', fatherKnown: false, mobile: '123' });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => [e.path, e.keyword])).toEqual([
      ['/childName', 'required'],
      ['/childBirthDate', 'format'],
      ['/mobile', 'x-egov-format'],
    ]);
    expect(result.errors[0]!.message).toBe('请填写子女姓名');
    expect(toFieldErrors(result.errors)[0]).toEqual({ path: '/childName', message: '请填写子女姓名' });
  });

  it('answers in English when asked, using the English titles', () => {
    const errors = validate(birth, { fatherKnown: false }, { locale: 'en' }).errors;
    expect(errors[0]!.message).toBe("Enter child's name");
    expect(localiseError(errors[0]!, 'zh-CN', '子女姓名')).toBe('请填写子女姓名');
    expect(localiseError(errors[1]!, 'zh-CN')).toBe('请填写出生日期');
  });

  it('treats an empty or blank answer as missing, and asks to select for choices', () => {
    const errors = validate(birth, { childName: '   ', childBirthDate: '' }).errors;
    expect(errors.map((e) => e.path)).toEqual(['/childName', '/childBirthDate', '/fatherKnown']);
    expect(errors[2]!.message).toBe('请选择是否登记父亲信息');
  });

  it('requires the father’s details only when the father is known (if/then/else)', () => {
    const known = validate(birth, { ...good, fatherKnown: true });
    expect(known.errors.map((e) => [e.path, e.keyword])).toEqual([['/fatherName', 'required'], ['/fatherIdNumber', 'required']]);
    expect(validate(birth, { ...good, fatherKnown: true, fatherName: '张三', fatherIdNumber: '11010519491231002x' }).valid).toBe(true);
    expect(validate(birth, { ...good, fatherKnown: true, fatherName: '张三', fatherIdNumber: '110105194912310021' }).errors[0]!.path).toBe('/fatherIdNumber');
    expect(validate(birth, { ...good, fatherName: '张三' }).errors).toMatchObject([{ path: '/fatherName', keyword: 'maxLength' }]);
  });

  it('rejects answers the form does not have', () => {
    expect(validate(birth, { ...good, isAdmin: true }).errors).toMatchObject([{ path: '/isAdmin', keyword: 'additionalProperties' }]);
  });

  it('checks a const true confirmation', () => {
    expect(validate(birth, { ...good, agree: false }).errors).toMatchObject([{ path: '/agree', keyword: 'const', message: '请勾选此项以确认' }]);
  });

  it('neither requires nor validates a field hidden by visibleWhen, also down a chain', () => {
    const schema: JsonSchema = {
      type: 'object',
      required: ['hasAgent', 'agentName', 'agentPhone'],
      properties: { hasAgent: { type: 'boolean' }, agentName: { type: 'string' }, agentPhone: { type: 'string', 'x-egov-format': 'cn-mobile' } },
    };
    const ui: FormUi = {
      sections: [{ id: 's', title: 's', fields: ['hasAgent', 'agentName', 'agentPhone'] }],
      fields: { agentName: { visibleWhen: { field: 'hasAgent', equals: true } }, agentPhone: { visibleWhen: { field: 'agentName', equals: '李四' } } },
    };
    expect(validate(schema, { hasAgent: false, agentPhone: 'nonsense' }, { ui }).valid).toBe(true);
    expect(validate(schema, { hasAgent: true }, { ui }).errors.map((e) => e.path)).toEqual(['/agentName']);
    expect(validate(schema, { hasAgent: true, agentName: '李四', agentPhone: 'x' }, { ui }).errors.map((e) => e.path)).toEqual(['/agentPhone']);
    expect(withoutHidden(ui, { hasAgent: false, agentName: '李四', agentPhone: '1' })).toEqual({ hasAgent: false });
    expect(validateField(schema, 'agentPhone', 'x', { hasAgent: false }, 'zh-CN', { ui })).toEqual([]);
  });
});

describe('validateField', () => {
  it('returns only the errors of that answer, conditional requirements included', () => {
    expect(validateField(birth, 'fatherName', '', { fatherKnown: true, childName: '' })).toMatchObject([{ path: '/fatherName', keyword: 'required' }]);
    expect(validateField(birth, 'fatherName', '', { fatherKnown: false })).toEqual([]);
    expect(validateField(birth, 'childName', 'x'.repeat(21), {}, 'en')[0]!.message).toBe("Child's name must be 20 characters or fewer");
    expect(validateField(birth, 'unknownField', 'x', {})).toEqual([]);
  });

  it('checks the value given, not the one in the data, and leaves the data untouched', () => {
    const data = { fatherKnown: true, fatherName: '张三' };
    expect(validateField(birth, 'fatherName', '', data)).toMatchObject([{ path: '/fatherName', keyword: 'required' }]);
    expect(validateField(birth, 'fatherName', '张三', { fatherKnown: false })).toMatchObject([{ keyword: 'maxLength' }]);
    // The edited answer also decides conditions: once the father is known, his name is required.
    expect(validateField(birth, 'fatherKnown', true, { fatherKnown: false })).toEqual([]);
    expect(data).toEqual({ fatherKnown: true, fatherName: '张三' });
  });
});

describe('abuse', () => {
  it('rejects a 1 MB string on its length, before any pattern runs', () => {
    // A catastrophic pattern: were it run over a megabyte, the test would never finish.
    const schema: JsonSchema = { type: 'string', maxLength: 100, pattern: '^(a+)+$' };
    const huge = 'a'.repeat(1024 * 1024) + 'b';
    expect(validateValue(schema, huge)).toMatchObject([{ keyword: 'maxLength', params: { limit: 100 } }]);
    expect(validateValue({ type: 'string', 'x-egov-format': 'cn-id' }, '1'.repeat(1024 * 1024))[0]!.keyword).toBe('maxLength');
  });

  it('limits strings the schema sets no maximum for', () => {
    const huge = '中'.repeat(1024 * 1024);
    expect(validateValue({ type: 'string', pattern: '^(中+)+$' }, huge)).toMatchObject([{ keyword: 'maxLength', params: { limit: 20_000 } }]);
    expect(validateValue({ type: 'string' }, '😀'.repeat(20_000))).toEqual([]);
    expect(validateValue({ type: 'string' }, '😀'.repeat(20_001))[0]!.keyword).toBe('maxLength');
  });

  it('stops at a nesting depth instead of overflowing the stack, even for a cyclic schema', () => {
    const cyclic: JsonSchema = { type: 'object', properties: {} };
    cyclic.properties!.child = cyclic;
    let data: Record<string, unknown> = {};
    const root = data;
    for (let i = 0; i < 10_000; i++) {
      const next = {};
      data.child = next;
      data = next;
    }
    const errors = validate(cyclic, root).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]!.keyword).toBe('depth');
    const allOfLoop: JsonSchema = {};
    allOfLoop.allOf = [allOfLoop];
    expect(validate(allOfLoop, 1).errors[0]!.keyword).toBe('depth');
  });

  it('caps the number of errors', () => {
    const data: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) data['k' + i] = i;
    const result = validate({ type: 'object', additionalProperties: false, properties: {} }, data);
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(100);
    expect(result.errors[0]!.path).toBe('/k0');
  });

  it('does not let a long unknown key bloat the message', () => {
    const key = 'k'.repeat(10_000);
    const error = validate({ type: 'object', additionalProperties: false }, { [key]: 1 }).errors[0]!;
    expect(error.message.length).toBeLessThan(200);
  });
});

describe('helpers', () => {
  it('coerces typed text to JSON values for the schema', () => {
    expect(coerceValue({ type: 'integer' }, ' 42 ')).toBe(42);
    expect(coerceValue({ type: 'number' }, '-1.5e2')).toBe(-150);
    expect(coerceValue({ type: 'number' }, '12abc')).toBe('12abc');
    expect(coerceValue({ type: 'boolean' }, 'true')).toBe(true);
    expect(coerceValue({ type: 'string' }, '')).toBeUndefined();
    expect(coerceValue({ type: ['integer', 'null'] }, '7')).toBe(7);
  });

  it('normalises a whole form', () => {
    expect(normaliseData(birth, { fatherIdNumber: '11010519491231002x', mobile: '+86 13812345678', childName: ' 张 ' })).toEqual({
      fatherIdNumber: '11010519491231002X',
      mobile: '13812345678',
      childName: ' 张 ',
    });
  });

  it('warns of patterns that backtrack catastrophically', () => {
    for (const pattern of ['^(a+)+$', '^(\\d*)*$', '^(?:[a-z]+)*@', '(x{1,3})+']) {
      expect(checkSchema({ type: 'string', pattern }), pattern).toHaveLength(1);
    }
    for (const pattern of ['^\\d{6}$', '^(ab)+$', '^[a-z]+(-[a-z]+)*$', '^\\p{Script=Han}{2,10}$']) {
      expect(checkSchema({ type: 'string', pattern }), pattern).toEqual([]);
    }
  });

  it('finds sound schemas sound', () => {
    expect(checkSchema(birth)).toEqual([]);
    expect(checkSchema({ type: 'object', required: ['x'], properties: {}, minLength: -1 } as JsonSchema)).toHaveLength(2);
  });

  it('has every message in both languages and never shows a bare key', () => {
    const samples: Array<[JsonSchema, unknown]> = [
      [{ type: 'string' }, 1], [{ enum: [1] }, 2], [{ const: 1 }, 2], [{ const: true }, false], [{ pattern: '^a$' }, 'b'],
      [{ minLength: 2 }, 'a'], [{ maxLength: 1 }, 'ab'], [{ minimum: 1 }, 0], [{ maximum: 1 }, 2], [{ exclusiveMinimum: 1 }, 1],
      [{ exclusiveMaximum: 1 }, 1], [{ minItems: 1 }, []], [{ maxItems: 0 }, [1]], [{ format: 'date' }, 'x'], [{ format: 'email' }, 'x'],
      [{ 'x-egov-format': 'cn-id' }, 'x'], [{ 'x-egov-format': 'cn-id' }, 'x'.repeat(18)], [{ 'x-egov-format': 'cn-id' }, '990105194912310021'],
      [{ 'x-egov-format': 'cn-id' }, '110105194902310021'], [{ 'x-egov-format': 'cn-id' }, '110105194912310021'],
      [{ 'x-egov-format': 'cn-uscc' }, 'x'], [{ 'x-egov-format': 'cn-uscc' }, 'I'.repeat(18)], [{ 'x-egov-format': 'cn-uscc' }, '91350100M000100Y44'],
      [{ 'x-egov-format': 'cn-mobile' }, 'x'], [{ 'x-egov-format': 'cn-postcode' }, 'x'], [{ pattern: '(' }, 'x'],
      [{ type: 'object', additionalProperties: false }, { a: 1 }], [{ required: ['a'] }, {}],
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const [schema, value] of samples) {
        const errors = validateValue(schema, value, { locale, now: NOW });
        expect(errors.length, JSON.stringify(schema)).toBeGreaterThan(0);
        for (const e of errors) {
          expect(e.message, JSON.stringify(schema)).not.toMatch(/^validation\./);
          expect(e.message.length).toBeGreaterThan(3);
          if (locale === 'en') expect(e.message).not.toMatch(/[\u4e00-\u9fff]/);
          else expect(e.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });
});

describe('the module itself', () => {
  const dir = join('src', 'core', 'validation');
  const sources = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));

  it('generates no code (strict CSP) and touches neither the DOM nor Node', () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const source of sources) {
      expect(source).not.toMatch(/\bnew Function\b|\beval\(|import\(\s*['"]ajv/);
      expect(source).not.toMatch(/from ['"]node:|\bdocument\.|\bwindow\.|\bprocess\./);
    }
  });
});
