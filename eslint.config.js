import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

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
  {
    // chai's `expect(x).to.exist` style
    files: ['tests/browser/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
