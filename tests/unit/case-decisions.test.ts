import { describe, expect, it } from 'vitest';
import { APPLICANT_MOVES, DECISIONS, STEP_ROLES, applicantMay, decisionNeeds, decisionsFrom, isFinal, stepAt, stepsOf, transition } from '../../src/core/case-decisions';
import { APPLICATION_STATUSES, DECISION_ACTIONS, FINAL_STATUSES } from '../../src/core/case-types';

/** The decision table of a case (SPEC §6), as the server enforces it and the workbench offers it. */
describe('the case decision table', () => {
  it('has exactly the transitions of SPEC §6, and none out of a final status', () => {
    const edges = APPLICATION_STATUSES.flatMap((status) => [
      ...DECISION_ACTIONS.map((action) => ['officer', action] as const),
      ...(Object.keys(APPLICANT_MOVES) as Array<keyof typeof APPLICANT_MOVES>).map((action) => ['applicant', action] as const),
    ].flatMap(([by, action]) => {
      const found = transition(status, { by, action } as never);
      return 'to' in found ? [`${status} -${by}:${action}-> ${found.to}`] : [];
    })).sort();
    expect(edges).toEqual([
      'accepted -officer:approve-> approved',
      'accepted -officer:refuse-> refused',
      'correction_requested -applicant:resubmit-> submitted',
      'correction_requested -applicant:withdraw-> withdrawn',
      'submitted -applicant:withdraw-> withdrawn',
      'submitted -officer:accept-> accepted',
      'submitted -officer:not_accept-> not_accepted',
      'submitted -officer:request_correction-> correction_requested',
    ]);
    expect(Object.keys(DECISIONS).sort()).toEqual([...DECISION_ACTIONS].sort());
    for (const status of APPLICATION_STATUSES) expect(isFinal(status)).toBe(FINAL_STATUSES.includes(status));
    for (const final of FINAL_STATUSES) {
      expect(decisionsFrom(final)).toEqual([]);
      expect(applicantMay(final, 'withdraw') || applicantMay(final, 'resubmit')).toBe(false);
    }
  });

  it('offers the officer the decisions of each status in the table order, none while the applicant corrects', () => {
    expect(decisionsFrom('submitted')).toEqual(['accept', 'request_correction', 'not_accept']);
    expect(decisionsFrom('accepted')).toEqual(['approve', 'refuse']);
    expect(decisionsFrom('correction_requested')).toEqual([]);
    expect(applicantMay('correction_requested', 'resubmit')).toBe(true);
    expect(applicantMay('submitted', 'resubmit')).toBe(false);
    expect(applicantMay('accepted', 'withdraw')).toBe(false);
  });

  it('says what each decision must state: a reason and a legal basis to refuse, items to ask for a correction', () => {
    expect(Object.fromEntries(DECISION_ACTIONS.map((a) => [a, decisionNeeds(a)]))).toEqual({
      accept: [],
      request_correction: ['items'],
      not_accept: ['reason', 'legalBasis'],
      approve: [],
      refuse: ['reason', 'legalBasis'],
    });
  });

  it('answers a refused move with a key and parameters, for each side to say', () => {
    expect(transition('accepted', { by: 'officer', action: 'accept' })).toEqual({
      problem: { key: 'case.transition.notAllowed', params: { status: 'accepted', by: 'officer', action: 'accept' } },
    });
    expect(transition('withdrawn', { by: 'applicant', action: 'withdraw' })).toEqual({
      problem: { key: 'case.transition.notAllowed', params: { status: 'withdrawn', by: 'applicant', action: 'withdraw' } },
    });
  });
});

/** SPEC §14: steps. One step keeps the table; before the last of several, `approve` passes the case on. */
describe('the decision table at a step', () => {
  it('keeps one-step services as they were', () => {
    for (const status of APPLICATION_STATUSES) expect(decisionsFrom(status, { number: 1, of: 1 })).toEqual(decisionsFrom(status));
    expect(stepsOf({})).toEqual(['handle']);
    expect(stepAt(['handle', 'review', 'approve'], 2)).toEqual({ number: 2, of: 3, name: 'review' });
    expect(STEP_ROLES).toEqual({ handle: 'handler', review: 'reviewer', approve: 'approver' });
  });

  it('passes an approval on before the last step, approves at the last, and lets a correction be asked at any step', () => {
    expect(transition('accepted', { by: 'officer', action: 'approve' }, { number: 1, of: 3 })).toEqual({ to: 'accepted', next: 2 });
    expect(transition('accepted', { by: 'officer', action: 'approve' }, { number: 2, of: 3 })).toEqual({ to: 'accepted', next: 3 });
    expect(transition('accepted', { by: 'officer', action: 'approve' }, { number: 3, of: 3 })).toEqual({ to: 'approved' });
    expect(transition('accepted', { by: 'officer', action: 'refuse' }, { number: 2, of: 3 })).toEqual({ to: 'refused' });
    expect(transition('accepted', { by: 'officer', action: 'request_correction' }, { number: 2, of: 3 })).toEqual({ to: 'correction_requested' });
    expect(decisionsFrom('accepted', { number: 2, of: 3 })).toEqual(['request_correction', 'approve', 'refuse']);
    expect(transition('accepted', { by: 'officer', action: 'request_correction' })).toHaveProperty('problem');
  });
});
