import type { Kysely } from 'kysely';
import type { HistoryEvent } from '../../../src/core/case-types';
import { eventHash } from '../../applications/history-chain';
import type { Migration } from '../migrate';

/** Case events chained by SM3 (server/applications/history-chain.ts); events stored before are chained in order. */
export const migration: Migration = {
  version: '0011-case-event-chain',
  async up(db) {
    await db.schema.alterTable('application_events').addColumn('hash', 'text').execute();
    await chainExisting(db);
  },
};

async function chainExisting(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('application_events').selectAll().orderBy('application_id').orderBy('seq').execute();
  let prev = '';
  let current = '';
  for (const row of rows) {
    if (row.application_id !== current) {
      current = row.application_id;
      prev = '';
    }
    const event: HistoryEvent = {
      at: row.at,
      action: row.action,
      actor: JSON.parse(row.actor),
      ...(row.reason !== null ? { reason: row.reason } : {}),
      ...(row.legal_basis !== null ? { legalBasis: row.legal_basis } : {}),
      ...(row.items !== null ? { items: JSON.parse(row.items) } : {}),
    };
    prev = eventHash(prev, row.application_id, Number(row.seq), event);
    await db.updateTable('application_events').set({ hash: prev }).where('application_id', '=', row.application_id).where('seq', '=', row.seq).execute();
  }
}
