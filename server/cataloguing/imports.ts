import { randomUUID } from 'node:crypto';
import type { CatalogueImportResult } from '../../src/core/catalog-types';
import type { CellValue } from '../data/rows-store';
import { Limited } from '../domain/errors';
import type { Store } from '../store/database';
import { CsvImport, importProblems } from './csv-import';
import { commitImport, prepareImport } from './entries';
import { appendRows, claimImport, dropAbandonedImports, endImport, importKey } from './import-store';
import type { Actor } from './rules';

/**
 * A steward's CSV import (SPEC §8), in flat memory whatever the file: the bytes are checked
 * as they arrive and the checked rows written in batches under the import's own key; at the
 * end, all or nothing — the rows become the working version's in one transaction, or are
 * dropped, and nothing else has changed. One import per steward at a time.
 */

/** Rows written per batch (a multiple of the store's block of rows). */
export const IMPORT_BATCH_ROWS = 1000;
/** An import running longer than this is taken as abandoned (its instance stopped). */
export const IMPORT_ABANDONED_MS = 30 * 60_000;
/** What a steward with an import running is told to wait before trying again. */
export const IMPORT_RETRY_SECONDS = 10;

/**
 * Imports the CSV `file` yields into the entry's working version. Who may import, and into
 * which fields, is settled before `file` is first read.
 */
export async function importCsv(store: Store, actor: Actor | undefined, id: string, file: () => AsyncIterable<Uint8Array>, now = new Date()): Promise<CatalogueImportResult> {
  const state = await prepareImport(store, actor, id);
  const steward = actor!;
  const key = importKey(state.id, state.version, randomUUID());
  await dropAbandonedImports(store.db, now.getTime() - IMPORT_ABANDONED_MS);
  const claim = await claimImport(store.db, { stewardId: steward.id, entryId: state.id, importKey: key, startedAt: now.getTime() });
  if (!claim.claimed) throw new Limited(IMPORT_RETRY_SECONDS, 'One import at a time: your previous import is still running; try again when it has finished', 'IMPORT_IN_PROGRESS');
  try {
    const csv = new CsvImport(state.input.fields, { openData: state.input.open !== 'closed' });
    let pending: CellValue[][] = [];
    let written = 0;
    /** Writes the checked rows in batches (`all`: the last, short one too); nothing once the file has failed. */
    const write = async (rows: CellValue[][], all: boolean) => {
      if (csv.failed) {
        pending = [];
        return;
      }
      for (const row of rows) pending.push(row);
      let at = 0;
      while (pending.length - at >= IMPORT_BATCH_ROWS || (all && at < pending.length)) {
        const batch = pending.slice(at, at + IMPORT_BATCH_ROWS);
        await appendRows(store.db, key, written, batch);
        at += batch.length;
        written += batch.length;
      }
      pending = at ? pending.slice(at) : pending;
    };
    for await (const bytes of file()) {
      csv.push(bytes);
      await write(csv.take(), false);
    }
    const outcome = csv.end();
    if (outcome.problems.length) throw importProblems(outcome.problems);
    await write(outcome.rows, true);
    return await commitImport(store, steward, state, { key, rows: written });
  } finally {
    await endImport(store.db, steward.id, key);
  }
}
