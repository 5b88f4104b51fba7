// Writes a brotli and a gzip copy of every file of dist/ worth compressing, at the highest
// quality (brotli 11, gzip 9), under dist/.compressed/ (`dist/.compressed/chunks/x-[hash].js.br`
// for `dist/chunks/x-[hash].js`): the reference backend (server/static.ts) sends them to
// browsers that accept them, so nothing is compressed per request. A copy is written only when
// it is smaller than the file. They live in a folder of their own, not beside each file, so
// that whatever lists dist/ or dist/chunks/ (size reports, benches, tests, a portal copying the
// files) sees only the files themselves; the npm package leaves the folder out. Run at the end
// of scripts/build.mjs; `node scripts/precompress.mjs [dir]` redoes it alone.
//
// The demo's pages (demo/) are hand-written source files, not build output: the server
// compresses them once on first request instead of keeping copies in the source tree.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** What a page may fetch and compresses: text, scripts, JSON and SVG (type declarations are for editors, not browsers). */
const COMPRESSIBLE = /\.(?:m?js|css|html|json|map|svg|txt|xml|webmanifest)$/i;
/** The folder of the compressed copies, inside the folder served (server/static.ts reads it). */
export const COMPRESSED_DIR = '.compressed';
/** Below this the coding's framing eats most of the gain (the server sends these as they are). */
const THRESHOLD = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'types' && entry.name !== COMPRESSED_DIR) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses every eligible file under `dir`; returns what it wrote and the bytes before and after. */
export function precompress(dir = 'dist', { quiet = false } = {}) {
  const started = performance.now();
  const totals = { files: 0, bytes: 0, br: 0, gzip: 0 };
  const out = join(dir, COMPRESSED_DIR);
  rmSync(out, { recursive: true, force: true });
  for (const path of files(dir)) {
    if (!COMPRESSIBLE.test(path) || statSync(path).size < THRESHOLD) continue;
    const source = readFileSync(path);
    const br = brotliCompressSync(source, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.length,
      },
    });
    const gz = gzipSync(source, { level: constants.Z_BEST_COMPRESSION });
    // Written after the source, so the server (which ignores a copy older than its file) uses them.
    const target = join(out, relative(dir, path));
    mkdirSync(dirname(target), { recursive: true });
    for (const [suffix, bytes] of [['.br', br], ['.gz', gz]]) {
      if (bytes.length < source.length) writeFileSync(target + suffix, bytes);
    }
    totals.files++;
    totals.bytes += source.length;
    totals.br += Math.min(br.length, source.length);
    totals.gzip += Math.min(gz.length, source.length);
  }
  const kb = (n) => (n / 1024).toFixed(1) + ' KB';
  if (!quiet) console.log(`Precompressed ${totals.files} files of ${dir}/ into ${out}/ in ${Math.round(performance.now() - started)} ms: ${kb(totals.bytes)} → brotli ${kb(totals.br)}, gzip ${kb(totals.gzip)}`);
  return totals;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) precompress(process.argv[2] ?? 'dist');
