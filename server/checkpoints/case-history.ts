import type { Kysely } from 'kysely';
import { caseHeads, historyChain, historyChains, type ChainedEvent } from '../applications/store';
import { brokenAt, missingFrom } from '../applications/history-chain';
import { Conflict } from '../domain/errors';
import type { Schema } from '../store/schema';
import { extendsCheckpoint, type CaseHead } from './checkpoint';

/**
 * The case histories against their checkpoints (SPEC §6): a history must follow
 * its hash chain, end with the event that put the case in its status, and still extend what
 * the last checkpoint signed for it. Before a case is sealed (an approval with its certificate,
 * any final decision, a withdrawal) these are checked, so an event removed from the end — which
 * leaves a chain that holds — is not sealed into the archival record.
 */

export type CaseHistoryBreak = { brokenAt: number; reason: 'altered' | 'truncated' | 'rewritten' | 'status' };

/** What is wrong with a case's history, or undefined when it holds. */
export function caseHistoryBreak(
  applicationId: string,
  events: readonly ChainedEvent[],
  status: string | undefined,
  checkpointed: { length: number; head: string } | undefined,
): CaseHistoryBreak | undefined {
  const altered = brokenAt(applicationId, [...events]);
  if (altered !== null) return { brokenAt: altered, reason: 'altered' };
  if (checkpointed) {
    const why = extendsCheckpoint(checkpointed, { length: events.length, hashAtAnchor: events[checkpointed.length - 1]?.hash ?? undefined });
    if (why) return { brokenAt: why === 'truncated' ? events.length + 1 : checkpointed.length, reason: why };
  }
  const missing = status === undefined ? null : missingFrom(events, status);
  return missing === null ? undefined : { brokenAt: missing, reason: 'status' };
}

const MESSAGES: Record<CaseHistoryBreak['reason'], string> = {
  altered: 'it does not follow its hash chain',
  truncated: 'it is shorter than its signed checkpoint',
  rewritten: 'it no longer has the hash its signed checkpoint holds',
  status: 'it does not end with the event that put the case in its status',
};

/** Refuses (409 HISTORY_BROKEN, as `archive` does) to close a case whose history does not hold. */
export async function checkCaseHistory(db: Kysely<Schema>, applicationId: string, status: string, checkpointed: { length: number; head: string } | undefined): Promise<void> {
  const found = caseHistoryBreak(applicationId, await historyChain(db, applicationId), status, checkpointed);
  if (found) throw new Conflict(`The history of this case has been altered: ${MESSAGES[found.reason]}, so the case cannot be closed or archived`, 'HISTORY_BROKEN');
}

/** Histories read per query when checkpointing. */
const CHAINS_PER_QUERY = 500;

/**
 * The cases whose history grew since the heads last checkpointed (`known`), each checked
 * to extend its checkpointed head; those that do not are `broken`, and stay at their old head.
 */
export async function grownCases(db: Kysely<Schema>, known: ReadonlyMap<string, { length: number; head: string }>): Promise<{ grown: CaseHead[]; broken: Array<{ applicationId: string } & CaseHistoryBreak> }> {
  const current = await caseHeads(db);
  const grown: CaseHead[] = [];
  const broken: Array<{ applicationId: string } & CaseHistoryBreak> = [];
  for (const applicationId of known.keys()) {
    if (!current.has(applicationId)) broken.push({ applicationId, brokenAt: 1, reason: 'truncated' });
  }
  const changed = [...current].filter(([applicationId, head]) => {
    const before = known.get(applicationId);
    return !before || before.length !== head.length || before.head !== head.head;
  });
  for (let i = 0; i < changed.length; i += CHAINS_PER_QUERY) {
    const part = changed.slice(i, i + CHAINS_PER_QUERY);
    const chains = await historyChains(db, part.map(([applicationId]) => applicationId));
    for (const [applicationId, head] of part) {
      const found = caseHistoryBreak(applicationId, chains.get(applicationId)!, undefined, known.get(applicationId));
      if (found) broken.push({ applicationId, ...found });
      else grown.push([applicationId, head.length, head.head!]);
    }
  }
  return { grown, broken };
}
