// dist/egov-elements.js must import no other file statically (SPEC §1). Rolldown keeps its
// own helpers (the `rolldown-runtime` chunk) apart when lazy chunks share them; such a
// chunk, when it imports nothing itself, is copied into the entry as a local scope. The
// lazy chunks keep importing their copy, which holds only pure helpers.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

//
// A lazy chunk the page waits for before its first paint (the message table of a locale)
// gets the same treatment with `only`, so loading it is one request, not two in a row.
const IMPORT = /import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}\/[^"]+)";?/g;

export function inlineStaticChunks(entry, { only = (spec) => spec.startsWith('./chunks/') } = {}) {
  let code = readFileSync(entry, 'utf8');
  code = code.replace(IMPORT, (statement, bindings, spec) => {
    if (!only(spec)) return statement;
    const chunk = readFileSync(join(dirname(entry), spec), 'utf8').trim();
    const exportMatch = /export\s*\{([^}]*)\};?\s*$/.exec(chunk);
    if (!exportMatch || /(^|[;}\s])import[\s{"'*]/.test(chunk.slice(0, exportMatch.index))) {
      throw new Error(`${entry} imports ${spec}, which cannot be inlined (it imports other files or has no export list)`);
    }
    const body = chunk.slice(0, exportMatch.index);
    const exported = Object.fromEntries(exportMatch[1].split(',').map((pair) => {
      const [local, as] = pair.trim().split(/\s+as\s+/);
      return [as ?? local, local];
    }));
    const wanted = bindings.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
      const [imported, as] = pair.split(/\s+as\s+/);
      if (!(imported in exported)) throw new Error(`${spec} has no export ${imported}`);
      return [imported, as ?? imported];
    });
    return `const{${wanted.map(([imported, as]) => `${JSON.stringify(imported)}:${as}`).join(',')}}=(()=>{${body};return{${wanted.map(([imported]) => `${JSON.stringify(imported)}:${exported[imported]}`).join(',')}}})();`;
  });
  if ([...code.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)].some((m) => only(m[1]))) throw new Error(`${entry} still imports a chunk statically`);
  writeFileSync(entry, code);
}

/** The chunks of the bundle's message tables (scripts/split-messages.mjs), rolldown's helpers inlined. */
export function inlineMessageHelpers(dist) {
  for (const file of readdirSync(join(dist, 'chunks')).filter((f) => /^bundle-messages-/.test(f))) {
    inlineStaticChunks(join(dist, 'chunks', file), { only: (spec) => /^\.\/bundle-rolldown-runtime-[\w-]+\.js$/.test(spec) });
  }
}
