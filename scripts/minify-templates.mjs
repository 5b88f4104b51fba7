// Build-time minification of Lit's `html`, `svg` and `css` tagged templates (a careful,
// conservative transform; the element tests run on source, the package and end-to-end
// suites on what this produces).
// - html/svg: a run of whitespace holding a line break becomes one line break (indentation
//   goes; where the browser collapses whitespace nothing changes, and under `white-space:
//   pre-wrap` a line break stays a line break). Inside <pre> and <textarea> nothing changes.
//   Spaces on one line are kept as they are (they may separate words or inline elements).
// - css: comments go, whitespace runs become one space, and the space around { } ; , and
//   after : goes (never before a colon: `.a :hover` differs from `.a:hover`).
// Only the literal text of a template changes, never an expression in it.
import { parseAst } from 'rolldown/parseAst';

const SOURCE = /[\\/]src[\\/].*\.ts$/;
const TAGS = new Set(['html', 'svg', 'css']);
/** An opening or closing <pre>/<textarea> tag. */
const KEEP = /<(\/?)(pre|textarea)\b/gi;

function walk(node, visit) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (node.type === 'TaggedTemplateExpression') visit(node);
  for (const key of Object.keys(node)) if (key !== 'type' && node[key] && typeof node[key] === 'object') walk(node[key], visit);
}

/** The html parts of the strings, with what lies inside <pre>/<textarea> left alone. */
export function minifyHtmlStrings(strings) {
  let inside = 0;
  return strings.map((text) => {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(KEEP)) {
      const piece = text.slice(last, match.index);
      out += inside ? piece : collapseHtml(piece);
      inside = Math.max(0, inside + (match[1] ? -1 : 1));
      last = match.index;
    }
    const rest = text.slice(last);
    return out + (inside ? rest : collapseHtml(rest));
  });
}

const collapseHtml = (text) => text.replace(/[ \t]*[\r\n][\s]*/g, '\n');

/** A quoted CSS string (kept as it is) or a run of anything else. */
const CSS_PART = /("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|[^"']+|["']/g;

export function minifyCssStrings(strings) {
  return strings.map((text) =>
    text.replace(/\/\*[\s\S]*?\*\//g, '').replace(CSS_PART, (part, quoted) =>
      quoted
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,])\s*/g, '$1')
            .replace(/:\s+/g, ':')
            .replace(/;}/g, '}'),
    ),
  );
}

export function minifyTemplates() {
  return {
    name: 'egov-minify-templates',
    transform(code, id) {
      if (!SOURCE.test(id) || !/\b(html|svg|css)`/.test(code)) return null;
      const edits = [];
      walk(parseAst(code).body, (node) => {
        if (node.tag.type !== 'Identifier' || !TAGS.has(node.tag.name)) return;
        const quasis = node.quasi.quasis;
        const raw = quasis.map((q) => q.value.raw);
        const done = node.tag.name === 'css' ? minifyCssStrings(raw) : minifyHtmlStrings(raw);
        quasis.forEach((q, i) => {
          if (done[i] !== raw[i]) edits.push([q.start, q.end, done[i]]);
        });
      });
      if (!edits.length) return null;
      let out = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
      return { code: out, map: null };
    },
  };
}
