// Builds dist/: one module per element (lit and friends left to the portal's bundler),
// the self-contained dist/egov-elements.js for a plain <script type="module">, type
// declarations and custom-elements.json. Prints gzipped sizes.
import { build } from 'vite';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { printSizes } from './sizes.mjs';
import { packageTypes } from './package-types.mjs';
import { inlineMessageHelpers, inlineStaticChunks } from './one-file.mjs';
import { messageArea, messageChunk, splitMessages } from './split-messages.mjs';
import { minifyTemplates } from './minify-templates.mjs';

const ENTRIES = ['index', 'provider', 'shared', 'fields', 'catalog-browser', 'certificate-lookup', 'signature', 'application-form', 'case-workbench', 'catalog-editor', 'my-applications'];
// sm-crypto-v2 is bundled (into the lazily loaded crypto chunks), not left to the portal's
// bundler: its Node fallback `import('crypto')` would make every portal's build warn that a
// Node built-in was externalised. Here that import gets an empty module (browsers and Node 20
// have globalThis.crypto, which it uses first).
const BUNDLED = new Set(['sm-crypto-v2']);
const DEPENDENCIES = Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).filter((name) => !BUNDLED.has(name));
const noNodeCrypto = {
  name: 'no-node-crypto',
  enforce: 'pre',
  resolveId: (id, importer) => (id === 'crypto' && importer?.includes('sm-crypto-v2') ? '\0no-node-crypto' : undefined),
  load: (id) => (id === '\0no-node-crypto' ? 'export const webcrypto = undefined; export default {};' : undefined),
};

/**
 * The source modules an entry imports statically (what the one-file bundle holds), so the
 * tables of areas only lazy chunks use (the staff elements' bodies, the access log) go to a
 * locale chunk of their own, loaded with them: an en page of the catalog does not wait for the
 * editor's English. Computed once per build from rolldown's module graph.
 */
function staticModules(entry) {
  let found;
  return (ctx) => {
    if (found) return found;
    found = new Set();
    const visit = (id) => {
      if (found.has(id)) return;
      found.add(id);
      for (const next of ctx.getModuleInfo(id)?.importedIds ?? []) visit(next);
    };
    visit(resolve(entry));
    return found;
  };
}

/** One Vite library build into dist/; `external` packages are left to the portal's bundler. */
function buildLibrary(entry, { external = [], chunkPrefix = '', preserveEntrySignatures, define, oneFile } = {}) {
  const firstPaint = oneFile ? staticModules(entry[oneFile]) : undefined;
  return build({
    logLevel: 'warn',
    configFile: false,
    ...(define ? { define } : {}),
    plugins: [noNodeCrypto, splitMessages(), minifyTemplates()],
    publicDir: false, // public/ is Storybook's (the mock service worker); nothing of it ships
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: false,
      lib: { entry, formats: ['es'] },
      rolldownOptions: {
        external: (id) => external.some((name) => id === name || id.startsWith(name + '/')),
        ...(preserveEntrySignatures ? { preserveEntrySignatures } : {}),
        output: {
          minify: true,
          entryFileNames: '[name].js',
          // The split message tables (scripts/split-messages.mjs): one chunk per area and
          // locale, so an element loads only its own areas; or, in the one-file bundle, one
          // chunk per locale, a single request when the page needs it.
          chunkFileNames: (chunk) => `chunks/${chunkPrefix}${(chunk.facadeModuleId && messageChunk(chunk.facadeModuleId)) || '[name]'}-[hash].js`,
          ...(oneFile
            ? {
                codeSplitting: {
                  groups: [
                    { debugName: 'messages', name: (id, ctx) => messageChunk(id, true, !firstPaint(ctx).has(messageArea(id))), test: (id) => messageChunk(id) !== null, includeDependenciesRecursively: false, priority: 2 },
                    // Every module the entry imports statically stays in the entry (the group
                    // named as the entry is the entry's chunk), also when a lazy chunk imports it
                    // too: without this rolldown moves such shared modules to common chunks the
                    // bundle would import, and one file would no longer be enough.
                    { debugName: 'one-file', name: oneFile, tags: ['$initial'], priority: 1 },
                  ],
                },
              }
            : {}),
        },
      },
    },
  });
}

rmSync('dist', { recursive: true, force: true });
await buildLibrary(Object.fromEntries(ENTRIES.map((name) => [name, `src/${name}.ts`])), { external: DEPENDENCIES });
// 'allow-extension': modules the lazy chunks share with the bundle stay in the bundle (which
// then exports them to those chunks) instead of going to chunks the bundle would import.
await buildLibrary({ 'egov-elements': 'src/index.ts' }, { chunkPrefix: 'bundle-', preserveEntrySignatures: 'allow-extension', oneFile: 'egov-elements' });
inlineStaticChunks('dist/egov-elements.js');
inlineMessageHelpers('dist');


execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// custom-elements.json and what is built from it (custom-elements-manifest.config.mjs).
execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { stdio: 'inherit' });
// Declarations that resolve under node16/nodenext, the event map, React wrappers (scripts/package-types.mjs).
packageTypes();

// egov-elements/autoloader.js: registers each element when its tag first appears; self-contained
// like the bundle, each entry a lazy chunk. Which entry defines which tag: the manifest.
const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
const tagEntries = Object.fromEntries(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName && d.custom?.entry).map((d) => [d.tagName, d.custom.entry.replace(/^[^/]+\/|\.js$/g, '')]));
await buildLibrary({ autoloader: 'src/autoloader.ts' }, { chunkPrefix: 'auto-', define: { __EGOV_TAG_ENTRIES__: JSON.stringify(tagEntries) } });

printSizes(ENTRIES);
await import('./precompress.mjs').then(({ precompress }) => precompress('dist')); // .br and .gz copies under dist/.compressed/, for the server (server/static.ts)
