// Builds dist/: one module per element (lit and friends left to the portal's bundler),
// the self-contained dist/egov-elements.js for a plain <script type="module">, type
// declarations and custom-elements.json. Prints gzipped sizes.
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ENTRIES = ['index', 'provider', 'shared', 'fields', 'catalog-browser', 'certificate-lookup', 'signature', 'application-form'];
const quiet = { logLevel: 'warn', configFile: false };
const output = { minify: true, chunkFileNames: 'chunks/[name]-[hash].js' };

rmSync('dist', { recursive: true, force: true });

await build({
  ...quiet,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: Object.fromEntries(ENTRIES.map((name) => [name, `src/${name}.ts`])), formats: ['es'] },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//, /^ky$/, /^sm-crypto-v2$/],
      output: { ...output, entryFileNames: '[name].js' },
    },
  },
});

await build({
  ...quiet,
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    lib: { entry: { 'egov-elements': 'src/index.ts' }, formats: ['es'] },
    rolldownOptions: { output: { ...output, entryFileNames: '[name].js', chunkFileNames: 'chunks/bundle-[name]-[hash].js' } },
  },
});

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--litelement', '--globs', 'src/components/**/*.ts', '--exclude', 'src/**/*.styles.ts', '--quiet', '--outdir', 'dist'], { stdio: 'inherit' });

const gz = (file) => gzipSync(readFileSync(file)).length;
const kb = (bytes) => (bytes / 1024).toFixed(1) + ' KB';
console.log('\nGzipped sizes:');
console.log(`  dist/egov-elements.js (everything but lazily loaded chunks): ${kb(gz('dist/egov-elements.js'))}`);
for (const file of readdirSync('dist/chunks').filter((f) => f.startsWith('bundle-'))) {
  console.log(`    lazy chunk ${file}: ${kb(gz(join('dist/chunks', file)))}`);
}
for (const name of ENTRIES) {
  const file = `dist/${name}.js`;
  if (statSync(file, { throwIfNoEntry: false })) console.log(`  dist/${name}.js (lit external): ${kb(gz(file))}`);
}
