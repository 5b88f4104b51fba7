import type { Kysely } from 'kysely';
import type { CaseMove } from '../../src/core/case-decisions';
import type { ArchivalRecord } from '../../src/core/case-types';
import { sealedBytes } from '../../src/core/crypto/seal';
import { sm3Hex } from '../../src/core/crypto/sm';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { Broken, Conflict, NotFound } from '../domain/errors';
import type { Schema } from '../store/schema';
import { agencySealingKey, sealRecord } from './issuing';
import { movedOn } from './rules';
import { findService } from './service-store';
import { applicationRow, historyBrokenAt, insertArchivalRecord, moveApplication, type ApplicationRow, type ApplicationView } from './store';
import { applicationView, certificatesByIds } from './view-store';

/**
 * The steps every change of a case shares: the case and its service found, the status moved
 * only from the status it was read in (so of two people acting at once one wins, the other
 * is refused), and a case that closes has its archival record sealed in the same transaction.
 */

export function noSuchApplication(): NotFound {
  return new NotFound('No such application');
}

/** The service a case names: it must still exist. */
export async function serviceOfCase(db: Kysely<Schema>, row: ApplicationRow): Promise<ServiceDefinition> {
  const service = await findService(db, row.service_code);
  if (!service) throw new Broken('The case names a service that no longer exists', 'SERVICE_NOT_FOUND');
  return service;
}

/** Moves the case from what was read; InvalidTransition when someone else moved it first. */
export async function move(trx: Kysely<Schema>, row: ApplicationRow, changes: Partial<ApplicationRow>, what: CaseMove): Promise<void> {
  const result = await moveApplication(trx, row, changes);
  if (!result.moved) throw movedOn(result.status, what);
}

/** The application as it now stands, for the answer. */
export async function current(trx: Kysely<Schema>, applicationId: string): Promise<ApplicationView> {
  return applicationView(trx, (await applicationRow(trx, applicationId))!);
}

/**
 * The archival record of a closed case (Art. 33), made once, in the transaction that closes
 * it, and sealed with the agency's key: the application, each material with its SM3, the
 * history, the decision, the issued certificate.
 */
export async function archive(trx: Kysely<Schema>, applicationId: string, now: Date): Promise<void> {
  // Never seal a history that was changed behind the chain's back.
  if ((await historyBrokenAt(trx, applicationId)) !== null) throw new Conflict('The history of this case has been altered: it does not follow its hash chain, so the case cannot be closed or archived', 'HISTORY_BROKEN');
  const row = (await applicationRow(trx, applicationId))!;
  const application = await applicationView(trx, row);
  const certificate = application.certificateId ? (await certificatesByIds(trx, [application.certificateId])).get(application.certificateId) : undefined;
  const unsealed: Omit<ArchivalRecord, 'seal'> = {
    application,
    materials: application.materials.map((m) => ({
      code: m.code,
      ...(m.certificateId ? { certificateId: m.certificateId } : {}),
      ...(m.uploadId ? { uploadId: m.uploadId } : {}),
      // An upload by the SM3 of its bytes, a certificate by the SM3 of what its seal covers.
      sm3: m.upload?.sm3 ?? (m.certificate ? sm3Hex(sealedBytes(m.certificate)) : ''),
    })),
    history: application.history,
    ...(application.decision ? { decision: application.decision } : {}),
    ...(certificate ? { certificate } : {}),
    sealedAt: now.toISOString(),
  };
  const seal = sealRecord(unsealed, await agencySealingKey(trx, row.agency_code, now));
  await insertArchivalRecord(trx, applicationId, { ...unsealed, seal }, unsealed.sealedAt);
}
