import type { Context, MiddlewareHandler, Next } from 'hono';
import { promisify } from 'node:util';
import { createGzip, gzip } from 'node:zlib';
import type { AppEnv } from './env';
import { COMPRESS_THRESHOLD, isCompressible, negotiateEncoding } from './static';

const gzipAsync = promisify(gzip);

/**
 * API answers compressed (SPEC §5), gzip only: brotli at a quality fast enough for every
 * answer gains little over it, and Node's streaming compression speaks gzip everywhere.
 * - A JSON (or other text) answer is compressed whole when it is at least 1 KB, and then
 *   carries its compressed Content-Length; a smaller one is sent as it is.
 * - A download (`Content-Disposition: attachment`, the data sets of §7, CSV) is compressed as
 *   it streams: nothing is held back beyond the compressor's window, the client's pace still
 *   drives the reading of rows, and a client that goes away still cancels the stream.
 * - Event streams, answers already encoded, `no-transform`, HEAD, 204/304 and partial
 *   answers are left alone.
 */
export function compressAnswers(threshold = COMPRESS_THRESHOLD): MiddlewareHandler<AppEnv> {
  return async (c: Context<AppEnv>, next: Next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type');
    if (c.req.method === 'HEAD' || !res.body || res.status < 200 || res.status === 204 || res.status === 206 || res.status === 304) return;
    if (res.headers.has('Content-Encoding') || /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')) return;
    if (!isCompressible(type) || /^text\/event-stream/i.test(type ?? '')) return;

    const vary = res.headers.get('Vary');
    if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? '')) res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const accepted = negotiateEncoding(c.req.header('accept-encoding'), ['gzip']) === 'gzip';
    const length = res.headers.get('Content-Length');
    if (!accepted || (length !== null && Number(length) < threshold)) return;

    if (/^attachment\b/i.test(res.headers.get('Content-Disposition') ?? '')) {
      const headers = new Headers(res.headers);
      headers.delete('Content-Length');
      headers.set('Content-Encoding', 'gzip');
      replace(c, new Response(res.body.pipeThrough(gzipStream()), { status: res.status, statusText: res.statusText, headers }));
      return;
    }
    // A JSON answer is already whole in memory: read it, then decide by its size.
    const bytes = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (bytes.length < threshold) {
      headers.set('Content-Length', String(bytes.length));
      replace(c, new Response(bytes, { status: res.status, statusText: res.statusText, headers }));
      return;
    }
    const packed = new Uint8Array(await gzipAsync(bytes, { level: 6 }));
    headers.set('Content-Encoding', 'gzip');
    headers.set('Content-Length', String(packed.length));
    const etag = headers.get('ETag');
    if (etag && !etag.startsWith('W/')) headers.set('ETag', 'W/' + etag);
    replace(c, new Response(packed, { status: res.status, statusText: res.statusText, headers }));
  };
}

/** Hono's `c.res =` copies the old answer's headers onto the new one: cleared first, so a removed Content-Length stays removed. */
function replace(c: Context<AppEnv>, response: Response): void {
  c.res = undefined as unknown as Response;
  c.res = response;
}

/**
 * gzip as a TransformStream that keeps the source's pace: each chunk is compressed before the
 * next is taken, and only when the client has read what came before. (Node's CompressionStream
 * takes chunks as fast as they come, so a fast source — 100,000 rows — is read to the end
 * before the client has its first bytes.)
 */
function gzipStream(): TransformStream<Uint8Array, Uint8Array> {
  const zip = createGzip({ level: 6 });
  let out: Buffer[] = [];
  zip.on('data', (part: Buffer) => out.push(part));
  const hand = (controller: TransformStreamDefaultController<Uint8Array>) => {
    for (const part of out) controller.enqueue(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    out = [];
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await new Promise<void>((resolve, reject) => zip.write(chunk, (error) => (error ? reject(error) : resolve())));
      hand(controller);
    },
    async flush(controller) {
      await new Promise<void>((resolve, reject) => {
        zip.once('end', resolve);
        zip.once('error', reject);
        zip.end();
      });
      hand(controller);
    },
  });
}
