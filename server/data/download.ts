import type { Kysely } from 'kysely';
import { CSV_BOM, csvLine } from '../../src/core/csv';
import type { Schema } from '../store/schema';
import type { CellValue } from './rows-store';
import { blockAfter } from './rows-store';

/**
 * The whole data set of an entry as a stream (SPEC §7): rows are read one block at a time
 * (keyset on the block number) only when the client has taken what was sent before — the
 * stream's `pull` runs on demand, and Node's response waits for `drain` — so a 100,000-row
 * download holds one block in memory, and a client that stops reading cancels the stream
 * and frees the server.
 */

export type DownloadFormat = 'csv' | 'json';
export const DOWNLOAD_FORMATS: readonly DownloadFormat[] = ['csv', 'json'];

export interface DownloadSpec {
  itemId: string;
  /** Names of the columns sent, and their positions in a stored row. */
  columns: ReadonlyArray<{ name: string; index: number }>;
  format: DownloadFormat;
  /** Applied to each value (desensitisation under a masked grant). */
  transform?: (index: number, value: CellValue) => CellValue;
}

let open = 0;

/** Downloads being streamed now (a gauge for tests and benches: it returns to 0 when clients go away). */
export function openDownloads(): number {
  return open;
}

export function downloadStream(db: Kysely<Schema>, spec: DownloadSpec): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterBlock = -1;
  let first = true;
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      open--;
    }
  };
  open++;
  const valuesOf = (row: CellValue[]) => spec.columns.map((c) => {
    const value = row[c.index] ?? null;
    return spec.transform ? spec.transform(c.index, value) : value;
  });
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const head = spec.format === 'csv' ? CSV_BOM + csvLine(spec.columns.map((c) => c.name)) : '[';
        controller.enqueue(encoder.encode(head));
      },
      async pull(controller) {
        try {
          const block = await blockAfter(db, spec.itemId, afterBlock);
          if (finished) return;
          if (!block) {
            if (spec.format === 'json') controller.enqueue(encoder.encode(first ? ']\n' : '\n]\n'));
            controller.close();
            finish();
            return;
          }
          afterBlock = block.blockNo;
          let text = '';
          for (const row of block.rows) {
            const values = valuesOf(row);
            if (spec.format === 'csv') text += csvLine(values);
            else {
              const record: Record<string, CellValue> = {};
              spec.columns.forEach((c, i) => (record[c.name] = values[i]!));
              text += (first ? '\n' : ',\n') + JSON.stringify(record);
              first = false;
            }
          }
          controller.enqueue(encoder.encode(text));
        } catch (error) {
          finish();
          controller.error(error);
        }
      },
      cancel() {
        finish();
      },
    },
    // One block queued ahead at most: the next is read only when this one has been taken.
    { highWaterMark: 1 },
  );
}
