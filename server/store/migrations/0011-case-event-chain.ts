import type { Kysely } from 'kysely';
import { sm3 } from 'sm-crypto-v2';
import type { Migration } from '../migration';

/**
 * Case events chained by SM3 (server/applications/history-chain.ts); events stored before are
 * chained in order. The hash is written out here as it stood when this migration was made
 * (SM3 over the RFC 8785 bytes of `{ prev, applicationId, seq, event }`): a migration is
 * frozen, whatever the cases' code becomes.
 */
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
    const event: Record<string, unknown> = {
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

function eventHash(prev: string, applicationId: string, seq: number, event: Record<string, unknown>): string {
  return sm3(new TextEncoder().encode(canonical({ prev, applicationId, seq, event })));
}

/** RFC 8785 for what a stored event holds (strings, finite numbers, booleans, null, lists, objects). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map((item) => (item === undefined ? 'null' : canonical(item))).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record).sort().filter((key) => record[key] !== undefined).map((key) => JSON.stringify(key) + ':' + canonical(record[key]));
    return '{' + members.join(',') + '}';
  }
  return JSON.stringify(value);
}
