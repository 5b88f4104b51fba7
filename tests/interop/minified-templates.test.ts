// The built bundle's Lit templates are minified (scripts/minify-templates.mjs), and what
// must not change did not: the text of every <pre> and <textarea> written in a template of
// src/ is in dist/egov-elements.js exactly as in the source, line breaks and spaces too.
// Run after `node scripts/build.mjs`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bundle = readFileSync(join(root, 'dist', 'egov-elements.js'), 'utf8');
// The bundle and the chunks it loads when needed (an element's body, the later steps): what its page may run.
const shipped = [bundle, ...readdirSync(join(root, 'dist', 'chunks')).filter((name) => name.startsWith('bundle-')).map((name) => readFileSync(join(root, 'dist', 'chunks', name), 'utf8'))].join('\n');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.includes(join('src', 'i18n')) ? [path] : [];
  });
}

/** The literal pieces (between `${…}` expressions) of every <pre>…</pre> and <textarea>…</textarea> in a template. */
function keptPieces(code: string): string[] {
  const pieces: string[] = [];
  for (const match of code.matchAll(/<(pre|textarea)\b[\s\S]*?<\/\1>/g)) {
    const text = match[0];
    // Split on ${…}, minding braces nested in the expression.
    let depth = 0;
    let piece = '';
    for (let i = 0; i < text.length; i++) {
      if (depth === 0 && text.startsWith('${', i)) {
        pieces.push(piece);
        piece = '';
        depth = 1;
        i++;
      } else if (depth > 0) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
      } else piece += text[i];
    }
    pieces.push(piece);
  }
  return pieces.filter((p) => /\s/.test(p) && p.trim().length > 0 || /\n/.test(p));
}

describe('minified templates in dist/egov-elements.js', () => {
  it('lost their indentation', () => {
    // A line break followed by indentation and a tag is what every source template has.
    const indented = bundle.match(/\n[ \t]{2,}</g) ?? [];
    expect(indented.length).toBeLessThan(20);
  });

  it('kept every <pre> and <textarea> text of the source exactly', () => {
    const pieces = sources(join(root, 'src')).flatMap((file) => keptPieces(readFileSync(file, 'utf8')).map((piece) => ({ file, piece })));
    expect(pieces.some(({ piece }) => piece.includes('\n'))).toBe(true);
    expect(pieces.filter(({ piece }) => !shipped.includes(piece))).toEqual([]);
  });
});
