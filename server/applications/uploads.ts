import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { sm3Hex } from '../../src/core/crypto/sm';
import { ApiProblem } from '../errors';
import { activeContentProblem, sniffMediaType } from '../../src/core/validation/media-type';
import { inflateSync } from 'node:zlib';
import { lockFor, type Store } from '../store/database';
import type { Schema } from '../store/schema';

/** What an upload may be, by its first bytes (the same sniffing as the browser's file field). */
const ACCEPTED_MEDIA_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg'];

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

export function unsupportedFileType(): ApiProblem {
  return new ApiProblem(415, 'UNSUPPORTED_FILE_TYPE', `Only PDF, PNG and JPEG files are accepted (${ACCEPTED_MEDIA_TYPES.join(', ')}); the type is read from the file's content, not its name`, [
    { path: 'file', message: 'The file is not a PDF, PNG or JPEG file' },
  ]);
}

/** A file of an accepted type that carries something that runs: refused, saying what. */
export function activeContent(problem: 'pdf-script' | 'markup'): ApiProblem {
  const message = problem === 'pdf-script'
    ? 'The PDF contains JavaScript or a launch action; save it without scripts (e.g. print it to PDF) and upload it again'
    : 'The image also contains HTML or script markup; export it again from an image editor and upload it again';
  return new ApiProblem(415, 'ACTIVE_CONTENT', message, [{ path: 'file', message }]);
}

/** FlateDecode of one PDF stream, at most 16 MB out; undefined when it is not zlib data. */
function inflateStream(data: Uint8Array): Uint8Array | 'too-large' | undefined {
  try {
    return inflateSync(data, { maxOutputLength: 16 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    return undefined;
  }
}

/** How many bytes one subject may upload in 24 hours: keeps one account from filling the disk. */
export const DAILY_UPLOAD_QUOTA_BYTES = 200 * 1024 * 1024;

/**
 * Checks and stores one uploaded file for its owner. The quota is summed and the file stored
 * in one transaction, locked per owner, so parallel uploads (on several instances too) cannot
 * pass it together.
 */
export async function storeUpload(store: Store, ownerSubjectId: string, content: Uint8Array, maxBytes: number, now = new Date()): Promise<UploadReceipt> {
  if (content.byteLength === 0) throw new ApiProblem(400, 'BAD_REQUEST', 'The file is empty', [{ path: 'file', message: 'The file is empty' }]);
  if (content.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  const mediaType = sniffMediaType(content.subarray(0, 16));
  if (!mediaType || !ACCEPTED_MEDIA_TYPES.includes(mediaType)) throw unsupportedFileType();
  const active = activeContentProblem(content, mediaType, inflateStream);
  if (active) throw activeContent(active);
  const receipt: UploadReceipt = { uploadId: randomUUID(), size: content.byteLength, mediaType, sm3: sm3Hex(content) };
  await store.db.transaction().execute(async (trx) => {
    await lockFor(trx, store.engine, 'upload-quota:' + ownerSubjectId);
    const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
    const { bytes } = await trx.selectFrom('uploads').select(sql<number>`COALESCE(SUM(size), 0)`.as('bytes'))
      .where('owner_subject_id', '=', ownerSubjectId).where('created_at', '>', since).executeTakeFirstOrThrow();
    if (Number(bytes) + content.byteLength > DAILY_UPLOAD_QUOTA_BYTES) {
      throw new ApiProblem(429, 'UPLOAD_QUOTA_EXCEEDED', `At most ${DAILY_UPLOAD_QUOTA_BYTES / (1024 * 1024)} MB may be uploaded in 24 hours; try again later`, undefined, { 'Retry-After': '3600' });
    }
    await trx.insertInto('uploads').values({
      id: receipt.uploadId,
      owner_subject_id: ownerSubjectId,
      size: receipt.size,
      media_type: receipt.mediaType,
      sm3: receipt.sm3,
      content: Buffer.from(content.buffer, content.byteOffset, content.byteLength),
      created_at: now.toISOString(),
    }).execute();
  });
  return receipt;
}

export function fileTooLarge(maxBytes: number): ApiProblem {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new ApiProblem(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${mb} MB`, [{ path: 'file', message: `The file is larger than ${mb} MB` }]);
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

/** How long an upload no application names is kept: long enough to finish a saved draft. */
export const ORPHAN_UPLOAD_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Deletes uploads older than the retention period that no application names (in any of its
 * versions): files people uploaded and never submitted are personal data the platform has no
 * reason to keep. Returns how many were deleted.
 */
export async function sweepOrphanUploads(db: Kysely<Schema>, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ORPHAN_UPLOAD_RETENTION_MS).toISOString();
  const result = await db.deleteFrom('uploads')
    .where('created_at', '<', before)
    .where('id', 'not in', (eb) => eb.selectFrom('application_uploads').select('upload_id'))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
