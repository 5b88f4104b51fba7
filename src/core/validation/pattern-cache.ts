/**
 * Schema patterns compiled once, with the `u` flag (JSON Schema patterns are ECMA-262
 * regular expressions over code points). A pattern that does not compile is remembered as
 * broken, so a bad service definition yields a schema error instead of an exception.
 */
const cache = new Map<string, RegExp | null>();
const MAX_ENTRIES = 1000;

/** The compiled pattern, or null when it is not a valid regular expression. */
export function compilePattern(source: string): RegExp | null {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  let compiled: RegExp | null;
  try {
    compiled = new RegExp(source, 'u');
  } catch {
    compiled = null;
  }
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(source, compiled);
  return compiled;
}
