import type { Kysely } from 'kysely';
import { STEP_ROLES, stepAt, stepsOf } from '../../src/core/case-decisions';
import type { CaseStep, DecisionAction } from '../../src/core/case-types';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { stepRefusal, type Officer } from '../access';
import { Conflict, Forbidden } from '../domain/errors';
import type { Schema } from '../store/schema';
import type { ApplicationRow } from './store';
import { officerRoles, recordStepTaken, stepsTaken } from './step-store';

/**
 * Steps and four eyes (SPEC §14): a service declares the steps of its cases (承办 → 审核 →
 * 批准; one step by default); an officer takes a step only holding its role, and never two
 * steps of the same case. Pure rules are in src/core/case-decisions.ts; this module asks the
 * store and throws the domain's errors.
 */

/** The step a case is at, and why this officer may not take it (no role; another step of it taken), if they may not. */
export async function stepRefusalFor(trx: Kysely<Schema>, officerId: string, row: ApplicationRow, service: ServiceDefinition): Promise<{ step: CaseStep; role?: string; refusal?: 'NOT_STEP_ROLE' | 'SAME_OFFICER' }> {
  const steps = stepsOf(service);
  const step = stepAt(steps, Number(row.step));
  if (steps.length <= 1) return { step };
  const role = STEP_ROLES[step.name];
  const [holds, taken] = await Promise.all([officerRoles(trx, officerId, row.agency_code), stepsTaken(trx, [row.id])]);
  const refusal = stepRefusal({ id: officerId }, { number: step.number, role }, holds, taken.get(row.id) ?? []);
  return { step, role, ...(refusal ? { refusal } : {}) };
}

/** The step a case is at, checked for the officer who would decide there: 403 without its role, 409 SAME_OFFICER after another step of it. */
export async function stepToTake(trx: Kysely<Schema>, officer: Pick<Officer, 'id'>, row: ApplicationRow, service: ServiceDefinition): Promise<CaseStep> {
  const { step, role, refusal } = await stepRefusalFor(trx, officer.id, row, service);
  if (refusal === 'NOT_STEP_ROLE') throw new Forbidden(`This case is at step ${step.number} (${step.name}), which only an officer holding the ${role} role decides`, refusal);
  if (refusal === 'SAME_OFFICER') throw new Conflict('You took another step of this case: each step is taken by a different officer', refusal);
  return step;
}

/** Records who took the step and what they decided (services of more than one step). */
export async function recordStep(trx: Kysely<Schema>, row: ApplicationRow, step: CaseStep, officer: Officer, action: DecisionAction, at: string): Promise<void> {
  if (step.of <= 1) return;
  await recordStepTaken(trx, row.id, { step: step.number, officerId: officer.id, officerName: officer.name, action, at });
}
