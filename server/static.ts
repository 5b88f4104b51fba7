import type { Context, Hono, MiddlewareHandler, Next } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { AppEnv, ServerSettings } from './env';

/**
 * The demo pages and the built files of dist/ (SPEC §5): each file sent in the encoding the
 * browser prefers among those it accepts (brotli, then gzip, then none), from the `.br` and
 * `.gz` copies scripts/precompress.mjs writes under dist/.compressed/ at build time; a file without them
 * (the demo's hand-written files, a dist/ built by hand) is compressed once on first request
 * and kept in memory. Hashed chunks are cached for a year as immutable — a new build gives
 * them new names; everything else is revalidated on each use (ETag → 304).
 */

export type ContentCoding = 'br' | 'gzip';
/** The server's preference among codings the client rates equally. */
const PREFERENCE: readonly (ContentCoding | 'identity')[] = ['br', 'gzip', 'identity'];

/**
 * The coding to answer with, from an `Accept-Encoding` header (RFC 9110 §12.5.3): the highest
 * q-value among `offered` and identity, the server's preference on ties; `q=0` refuses a coding,
 * `*` rates every coding not named. Identity is acceptable unless refused by `identity;q=0` or by
 * `*;q=0` without naming it. Undefined when nothing offered is acceptable (406).
 */
export function negotiateEncoding(header: string | null | undefined, offered: readonly ContentCoding[]): ContentCoding | 'identity' | undefined {
  if (header === undefined || header === null) return 'identity';
  const rated = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().split(';');
    const coding = name!.trim().toLowerCase();
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.split('=').map((s) => s.trim());
      if (key?.toLowerCase() === 'q') q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    // x-gzip is gzip's old name (RFC 9110 §8.4.1.3).
    rated.set(coding === 'x-gzip' ? 'gzip' : coding, q);
  }
  const wildcard = rated.get('*');
  let best: { coding: ContentCoding | 'identity'; q: number } | undefined;
  for (const coding of PREFERENCE) {
    if (coding !== 'identity' && !offered.includes(coding)) continue;
    // Identity not named (nor `*`) stays acceptable, but below every coding the client named.
    const q = rated.get(coding) ?? wildcard ?? (coding === 'identity' ? Number.MIN_VALUE : 0);
    if (q > 0 && (!best || q > best.q)) best = { coding, q };
  }
  return best?.coding;
}

const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|(?:[\w.-]+\+)?(?:json|xml))|image\/svg\+xml)/i;

/** Whether a Content-Type is worth compressing (text, scripts, JSON, XML, SVG). */
export function isCompressible(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE.test(contentType);
}

/** Smaller files are sent as they are: the coding's framing would eat most of the gain. */
export const COMPRESS_THRESHOLD = 1024;

const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  ts: 'text/plain; charset=utf-8',
  mts: 'text/plain; charset=utf-8',
};

function contentType(file: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? getMimeType(file) ?? 'application/octet-stream';
}

/** The names the build gives lazily loaded chunks: `chunks/<name>-<8-character hash>.js`. */
const HASHED_CHUNK = /^chunks\/[\w.-]+-[\w-]{8}\.js$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Stored, but checked with the server before each use (a cheap 304 when unchanged). */
export const REVALIDATE = 'no-cache';

export interface StaticOptions {
  /** The folder served. */
  root: string;
  /** Serve this one file (relative to root) whatever the path. */
  file?: string;
  /** Leading part of the request path that is not part of the file path (`/demo`). */
  prefix?: string;
  /** Cache-Control for a file, by its path relative to root (with `/`). */
  cacheControl?: (relativePath: string) => string;
  /** Folder inside root holding `<path>.br` and `<path>.gz` copies made at build time. */
  compressed?: string;
}

interface Variant {
  /** The coded bytes, read only when they are sent (not for a 304 or HEAD). */
  bytes: () => Promise<Uint8Array>;
  size: number;
  /** Identifies the bytes: size and time of the source, coding, size of the coded form. */
  etag: string;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Compressed on request, kept by source path, modification time and size. */
const onTheFly = new Map<string, Promise<Uint8Array>>();
let onTheFlyBytes = 0;
const ON_THE_FLY_LIMIT = 32 * 1024 * 1024;

async function compressOnce(path: string, source: Uint8Array, mtimeMs: number, coding: ContentCoding): Promise<Uint8Array> {
  const key = `${coding}\0${mtimeMs}\0${source.length}\0${path}`;
  let pending = onTheFly.get(key);
  if (!pending) {
    pending = coding === 'br'
      ? brotli(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: source.length <= 256 * 1024 ? 11 : 5, [zlib.BROTLI_PARAM_SIZE_HINT]: source.length } })
      : gzipAsync(source, { level: 9 });
    onTheFly.set(key, pending);
    pending.then((bytes) => {
      onTheFlyBytes += bytes.length;
      // The oldest go first when the memory bound is passed (a Map iterates in insertion order).
      for (const [old, value] of onTheFly) {
        if (onTheFlyBytes <= ON_THE_FLY_LIMIT || old === key) break;
        onTheFly.delete(old);
        value.then((b) => (onTheFlyBytes -= b.length), () => undefined);
      }
    }, () => onTheFly.delete(key));
  }
  return pending;
}

interface Located {
  /** The real path of the file. */
  path: string;
  /** Its real path relative to root, with `/`. */
  relative: string;
  size: number;
  mtimeMs: number;
}

/**
 * The file named by a request's path segments (already checked to be plain names, see
 * requestSegments) inside root, or undefined; its real path, symbolic links followed, must
 * still lie inside root.
 */
async function locate(rootReal: string, segments: string[]): Promise<Located | undefined> {
  let path = resolve(rootReal, ...segments);
  if (path !== rootReal && !path.startsWith(rootReal + sep)) return undefined;
  let info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) {
    segments = [...segments, 'index.html'];
    path = join(path, 'index.html');
    info = await stat(path).catch(() => undefined);
  }
  if (!info?.isFile()) return undefined;
  const real = await realpath(path).catch(() => undefined);
  if (!real || !real.startsWith(rootReal + sep)) return undefined;
  return { path: real, relative: real.slice(rootReal.length + 1).split(sep).join('/'), size: info.size, mtimeMs: info.mtimeMs };
}

/**
 * The path's segments, each decoded and a plain name — no `..` or `.`, no hidden files (the
 * compressed copies' folder among them), no encoded `/` or `\`, no NUL — or undefined.
 */
function requestSegments(c: Context, options: StaticOptions): string[] | undefined {
  if (options.file) return options.file.split('/');
  // The raw path: the URL parser has already removed `.` and `..` segments (also `%2e%2e`),
  // but encoded slashes and backslashes come through and are refused here.
  let path = new URL(c.req.url).pathname;
  if (options.prefix) {
    if (!path.startsWith(options.prefix + '/')) return undefined;
    path = path.slice(options.prefix.length);
  }
  const segments: string[] = [];
  for (const raw of path.split('/').slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '') continue;
    if (segment.startsWith('.') || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** The build's compressed copy of a file, if there is one no older than the file: its path and size. */
async function precompressed(folder: string | undefined, file: Located, coding: ContentCoding): Promise<{ path: string; size: number } | undefined> {
  if (!folder) return undefined;
  const path = join(folder, ...file.relative.split('/')) + (coding === 'br' ? '.br' : '.gz');
  const info = await stat(path).catch(() => undefined);
  // A copy older than its file is left over from an earlier build: not used.
  if (!info?.isFile() || info.mtimeMs < file.mtimeMs) return undefined;
  return { path, size: info.size };
}

function matchesEtag(header: string, etag: string): boolean {
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** A middleware serving files from one folder; a path that names no file goes on to the next handler. */
export function serveFiles(options: StaticOptions): MiddlewareHandler<AppEnv> {
  const rootReal = (() => {
    try {
      return realpathSync(options.root);
    } catch {
      return resolve(options.root);
    }
  })();
  const compressedRoot = options.compressed ? join(rootReal, options.compressed) : undefined;
  return async (c: Context<AppEnv>, next: Next) => {
    const method = c.req.method;
    if (method !== 'GET' && method !== 'HEAD') return next();
    const segments = requestSegments(c, options);
    // (The compressed copies are in a hidden folder: not addressable, the server chooses them.)
    if (!segments) return next();
    const file = await locate(rootReal, segments);
    if (!file) return next();

    const type = contentType(file.path);
    const compressible = isCompressible(type) && file.size >= COMPRESS_THRESHOLD;
    const coding = compressible ? negotiateEncoding(c.req.header('accept-encoding'), ['br', 'gzip']) : 'identity';
    const headers = new Headers({
      'Content-Type': type,
      'Cache-Control': options.cacheControl?.(file.relative) ?? REVALIDATE,
      'Last-Modified': new Date(Math.floor(file.mtimeMs / 1000) * 1000).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    });
    if (compressible) headers.set('Vary', 'Accept-Encoding');
    if (!coding) {
      headers.set('Content-Type', 'text/plain; charset=utf-8');
      return new Response('Not acceptable: this file is sent as br, gzip or identity\n', { status: 406, headers });
    }

    const validator = `${file.size.toString(36)}-${Math.floor(file.mtimeMs).toString(36)}`;
    let variant: Variant | undefined;
    const source = async () => new Uint8Array(await readFile(file.path));
    if (coding !== 'identity') {
      const stored = await precompressed(compressedRoot, file, coding);
      const made = stored ? undefined : await compressOnce(file.path, await source(), file.mtimeMs, coding);
      const size = stored?.size ?? made!.length;
      if (size < file.size) {
        variant = {
          bytes: stored ? async () => new Uint8Array(await readFile(stored.path)) : async () => made!,
          size,
          etag: `"${validator}-${coding}-${size.toString(36)}"`,
        };
        headers.set('Content-Encoding', coding);
      }
    }
    const etag = variant?.etag ?? `"${validator}"`;
    headers.set('ETag', etag);

    const ifNoneMatch = c.req.header('if-none-match');
    const ifModifiedSince = c.req.header('if-modified-since');
    const notModified = ifNoneMatch !== undefined
      ? matchesEtag(ifNoneMatch, etag)
      : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= Math.floor(file.mtimeMs / 1000) * 1000;
    if (notModified) {
      headers.delete('Content-Type');
      headers.delete('Content-Encoding');
      return new Response(null, { status: 304, headers });
    }

    if (method === 'HEAD') {
      headers.set('Content-Length', String(variant?.size ?? file.size));
      return new Response(null, { status: 200, headers });
    }
    const bytes = variant ? await variant.bytes() : await source();
    headers.set('Content-Length', String(bytes.length));
    return new Response(bytes as Uint8Array<ArrayBuffer>, { status: 200, headers });
  };
}

/** The folder scripts/precompress.mjs writes its copies to, inside dist/. */
export const COMPRESSED_DIR = '.compressed';

/** dist/: hashed chunks are immutable, the entry files (stable names) revalidate. */
export function distCacheControl(relativePath: string): string {
  return HASHED_CHUNK.test(relativePath) ? IMMUTABLE : REVALIDATE;
}

/** The demo portal at `/`, its verify page, `/demo/*`, and the built bundle from dist/ (SPEC §5). */
export function mountStatic(app: Hono<AppEnv>, settings: ServerSettings): void {
  app.get('/', serveFiles({ root: settings.demoDir, file: 'index.html' }));
  // The verify page a certificate's QR code opens (EGOV_VERIFY_URL's default).
  app.get('/verify', serveFiles({ root: settings.demoDir, file: 'verify.html' }));
  app.use('/demo/*', serveFiles({ root: settings.demoDir, prefix: '/demo' }));
  app.use('/*', serveFiles({ root: settings.distDir, cacheControl: distCacheControl, compressed: COMPRESSED_DIR }));
}
