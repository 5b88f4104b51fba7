import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { sm3Hex } from '../../src/core/crypto/sm';
import { ApiProblem } from '../errors';
import { sniffMediaType } from '../../src/core/validation/media-type';

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

/** How many bytes one subject may upload in 24 hours: keeps one account from filling the disk. */
export const DAILY_UPLOAD_QUOTA_BYTES = 200 * 1024 * 1024;

/** Checks and stores one uploaded file for its owner. */
export function storeUpload(db: Database.Database, ownerSubjectId: string, content: Uint8Array, maxBytes: number, now = new Date()): UploadReceipt {
  if (content.byteLength === 0) throw new ApiProblem(400, 'BAD_REQUEST', 'The file is empty', [{ path: 'file', message: 'The file is empty' }]);
  if (content.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  const mediaType = sniffMediaType(content.subarray(0, 16));
  if (!mediaType || !ACCEPTED_MEDIA_TYPES.includes(mediaType)) throw unsupportedFileType();
  const since = new Date(now.getTime() - 24 * 3_600_000).toISOString();
  const used = (db.prepare('SELECT COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE owner_subject_id = ? AND created_at > ?').get(ownerSubjectId, since) as { bytes: number }).bytes;
  if (used + content.byteLength > DAILY_UPLOAD_QUOTA_BYTES) {
    throw new ApiProblem(429, 'UPLOAD_QUOTA_EXCEEDED', `At most ${DAILY_UPLOAD_QUOTA_BYTES / (1024 * 1024)} MB may be uploaded in 24 hours; try again later`, undefined, { 'Retry-After': '3600' });
  }
  const receipt: UploadReceipt = { uploadId: randomUUID(), size: content.byteLength, mediaType, sm3: sm3Hex(content) };
  db.prepare('INSERT INTO uploads (id, owner_subject_id, size, media_type, sm3, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(receipt.uploadId, ownerSubjectId, receipt.size, receipt.mediaType, receipt.sm3, Buffer.from(content.buffer, content.byteOffset, content.byteLength), now.toISOString());
  return receipt;
}

export function fileTooLarge(maxBytes: number): ApiProblem {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new ApiProblem(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${mb} MB`, [{ path: 'file', message: `The file is larger than ${mb} MB` }]);
}

/** An upload of this owner (without its content), or undefined when it is not theirs. */
export function ownedUpload(db: Database.Database, ownerSubjectId: string, uploadId: string): UploadRecord | undefined {
  const row = db.prepare('SELECT id, owner_subject_id, size, media_type, sm3, created_at FROM uploads WHERE id = ? AND owner_subject_id = ?')
    .get(uploadId, ownerSubjectId) as { id: string; owner_subject_id: string; size: number; media_type: string; sm3: string; created_at: string } | undefined;
  return row && { uploadId: row.id, ownerSubjectId: row.owner_subject_id, size: row.size, mediaType: row.media_type, sm3: row.sm3, createdAt: row.created_at };
}

/** How long an upload no application names is kept: long enough to finish a saved draft. */
export const ORPHAN_UPLOAD_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Deletes uploads older than the retention period that no application names: files people
 * uploaded and never submitted are personal data the platform has no reason to keep.
 * Returns how many were deleted.
 */
export function sweepOrphanUploads(db: Database.Database, now = new Date()): number {
  const before = new Date(now.getTime() - ORPHAN_UPLOAD_RETENTION_MS).toISOString();
  return db.prepare(`
    DELETE FROM uploads
    WHERE created_at < ?
      AND id NOT IN (
        SELECT json_extract(m.value, '$.uploadId') FROM applications a, json_each(a.materials) m
        WHERE json_extract(m.value, '$.uploadId') IS NOT NULL
      )`).run(before).changes;
}
