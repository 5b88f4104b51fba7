/**
 * The one file of a `multipart/form-data` body (RFC 7578), handed on in pieces as it
 * arrives: a large CSV is checked while it streams in, never held whole in memory.
 */

export class MultipartError extends Error {
  constructor(readonly kind: 'malformed' | 'no-file' | 'several-files' | 'too-large', message: string) {
    super(message);
  }
}

/** The boundary of a multipart content type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  if (!/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * Reads the body and gives the bytes of its single file part to `onData` in order. Other
 * (text) parts are skipped. More than `maxBytes` of body → MultipartError('too-large').
 */
export async function readSingleFile(body: ReadableStream<Uint8Array> | null, boundary: string, maxBytes: number, onData: (bytes: Uint8Array) => void): Promise<{ filename: string; bytes: number }> {
  if (!body) throw new MultipartError('no-file', 'No file was sent');
  const delimiter = Buffer.from('\r\n--' + boundary);
  // The body starts with `--boundary` (no CRLF before it): treat it as if one were there.
  let buf: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'headers' | 'body' | 'after' | 'done' = 'preamble';
  let total = 0;
  let current: { file: boolean; filename: string } | undefined;
  let found: { filename: string; bytes: number } | undefined;
  let fileBytes = 0;

  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (value) {
        total += value.byteLength;
        if (total > maxBytes) throw new MultipartError('too-large', 'The body is too large');
        buf = buf.length ? Buffer.concat([buf, value]) : Buffer.from(value);
      }
      for (let progressed = true; progressed; ) {
        progressed = false;
        if (state === 'preamble') {
          const at = buf.indexOf(delimiter);
          if (at < 0) {
            if (buf.length > delimiter.length) buf = buf.subarray(buf.length - delimiter.length);
            break;
          }
          buf = buf.subarray(at + delimiter.length);
          state = 'after';
          progressed = true;
        } else if (state === 'after') {
          if (buf.length < 2) break;
          if (buf[0] === 45 && buf[1] === 45) {
            state = 'done';
            break;
          }
          // Transport padding before the CRLF is allowed (RFC 2046).
          const eol = buf.indexOf('\r\n');
          if (eol < 0) {
            if (buf.length > 256) throw new MultipartError('malformed', 'The multipart body is not valid');
            break;
          }
          buf = buf.subarray(eol + 2);
          state = 'headers';
          progressed = true;
        } else if (state === 'headers') {
          const end = buf.indexOf(CRLF2);
          if (end < 0) {
            if (buf.length > 16 * 1024) throw new MultipartError('malformed', 'The multipart headers are too long');
            break;
          }
          const headers = buf.subarray(0, end).toString('utf8');
          buf = buf.subarray(end + 4);
          const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
          const filename = /;\s*filename\*?=(?:"([^"]*)"|([^\s;]*))/i.exec(disposition);
          current = { file: !!filename, filename: filename ? (filename[1] ?? filename[2] ?? '') : '' };
          if (current.file) {
            if (found) throw new MultipartError('several-files', 'Send one file at a time');
            found = { filename: current.filename, bytes: 0 };
            fileBytes = 0;
          }
          state = 'body';
          progressed = true;
        } else if (state === 'body') {
          const at = buf.indexOf(delimiter);
          const upto = at >= 0 ? at : Math.max(0, buf.length - delimiter.length + 1);
          if (upto > 0 && current?.file) {
            onData(buf.subarray(0, upto));
            fileBytes += upto;
          }
          if (at >= 0) {
            buf = buf.subarray(at + delimiter.length);
            if (current?.file && found) found.bytes = fileBytes;
            state = 'after';
            progressed = true;
          } else {
            // Keep only what may be the start of the delimiter; copy so the consumed bytes can be freed.
            buf = Buffer.from(buf.subarray(upto));
          }
        }
      }
      if (done || state === 'done') break;
    }
  } finally {
    // Read and drop whatever follows the closing delimiter (an epilogue), or stop a failed read.
    reader.releaseLock();
  }
  if (state !== 'done') throw new MultipartError('malformed', 'The multipart body ended before its closing boundary');
  if (!found) throw new MultipartError('no-file', 'No file was sent');
  return found;
}
