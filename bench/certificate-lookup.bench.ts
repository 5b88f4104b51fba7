// Gzipped size of the crypto chunk (with every chunk it statically imports) and of
// <egov-certificate-lookup>, and a check that the one-file bundle does not hold SM2/SM3 code
// (it is loaded lazily, so a catalog-only page never downloads it).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chunk } from './support';

const gz = (file: string) => gzipSync(readFileSync(file)).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1) + ' KB';

/** A chunk and the chunks it imports statically, recursively. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) closure('dist/chunks/' + match[1], seen);
  return seen;
}

const cryptoChunk = chunk('bundle-crypto-');
if (!cryptoChunk) {
  console.log('No built crypto chunk: run npm run build first.');
  process.exit(0);
}
const cryptoFiles = [...closure(cryptoChunk)];
const uqr = readdirSync('dist/chunks').filter((f) => f.startsWith('bundle-') && readFileSync('dist/chunks/' + f, 'utf8').includes('ecc')).map((f) => 'dist/chunks/' + f).find((f) => !cryptoFiles.includes(f));

console.log('Gzipped sizes (dist/, npm run build):');
console.log(`  crypto chunk ${cryptoChunk}: ${kb(gz(cryptoChunk))}; with its static imports (${cryptoFiles.length} files): ${kb(cryptoFiles.reduce((s, f) => s + gz(f), 0))}`);
for (const f of cryptoFiles) console.log(`    ${f.padEnd(44)} ${kb(gz(f))}`);
if (uqr) console.log(`  QR encoder (uqr) chunk ${uqr}: ${kb(gz(uqr))}`);
const element = chunk('certificate-lookup-');
if (element) console.log(`  element ${element} (lit external): ${kb(gz(element))}`);
console.log(`  dist/certificate-lookup.js entry: ${kb(gz('dist/certificate-lookup.js'))}`);
const bundle = readFileSync('dist/egov-elements.js', 'utf8');
console.log(`  dist/egov-elements.js holds sm-crypto code: ${bundle.includes('no available csprng') ? 'YES (not lazily loaded!)' : 'no (lazy chunk)'}`);
