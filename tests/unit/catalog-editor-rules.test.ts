// The catalogue editor checks SPEC §8's rules in the browser before sending; the server is the
// judge. Both read the same inputs here: every place the browser flags, the server flags too,
// in the same path style, so a steward is never stopped by the page for what the server would
// take, nor sent to the server with what it refuses.
import { describe, expect, it } from 'vitest';
import { checkEntry, controlPath, diffEntries, isEmptyDiff } from '../../src/components/catalog-editor/entry-rules';
import { readEntryInput, submissionProblems } from '../../server/cataloguing/rules';
import type { CatalogueEntryInput } from '../../src/core/catalog-types';

const FIELDS: CatalogueEntryInput['fields'] = [
  { name: 'xm', label: '姓名', type: 'string', sensitivity: 'none', description: '' },
  { name: 'csrq', label: '出生日期', type: 'date', sensitivity: 'none', description: '' },
];
const base = (patch: Partial<CatalogueEntryInput> = {}): CatalogueEntryInput => ({
  name: '出生医学证明信息', summary: '全省出生医学证明。', sharing: 'unconditional', open: 'closed', updateFrequency: 'monthly',
  formats: ['csv'], domain: '卫生健康', tags: [], fields: structuredClone(FIELDS), ...patch,
});

const CASES: Array<[string, CatalogueEntryInput]> = [
  ['a complete unconditional entry', base()],
  ['restricted without a condition or a legal basis (Art. 22)', base({ sharing: 'restricted' })],
  ['non-shared with a condition but no legal basis', base({ sharing: 'none', sharingCondition: '涉及个人隐私' })],
  ['restricted with both', base({ sharing: 'restricted', sharingCondition: '仅供户籍登记', legalBasis: '《母婴保健法》第二十三条' })],
  ['open with a personal field', base({ open: 'open', fields: [{ ...FIELDS[0]!, sensitivity: 'name' }, FIELDS[1]!] })],
  ['conditionally open with an ID-number field', base({ open: 'conditional', fields: [FIELDS[0]!, { ...FIELDS[1]!, name: 'sfzh', sensitivity: 'id-number' }] })],
  ['duplicate names, whatever their case', base({ fields: [...FIELDS, { ...FIELDS[0]!, name: 'XM', label: '姓名2' }] })],
  ['a name that is not an identifier', base({ fields: [{ ...FIELDS[0]!, name: '1xm' }, { ...FIELDS[1]!, name: 'cs rq' }] })],
  ['a field without its name or label', base({ fields: [{ ...FIELDS[0]!, name: '' }, { ...FIELDS[1]!, label: '' }] })],
  ['no name at all', base({ name: '  ' })],
  ['an incomplete draft: no summary, domain or field', base({ summary: '', domain: '', fields: [] })],
];

const browserPaths = (input: CatalogueEntryInput, submission: boolean) =>
  [...new Set(checkEntry(input, '、', { submission }).map((p) => p.path))].sort();
function serverPaths(input: CatalogueEntryInput, submission: boolean) {
  const { input: read, problems } = readEntryInput(structuredClone(input) as unknown as Record<string, unknown>);
  const all = submission ? [...problems, ...submissionProblems(read)] : problems;
  return [...new Set(all.map((p) => p.path))].sort();
}

describe('catalogue entry rules: the browser flags what the server refuses', () => {
  it.each(CASES)('saving %s', (_what, input) => {
    expect(browserPaths(input, false)).toEqual(serverPaths(input, false));
  });
  it.each(CASES)('submitting %s', (_what, input) => {
    expect(browserPaths(input, true)).toEqual(serverPaths(input, true));
  });

  it('finds the control of a path the server or the browser writes', () => {
    expect(controlPath('fields[2].name')).toBe('fields/2/name');
    expect(controlPath('checks.legality')).toBe('checks/legality');
    expect(controlPath('legalBasis')).toBe('legalBasis');
  });

  it('flags a personal field marked "not personal", on both sides, whatever its kind', () => {
    const labels: Array<[string, string]> = [['sfzhm', '身份证号码'], ['sjh', '手机号'], ['lxr', '联系人'], ['hjszd', '户籍所在地'], ['cph', '车牌号'], ['csny', '出生年月'], ['yx', '电子邮箱'], ['yhkh', '银行卡号'], ['jhr', '监护人'], ['zjh', '证件号']];
    for (const [name, label] of labels) {
      const input = base({ fields: [{ name: 'xm', label: '姓名', type: 'string', sensitivity: 'name', description: '' }, { name, label, type: 'string', sensitivity: 'none', description: '' }] });
      expect(browserPaths(input, false), label).toEqual(['fields[1].sensitivity']);
      expect(serverPaths(input, false), label).toEqual(['fields[1].sensitivity']);
    }
  });
});

describe('the difference between the published version and the new one', () => {
  it('names changed attributes, and fields added, removed and changed, matched by name', () => {
    const before = base();
    const after = base({
      updateFrequency: 'quarterly', tags: ['出生'],
      fields: [{ ...FIELDS[0]!, label: '新生儿姓名', sensitivity: 'name' }, { name: 'csdd', label: '出生地点', type: 'string', sensitivity: 'none', description: '' }],
    });
    const diff = diffEntries(before, after);
    expect(diff.attributes.map((a) => [a.key, a.before, a.after])).toEqual([['updateFrequency', 'monthly', 'quarterly'], ['tags', '', '出生']]);
    expect(diff.added.map((f) => f.name)).toEqual(['csdd']);
    expect(diff.removed.map((f) => f.name)).toEqual(['csrq']);
    expect(diff.changed).toEqual([{ name: 'xm', changes: [{ key: 'label', before: '姓名', after: '新生儿姓名' }, { key: 'sensitivity', before: 'none', after: 'name' }] }]);
    expect(isEmptyDiff(diffEntries(before, base()))).toBe(true);
  });
});
