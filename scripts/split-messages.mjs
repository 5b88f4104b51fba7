// Build-time split of the message catalogue (SPEC §1: a page downloads only the messages of
// the locale it shows). Each src/i18n/<area>.ts keeps its source form,
// `defineMessages(zh, en)`; in the built package the tables of the locales in `split` move
// into a module of their own, loaded with import() the first time an element shows that
// locale (src/core/i18n.ts, loadLocale; the elements hold their render until then). A table
// keeps what it refers to: the area's imports (e.g. `plural`) and its top-level helpers are
// copied into the split module, where tree-shaking drops what the table does not use.
import { parseAst } from 'rolldown/parseAst';

const AREA = /[\\/]src[\\/]i18n[\\/]([\w-]+)\.ts$/;
const PREFIX = '\0egov-messages:';
const ARGUMENT = { 'zh-CN': 0, en: 1 };

/** Finds every `defineMessages(zh, en)` call of a program (any depth). */
function definitions(node, found = []) {
  if (!node || typeof node !== 'object') return found;
  if (Array.isArray(node)) {
    for (const child of node) definitions(child, found);
    return found;
  }
  if (node.type === 'CallExpression' && node.callee?.type === 'Identifier' && node.callee.name === 'defineMessages' && node.arguments.length === 2) {
    found.push(node);
  }
  for (const key of Object.keys(node)) if (key !== 'type' && node[key] && typeof node[key] === 'object') definitions(node[key], found);
  return found;
}

/**
 * A Vite/rolldown plugin. `split`: the locales whose tables load on demand (zh-CN, the
 * default, stays inline unless named). The id of a split table is
 * `\0egov-messages:<area>.<locale>`; `messageChunkName(id)` tells a chunk group its locale.
 */
export function splitMessages({ split = ['en'] } = {}) {
  const modules = new Map();
  return {
    name: 'egov-split-messages',
    async transform(code, id) {
      const area = AREA.exec(id)?.[1];
      if (!area || !code.includes('defineMessages')) return null;
      const program = parseAst(code);
      const calls = definitions(program.body);
      if (calls.length !== 1) {
        if (calls.length > 1) this.error(`${id}: one defineMessages(zh, en) per area file, found ${calls.length}`);
        return null;
      }
      const [call] = calls;
      // What a moved table may refer to: the area's imports (resolved from here) and its
      // other top-level declarations; the statement holding the call itself is left out.
      const preamble = [];
      for (const statement of program.body) {
        if (statement.start <= call.start && call.end <= statement.end) continue;
        if (statement.type === 'ImportDeclaration') {
          const resolved = await this.resolve(statement.source.value, id);
          const source = resolved && !resolved.external ? resolved.id : statement.source.value;
          preamble.push(code.slice(statement.start, statement.source.start) + JSON.stringify(source) + code.slice(statement.source.end, statement.end));
        } else if (statement.type === 'ExportNamedDeclaration' && statement.declaration) {
          preamble.push(code.slice(statement.declaration.start, statement.declaration.end));
        } else if (!statement.type.startsWith('Export')) {
          preamble.push(code.slice(statement.start, statement.end));
        }
      }
      let out = code;
      // Replace from the last argument to the first so earlier offsets stay valid.
      for (const locale of [...split].sort((a, b) => ARGUMENT[b] - ARGUMENT[a])) {
        const argument = call.arguments[ARGUMENT[locale]];
        if (argument.type !== 'ObjectExpression') this.error(`${id}: the ${locale} table of defineMessages must be an object literal`);
        const moduleId = `${PREFIX}${area}.${locale}`;
        modules.set(moduleId, `${preamble.join('\n')}\nexport default ${code.slice(argument.start, argument.end)};\n`);
        out = out.slice(0, argument.start) + `() => import(${JSON.stringify(moduleId)})` + out.slice(argument.end);
      }
      return { code: out, map: null };
    },
    resolveId: (id) => (modules.has(id) ? id : null),
    load: (id) => modules.get(id) ?? null,
  };
}

/**
 * The chunk name for a split table's module (`messages-<area>.<locale>`, or with `perLocale`
 * `messages-<locale>`: every area of one locale together), or null for any other module.
 */
export function messageChunk(id, perLocale = false) {
  if (!id.startsWith(PREFIX)) return null;
  const name = id.slice(PREFIX.length);
  return 'messages-' + (perLocale ? name.slice(name.lastIndexOf('.') + 1) : name);
}
