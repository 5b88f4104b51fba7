// The build's locale split (scripts/split-messages.mjs) and template minification
// (scripts/minify-templates.mjs), and the catalogue's on-demand tables (src/core/i18n.ts):
// each area file is built as a portal's bundler would, and what comes out is run.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { defineMessages, isLocaleLoaded, loadLocale, translate } from '../../src/core/i18n';
// @ts-expect-error a build script without declarations
import { messageChunk, splitMessages } from '../../scripts/split-messages.mjs';
// @ts-expect-error a build script without declarations
import { minifyCssStrings, minifyHtmlStrings, minifyTemplates } from '../../scripts/minify-templates.mjs';

const root = join(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'egov-split-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('on-demand message tables', () => {
  type Loader = () => Promise<{ default: Record<string, string> }>;
  /** defineMessages as the built package calls it: a loader in place of the en table. */
  const defineLazy = (zh: Record<string, string>, en: Loader) => (defineMessages as unknown as (zh: unknown, en: unknown) => unknown)(zh, en);

  it('shows zh-CN (never the key) until the en table is loaded, then en; a failed load is tried again', async () => {
    let attempts = 0;
    defineLazy({ 'split-test.hello': '你好，{name}' }, async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch');
      return { default: { 'split-test.hello': 'Hello, {name}' } };
    });
    expect(isLocaleLoaded('en')).toBe(false);
    expect(isLocaleLoaded('zh-CN')).toBe(true);
    expect(translate('en', 'split-test.hello', { name: 'Li' })).toBe('你好，Li');
    await expect(loadLocale('en')).rejects.toThrow('Failed to fetch');
    expect(isLocaleLoaded('en')).toBe(false);
    await loadLocale('en');
    expect(isLocaleLoaded('en')).toBe(true);
    expect(translate('en', 'split-test.hello', { name: 'Li' })).toBe('Hello, Li');
    expect(attempts).toBe(2);
  });

  it('loads each table once, also for calls made while it loads, and areas registered meanwhile', async () => {
    let loads = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    defineLazy({ 'split-test.a': '甲' }, async () => {
      loads++;
      await gate;
      defineLazy({ 'split-test.b': '乙' }, async () => ({ default: { 'split-test.b': 'B' } }));
      return { default: { 'split-test.a': 'A' } };
    });
    const first = loadLocale('en');
    const second = loadLocale('en');
    release();
    await Promise.all([first, second]);
    expect(loads).toBe(1);
    expect(isLocaleLoaded('en')).toBe(true);
    expect([translate('en', 'split-test.a'), translate('en', 'split-test.b')]).toEqual(['A', 'B']);
  });
});

describe('scripts/split-messages.mjs', () => {
  it('moves every area’s en table into a chunk of its own; once loaded, every key reads as in source', async () => {
    const areas = readdirSync(join(root, 'src', 'i18n')).filter((f) => f.endsWith('.ts'));
    await build({
      logLevel: 'silent', configFile: false, root, publicDir: false, plugins: [splitMessages()],
      build: {
        outDir: out, emptyOutDir: true, target: 'es2022', minify: false,
        lib: { entry: { i18n: join(root, 'src', 'core', 'i18n.ts'), ...Object.fromEntries(areas.map((f) => [f.replace(/\.ts$/, ''), join(root, 'src', 'i18n', f)])) }, formats: ['es'] },
        rolldownOptions: { output: { chunkFileNames: (chunk: { facadeModuleId?: string | null }) => `chunks/${(chunk.facadeModuleId && messageChunk(chunk.facadeModuleId)) || '[name]'}.js` } },
      },
    });
    const chunks = readdirSync(join(out, 'chunks'));
    for (const area of areas) expect(chunks).toContain(`messages-${area.replace(/\.ts$/, '')}.en.js`);
    // The built area holds its Chinese table and no English one.
    const common = readFileSync(join(out, 'common.js'), 'utf8');
    expect(common).toContain('正在加载');
    expect(common).not.toContain('Loading');

    // Run as built: zh-CN only at first (en falls back to it, never to a key); after
    // loadLocale('en') every key has the English text of the source, functions included.
    type Core = typeof import('../../src/core/i18n');
    const built = (await import(pathToFileURL(join(out, 'i18n.js')).href)) as Core;
    for (const area of areas) await import(pathToFileURL(join(out, area.replace(/\.ts$/, '.js'))).href);
    for (const area of areas) await import('../../src/i18n/' + area.replace(/\.ts$/, ''));
    const source = await import('../../src/core/i18n');
    const keys = source.catalogueKeys('zh-CN').filter((key) => !key.startsWith('split-test.'));
    expect(built.catalogueKeys('zh-CN').sort()).toEqual([...keys].sort());
    expect(built.catalogueKeys('en')).toEqual([]);
    expect(built.translate('en', 'common.loading')).toBe(source.translate('zh-CN', 'common.loading'));
    await built.loadLocale('en');
    expect(built.catalogueKeys('en').sort()).toEqual([...keys].sort());
    const read = (core: Core, key: string) => {
      try {
        return core.translate('en', key, { n: 2, count: 2, total: 3, name: 'x' });
      } catch (error) {
        return String(error);
      }
    };
    expect(keys.filter((key) => read(built, key) !== read(source, key))).toEqual([]);
  });

  it('refuses an area whose en table is not an object literal', async () => {
    const plugin = splitMessages() as { transform: (this: unknown, code: string, id: string) => Promise<unknown> };
    const context = { parse: undefined, resolve: async () => null, error: (message: string) => { throw new Error(message); } };
    await expect(plugin.transform.call(context, 'const t = {}; export const m = defineMessages({ a: "甲" }, t);', '/x/src/i18n/bad.ts')).rejects.toThrow('object literal');
    expect(await plugin.transform.call(context, 'export const x = 1;', '/x/src/components/x.ts')).toBeNull();
  });
});

describe('scripts/minify-templates.mjs', () => {
  it('html: indentation goes, line breaks and same-line spaces stay, <pre> and <textarea> untouched', () => {
    const strings = ['\n    <p class="a\n      b">\n      <b>one</b> <i>two</i>\n    </p>\n    <pre>', '\n  kept\n    as is\n</pre>\n    <textarea>\n  typed\n</textarea>\n  '];
    expect(minifyHtmlStrings(strings)).toEqual(['\n<p class="a\nb">\n<b>one</b> <i>two</i>\n</p>\n<pre>', '\n  kept\n    as is\n</pre>\n<textarea>\n  typed\n</textarea>\n']);
  });

  it('css: comments and spaces go, a space before a colon and quoted text stay', () => {
    expect(minifyCssStrings([':host {\n  display: block; /* note */\n}\n.a :hover, .b > .c { content: " ; : "; margin: 0 auto; }\n@media (max-width: 40rem) { .x { color: rgb(0, 0, 0); } }'])).toEqual([
      ':host{display:block}.a :hover,.b > .c{content:" ; : ";margin:0 auto}@media (max-width:40rem){.x{color:rgb(0,0,0)}}',
    ]);
  });

  it('changes only the templates’ text, never an expression', () => {
    const plugin = minifyTemplates() as { transform: (code: string, id: string) => { code: string } | null };
    const code = 'const v = `\n   keep`;\nconst t = html`\n    <p>${`\n   also kept`}</p>\n  `;\nconst s = css`\n  :host { display: block; }\n`;';
    expect(plugin.transform(code, '/x/src/components/x.ts')?.code).toBe('const v = `\n   keep`;\nconst t = html`\n<p>${`\n   also kept`}</p>\n`;\nconst s = css` :host{display:block}`;');
    expect(plugin.transform(code, '/x/node_modules/lit/x.js')).toBeNull();
  });
});
