/// <reference types="vite/client" />
// `egov-elements/autoloader.js`: registers each element the first time its tag appears in
// the page (now or later, from any script or framework), loading only the module that
// defines it. Which module defines which tag comes from custom-elements.json at build time.
const modules = import.meta.glob(['./*.ts', '!./index.ts', '!./autoloader.ts']);

declare const __EGOV_TAG_ENTRIES__: Record<string, string> | undefined;
/** Tag → entry module (`egov-catalog-browser` → `catalog-browser`). */
const TAG_ENTRIES: Record<string, string> = typeof __EGOV_TAG_ENTRIES__ === 'undefined' ? {} : __EGOV_TAG_ENTRIES__;

const loading = new Map<string, Promise<unknown>>();

/** Loads the module that defines `tag`, once; resolves when the tag is defined. */
export function load(tag: string): Promise<unknown> {
  const entry = TAG_ENTRIES[tag];
  const loader = entry ? modules[`./${entry}.ts`] : undefined;
  if (!entry || !loader) return Promise.resolve(undefined);
  if (!loading.has(entry)) {
    loading.set(entry, loader().catch((error: unknown) => {
      loading.delete(entry);
      console.error(`egov-elements: could not load ${entry}.js for <${tag}>`, error);
    }));
  }
  return loading.get(entry)!.then(() => customElements.whenDefined(tag));
}

/** Loads every element not yet defined in `root` (and `root` itself). */
export function discover(root: Element | Document | DocumentFragment): Promise<unknown[]> {
  const found = new Set<string>();
  const consider = (el: Element) => {
    const tag = el.localName;
    if (tag.startsWith('egov-') && !customElements.get(tag)) found.add(tag);
  };
  if (root instanceof Element) consider(root);
  root.querySelectorAll(':not(:defined)').forEach(consider);
  return Promise.all([...found].map(load));
}

if (typeof document !== 'undefined' && typeof MutationObserver !== 'undefined') {
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) void discover(node);
  }).observe(document.documentElement, { childList: true, subtree: true });
  void discover(document);
}
