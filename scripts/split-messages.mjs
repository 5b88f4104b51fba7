// Build-time split of the message catalogue (SPEC §1: a page downloads only the messages of
// the locale it shows). Each src/i18n/<area>.ts keeps its source form,
// `defineMessages(zh, en)`; in the built package the tables of the locales in `split` move
// into a module of their own, loaded with import() the first time an element shows that
// locale (src/core/i18n.ts, loadLocale; the elements hold their render until then).
import { parseAst } from 'rolldown/parseAst';

const AREA = /[\\/]src[\\/]i18n[\\/]([\w-]+)\.ts$/;
const PREFIX = '\0egov-messages:';
const ARGUMENT = { 'zh-CN': 0, en: 1 };
/** Each area's source module, as the bundler named it (for messageArea). */
const areaFiles = new Map();

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
      areaFiles.set(area, id);
      const program = parseAst(code);
      const calls = definitions(program.body);
      if (calls.length !== 1) {
        if (calls.length > 1) this.error(`${id}: one defineMessages(zh, en) per area file, found ${calls.length}`);
        return null;
      }
      const [call] = calls;
      // What a moved table may refer to: the area's top-level names (its imports, e.g.
      // `plural`, and its own helpers). The split module imports nothing: it exports a
      // function of those names, which the area passes in when the table arrives. So a
      // table's chunk is a leaf, and a portal's bundler needs no chunk shared between the
      // package's modules and the tables (which could run Lit before the portal's own first
      // module, e.g. Lit's hydration support).
      const names = new Set();
      const addPattern = (node) => {
        if (!node) return;
        if (node.type === 'Identifier') names.add(node.name);
        else if (node.type === 'ObjectPattern') node.properties.forEach((p) => addPattern(p.type === 'RestElement' ? p.argument : p.value));
        else if (node.type === 'ArrayPattern') node.elements.forEach(addPattern);
        else if (node.type === 'AssignmentPattern') addPattern(node.left);
        else if (node.type === 'RestElement') addPattern(node.argument);
      };
      for (const statement of program.body) {
        if (statement.start <= call.start && call.end <= statement.end) continue;
        const declaration = statement.type.startsWith('Export') ? statement.declaration : statement;
        if (statement.type === 'ImportDeclaration') statement.specifiers.forEach((spec) => names.add(spec.local.name));
        else if (declaration?.type === 'VariableDeclaration') declaration.declarations.forEach((d) => addPattern(d.id));
        else if (declaration?.id && /^(Function|Class)Declaration$/.test(declaration.type)) names.add(declaration.id.name);
      }
      let out = code;
      // Replace from the last argument to the first so earlier offsets stay valid.
      for (const locale of [...split].sort((a, b) => ARGUMENT[b] - ARGUMENT[a])) {
        const argument = call.arguments[ARGUMENT[locale]];
        if (argument.type !== 'ObjectExpression') this.error(`${id}: the ${locale} table of defineMessages must be an object literal`);
        const table = code.slice(argument.start, argument.end);
        const used = [...names].filter((name) => new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(table));
        const moduleId = `${PREFIX}${area}.${locale}`;
        modules.set(moduleId, `export default ({ ${used.join(', ')} }) => (${table});\n`);
        const loader = `() => import(${JSON.stringify(moduleId)}).then((m) => ({ default: m.default({ ${used.join(', ')} }) }))`;
        out = out.slice(0, argument.start) + loader + out.slice(argument.end);
      }
      return { code: out, map: null };
    },
    resolveId: (id) => (modules.has(id) ? id : null),
    load: (id) => modules.get(id) ?? null,
  };
}

/**
 * The chunk name for a split table's module (`messages-<area>.<locale>`, or with `perLocale`
 * `messages-<locale>`: every area of one locale together, and `messages-later.<locale>` for
 * the areas only lazily loaded code uses, when `later`), or null for any other module.
 */
export function messageChunk(id, perLocale = false, later = false) {
  if (!id.startsWith(PREFIX)) return null;
  const name = id.slice(PREFIX.length);
  const locale = name.slice(name.lastIndexOf('.') + 1);
  return 'messages-' + (perLocale ? (later ? `later.${locale}` : locale) : name);
}

/** The source module of the area a split table's module comes from (src/i18n/<area>.ts). */
export function messageArea(id) {
  const name = id.slice(PREFIX.length);
  return areaFiles.get(name.slice(0, name.lastIndexOf('.')));
}
