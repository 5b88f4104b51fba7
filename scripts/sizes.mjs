// Gzipped sizes of the built files, counted as a page pays for them: an entry plus every
// chunk it imports statically; lazily loaded chunks (crypto, CKAN/DCAT adapters) apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const gzipped = (file) => gzipSync(readFileSync(file)).length;
export const kb = (bytes) => (bytes / 1024).toFixed(1) + ' KB';

/** A file and every chunk it imports statically. */
export function staticClosure(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(file, 'utf8');
  for (const match of code.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    staticClosure(join(dirname(file), match[1]), seen);
  }
  return seen;
}

export const closureSize = (file) => [...staticClosure(file)].reduce((sum, f) => sum + gzipped(f), 0);

export function printSizes(entries) {
  console.log('\nGzipped sizes (entry plus the chunks it imports statically; lazily loaded chunks apart):');
  const bundle = staticClosure('dist/egov-elements.js');
  console.log(`  dist/egov-elements.js, the one-file bundle: ${kb(closureSize('dist/egov-elements.js'))}`);
  for (const file of readdirSync('dist/chunks').filter((f) => f.startsWith('bundle-') && !bundle.has(join('dist/chunks', f)))) {
    console.log(`    loaded on first use: ${file.replace(/^bundle-/, '').replace(/-[\w-]{8}\.js$/, '')} ${kb(gzipped(join('dist/chunks', file)))}`);
  }
  for (const name of entries) {
    const file = `dist/${name}.js`;
    if (statSync(file, { throwIfNoEntry: false })) console.log(`  dist/${name}.js (lit and other dependencies external): ${kb(closureSize(file))}`);
  }
}
