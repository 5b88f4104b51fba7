import { describe, expect, it } from 'vitest';
import { fieldKind, personalValue } from '../../src/core/personal-data';
import { readEntryInput, readReview, transitionProblem } from './rules';

/** The rules of SPEC §8 as pure functions: no server, no database. */

const entry = (extra: Record<string, unknown> = {}) => ({
  name: '医疗机构名录', summary: '全省医疗机构', sharing: 'unconditional', open: 'open', updateFrequency: 'monthly', domain: '卫生健康',
  fields: [{ name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none', description: '' }], ...extra,
});
const paths = (found: Array<{ path: string }>) => found.map((p) => p.path);

describe('entry rules', () => {
  it('a complete open entry without personal fields has no problem', () => {
    expect(readEntryInput(entry()).problems).toEqual([]);
  });

  it('conditional is as open as open: no personal field in either', () => {
    const personal = { fields: [{ name: 'xm', label: '姓名', type: 'string', sensitivity: 'name' }] };
    expect(paths(readEntryInput(entry({ ...personal, open: 'conditional' })).problems)).toEqual(['open', 'fields[0].sensitivity']);
    expect(readEntryInput(entry({ ...personal, open: 'closed' })).problems).toEqual([]);
  });

  it('an unconditional entry needs neither reason nor legal basis; restricted and none need both', () => {
    expect(readEntryInput(entry({ sharing: 'unconditional' })).problems).toEqual([]);
    for (const sharing of ['restricted', 'none']) expect(paths(readEntryInput(entry({ sharing, open: 'closed' })).problems)).toEqual(['sharingCondition', 'legalBasis']);
  });

  it('texts are trimmed, lists deduplicated, and wrong kinds of values named', () => {
    const { input, problems } = readEntryInput(entry({ name: '  医疗机构名录  ', tags: ['医院', '医院', ' 诊所 '], formats: 'CSV' }));
    expect(input.name).toBe('医疗机构名录');
    expect(input.tags).toEqual(['医院', '诊所']);
    expect(paths(problems)).toEqual(['formats']);
    expect(paths(readEntryInput(entry({ fields: {} })).problems)).toEqual(['fields']);
    expect(paths(readEntryInput(entry({ fields: ['x'] })).problems)).toEqual(['fields[0]']);
  });
});

describe('personal data: the labels and codes stewards really use', () => {
  it('classifies them (身份证号码 is an ID number)', () => {
    const kinds: Array<[string, string, string]> = [
      ['sfzhm', '身份证号码', 'id-number'], ['zjh', '证件号', 'id-number'], ['gmsfhm', '公民身份号码', 'id-number'], ['x1', '身份证', 'id-number'],
      ['sjh', '手机号', 'phone'], ['lxdh', '联系电话', 'phone'], ['lxr', '联系人', 'name'], ['jhr', '监护人', 'name'],
      ['hjszd', '户籍所在地', 'address'], ['cph', '车牌号', 'other-personal'], ['csny', '出生年月', 'other-personal'],
      ['yx', '电子邮箱', 'other-personal'], ['yhkh', '银行卡号', 'other-personal'],
      // The code says it when the label does not.
      ['sfzh', '编号', 'id-number'], ['mobile', '号码', 'phone'], ['email', '联络', 'other-personal'],
      ['jgmc', '机构名称', 'none'], ['cws', '床位数', 'none'], ['szqx', '所在区县', 'none'],
    ];
    for (const [name, label, kind] of kinds) expect(fieldKind({ name, label }), label).toBe(kind);
  });

  it('refuses "not personal" for a field of each kind, in a closed entry too', () => {
    const withName = { name: 'xm', label: '姓名', type: 'string', sensitivity: 'name', description: '' };
    for (const [name, label] of [['sfzhm', '身份证号码'], ['sjh', '手机号'], ['lxr', '联系人'], ['hjszd', '户籍所在地'], ['cph', '车牌号'], ['csny', '出生年月'], ['yx', '电子邮箱'], ['yhkh', '银行卡号']]) {
      const { problems } = readEntryInput(entry({ open: 'closed', fields: [withName, { name, label, type: 'string', sensitivity: 'none', description: '' }] }));
      expect(paths(problems), label).toEqual(['fields[1].sensitivity']);
      expect(problems[0]!.message).toContain(label!);
    }
    // A name alone is personal anywhere; an office's telephone and address in a directory are not.
    expect(paths(readEntryInput(entry({ fields: [{ name: 'xm', label: '姓名', type: 'string', sensitivity: 'none' }] })).problems)).toEqual(['fields[0].sensitivity']);
    const directory = [{ name: 'jgmc', label: '机构名称', type: 'string', sensitivity: 'none' }, { name: 'dz', label: '地址', type: 'string', sensitivity: 'none' }, { name: 'lxdh', label: '联系电话', type: 'string', sensitivity: 'none' }];
    expect(readEntryInput(entry({ fields: directory })).problems).toEqual([]);
  });

  it('finds a citizen ID number with a valid check digit, a mobile number, a number plate in a cell', () => {
    expect(personalValue('11010519491231002X')).toBe('id-number');
    expect(personalValue('身份证 33010619900101123x 已核验')).toBe('id-number');
    expect(personalValue('110105194912310021')).toBeUndefined(); // wrong check digit
    expect(personalValue('13812345678')).toBe('mobile');
    expect(personalValue('+86 13812345678')).toBe('mobile');
    expect(personalValue('浙A12345')).toBe('plate');
    expect(personalValue('浙A·D12345')).toBe('plate');
    for (const plain of ['0571-87654321', '2024-03-01', '12345678901234567', '杭州市西湖区颐养院', '330106']) expect(personalValue(plain), plain).toBeUndefined();
  });
});

describe('review rules', () => {
  it('publish needs every check true; return needs a reason; the checklist is required', () => {
    expect(readReview({ decision: 'publish', checks: { legality: true, privacy: true, security: true } }).problems).toEqual([]);
    expect(paths(readReview({ decision: 'publish', checks: { legality: true, privacy: 'yes', security: false } }).problems)).toEqual(['checks.privacy', 'checks.security']);
    expect(paths(readReview({ decision: 'return', checks: {} }).problems)).toEqual(['reason']);
    expect(paths(readReview({ decision: 'approve' }).problems)).toEqual(['decision', 'checks']);
  });
});

describe('transitions', () => {
  it('allows each act only from its statuses', () => {
    expect(transitionProblem('edit', 'draft')).toBeUndefined();
    expect(transitionProblem('edit', 'returned')).toBeUndefined();
    expect(transitionProblem('edit', 'submitted')).toMatch(/under review/);
    expect(transitionProblem('submit', 'published')).toBeDefined();
    expect(transitionProblem('review', 'draft')).toBeDefined();
    expect(transitionProblem('review', 'submitted')).toBeUndefined();
    expect(transitionProblem('withdraw', 'withdrawn')).toBeDefined();
    expect(transitionProblem('withdraw', 'submitted')).toBeUndefined();
    expect(transitionProblem('import', 'published')).toBeDefined();
  });
});
