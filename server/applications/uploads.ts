import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { sm3Hex } from '../../src/core/crypto/sm';
import { activeContentProblem, sniffMediaType } from '../../src/core/validation/media-type';
import { Limited, Malformed, TooLarge, UnsupportedType } from '../domain/errors';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import type { Kysely } from 'kysely';
import { deleteUnnamedUploads, insertUploadWithinQuota, type UploadReceipt } from './upload-store';

export type { UploadReceipt, UploadRecord } from './upload-store';

/** What an upload may be, by its first bytes (the same sniffing as the browser's file field). */
const ACCEPTED_MEDIA_TYPES: readonly string[] = ['application/pdf', 'image/png', 'image/jpeg'];

export function unsupportedFileType(): UnsupportedType {
  return new UnsupportedType(`Only PDF, PNG and JPEG files are accepted (${ACCEPTED_MEDIA_TYPES.join(', ')}); the type is read from the file's content, not its name`, 'UNSUPPORTED_FILE_TYPE', [
    { path: 'file', message: 'The file is not a PDF, PNG or JPEG file' },
  ]);
}

/** A file of an accepted type that carries something that runs: refused, saying what. */
export function activeContent(problem: 'pdf-script' | 'markup'): UnsupportedType {
  const message = problem === 'pdf-script'
    ? 'The PDF contains JavaScript or a launch action; save it without scripts (e.g. print it to PDF) and upload it again'
    : 'The image also contains HTML or script markup; export it again from an image editor and upload it again';
  return new UnsupportedType(message, 'ACTIVE_CONTENT', [{ path: 'file', message }]);
}

export function fileTooLarge(maxBytes: number): TooLarge {
  const mb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new TooLarge(`The file is larger than ${mb} MB`, 'PAYLOAD_TOO_LARGE', [{ path: 'file', message: `The file is larger than ${mb} MB` }]);
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
 * Checks and stores one uploaded file for its owner: not empty, within the size limit, a
 * PDF, PNG or JPEG by its bytes, with nothing in it that runs, and within the owner's daily quota.
 */
export async function storeUpload(store: Store, ownerSubjectId: string, content: Uint8Array, maxBytes: number, now = new Date()): Promise<UploadReceipt> {
  if (content.byteLength === 0) throw new Malformed('The file is empty', [{ path: 'file', message: 'The file is empty' }]);
  if (content.byteLength > maxBytes) throw fileTooLarge(maxBytes);
  const mediaType = sniffMediaType(content.subarray(0, 16));
  if (!mediaType || !ACCEPTED_MEDIA_TYPES.includes(mediaType)) throw unsupportedFileType();
  const active = activeContentProblem(content, mediaType, inflateStream);
  if (active) throw activeContent(active);
  const receipt: UploadReceipt = { uploadId: randomUUID(), size: content.byteLength, mediaType, sm3: sm3Hex(content) };
  if (!(await insertUploadWithinQuota(store, { ...receipt, ownerSubjectId, content }, DAILY_UPLOAD_QUOTA_BYTES, 24 * 3_600_000, now))) {
    throw new Limited(3600, `At most ${DAILY_UPLOAD_QUOTA_BYTES / (1024 * 1024)} MB may be uploaded in 24 hours; try again later`, 'UPLOAD_QUOTA_EXCEEDED');
  }
  return receipt;
}

/** How long an upload no application names is kept: long enough to finish a saved draft. */
export const ORPHAN_UPLOAD_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Deletes uploads older than the retention period that no application names (in any of its
 * versions): files people uploaded and never submitted are personal data the platform has no
 * reason to keep. Returns how many were deleted.
 */
export async function sweepOrphanUploads(db: Kysely<Schema>, now = new Date()): Promise<number> {
  return deleteUnnamedUploads(db, new Date(now.getTime() - ORPHAN_UPLOAD_RETENTION_MS).toISOString());
}
