import type { CaseDecision, DecisionLetter } from '../../src/core/case-types';
import { mayReadApplication } from '../access';
import { Conflict } from '../domain/errors';
import type { Subject } from '../env';
import type { Store } from '../store/database';
import { insertLetter, storedLetter } from './decision-letter-store';
import { agencySealingKey, sealRecord } from './issuing';
import { agencyOf, applicationRow, inTransaction } from './store';
import { noSuchApplication, serviceOfCase } from './transitions';
import { applicationView } from './view-store';

/**
 * The decision letter (决定书, SPEC §14): what an officer decided, why, under which provision,
 * with the notice of remedies on a refusal, sealed by the agency's issuer key over its JCS
 * bytes like a certificate. Made once, when first asked for, under the case's lock.
 */

/** `GET /cases/{id}/decision-letter`: for the applicant and the officers of the agency (404 for anyone else); 409 NOT_DECIDED before an officer's final decision. */
export async function decisionLetter(store: Store, subject: Subject, id: string, now = new Date()): Promise<DecisionLetter> {
  const row = await applicationRow(store.db, id);
  if (!row || !mayReadApplication(subject, { applicantId: row.applicant_subject_id, agencyCode: row.agency_code })) throw noSuchApplication();
  if (!row.decision) throw new Conflict(`The application is ${row.status}: no decision letter is made before an officer's final decision`, 'NOT_DECIDED');
  const kept = await storedLetter(store.db, id);
  if (kept) return kept;
  return inTransaction(store, 'case:' + id, async (trx) => {
    const again = await storedLetter(trx, id);
    if (again) return again;
    const decision = JSON.parse(row.decision!) as CaseDecision;
    const [service, agency, view] = await Promise.all([serviceOfCase(trx, row), agencyOf(trx, row.agency_code), applicationView(trx, row)]);
    const unsealed: Omit<DecisionLetter, 'seal'> = {
      number: `${row.receipt_no}-JD`,
      applicant: view.applicant,
      service: { code: service.code, name: service.name },
      decision: decision.action,
      reasons: decision.reason ?? '',
      legalBasis: decision.legalBasis ?? service.legalBasis,
      ...(decision.remedies ? { remedies: decision.remedies } : {}),
      decidedAt: decision.at,
      agency,
    };
    const letter: DecisionLetter = { ...unsealed, seal: sealRecord(unsealed, await agencySealingKey(trx, row.agency_code, now)) };
    await insertLetter(trx, id, letter, now.toISOString());
    return letter;
  });
}
