import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDownloads } from './data/download';
import { largeEntryId } from './seed/data/rows';
import { catalogSeed, SEED_IDS } from './seed/data/catalog';
import { compressAnswers } from './compress';
import type { AppEnv } from './env';
import { negotiateEncoding } from './static';
import { startTestServer, type TestServer } from './testing';

/**
 * Static files and API answers over HTTP (SPEC §5), against the real server serving a
 * synthetic dist/ that scripts/precompress.mjs has compressed, and the real demo/. Requests go
 * through node:http, which neither normalises the path nor decodes the body: what is checked
 * is what the server sent.
 */

let server: TestServer;
let base: string;
let dist: string;

/** Text that compresses (and differs from file to file, so a mix-up would show). */
const script = (name: string, kb: number) =>
  Array.from({ length: kb * 16 }, (_, i) => `export const ${name}${i} = ${JSON.stringify(name + ' line ' + i)};`).join('\n') + '\n';
const ENTRY = script('entry', 40);
const CHUNK = script('chunk', 20);
const LATE = script('late', 8);

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }

function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const url = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser would see it after undoing Content-Encoding. */
function decoded(res: Raw): string {
  const coding = res.headers['content-encoding'];
  const bytes = coding === 'br' ? brotliDecompressSync(res.body) : coding === 'gzip' ? gunzipSync(res.body) : res.body;
  return bytes.toString('utf8');
}

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'egov-static-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  writeFileSync(join(dist, 'egov-elements.js'), ENTRY);
  writeFileSync(join(dist, 'chunks', 'bundle-lazy-Ab_d-12x.js'), CHUNK);
  writeFileSync(join(dist, 'custom-elements.json'), JSON.stringify({ schemaVersion: '2.1.0', modules: Array.from({ length: 200 }, (_, i) => ({ path: `m${i}.js` })) }));
  writeFileSync(join(dist, 'tiny.js'), 'export {};\n');
  writeFileSync(join(base, 'secret.txt'), 'outside dist: must never be served\n');
  symlinkSync(join(base, 'secret.txt'), join(dist, 'link.txt'));
  writeFileSync(join(dist, '.hidden.js'), 'hidden\n');
  execFileSync(process.execPath, ['scripts/precompress.mjs', dist]);
  // Written after precompression: no compressed copies, so the server compresses it itself.
  writeFileSync(join(dist, 'late.js'), LATE);
  server = await startTestServer({ EGOV_DIST: dist });
});
afterAll(async () => {
  await server?.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('Accept-Encoding negotiation', () => {
  it('prefers br, then gzip, then identity; honours q-values; q=0 refuses', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(negotiateEncoding('gzip', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding(undefined, ['br', 'gzip'])).toBe('identity');
    expect(negotiateEncoding('', ['br', 'gzip'])).toBe('identity');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0', ['br', 'gzip'])).toBe('identity');
    expect(negotiateEncoding('*', ['br', 'gzip'])).toBe('br');
    expect(negotiateEncoding('*;q=0.3, identity;q=0.5', ['br', 'gzip'])).toBe('identity');
    expect(negotiateEncoding('identity;q=0', ['gzip'])).toBeUndefined();
    expect(negotiateEncoding('*;q=0', ['br', 'gzip'])).toBeUndefined();
    expect(negotiateEncoding('x-gzip', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding('BR;Q=1', ['br', 'gzip'])).toBe('br');
    // A q-value that is not one (q=2, q=abc) refuses the coding rather than guessing.
    expect(negotiateEncoding('br;q=2, gzip', ['br', 'gzip'])).toBe('gzip');
    expect(negotiateEncoding('br', ['gzip'])).toBe('identity');
  });
});

describe('static files of dist/', () => {
  it('sends the build\'s brotli copy to a browser that accepts br, with its length, type and Vary', async () => {
    const res = await raw('/egov-elements.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    // The build's own file, byte for byte (max quality, not compressed per request).
    expect(res.body.equals(readFileSync(join(dist, '.compressed', 'egov-elements.js.br')))).toBe(true);
    expect(decoded(res)).toBe(ENTRY);
    expect(res.body.length).toBeLessThan(ENTRY.length / 4);
  });

  it('sends gzip where br is not accepted or rated lower, identity where neither is', async () => {
    const gzip = await raw('/egov-elements.js', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.body.equals(readFileSync(join(dist, '.compressed', 'egov-elements.js.gz')))).toBe(true);
    expect(decoded(gzip)).toBe(ENTRY);
    expect((await raw('/egov-elements.js', { 'Accept-Encoding': 'br;q=0.2, gzip;q=0.9' })).headers['content-encoding']).toBe('gzip');
    expect((await raw('/egov-elements.js', { 'Accept-Encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');

    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
      const plain = await raw('/egov-elements.js', header === undefined ? {} : { 'Accept-Encoding': header });
      expect(plain.status, String(header)).toBe(200);
      expect(plain.headers['content-encoding'], String(header)).toBeUndefined();
      expect(plain.headers.vary, String(header)).toMatch(/accept-encoding/i);
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(ENTRY));
      expect(plain.body.toString('utf8')).toBe(ENTRY);
    }
    // Nothing acceptable at all: 406, not bytes the client said it cannot read.
    expect((await raw('/egov-elements.js', { 'Accept-Encoding': 'br;q=0, gzip;q=0, identity;q=0' })).status).toBe(406);
  });

  it('compresses a file the build did not (and JSON), and leaves a file under 1 KB alone', async () => {
    const late = await raw('/late.js', { 'Accept-Encoding': 'br' });
    expect(late.headers['content-encoding']).toBe('br');
    expect(decoded(late)).toBe(LATE);
    expect(Number(late.headers['content-length'])).toBe(late.body.length);
    const json = await raw('/custom-elements.json', { 'Accept-Encoding': 'gzip' });
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(json)).modules).toHaveLength(200);
    const tiny = await raw('/tiny.js', { 'Accept-Encoding': 'br, gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.headers.vary).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');
  });

  it('does not send a compressed copy left over from an earlier build of a file that changed since', async () => {
    const path = join(dist, 'custom-elements.json');
    const changed = JSON.stringify({ schemaVersion: '2.1.0', modules: Array.from({ length: 300 }, (_, i) => ({ path: `n${i}.js` })) });
    writeFileSync(path, changed);
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    for (const coding of ['br', 'gzip']) {
      const res = await raw('/custom-elements.json', { 'Accept-Encoding': coding });
      expect(res.headers['content-encoding']).toBe(coding);
      expect(decoded(res)).toBe(changed);
    }
  });

  it('caches hashed chunks for a year as immutable, and only them', async () => {
    const chunk = await raw('/chunks/bundle-lazy-Ab_d-12x.js', { 'Accept-Encoding': 'br' });
    expect(chunk.status).toBe(200);
    expect(chunk.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decoded(chunk)).toBe(CHUNK);
    for (const path of ['/egov-elements.js', '/late.js', '/custom-elements.json', '/', '/demo/demo.js', '/verify']) {
      const res = await raw(path, { 'Accept-Encoding': 'br' });
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-cache');
      expect(res.headers.etag, path).toBeTruthy();
    }
  });

  it('answers 304 to If-None-Match with the ETag of the same coding, 200 with another coding\'s', async () => {
    const first = await raw('/egov-elements.js', { 'Accept-Encoding': 'br' });
    const etag = first.headers.etag as string;
    const again = await raw('/egov-elements.js', { 'Accept-Encoding': 'br', 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect(again.headers.vary).toMatch(/accept-encoding/i);
    expect((await raw('/egov-elements.js', { 'Accept-Encoding': 'br', 'If-None-Match': `"x", W/${etag}` })).status).toBe(304);
    // The gzip representation is other bytes: its own ETag, so a br validator does not match it.
    const gzip = await raw('/egov-elements.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': etag });
    expect(gzip.status).toBe(200);
    expect(gzip.headers.etag).not.toBe(etag);
    expect((await raw('/egov-elements.js', { 'If-None-Match': '"stale"' })).status).toBe(200);
    const modified = await raw('/egov-elements.js', { 'If-Modified-Since': first.headers['last-modified'] as string });
    expect(modified.status).toBe(304);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await raw('/egov-elements.js', { 'Accept-Encoding': 'br' });
    const head = await raw('/egov-elements.js', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
  });

  it('serves nothing outside dist/ and demo/: no .., encoded or not, no encoded slash, no symlink out, no hidden file (the compressed copies)', async () => {
    const attempts = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt',
      '/chunks/..%2f..%2fsecret.txt', '/chunks/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/chunks/..%5c..%5csecret.txt',
      '/demo/../../secret.txt', '/demo/..%2f..%2fsecret.txt', '/demo/%2e%2e/%2e%2e/secret.txt',
      '/link.txt', '/.hidden.js', '/.compressed/egov-elements.js.br', '/%2ecompressed/egov-elements.js.gz', '/egov-elements.js%00.txt', '/%c0%ae%c0%ae/secret.txt',
    ];
    for (const path of attempts) {
      const res = await raw(path, { 'Accept-Encoding': 'identity' });
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('must never be served');
      expect(res.headers['content-type'], path).toMatch(/application\/json/);
      expect(JSON.parse(res.body.toString()).error.code, path).toBe('NOT_FOUND');
    }
    // The API and the health check are still reached past the static files.
    expect((await raw('/healthz')).status).toBe(200);
  });

  it('serves the demo pages compressed, with their types', async () => {
    const page = await raw('/', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-encoding']).toBe('br');
    expect(decoded(page)).toBe(readFileSync('demo/index.html', 'utf8'));
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const css = await raw('/demo/demo.css', { 'Accept-Encoding': 'gzip' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(decoded(css)).toBe(readFileSync('demo/demo.css', 'utf8'));
    const verify = await raw('/verify', { 'Accept-Encoding': 'gzip' });
    expect(decoded(verify)).toBe(readFileSync('demo/verify.html', 'utf8'));
  });
});

describe('API answers', () => {
  it('sends JSON of 1 KB and more gzipped with its compressed length, to a client that accepts gzip', async () => {
    const res = await raw('/api/catalog/items?pageSize=50', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    const page = JSON.parse(decoded(res));
    expect(page.items).toHaveLength(50);
    const plain = await raw('/api/catalog/items?pageSize=50');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(page);
    expect(res.body.length).toBeLessThan(plain.body.length / 3);
    // gzip refused: sent as it is.
    expect((await raw('/api/catalog/items?pageSize=50', { 'Accept-Encoding': 'gzip;q=0, br' })).headers['content-encoding']).toBeUndefined();
  });

  it('sends a small answer (under 1 KB) as it is, errors included', async () => {
    const small = await raw('/api/catalog/items/NO-SUCH-ENTRY', { 'Accept-Encoding': 'gzip' });
    expect(small.status).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.length).toBeLessThan(1024);
    expect(Number(small.headers['content-length'])).toBe(small.body.length);
    expect(JSON.parse(small.body.toString()).error.code).toBe('NOT_FOUND');
  });

  it('a download streams gzipped, its bytes intact, and a client that stops reading still frees the server', async () => {
    const id = SEED_IDS.openUnconditional;
    const plain = await raw(`/api/data/${id}/download?format=csv`);
    const packed = await raw(`/api/data/${id}/download?format=csv`, { 'Accept-Encoding': 'gzip' });
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers['content-length']).toBeUndefined();
    expect(packed.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(gunzipSync(packed.body))).toBe(sha(plain.body));
    expect([...plain.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // The 100,000-row set: the first compressed bytes arrive while the server is still reading rows.
    const large = largeEntryId(catalogSeed())!;
    const before = openDownloads();
    const url = new URL(server.origin);
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: `/api/data/${encodeURIComponent(large)}/download?format=csv`, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
        expect(res.headers['content-encoding']).toBe('gzip');
        res.once('data', () => {
          try {
            expect(openDownloads()).toBe(before + 1);
          } catch (error) {
            reject(error);
          }
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.end();
    });
    const deadline = Date.now() + 5000;
    while (openDownloads() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(openDownloads()).toBe(before);
  });
});

describe('the API compression middleware on answers the routes do not give today', () => {
  const json = JSON.stringify({ items: Array.from({ length: 100 }, (_, i) => ({ id: i, name: 'entry ' + i })) });
  const app = new Hono<AppEnv>();
  app.use('*', compressAnswers());
  app.get('/encoded', () => new Response(gzipSync(json), { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }));
  app.get('/events', () => new Response(json, { headers: { 'Content-Type': 'text/event-stream' } }));
  app.get('/no-transform', () => new Response(json, { headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-transform' } }));
  app.get('/png', () => new Response(new Uint8Array(4096), { headers: { 'Content-Type': 'image/png' } }));
  const get = (path: string) => app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });

  it('never compresses twice, leaves event streams, no-transform and images alone', async () => {
    const encoded = await get('/encoded');
    expect(encoded.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await encoded.arrayBuffer())).toString()).toBe(json);
    for (const path of ['/events', '/no-transform', '/png']) {
      const res = await get(path);
      expect(res.headers.get('content-encoding'), path).toBeNull();
      expect((await res.arrayBuffer()).byteLength, path).toBe(path === '/png' ? 4096 : json.length);
    }
  });
});
