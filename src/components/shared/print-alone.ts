/**
 * Prints one element on its own, without the portal around it: while the element is marked
 * (`data-egov-print`, set between `beforeprint` and `afterprint`), a document-level print
 * style hides everything else and puts the element at the top of the first page. The
 * element's own print styles (hiding its buttons and navigation) do the rest.
 */
const PRINT_CSS = `@media print {
  body:has([data-egov-print]) * { visibility: hidden !important; }
  body:has([data-egov-print]) [data-egov-print], body:has([data-egov-print]) [data-egov-print] * { visibility: visible !important; }
  [data-egov-print] { position: absolute !important; inset-block-start: 0 !important; inset-inline-start: 0 !important; inline-size: 100% !important; max-inline-size: none !important; margin: 0 !important; }
}`;

let sheet: CSSStyleSheet | undefined;

function ensureSheet(): void {
  if (sheet || typeof document === 'undefined' || !('adoptedStyleSheets' in document)) return;
  sheet = new CSSStyleSheet();
  sheet.replaceSync(PRINT_CSS);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}

/**
 * Marks `host` for printing on its own whenever the page prints (the element's print button
 * or the browser's own Print) while `wanted()` says so. Returns the function that stops it.
 */
export function printAlone(host: HTMLElement, wanted: () => boolean): () => void {
  const before = () => {
    if (!wanted()) return;
    ensureSheet();
    host.setAttribute('data-egov-print', '');
  };
  const after = () => host.removeAttribute('data-egov-print');
  window.addEventListener('beforeprint', before);
  window.addEventListener('afterprint', after);
  return () => {
    window.removeEventListener('beforeprint', before);
    window.removeEventListener('afterprint', after);
    after();
  };
}
