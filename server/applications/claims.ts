import type { Kysely } from 'kysely';
import { isCaseOfficer, handlesCasesOf, mayAssignCases, mayDecideHeld, type Officer } from '../access';
import { Conflict, Forbidden, Invalid, InvalidTransition } from '../domain/errors';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { officerOfAgency, setHolder } from './claim-store';
import { isFinal } from './rules';
import { officerRoles } from './step-store';
import { stepRefusalFor, stepToTake } from './steps';
import { applicationRow, inTransaction, type ApplicationRow, type ApplicationView } from './store';
import { current, noSuchApplication, serviceOfCase } from './transitions';

/**
 * Claim and assign (SPEC §14): an officer claims a case nobody holds, a reviewer or an
 * approver gives it to an officer of the agency; a held case is decided by its holder alone.
 * Each change runs in the case's transaction, under its lock.
 */

/** The refusal of a decision on a case someone else holds. */
export function checkHolder(officer: Officer, row: Pick<ApplicationRow, 'holder_id'>): void {
  if (!mayDecideHeld(officer, row.holder_id)) throw new Conflict('Another officer holds this case: only they decide it, unless it is assigned to you', 'CASE_CLAIMED');
}

async function openCase(trx: Kysely<Schema>, officer: Officer, id: string, doing: string): Promise<ApplicationRow> {
  const row = await applicationRow(trx, id);
  if (!row || !handlesCasesOf(officer, row.agency_code)) throw noSuchApplication();
  if (isFinal(row.status)) throw new InvalidTransition(`The application is ${row.status}: it cannot be ${doing} now`);
  return row;
}

/** `POST /cases/{id}/claim`: the officer holds the case (again: the same answer); 409 CASE_CLAIMED when someone else does. */
export async function claim(store: Store, officer: Officer, id: string): Promise<ApplicationView> {
  return inTransaction(store, 'case:' + id, async (trx) => {
    const row = await openCase(trx, officer, id, 'claimed');
    checkHolder(officer, row);
    // Claiming is taking the step the case is at: the step's role, never a second step of one case.
    await stepToTake(trx, officer, row, await serviceOfCase(trx, row));
    if (row.holder_id !== officer.id) await setHolder(trx, row.id, officer.id);
    return current(trx, row.id);
  });
}

/** `POST /cases/{id}/assignment` `{ officerId }`: a reviewer or an approver of the agency gives the case to an officer of it who may take its step. */
export async function assign(store: Store, officer: Officer, id: string, officerId: string): Promise<ApplicationView> {
  return inTransaction(store, 'case:' + id, async (trx) => {
    const row = await openCase(trx, officer, id, 'assigned');
    if (!isCaseOfficer(officer) || !mayAssignCases(await officerRoles(trx, officer.id, row.agency_code))) {
      throw new Forbidden('Only a reviewer or an approver of the agency assigns its cases', 'NOT_ASSIGNER');
    }
    const target = await officerOfAgency(trx, officerId, row.agency_code);
    if (!target) throw new Invalid([{ path: 'officerId', message: 'No officer of this agency has this id' }]);
    const { refusal, step, role } = await stepRefusalFor(trx, target.id, row, await serviceOfCase(trx, row));
    if (refusal === 'NOT_STEP_ROLE') throw new Invalid([{ path: 'officerId', message: `This officer does not hold the ${role} role that step ${step.number} needs` }]);
    if (refusal === 'SAME_OFFICER') throw new Conflict('This officer took another step of this case: each step is taken by a different officer', refusal);
    await setHolder(trx, row.id, target.id);
    return current(trx, row.id);
  });
}
