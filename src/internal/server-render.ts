/**
 * An element rendered on a server (@lit-labs/ssr) arrives with a declarative shadow root.
 * Where the page loaded Lit's hydration support (`@lit-labs/ssr-client/lit-element-hydrate-support.js`,
 * before the elements), Lit hydrates it; otherwise (the one-file bundle carries its own Lit)
 * the server's markup is dropped and the element renders afresh in the same root, so it
 * is never shown twice. Call at the start of `createRenderRoot()`.
 */
export function clearServerRender(host: HTMLElement): void {
  if (host.shadowRoot && !('litElementHydrateSupport' in globalThis)) host.shadowRoot.replaceChildren();
}
