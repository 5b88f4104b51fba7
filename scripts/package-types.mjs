// After tsc and the manifest: makes dist/ usable by every tool that reads types.
//  - relative imports in dist/types/**/*.d.ts get their extension (`./x.js`, `./x/index.js`),
//    so the declarations resolve under moduleResolution node16 and nodenext, not only bundler;
//  - dist/types/events.d.ts puts every egov- event of the manifest on
//    GlobalEventHandlersEventMap (so `document.addEventListener('egov-submit', …)` and
//    `window.addEventListener(…)` know the detail), referenced by every entry's .d.ts;
//  - the generated JSX (dist/react/jsx.d.ts) and Vue (dist/vue/index.d.ts) types import each
//    name from where it is exported, and augment only the modules they are for;
//  - dist/react/index.js + index.d.ts: React 19 wrappers made with @lit/react, one per tag,
//    events as `onEgovItemSelect`-style props.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const DIST = 'dist';
const TYPES = join(DIST, 'types');

/** Every file under a folder. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `./x` → `./x.js` or `./x/index.js`, by what exists beside the declaration file. */
export function withExtension(fromFile, specifier) {
  if (!specifier.startsWith('.') || /\.(js|mjs|cjs|json|css)$/.test(specifier)) return specifier;
  if (specifier === '.' || specifier === '..') specifier += '/index';
  const base = join(dirname(fromFile), specifier);
  if (existsSync(`${base}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(base, 'index.d.ts'))) return `${specifier}/index.js`;
  return specifier;
}

function fixRelativeImports() {
  const pattern = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;
  for (const file of walk(TYPES).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf8');
    const fixed = text.replace(pattern, (_m, lead, quote, spec) => `${lead}${quote}${withExtension(file, spec)}${quote}`);
    if (fixed !== text) writeFileSync(file, fixed);
  }
}

function readManifest() {
  return JSON.parse(readFileSync(join(DIST, 'custom-elements.json'), 'utf8'));
}

/** Elements of the manifest: { tagName, name, module (dist/types/… .d.ts), entry, events }. */
function elementsOf(manifest) {
  return manifest.modules.flatMap((mod) =>
    (mod.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => ({ ...d, module: mod.path })),
  );
}

function writeEventMap(elements) {
  const events = [...new Set(elements.flatMap((el) => (el.events ?? []).map((e) => e.name)).filter((n) => n.startsWith('egov-')))].sort();
  const lines = events.map((name) => `    '${name}': HTMLElementEventMap['${name}'];`);
  const imports = [...new Set(elements.map((el) => `./${relative(TYPES, el.module).replace(/\.d\.ts$/, '.js')}`))].sort();
  writeFileSync(join(TYPES, 'events.d.ts'), `// Generated from custom-elements.json by scripts/package-types.mjs.
// Every egov- event on GlobalEventHandlersEventMap too, so document and window listeners
// know its detail, as element listeners do through HTMLElementEventMap.
${imports.map((path) => `import '${path}';`).join('\n')}

declare global {
  interface GlobalEventHandlersEventMap {
${lines.join('\n')}
  }
}

export {};
`);
  // Each entry's declarations load the map.
  for (const file of readdirSync(TYPES).filter((f) => f.endsWith('.d.ts') && f !== 'events.d.ts')) {
    const path = join(TYPES, file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes("import './events.js';")) writeFileSync(path, `import './events.js';\n${text}`);
  }
  return events;
}

/** Every name some declaration file exports directly: name → first file (index first). */
function exportersOf() {
  const files = [join(TYPES, 'index.d.ts'), ...walk(TYPES).filter((f) => f.endsWith('.d.ts'))];
  const where = new Map();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|const|function|enum)\s+(\w+)/g)) if (!where.has(m[1])) where.set(m[1], file);
  }
  return where;
}

/** Names exported by dist/types/index.d.ts (directly or through `export *`). */
function indexExports() {
  const seen = new Set();
  const names = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)) {
      for (const part of m[1].split(',')) {
        const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+/).pop()?.trim();
        if (name) names.add(name);
      }
    }
    for (const m of text.matchAll(/export\s+(?:declare\s+)?(?:abstract\s+)?(?:class|interface|type|const|function|enum)\s+(\w+)/g)) names.add(m[1]);
    for (const m of text.matchAll(/export\s+\*\s+from\s+['"]([^'"]+)['"]/g)) visit(join(dirname(file), m[1].replace(/\.js$/, '.d.ts')));
  };
  visit(join(TYPES, 'index.d.ts'));
  return names;
}

/**
 * The generators import every type name an element mentions from that element's module,
 * which does not always export it (and name globals such as `Event`). Import the element
 * classes from their modules and every other name from the package's index.
 */
function fixGeneratedImports(file, classNames, exported, exporters) {
  if (!existsSync(file)) return;
  let text = readFileSync(file, 'utf8');
  const bySource = new Map();
  const rest = text.replace(/^import type \{([^}]*)\} from "([^"]+)";\n/gm, (_m, list, source) => {
    for (const raw of list.split(',')) {
      const name = raw.trim();
      if (!name) continue;
      let from = source;
      if (!classNames.has(name)) {
        if (!source.startsWith('.')) from = source; // e.g. "vue"
        else if (exported.has(name)) from = relative(dirname(file), join(TYPES, 'index.js')).replace(/^(?!\.)/, './');
        else if (name in globalThis) continue;
      }
      if (![...bySource.values()].some((names) => names.has(name))) {
        if (!bySource.has(from)) bySource.set(from, new Set());
        bySource.get(from).add(name);
      }
    }
    return '';
  });
  // Names the generated types use but did not import (types inside event details).
  const imported = new Set([...bySource.values()].flatMap((names) => [...names]));
  const local = new Set([...rest.matchAll(/(?:type|interface)\s+(\w+)/g)].map((m) => m[1]));
  const code = rest.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  for (const [, name] of code.matchAll(/\b([A-Z]\w*)\b/g)) {
    if (imported.has(name) || local.has(name) || name in globalThis || !exporters.has(name)) continue;
    const from = exported.has(name) ? join(TYPES, 'index.js') : exporters.get(name).replace(/\.d\.ts$/, '.js');
    const spec = relative(dirname(file), from).replace(/^(?!\.)/, './');
    if (!bySource.has(spec)) bySource.set(spec, new Set());
    bySource.get(spec).add(name);
    imported.add(name);
  }
  const header = [...bySource].map(([from, names]) => `import type { ${[...names].join(', ')} } from "${from}";`).join('\n');
  text = `${header}\n${rest}`;
  // Augment only React's modules (and the global JSX namespace): another runtime's module
  // named here, when not installed, is an error under skipLibCheck: false.
  text = text.replace(/^declare module "(?!react(?:\/jsx-runtime|\/jsx-dev-runtime)?")[^"]+" \{\n[\s\S]*?\n\}\n/gm, '');
  writeFileSync(file, text);
}

/**
 * In a `type … = { … };` block, a key given twice (the `value` attribute, which is the
 * default value, and the `value` property) keeps its last entry, the property.
 */
function dedupeKeys(text) {
  const out = [];
  let block = null; // entries: { key, lines }
  let pending = [];
  for (const line of text.split('\n')) {
    if (!block) {
      out.push(line);
      if (/^(?:export )?type \w+ = \{$/.test(line)) block = [];
      continue;
    }
    if (/^\};?$/.test(line)) {
      const last = new Map(block.map((entry, i) => [entry.key, i]));
      block.forEach((entry, i) => { if (entry.key === null || last.get(entry.key) === i) out.push(...entry.lines); });
      out.push(...pending, line);
      block = null;
      pending = [];
      continue;
    }
    pending.push(line);
    const key = /^\s{2}"?([\w-]+)"?\??:/.exec(line);
    if (key) {
      block.push({ key: key[1], lines: pending });
      pending = [];
    }
  }
  return out.join('\n');
}

/** The generator declares a global JSX namespace (React's file does that); Vue's templates read GlobalComponents. */
function addVueGlobalComponents(file) {
  if (!existsSync(file)) return;
  const text = readFileSync(file, 'utf8');
  if (text.includes('interface GlobalComponents')) return;
  writeFileSync(file, `${dedupeKeys(text.replace(/^declare global \{\n[\s\S]*?\n\}\n?/m, ''))}
declare module "vue" {
  interface GlobalComponents extends CustomElements {}
}
`);
}

const pascal = (tag) => tag.replace(/(^|-)([a-z])/g, (_m, _d, c) => c.toUpperCase());
const eventProp = (event) => `on${pascal(event)}`;

function writeReactWrappers(elements) {
  const dir = join(DIST, 'react');
  mkdirSync(dir, { recursive: true });
  const byEntry = new Map();
  for (const el of elements) {
    const entry = el.custom?.entry?.replace(/^[^/]+\//, '') ?? 'index.js';
    if (!byEntry.has(entry)) byEntry.set(entry, []);
    byEntry.get(entry).push(el);
  }
  const js = [
    '// Generated from custom-elements.json by scripts/package-types.mjs: React 19 wrappers',
    '// (@lit/react); each egov- event is an `on…` prop, e.g. onEgovItemSelect.',
    "import * as React from 'react';",
    "import { createComponent } from '@lit/react';",
  ];
  const dts = [
    '// Generated from custom-elements.json by scripts/package-types.mjs.',
    "import type { EventName, ReactWebComponent } from '@lit/react';",
    "import './jsx.js';",
  ];
  for (const [entry, list] of byEntry) {
    js.push(`import { ${list.map((el) => el.name).join(', ')} } from '../${entry}';`);
    dts.push(`import type { ${list.map((el) => el.name).join(', ')} } from '../types/${entry.replace(/\.js$/, '.js')}';`);
  }
  for (const el of elements) {
    const events = (el.events ?? []).filter((e) => e.name.startsWith('egov-') || e.name === 'change' || e.name === 'input');
    const name = el.name.replace(/^Egov/, '');
    js.push(
      `/** \`<${el.tagName}>\` */`,
      `export const ${name} = createComponent({ react: React, tagName: '${el.tagName}', elementClass: ${el.name}, events: { ${events.map((e) => `${eventProp(e.name)}: '${e.name}'`).join(', ')} }, displayName: '${name}' });`,
    );
    const eventTypes = events.map((e) => `  ${eventProp(e.name)}: EventName<${e.name.startsWith('egov-') ? `HTMLElementEventMap['${e.name}']` : 'Event'}>;`);
    dts.push(
      `/** \`<${el.tagName}>\`${el.summary || el.description ? ` — ${String(el.summary || el.description).split('\n')[0]}` : ''} */`,
      `export declare const ${name}: ReactWebComponent<${el.name}, {\n${eventTypes.join('\n')}\n}>;`,
    );
  }
  writeFileSync(join(dir, 'index.js'), js.join('\n') + '\n');
  writeFileSync(join(dir, 'index.d.ts'), dts.join('\n') + '\n');
}

export function packageTypes() {
  fixRelativeImports();
  const manifest = readManifest();
  const elements = elementsOf(manifest);
  writeEventMap(elements);
  const classNames = new Set(elements.map((el) => el.name));
  const exported = indexExports();
  const exporters = exportersOf();
  fixGeneratedImports(join(DIST, 'react', 'jsx.d.ts'), classNames, exported, exporters);
  fixGeneratedImports(join(DIST, 'vue', 'index.d.ts'), classNames, exported, exporters);
  addVueGlobalComponents(join(DIST, 'vue', 'index.d.ts'));
  writeReactWrappers(elements);
}

if (import.meta.url === `file://${process.argv[1]}`) packageTypes();
