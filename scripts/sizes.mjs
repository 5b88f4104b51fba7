// Gzipped sizes of the built files, counted as a page pays for them: an entry plus every
// chunk it imports statically; lazily loaded chunks (crypto, CKAN/DCAT adapters) apart.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const gzipped = (file) => gzipSync(readFileSync(file)).length;
export const kb = (bytes) => (bytes / 1024).toFixed(1) + ' KB';

/**
 * The module graph of a built file: `files`, it and every chunk it imports or re-exports
 * statically (what a page downloads before first use), and `lazy`, the chunks it loads
 * with `import()` that are not already among them.
 */
export function moduleGraph(entry) {
  const files = new Set();
  const lazy = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) visit(join(dirname(file), match[1]));
    for (const match of code.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) lazy.add(join(dirname(file), match[1]));
  };
  visit(entry);
  return { files: [...files], lazy: [...lazy].filter((f) => !files.has(f)) };
}

export const staticClosure = (file) => new Set(moduleGraph(file).files);

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
