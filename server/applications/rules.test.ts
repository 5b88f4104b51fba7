import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, DECISION_ACTIONS, FINAL_STATUSES, type HistoryEvent } from '../../src/core/case-types';
import { BIRTH_REGISTRATION } from '../seed/data/services';
import { APPLICANT_MOVES, transition } from '../../src/core/case-decisions';
import { InvalidTransition } from '../domain/errors';
import { brokenAt, eventHash } from './history-chain';
import { pointerValue } from './issuing';
import { allowedMove, checkItemsAgainstService, isFinal, readDecision, unchangedProblems } from './rules';

/** The rules of a case, without a server (SPEC §6). */
describe('the lifecycle', () => {
  it('enforces the decision table of src/core/case-decisions.ts (tests/unit/case-decisions.test.ts): every move it allows, and only those', () => {
    const moves = [
      ...DECISION_ACTIONS.map((action) => ({ by: 'officer', action }) as const),
      ...(Object.keys(APPLICANT_MOVES) as Array<keyof typeof APPLICANT_MOVES>).map((action) => ({ by: 'applicant', action }) as const),
    ];
    for (const status of APPLICATION_STATUSES) {
      for (const move of moves) {
        const found = transition(status, move);
        if ('to' in found) expect(allowedMove(status, move)).toBe(found.to);
        else expect(() => allowedMove(status, move)).toThrow(InvalidTransition);
      }
      expect(isFinal(status)).toBe(FINAL_STATUSES.includes(status));
    }
  });

  it('refuses a move the table does not allow with INVALID_TRANSITION, saying the status and the move', () => {
    expect(allowedMove('submitted', { by: 'officer', action: 'accept' })).toBe('accepted');
    expect(allowedMove('correction_requested', { by: 'applicant', action: 'resubmit' })).toBe('submitted');
    const refusal = (status: string, move: Parameters<typeof allowedMove>[1]) => {
      try {
        allowedMove(status, move);
      } catch (error) {
        return { code: (error as { code: string }).code, kind: (error as { kind: string }).kind, message: (error as Error).message };
      }
      return undefined;
    };
    expect(refusal('accepted', { by: 'officer', action: 'accept' })).toEqual({ code: 'INVALID_TRANSITION', kind: 'invalid-transition', message: 'The application is accepted: it cannot be given the decision "accept" now' });
    expect(refusal('submitted', { by: 'applicant', action: 'resubmit' })?.message).toBe('The application is submitted: it cannot be resubmitted now');
    expect(refusal('approved', { by: 'applicant', action: 'withdraw' })?.message).toBe('The application is approved: it cannot be withdrawn now');
  });

  it('reads a decision: what each action must state, named when missing', () => {
    expect(readDecision({ action: 'accept' })).toEqual({ problems: [], input: { action: 'accept' } });
    expect(readDecision({ action: 'refuse', reason: ' 不符合 ', legalBasis: '第七条' }).input).toEqual({ action: 'refuse', reason: '不符合', legalBasis: '第七条' });
    expect(readDecision({ action: 'refuse' }).problems.map((p) => p.path)).toEqual(['reason', 'legalBasis']);
    expect(readDecision({ action: 'not_accept', reason: 7, legalBasis: 'x'.repeat(2001) }).problems.map((p) => p.path)).toEqual(['reason', 'legalBasis']);
    expect(readDecision({ action: 'request_correction', items: [] }).problems.map((p) => p.path)).toEqual(['items']);
    expect(readDecision({ action: 'request_correction', items: [{ path: '/a', material: 'b', reason: 'x' }] }).problems.map((p) => p.path)).toEqual(['items[0]']);
    expect(readDecision({ action: 'request_correction', items: [{ path: 'a', reason: 'x' }] }).problems.map((p) => p.path)).toEqual(['items[0].path']);
    expect(readDecision({ action: 'approve', items: [{ path: '/a', reason: 'x' }] }).problems.map((p) => p.path)).toEqual(['items']);
    expect(readDecision({ action: 'approve', extra: 1 }).problems.map((p) => p.path)).toEqual(['extra']);
    expect(readDecision({}).problems.map((p) => p.path)).toEqual(['action']);
  });

  it('accepts correction items only for questions and materials the service has', () => {
    expect(checkItemsAgainstService([{ path: '/childName', reason: 'x' }, { path: '/childName/0', reason: 'x' }, { material: 'marriage-certificate', reason: 'x' }], BIRTH_REGISTRATION)).toEqual([]);
    expect(checkItemsAgainstService([{ path: '/nope', reason: 'x' }, { material: 'nope', reason: 'x' }], BIRTH_REGISTRATION).map((p) => p.path)).toEqual(['items[0].path', 'items[1].material']);
  });
});

describe('a resubmission', () => {
  const before = { data: { a: 1, b: { c: [1, 2] }, d: 'x' }, materials: [{ code: 'm1', uploadId: 'u1' }, { code: 'm2', certificateId: 'c1' }] };

  it('may change only what the correction request named (in any key order)', () => {
    const corrections = [{ path: '/a', reason: 'x' }, { material: 'm1', reason: 'y' }];
    expect(unchangedProblems(corrections, before, { data: { d: 'x', b: { c: [1, 2] }, a: 2 }, materials: [{ uploadId: 'u9', code: 'm1' }, { certificateId: 'c1', code: 'm2' }] })).toEqual([]);
    const changed = unchangedProblems(corrections, before, { data: { a: 2, b: { c: [2, 1] } }, materials: [{ code: 'm1', uploadId: 'u9' }] });
    expect(changed.map((p) => p.path)).toEqual(['/b', '/d', 'materials.m2']);
  });

  it('names a nested answer by its question', () => {
    expect(unchangedProblems([{ path: '/b/c/0', reason: 'x' }], before, { ...before, data: { ...before.data, b: { c: [3, 2] } } })).toEqual([]);
  });
});

describe('the history chain', () => {
  const events: HistoryEvent[] = [
    { at: '2026-12-01T00:00:00.000Z', action: 'submitted', actor: { kind: 'applicant', name: '张三' } },
    { at: '2026-12-01T01:00:00.000Z', action: 'accepted', actor: { kind: 'officer', name: '孙七', agency: { code: '330000-GA', name: '浙江省公安厅' } } },
    { at: '2026-12-02T01:00:00.000Z', action: 'refused', actor: { kind: 'officer', name: '孙七' }, reason: '不符合', legalBasis: '第七条' },
  ];
  const chained = (list: HistoryEvent[]) => {
    let prev = '';
    return list.map((event, i) => ({ seq: i + 1, event, hash: (prev = eventHash(prev, 'app-1', i + 1, event)) }));
  };

  it('holds as written, and names the first event edited, removed or inserted', () => {
    const chain = chained(events);
    expect(brokenAt('app-1', chain)).toBeNull();
    expect(brokenAt('app-2', chain)).toBe(1);
    expect(brokenAt('app-1', chain.map((e, i) => (i === 1 ? { ...e, event: { ...e.event, at: '2026-12-01T02:00:00.000Z' } } : e)))).toBe(2);
    expect(brokenAt('app-1', [chain[0]!, chain[2]!])).toBe(3);
    expect(brokenAt('app-1', [chain[0]!, { ...chain[2]!, seq: 2 }])).toBe(2);
    expect(brokenAt('app-1', chain.map((e) => ({ ...e, hash: null })))).toBe(1);
  });
});

describe('JSON pointers into the answers', () => {
  it('follow RFC 6901, and name nothing for a missing path', () => {
    const data = { a: { 'b/c': [10, 20], 'm~n': 1 } };
    expect(pointerValue(data, '/a/b~1c/1')).toBe(20);
    expect(pointerValue(data, '/a/m~0n')).toBe(1);
    expect(pointerValue(data, '')).toBe(data);
    expect(pointerValue(data, '/a/x')).toBeUndefined();
    expect(pointerValue(data, '/a/b~1c/5')).toBeUndefined();
    expect(pointerValue(data, '/toString')).toBeUndefined();
  });
});
