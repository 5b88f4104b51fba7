import { sql, type Kysely } from 'kysely';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { inTransaction } from './store';

/** Every query of uploaded material files. */

/** What `POST /uploads` answers (SPEC §3). */
export interface UploadReceipt {
  uploadId: string;
  size: number;
  mediaType: string;
  sm3: string;
}

export interface UploadRecord extends UploadReceipt {
  ownerSubjectId: string;
  createdAt: string;
}

/**
 * Stores one file when the owner's uploads of the last `windowMs` stay within `quotaBytes`
 * with it; false when they would not. The sum and the insert share one transaction, locked
 * per owner, so parallel uploads (on several instances too) cannot pass the quota together.
 */
export async function insertUploadWithinQuota(store: Store, upload: UploadReceipt & { ownerSubjectId: string; content: Uint8Array }, quotaBytes: number, windowMs: number, now: Date): Promise<boolean> {
  return inTransaction(store, 'upload-quota:' + upload.ownerSubjectId, async (trx) => {
    const since = new Date(now.getTime() - windowMs).toISOString();
    const { bytes } = await trx.selectFrom('uploads').select(sql<number>`COALESCE(SUM(size), 0)`.as('bytes'))
      .where('owner_subject_id', '=', upload.ownerSubjectId).where('created_at', '>', since).executeTakeFirstOrThrow();
    if (Number(bytes) + upload.content.byteLength > quotaBytes) return false;
    await trx.insertInto('uploads').values({
      id: upload.uploadId,
      owner_subject_id: upload.ownerSubjectId,
      size: upload.size,
      media_type: upload.mediaType,
      sm3: upload.sm3,
      content: Buffer.from(upload.content.buffer, upload.content.byteOffset, upload.content.byteLength),
      created_at: now.toISOString(),
    }).execute();
    return true;
  });
}

function toRecord(row: { id: string; owner_subject_id: string; size: number; media_type: string; sm3: string; created_at: string }): UploadRecord {
  return { uploadId: row.id, ownerSubjectId: row.owner_subject_id, size: Number(row.size), mediaType: row.media_type, sm3: row.sm3, createdAt: row.created_at };
}

/** An upload of this owner (without its content), or undefined when it is not theirs. */
export async function ownedUpload(db: Kysely<Schema>, ownerSubjectId: string, uploadId: string): Promise<UploadRecord | undefined> {
  const row = await db.selectFrom('uploads').select(['id', 'owner_subject_id', 'size', 'media_type', 'sm3', 'created_at'])
    .where('id', '=', uploadId).where('owner_subject_id', '=', ownerSubjectId).executeTakeFirst();
  return row && toRecord(row);
}

/** Uploads by id (without content): what a case shows of its materials. */
export async function uploadsByIds(db: Kysely<Schema>, ids: string[]): Promise<Map<string, UploadRecord>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('uploads').select(['id', 'owner_subject_id', 'size', 'media_type', 'sm3', 'created_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, toRecord(row)]));
}

/** One upload with its content, for download; who may have it is decided by the caller. */
export async function uploadContent(db: Kysely<Schema>, uploadId: string): Promise<(UploadRecord & { content: Buffer }) | undefined> {
  const row = await db.selectFrom('uploads').selectAll().where('id', '=', uploadId).executeTakeFirst();
  return row && { ...toRecord(row), content: Buffer.from(row.content) };
}

/** Deletes uploads created before `before` that no application names (in any of its versions); how many. */
export async function deleteUnnamedUploads(db: Kysely<Schema>, before: string): Promise<number> {
  const result = await db.deleteFrom('uploads')
    .where('created_at', '<', before)
    .where('id', 'not in', (eb) => eb.selectFrom('application_uploads').select('upload_id'))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
