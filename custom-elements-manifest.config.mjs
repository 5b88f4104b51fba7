// The Custom Elements Manifest (dist/custom-elements.json, schema 2.x) and what is built
// from it: VS Code custom data, JetBrains web-types, JSX types for React 19 and Vue 3
// GlobalComponents types. Run by `npm run analyze` and `npm run build`.
//
// Plugins, in order:
//  - egov-define: tag names from the `define('egov-…', Class)` calls of the entry modules
//    (src/<entry>.ts), with a custom-element-definition export on each entry;
//  - egov-event-types: each event's type from the element module's HTMLElementEventMap
//    declaration, so `detail` has its TypeScript type; drops events that are not events
//    (the `type` parameter of EgovElement.emit());
//  - @wc-toolkit/type-parser: aliases and unions expanded into `parsedType`;
//  - egov-public-only: private and protected members, `_`/`#` names and static internals hidden;
//  - @wc-toolkit/cem-inheritance: members, attributes, events, parts, CSS properties and
//    slots of base classes copied onto each element;
//  - @wc-toolkit/module-path-resolver: module paths point at what ships (dist/<entry>.js,
//    dist/types/…d.ts), not at the TypeScript sources;
//  - the generators.

import { getTsProgram, typeParserPlugin } from '@wc-toolkit/type-parser';
import { cemInheritancePlugin } from '@wc-toolkit/cem-inheritance';
import { modulePathResolverPlugin } from '@wc-toolkit/module-path-resolver';
import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** Where files are written (a test writes elsewhere); paths in the manifest always name dist/. */
const OUTDIR = process.env.EGOV_MANIFEST_OUTDIR ?? 'dist';
const SHIPPED = 'dist';
const GLOBS = ['src/*.ts', 'src/components/**/*.ts'];
const EXCLUDE = ['src/**/*.styles.ts', 'src/index.ts', 'src/autoloader.ts', 'src/**/*.test.ts'];

/** Tag → entry module (`catalog-browser`), and tag → class module (`components/x/y`), filled by egov-define. */
const tagEntries = new Map();
const classModules = new Map();

/** Tag names from `define('egov-…', Class)` in the entry modules. */
function defineCallsPlugin() {
  const definitions = []; // { tag, className, entry }
  return {
    name: 'egov-define',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, ctor] = node.arguments;
      if (!tag || !ctor || !ts.isStringLiteral(tag) || !ts.isIdentifier(ctor)) return;
      definitions.push({ tag: tag.text, className: ctor.text, entry: moduleDoc.path });
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({ kind: 'custom-element-definition', name: tag.text, declaration: { name: ctor.text, module: moduleDoc.path } });
    },
    packageLinkPhase({ customElementsManifest }) {
      const byClass = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) if (decl.kind === 'class') byClass.set(decl.name, { decl, mod });
      }
      for (const { tag, className, entry } of definitions) {
        const found = byClass.get(className);
        if (!found) throw new Error(`custom-elements manifest: ${entry} defines <${tag}> with ${className}, whose class was not analysed`);
        found.decl.tagName = tag;
        found.decl.customElement = true;
        tagEntries.set(tag, entry.replace(/^src\//, '').replace(/\.ts$/, ''));
        classModules.set(tag, found.mod.path.replace(/^src\//, '').replace(/\.ts$/, ''));
        for (const mod of customElementsManifest.modules) {
          for (const exp of mod.exports ?? []) if (exp.kind === 'custom-element-definition' && exp.name === tag) exp.declaration.module = found.mod.path;
        }
      }
      // A class that extends HTMLElement but is never defined is a base class, not an element.
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) if (decl.customElement && !decl.tagName) delete decl.customElement;
      }
    },
  };
}

/**
 * The `detail` type of every event from the module's `interface HTMLElementEventMap`; the
 * events a class fires with `this.emit()` and the parts its templates name, documented or
 * not (so the manifest test sees an undocumented one).
 */
/** Static part names in each class's own templates, filled by egov-event-types. */
const partsUsed = new Map();

/**
 * After inheritance: a part an element's own templates name but no @csspart documents is
 * added without a description (the manifest test fails on it). Parts of a base class's
 * templates are documented by each element that renders them.
 */
function templatePartsPlugin() {
  return {
    name: 'egov-template-parts',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement) continue;
          for (const name of partsUsed.get(decl.name) ?? []) {
            decl.cssParts ??= [];
            if (!decl.cssParts.some((p) => p.name === name)) decl.cssParts.push({ name });
          }
        }
      }
    },
  };
}

function eventTypesPlugin() {
  const eventTypes = new Map(); // event name → { text, module }
  const emitted = new Map(); // class name → Set of event names it emits with this.emit('…')
  const ownerClass = (ts, node) => {
    let owner = node.parent;
    while (owner && !ts.isClassDeclaration(owner)) owner = owner.parent;
    return owner?.name?.text;
  };
  return {
    name: 'egov-event-types',
    analyzePhase({ ts, node, moduleDoc }) {
      // part="…" in the element's own templates: a part without a @csspart tag shows up undocumented.
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'html') {
        const owner = ownerClass(ts, node);
        if (owner) {
          for (const m of node.template.getText().matchAll(/\bpart="([a-z0-9 -]+)"/g)) {
            for (const part of m[1].split(/\s+/).filter(Boolean)) {
              if (!partsUsed.has(owner)) partsUsed.set(owner, new Set());
              partsUsed.get(owner).add(part);
            }
          }
        }
        return;
      }
      // `this.emit('egov-…', detail)` (EgovElement.emit) fires an event even without a @fires tag.
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'emit'
        && node.expression.expression.kind === ts.SyntaxKind.ThisKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
        const owner = ownerClass(ts, node);
        if (owner) {
          if (!emitted.has(owner)) emitted.set(owner, new Set());
          emitted.get(owner).add(node.arguments[0].text);
        }
        return;
      }
      if (!ts.isInterfaceDeclaration(node) || node.name.text !== 'HTMLElementEventMap') return;
      for (const member of node.members) {
        if (!ts.isPropertySignature(member) || !member.type || !member.name) continue;
        const name = ts.isStringLiteral(member.name) ? member.name.text : member.name.getText();
        eventTypes.set(name, { text: member.type.getText(), module: moduleDoc.path });
      }
    },
    // Before inheritance is applied, so subclasses inherit what a base class emits.
    moduleLinkPhase({ moduleDoc }) {
      for (const decl of moduleDoc.declarations ?? []) {
        for (const name of emitted.get(decl.name) ?? []) {
          decl.events ??= [];
          if (!decl.events.some((e) => e.name === name)) decl.events.push({ name });
        }
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.events) continue;
          // `this.dispatchEvent(new CustomEvent(type, …))` inside emit() is not an event.
          decl.events = decl.events.filter((event) => event.name && /^[a-z][a-z0-9-]*$/.test(event.name) && event.name !== 'type');
          for (const event of decl.events) {
            const known = eventTypes.get(event.name);
            if (known) event.type = { text: known.text };
            else if (!event.type) event.type = { text: 'Event' };
          }
          if (!decl.events.length) delete decl.events;
        }
      }
    },
  };
}

/** Only the public API: no private/protected members, no `_`/`#` names, no static plumbing. */
function publicOnlyPlugin() {
  const HIDDEN_STATICS = new Set(['styles', 'shadowRootOptions', 'formAssociated', 'properties', 'elementStyles']);
  return {
    name: 'egov-public-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.members) continue;
          decl.members = decl.members.filter(
            (m) => !m.privacy || m.privacy === 'public',
          ).filter((m) => !m.name.startsWith('_') && !m.name.startsWith('#') && !(m.static && HIDDEN_STATICS.has(m.name)));
        }
      }
    },
  };
}

/**
 * Schema 2.x; the entry each element ships in; entry modules (which only define tags) at
 * their built path, holding the custom-element-definition exports, one per tag.
 */
function packagePlugin() {
  return {
    name: 'egov-package',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.schemaVersion = '2.1.0';
      // The resolver maps the modules that hold elements; every other reference too.
      const toShipped = (path) => (isEntry(path) ? `${SHIPPED}/${shipped(path)}.js` : `${SHIPPED}/types/${shipped(path)}.d.ts`);
      const visit = (node) => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object') return;
        for (const [key, value] of Object.entries(node)) {
          if ((key === 'module' || key === 'path') && typeof value === 'string' && value.startsWith('src/')) node[key] = toShipped(value);
          else visit(value);
        }
      };
      for (const mod of customElementsManifest.modules) {
        const entry = isEntry(mod.path) || /^dist\/[^/]+\.js$/.test(mod.path);
        mod.exports = (mod.exports ?? []).filter((exp) => entry || exp.kind !== 'custom-element-definition');
        for (const decl of mod.declarations ?? []) {
          if (decl.tagName && tagEntries.has(decl.tagName)) {
            decl.custom = { ...(decl.custom ?? {}), entry: `${pkg.name}/${tagEntries.get(decl.tagName)}.js` };
          }
        }
      }
      visit(customElementsManifest.modules);
    },
  };
}

/** The .d.ts that declares a tag's class, relative to a generated file (`base` = path to dist/types from there). */
function typePathOf(tag, base) {
  const module = classModules.get(tag);
  return module ? `${base}/${module}.js` : `${base}/index.js`;
}

/** src/components/x/y.ts → dist/types/components/x/y.d.ts; entries → dist/<entry>.js. */
const shipped = (path) => path.replace(/^\.?\/?src\//, '').replace(/\.ts$/, '');
const isEntry = (path) => /^\.?\/?src\/[^/]+\.ts$/.test(path);

const toolOptions = { outdir: OUTDIR, hideCssPartsDocs: false, hideCssPropertiesDocs: false };

export default {
  globs: GLOBS,
  exclude: EXCLUDE,
  outdir: OUTDIR,
  litelement: true,
  packagejson: false,
  dependencies: false,
  overrideModuleCreation({ ts, globs }) {
    return getTsProgram(ts, globs, 'tsconfig.build.json').getSourceFiles().filter((sf) => globs.find((glob) => sf.fileName.includes(glob)));
  },
  plugins: [
    defineCallsPlugin(),
    eventTypesPlugin(),
    typeParserPlugin({ parseObjectTypes: 'none' }),
    publicOnlyPlugin(),
    cemInheritancePlugin({ ignore: ['LitElement', 'HTMLElement'] }),
    templatePartsPlugin(),
    modulePathResolverPlugin({
      modulePathTemplate: (path) => (isEntry(path) ? `${SHIPPED}/${shipped(path)}.js` : `${SHIPPED}/types/${shipped(path)}.d.ts`),
      definitionPathTemplate: (path) => (isEntry(path) ? `${SHIPPED}/${shipped(path)}.js` : `${SHIPPED}/types/${shipped(path)}.d.ts`),
      typeDefinitionPathTemplate: (path) => `${SHIPPED}/types/${shipped(path)}.d.ts`,
    }),
    packagePlugin(),
    // JSX IntrinsicElements for React 19 (and other JSX runtimes): dist/react/jsx.d.ts.
    jsxTypesPlugin({
      outdir: `${OUTDIR}/react`,
      fileName: 'jsx.d.ts',
      componentTypePath: (_name, tag) => typePathOf(tag, '../types'),
      stronglyTypedEvents: true,
    }),
    // Vue 3 GlobalComponents: dist/vue/index.d.ts.
    customElementVuejsPlugin({
      outdir: `${OUTDIR}/vue`,
      fileName: 'index.d.ts',
      componentTypePath: (_name, tag) => typePathOf(tag, '../types'),
    }),
    customElementVsCodePlugin({ ...toolOptions, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json' }),
    customElementJetBrainsPlugin({ ...toolOptions, webTypesFileName: 'web-types.json', packageJson: false, description: pkg.description, defaultIcon: undefined }),
  ],
};

