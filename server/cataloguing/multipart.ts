import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { Malformed, TooLarge, UnsupportedType } from '../domain/errors';

/**
 * The one file of a `multipart/form-data` body (RFC 7578), read by busboy and handed on in
 * pieces as it arrives, at the pace they are used: a large CSV is checked and stored while it
 * streams in, never held whole in memory. Other (text) parts are skipped.
 */

/** Multipart framing around the file, beyond its own size. */
const FRAMING_BYTES = 64 * 1024;

const malformed = (message: string) => new Malformed('The multipart body is not valid', [{ path: 'file', message }]);
const notOneFile = (message: string) => new Malformed('Send exactly one CSV file', [{ path: 'file', message }]);

/**
 * The file's bytes, in order. Refuses what is not multipart (UnsupportedType), a body
 * announced or found to carry a file of `maxBytes` or more (TooLarge, with `tooLarge` as its
 * message), no file or several (Malformed). Stopping early (a refusal of the content) stops
 * reading the body.
 */
export async function* singleFile(body: ReadableStream<Uint8Array> | null, headers: { contentType: string; contentLength?: string }, maxBytes: number, tooLarge: string): AsyncGenerator<Uint8Array> {
  if (!/^multipart\/form-data\b/i.test(headers.contentType) || !/;\s*boundary=/i.test(headers.contentType)) {
    throw new UnsupportedType('Send the CSV file as multipart/form-data (one file)');
  }
  if (Number(headers.contentLength ?? NaN) > maxBytes + FRAMING_BYTES) throw new TooLarge(tooLarge);
  if (!body) throw notOneFile('No file was sent');
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': headers.contentType }, limits: { files: 1, fileSize: maxBytes - 1, fields: 20, fieldSize: 64 * 1024, parts: 40, headerPairs: 50 } });
  } catch (error) {
    throw malformed((error as Error).message);
  }
  const source = Readable.fromWeb(body as WebReadableStream<Uint8Array>);
  let several = false;
  parser.on('filesLimit', () => { several = true; });
  // Settles when the whole body is parsed (or fails); the file, when its part begins.
  const parsed = new Promise<void>((resolve, reject) => {
    parser.once('close', resolve);
    parser.once('error', (error: Error) => reject(malformed(error.message)));
  });
  parsed.catch(() => undefined);
  const file = new Promise<(Readable & { truncated?: boolean }) | undefined>((resolve, reject) => {
    parser.once('file', (_name, stream) => resolve(stream));
    parsed.then(() => resolve(undefined), reject);
  });
  source.once('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let done = false;
  try {
    const stream = await file;
    if (!stream) throw notOneFile('No file was sent');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (stream.truncated) throw new TooLarge(tooLarge);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof TooLarge || error instanceof Malformed) throw error;
      // The file part broke off (the body ended early, or the client went away).
      await parsed;
      throw error;
    }
    if (stream.truncated) throw new TooLarge(tooLarge);
    await parsed;
    if (several) throw notOneFile('Send one file at a time');
    done = true;
  } finally {
    if (!done) {
      source.unpipe(parser);
      source.destroy();
      parser.destroy();
    }
  }
}
