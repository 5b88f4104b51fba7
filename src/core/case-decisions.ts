/**
 * The decision table of a case (SPEC §6, Art. 30): which move each party may make from which
 * status, where it leads, and what it must state. One table for the reference backend (which
 * enforces it) and the officer's workbench (which offers only what it allows). Rules answer
 * with keys and parameters; each side says them in its own words.
 */
import { FINAL_STATUSES, type ApplicationStatus, type CaseStep, type CaseStepName, type CaseStepTaken, type DecisionAction, type OfficerRole } from './case-types';

/** What a decision must state besides its action. */
export type DecisionField = 'reason' | 'legalBasis' | 'items';

export interface DecisionRule {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  needs: readonly DecisionField[];
}

/** The officers' decisions, in the order a form offers them. */
export const DECISIONS: Readonly<Record<DecisionAction, DecisionRule>> = {
  accept: { from: ['submitted'], to: 'accepted', needs: [] },
  request_correction: { from: ['submitted'], to: 'correction_requested', needs: ['items'] },
  // Refusing to accept or to grant must say why and under which provision.
  not_accept: { from: ['submitted'], to: 'not_accepted', needs: ['reason', 'legalBasis'] },
  approve: { from: ['accepted'], to: 'approved', needs: [] },
  refuse: { from: ['accepted'], to: 'refused', needs: ['reason', 'legalBasis'] },
};

/** SPEC §14: the role an officer must hold to take each step. */
export const STEP_ROLES: Readonly<Record<CaseStepName, OfficerRole>> = { handle: 'handler', review: 'reviewer', approve: 'approver' };

/** The steps of a service's cases: those it declares, or the one step every officer of the agency takes. */
export function stepsOf(service: { steps?: readonly CaseStepName[] }): readonly CaseStepName[] {
  return service.steps?.length ? service.steps : ['handle'];
}

/** Where a case stands among its service's steps (1-based). */
export function stepAt(steps: readonly CaseStepName[], number: number): CaseStep {
  const at = Math.min(Math.max(1, number), steps.length);
  return { number: at, of: steps.length, name: steps[at - 1]! };
}

/** The step and who took which step, as a case of a service of more than one step shows them (nothing for one step). */
export function stepsShown(service: { steps?: readonly CaseStepName[] } | undefined, stepNumber: number, taken: ReadonlyArray<{ step: number; officerName: string; action: DecisionAction; at: string }>): { step?: CaseStep; steps?: CaseStepTaken[] } {
  const names = stepsOf(service ?? {});
  if (names.length <= 1) return {};
  return {
    step: stepAt(names, stepNumber),
    steps: taken.map((r) => ({ step: r.step, name: stepAt(names, r.step).name, officer: { name: r.officerName }, action: r.action, at: r.at })),
  };
}

/**
 * The decision rule at a step (SPEC §14). One step: the table as it stands. More than one:
 * `approve` before the last step passes the case on (it stays `accepted`), and a correction
 * may be requested of an accepted case at any step.
 */
export function decisionAt(action: DecisionAction, step?: Pick<CaseStep, 'number' | 'of'>): DecisionRule & { next?: number } {
  const rule = DECISIONS[action];
  if (!step || step.of <= 1) return rule;
  if (action === 'approve' && step.number < step.of) return { ...rule, to: 'accepted', next: step.number + 1 };
  if (action === 'request_correction') return { ...rule, from: ['submitted', 'accepted'] };
  return rule;
}

/** The applicant's own moves. */
export type ApplicantMove = 'resubmit' | 'withdraw';
export const APPLICANT_MOVES: Readonly<Record<ApplicantMove, { from: readonly ApplicationStatus[]; to: ApplicationStatus }>> = {
  resubmit: { from: ['correction_requested'], to: 'submitted' },
  withdraw: { from: ['submitted', 'correction_requested'], to: 'withdrawn' },
};

/** Who moves a case: the handling agency's officer decides, the applicant resubmits or withdraws. */
export type CaseMove = { by: 'officer'; action: DecisionAction } | { by: 'applicant'; action: ApplicantMove };

export function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** The decisions an officer may take on a case in this status (at this step), in the table's order (none while it waits for the applicant or is final). */
export function decisionsFrom(status: ApplicationStatus, step?: Pick<CaseStep, 'number' | 'of'>): DecisionAction[] {
  return (Object.keys(DECISIONS) as DecisionAction[]).filter((action) => decisionAt(action, step).from.includes(status));
}

/** Whether the applicant may make this move in this status. */
export function applicantMay(status: ApplicationStatus, move: ApplicantMove): boolean {
  return APPLICANT_MOVES[move].from.includes(status);
}

/** What a decision must state besides its action (`reason` and `legalBasis` for a refusal, `items` for a correction request). */
export function decisionNeeds(action: DecisionAction): readonly DecisionField[] {
  return DECISIONS[action].needs;
}

/** A move refused by the table: a key and its parameters, for each side to say. */
export interface TransitionProblem {
  key: 'case.transition.notAllowed';
  params: { status: ApplicationStatus; by: CaseMove['by']; action: CaseMove['action'] };
}

/** Where a move leads from this status (at this step), or why it is not allowed; `next` the step an approval passes the case on to. */
export function transition(status: ApplicationStatus, move: CaseMove, step?: Pick<CaseStep, 'number' | 'of'>): { to: ApplicationStatus; next?: number } | { problem: TransitionProblem } {
  const rule: { from: readonly ApplicationStatus[]; to: ApplicationStatus; next?: number } = move.by === 'officer' ? decisionAt(move.action, step) : APPLICANT_MOVES[move.action];
  if (rule.from.includes(status)) return { to: rule.to, ...(rule.next ? { next: rule.next } : {}) };
  return { problem: { key: 'case.transition.notAllowed', params: { status, by: move.by, action: move.action } } };
}
