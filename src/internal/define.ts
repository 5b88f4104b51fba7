/** Registers an element once; loading two copies of a module, or two bundles, must not throw. */
export function define(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
