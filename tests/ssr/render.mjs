// Renders every element of dist/custom-elements.json with @lit-labs/ssr, in a Node process of
// its own (the DOM shim is global), and prints `{ results: [{ tag, html?, error? }] }` as JSON.
// Each element gets a label and, where it needs one, what it would have on a page.
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html, unsafeStatic } from 'lit/static-html.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dist, 'custom-elements.json'), 'utf8'));
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName);
const entries = [...new Set(elements.map((d) => d.custom?.entry?.replace(/^[^/]+\//, '')).filter(Boolean))];

const results = [];
for (const entry of entries) {
  try {
    await import(join(dist, entry));
  } catch (error) {
    results.push({ tag: entry, error: `import ${entry}: ${error?.stack ?? error}` });
  }
}
// The built package loads a locale's messages when first needed; a server rendering in
// English loads them first (in the browser, an element waits for them by itself).
const { loadLocale } = await import(join(dist, 'index.js'));
await loadLocale('en');
for (const { tagName } of elements) {
  const tag = unsafeStatic(tagName);
  try {
    const out = await collectResult(render(html`<${tag} id=${tagName} name=${tagName} label="SSR ${tagName}" locale="en"></${tag}>`));
    results.push({ tag: tagName, html: out });
  } catch (error) {
    results.push({ tag: tagName, error: String(error?.stack ?? error) });
  }
}
process.stdout.write(JSON.stringify({ results }));
