import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

// The server's layers (STYLE.md, "A server in three layers"), as import rules.
/** Folders of domain and store code: they know nothing of HTTP. */
const DOMAIN_FOLDERS = 'server/{applications,cases,catalog,cataloguing,checkpoints,data,signatures,certificates,domain,store}';
const NO_HTTP = [
  { group: ['hono', 'hono/*', '@hono/*'], message: 'Domain and store code knows nothing of HTTP: throw the errors of server/domain/errors.ts; routes speak HTTP.' },
  { regex: '^(\\.\\./)+(errors|http)(\\.[jt]s)?$', message: 'server/errors.ts and server/http.ts belong to the HTTP layer: throw the errors of server/domain/errors.ts (FieldChecks is there too).' },
];
const NO_SEED = [
  { regex: '^(\\.{1,2}/)+seed(/|$)', message: 'Only server/main.ts, server/testing.ts and tests read the seed: take what it gives at start (Deps) or read the database.' },
];
const NO_OUTSIDE_STORE = [
  { regex: '^\\.\\./\\.\\./', message: 'A migration is frozen: it imports nothing from outside server/store (copy what it needs, as it was when written).' },
];
const restrictImports = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups.flat() }] });

export default tseslint.config(
  { ignores: ['dist/**', 'storybook-static/**', 'node_modules/**', 'public/mockServiceWorker.js', 'custom-elements.json', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'tests/browser/**/*.ts'],
    plugins: { lit, wc },
    rules: {
      ...lit.configs.recommended.rules,
      ...wc.configs.recommended.rules,
      'wc/guard-super-call': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // Backend data never reaches the page as HTML.
      'no-restricted-imports': ['error', { paths: [
        { name: 'lit/directives/unsafe-html.js', message: 'Render text, never backend HTML.' },
        { name: 'lit/directives/unsafe-svg.js', message: 'Build SVG from data with lit templates.' },
      ] }],
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Use lit templates.' },
        { property: 'outerHTML', message: 'Use lit templates.' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    languageOptions: { globals: { window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-undef': 'off',
    },
  },
  // src/core is pure and shared with the server: no element, service, controller or message
  // table (src/i18n), no lit. Its own i18n.ts is the one translation function both sides feed.
  ...[['src/core/*.ts', '\\.\\./'], ['src/core/*/**/*.ts', '(\\.\\./){2,}']].map(([files, up]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'lit/directives/unsafe-html.js', message: 'Render text, never backend HTML.' },
          { name: 'lit/directives/unsafe-svg.js', message: 'Build SVG from data with lit templates.' },
        ],
        patterns: [
          { regex: `^${up}(components|services|controllers|internal|i18n)(/|$)`, message: 'src/core is shared with the server: it imports no element, service, controller or message table; return keys and parameters and let each side translate.' },
          { group: ['lit', 'lit/*', '@lit/*'], message: 'src/core is pure: no lit.' },
        ],
      }],
    },
  })),
  // Later entries override earlier ones for the files they share, so each repeats what still holds.
  {
    files: ['server/**/*.ts'],
    ignores: ['server/main.ts', 'server/testing.ts', 'server/**/*.test.ts', 'server/seed/**'],
    rules: restrictImports(NO_SEED),
  },
  { files: [`${DOMAIN_FOLDERS}/**/*.ts`], ignores: ['server/**/*.test.ts'], rules: restrictImports(NO_SEED, NO_HTTP) },
  { files: [`${DOMAIN_FOLDERS}/**/*.test.ts`], rules: restrictImports(NO_HTTP) },
  { files: ['server/store/migrations/**/*.ts'], rules: restrictImports(NO_SEED, NO_HTTP, NO_OUTSIDE_STORE) },
  {
    // chai's `expect(x).to.exist` style
    files: ['tests/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
