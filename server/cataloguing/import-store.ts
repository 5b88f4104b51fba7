import type { Kysely } from 'kysely';
import type { CellValue } from '../data/rows-store';
import { BLOCK_ROWS, dropRows } from '../data/rows-store';
import type { Schema } from '../store/schema';

/**
 * Every query of a CSV import in progress (SPEC §8): the claim that lets a steward run one
 * import at a time (on every instance), and the rows an import writes as it reads, in blocks
 * under a key of its own, out of sight until the import commits (then they move to the
 * version's staging key, server/cataloguing/entries.ts) or is dropped.
 */

/** Where an import's rows wait while it runs (resource codes hold no `@` nor `#`). */
export const importKey = (entryId: string, version: number, id: string) => `${entryId}@v${version}#${id}`;

export interface ImportClaim {
  stewardId: string;
  entryId: string;
  importKey: string;
  startedAt: number;
}

/**
 * Drops imports begun before `before` that never ended (the instance running them stopped):
 * their rows and their claims.
 */
export async function dropAbandonedImports(db: Kysely<Schema>, before: number): Promise<void> {
  const stale = await db.selectFrom('catalogue_imports').select(['steward_id', 'import_key']).where('started_at', '<', before).execute();
  for (const row of stale) {
    await dropRows(db, row.import_key);
    await db.deleteFrom('catalogue_imports').where('steward_id', '=', row.steward_id).where('import_key', '=', row.import_key).execute();
  }
}

/** Claims the steward's one import; the claim in the way (when one is) otherwise. */
export async function claimImport(db: Kysely<Schema>, claim: ImportClaim): Promise<{ claimed: true } | { claimed: false; startedAt: number }> {
  const result = await db.insertInto('catalogue_imports')
    .values({ steward_id: claim.stewardId, entry_id: claim.entryId, import_key: claim.importKey, started_at: claim.startedAt })
    .onConflict((oc) => oc.column('steward_id').doNothing())
    .returning('steward_id')
    .executeTakeFirst();
  if (result) return { claimed: true };
  const held = await db.selectFrom('catalogue_imports').select('started_at').where('steward_id', '=', claim.stewardId).executeTakeFirst();
  return { claimed: false, startedAt: Number(held?.started_at ?? claim.startedAt) };
}

/** Whether the import still holds its claim (it was not taken for abandoned). */
export async function holdsImport(db: Kysely<Schema>, stewardId: string, key: string): Promise<boolean> {
  return !!(await db.selectFrom('catalogue_imports').select('steward_id').where('steward_id', '=', stewardId).where('import_key', '=', key).executeTakeFirst());
}

/** Ends an import: its claim goes, and its rows unless they were moved (committed). */
export async function endImport(db: Kysely<Schema>, stewardId: string, key: string): Promise<void> {
  await dropRows(db, key);
  await db.deleteFrom('catalogue_imports').where('steward_id', '=', stewardId).where('import_key', '=', key).execute();
}

/**
 * Appends checked rows under the import's key, from row `from` on (a multiple of BLOCK_ROWS:
 * only the last batch may end inside a block). One INSERT per call.
 */
export async function appendRows(db: Kysely<Schema>, key: string, from: number, rows: readonly CellValue[][]): Promise<void> {
  if (!rows.length) return;
  const blocks: Array<Schema['data_blocks']> = [];
  for (let i = 0; i < rows.length; i += BLOCK_ROWS) {
    blocks.push({ item_id: key, block_no: (from + i) / BLOCK_ROWS, doc: JSON.stringify(rows.slice(i, i + BLOCK_ROWS)) });
  }
  await db.insertInto('data_blocks').values(blocks).execute();
}
