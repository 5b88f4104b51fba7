import { describe, expect, it } from 'vitest';
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
