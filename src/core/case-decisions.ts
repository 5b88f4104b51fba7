/**
 * The decision table of a case (SPEC §6, Art. 30): which move each party may make from which
 * status, where it leads, and what it must state. One table for the reference backend (which
 * enforces it) and the officer's workbench (which offers only what it allows). Rules answer
 * with keys and parameters; each side says them in its own words.
 */
import { FINAL_STATUSES, type ApplicationStatus, type DecisionAction } from './case-types';

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

/** The decisions an officer may take on a case in this status, in the table's order (none while it waits for the applicant or is final). */
export function decisionsFrom(status: ApplicationStatus): DecisionAction[] {
  return (Object.keys(DECISIONS) as DecisionAction[]).filter((action) => DECISIONS[action].from.includes(status));
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

/** Where a move leads from this status, or why it is not allowed. */
export function transition(status: ApplicationStatus, move: CaseMove): { to: ApplicationStatus } | { problem: TransitionProblem } {
  const rule = move.by === 'officer' ? DECISIONS[move.action] : APPLICANT_MOVES[move.action];
  if (rule.from.includes(status)) return { to: rule.to };
  return { problem: { key: 'case.transition.notAllowed', params: { status, by: move.by, action: move.action } } };
}
