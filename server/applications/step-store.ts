import type { Kysely } from 'kysely';
import type { DecisionAction, OfficerRole } from '../../src/core/case-types';
import type { Schema } from '../store/schema';
import { nextSeq } from './sequence-store';

/**
 * The queries of steps and four eyes (SPEC §14): the roles an officer holds in an agency,
 * and who took which step of a case (appended in the transaction of the decision).
 */

/** The roles this officer holds in this agency. */
export async function officerRoles(db: Kysely<Schema>, subjectId: string, agencyCode: string): Promise<OfficerRole[]> {
  const rows = await db.selectFrom('officer_roles').select('role').where('subject_id', '=', subjectId).where('agency_code', '=', agencyCode).execute();
  return rows.map((row) => row.role as OfficerRole);
}

/** A step taken: by whom (id and name), at which step, with what decision. */
export interface StepRecord {
  step: number;
  officerId: string;
  officerName: string;
  action: DecisionAction;
  at: string;
}

/** Who took which step of these cases, in order. */
export async function stepsTaken(db: Kysely<Schema>, applicationIds: string[]): Promise<Map<string, StepRecord[]>> {
  const byId = new Map<string, StepRecord[]>(applicationIds.map((id) => [id, []]));
  if (!applicationIds.length) return byId;
  const rows = await db.selectFrom('case_steps').selectAll().where('application_id', 'in', applicationIds).orderBy('application_id').orderBy('seq').execute();
  for (const row of rows) byId.get(row.application_id)?.push({ step: Number(row.step), officerId: row.officer_id, officerName: row.officer_name, action: row.action as DecisionAction, at: row.at });
  return byId;
}

/** Records a decision taken at a step, in the transaction that takes it. */
export async function recordStepTaken(trx: Kysely<Schema>, applicationId: string, taken: StepRecord): Promise<void> {
  await trx.insertInto('case_steps').values({
    application_id: applicationId,
    seq: await nextSeq(trx, 'case_steps', applicationId),
    step: taken.step,
    officer_id: taken.officerId,
    officer_name: taken.officerName,
    action: taken.action,
    at: taken.at,
  }).execute();
}
