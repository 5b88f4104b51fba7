// Compressed sizes of the built files, counted as a page pays for them: an entry plus every
// chunk it imports statically, plus (for a page in English) the message tables its first
// render waits for; lazily loaded chunks (crypto, CKAN/DCAT adapters) apart. gzip -9 and
// brotli -11, as the build precompresses them for the server.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
export const brotlied = (file) => brotliCompressSync(readFileSync(file), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
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

/** The goals (gzip), printed beside the figures as references. */
export const GOALS = { bundle: 55, 'catalog-browser': 16, 'application-form': 35 };

/**
 * The split message tables (scripts/split-messages.mjs) a page in `locale` loads before an
 * element of `files` first renders: the locale's chunks that `files` import with import().
 */
export function messageChunks(files, locale) {
  const out = new Set();
  for (const file of files) {
    for (const lazy of moduleGraph(file).lazy) if (new RegExp(`messages-([\\w-]+\\.)?${locale}-[\\w-]+\\.js$`).test(lazy)) out.add(lazy);
  }
  return [...out];
}

/** gzip and brotli of an entry as a page in `locale` downloads it before its first paint. */
export function pageSize(entry, locale = 'zh-CN') {
  const files = moduleGraph(entry).files;
  const all = [...files, ...(locale === 'zh-CN' ? [] : messageChunks(files, locale))];
  return { gzip: all.reduce((sum, f) => sum + gzipped(f), 0), brotli: all.reduce((sum, f) => sum + brotlied(f), 0), files: all.length };
}

const both = ({ gzip, brotli }) => `${kb(gzip)} gzip, ${kb(brotli)} brotli`;
const goal = (name, { gzip }) => (GOALS[name] ? `   (goal ${GOALS[name]} KB gzip: ${(gzip / 1024 / GOALS[name]).toFixed(2)}×)` : '');

/** The element entries of dist/ (one module per element or group, lit external). */
export function elementEntries() {
  return readdirSync('dist').filter((f) => f.endsWith('.js') && !['egov-elements.js', 'autoloader.js'].includes(f)).map((f) => f.replace(/\.js$/, '')).sort();
}

export function printSizes(entries = elementEntries()) {
  console.log('\nSizes a page downloads before first paint (entry + the chunks it imports statically; an en page also its messages; lazily loaded chunks apart):');
  const bundle = staticClosure('dist/egov-elements.js');
  const zh = pageSize('dist/egov-elements.js', 'zh-CN');
  const en = pageSize('dist/egov-elements.js', 'en');
  console.log(`  dist/egov-elements.js, the one-file bundle, zh-CN page: ${both(zh)}${goal('bundle', zh)}`);
  console.log(`  dist/egov-elements.js, the one-file bundle, en page:    ${both(en)} (${en.files} files: the bundle and the en messages)`);
  for (const file of readdirSync('dist/chunks').filter((f) => f.startsWith('bundle-') && !bundle.has(join('dist/chunks', f)))) {
    console.log(`    loaded when needed: ${file.replace(/^bundle-/, '').replace(/-[\w-]{8}\.js$/, '')} ${kb(gzipped(join('dist/chunks', file)))} gzip`);
  }
  console.log('  Per element (lit and other dependencies external), zh-CN page | en page:');
  for (const name of entries) {
    const file = `dist/${name}.js`;
    if (!statSync(file, { throwIfNoEntry: false })) continue;
    const zhSize = pageSize(file, 'zh-CN');
    console.log(`    dist/${name}.js: ${both(zhSize)} | ${both(pageSize(file, 'en'))}${goal(name, zhSize)}`);
  }
}
