// The elements the newer issues added — the catalog browser's staff views (a reviewer's queue
// and access log), the case workbench, the catalogue editor, the certificate lookup and my
// applications — add nothing to a citizen's first paint of the catalog or the application
// form. Checked on the built package (run after `node scripts/build.mjs`): what a page
// downloads before its first paint (an entry and every chunk it imports statically; on an en
// page also the message tables its first render waits for) holds no marker of their code or their messages; each
// marker is found in a chunk loaded later, so the check cannot pass by a marker gone stale.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageChunks, moduleGraph } from '../../scripts/sizes.mjs';

const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');

/**
 * Strings only each body's code (a part of its template) or its message areas (a key of its
 * Chinese and English tables) contain.
 */
const BODIES: Record<string, { code: string[]; messages: string[] }> = {
  'the access log': { code: ['part="access-log"'], messages: ['catalog.log.heading', 'catalog.log.chainBroken'] },
  'the review queue': { code: ['review-list--pending'], messages: ['catalog.review.allowCopyHint', 'catalog.review.reasonRequired'] },
  'the case workbench': { code: ['part="decision-form"'], messages: ['cases.version'] },
  'the catalogue editor': { code: ['part="entry-list"'], messages: ['editor.signIn.title'] },
  'the certificate lookup': { code: ['part="verify-form"'], messages: ['certificates.mine.title'] },
  'my applications': { code: ['part="correction"'], messages: ['mine.title'] },
};

const read = (file: string) => readFileSync(join(root, file), 'utf8');
/** The autoloader's chunk of one entry (`auto-<entry>-<hash>.js`). */
const autoChunk = (entry: string) => {
  const name = readdirSync(join(dist, 'chunks')).find((f) => new RegExp(`^auto-${entry}-[\\w-]{8}\\.js$`).test(f));
  if (!name) throw new Error(`no chunk auto-${entry}-* in dist/chunks`);
  return join('dist', 'chunks', name);
};
/** Which build a chunk belongs to: the bundle's, the autoloader's or the package modules'. */
const build = (file: string) => (/[\\/]bundle-/.test(file) || file.endsWith('egov-elements.js') ? 'bundle' : /[\\/]auto/.test(file) ? 'auto' : 'modules');

/** Every file of dist/ a page of `entry` downloads before its first paint in `locale`. */
function firstPaint(entry: string, locale: 'zh-CN' | 'en'): string[] {
  const files = moduleGraph(entry).files;
  return [...files, ...(locale === 'en' ? messageChunks(files, 'en') : [])].map((f) => relative(root, join(root, f)));
}

/** The files of dist/ a page may load later: every chunk of the same build not among `first`. */
function later(first: string[]): string[] {
  const kind = build(first[0]!);
  return readdirSync(join(dist, 'chunks')).map((f) => join('dist', 'chunks', f)).filter((f) => f.endsWith('.js') && build(f) === kind && !first.includes(f));
}

/** The markers found in `files`, as `marker (file)`. */
function found(files: string[], markers: string[]): string[] {
  return files.flatMap((file) => {
    const code = read(file);
    return markers.filter((m) => code.includes(m)).map((m) => `${m} (${file})`);
  });
}

// The pages of a citizen: the catalog alone and the form alone, served as the one-file bundle
// (every element registered, the bodies lazy), as the package's own modules (what a portal's
// bundler starts from) and through the autoloader (the element's entry as its tag appears).
const PAGES: Record<string, () => string[]> = {
  'the one-file bundle': () => ['dist/egov-elements.js'],
  'dist/catalog-browser.js': () => ['dist/catalog-browser.js'],
  'dist/application-form.js': () => ['dist/application-form.js'],
  'the autoloader, <egov-catalog-browser> alone': () => ['dist/autoloader.js', autoChunk('catalog-browser')],
  'the autoloader, <egov-application-form> alone': () => ['dist/autoloader.js', autoChunk('application-form')],
};

describe('a citizen’s first paint carries none of the newer elements', () => {
  for (const [page, entries] of Object.entries(PAGES)) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`${page}, ${locale} page`, () => {
        const first = [...new Set(entries().flatMap((entry) => firstPaint(entry, locale)))];
        expect(first.length).toBeGreaterThan(0);
        for (const [body, { code, messages }] of Object.entries(BODIES)) {
          const markers = [...code, ...messages];
          expect(found(first, markers), `${body} in the first paint of ${page}`).toEqual([]);
          // Each marker is there to be found: in a chunk loaded later (its body, its tables).
          for (const marker of markers) expect(found(later(first), [marker]), `${marker} (${body}) in no later chunk`).not.toEqual([]);
        }
      });
    }
  }
});
