/**
 * RFC 8785 JSON Canonicalization Scheme. Numbers use the ECMAScript number-to-string
 * rule (which `JSON.stringify` implements), strings the minimal JSON escaping, and object
 * members are sorted by their UTF-16 code units — exactly what `Array.prototype.sort`
 * does on strings. Written here rather than imported: the package that does the same is
 * CommonJS only, and this is the whole algorithm.
 */
export function canonicalJson(value: unknown): string {
  const problem = jsonBoundsProblem(value);
  if (problem) throw new RangeError('JCS: ' + problem);
  return serialise(value);
}

/** How deep a JSON value may nest (arrays and objects) before it is refused. */
export const MAX_JSON_DEPTH = 64;
/** How many values (members and items, counted recursively) one JSON value may hold. */
export const MAX_JSON_NODES = 200_000;

/**
 * Why a value cannot be canonicalised safely, or undefined: nested deeper than `maxDepth`,
 * more than `maxNodes` values, or a number JSON cannot carry (what `JSON.parse` makes of
 * `1e400` is Infinity). Walks without recursion, so a hostile value cannot overflow the stack.
 */
export function jsonBoundsProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, maxNodes = MAX_JSON_NODES): string | undefined {
  const stack: Array<[unknown, number]> = [[value, 0]];
  let nodes = 0;
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (++nodes > maxNodes) return `the value holds more than ${maxNodes} items`;
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return 'a number is outside the range of finite IEEE 754 doubles (e.g. 1e400)';
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= maxDepth) return `the value is nested more than ${maxDepth} levels deep`;
    const children = Array.isArray(item) ? item : Object.values(item as Record<string, unknown>);
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}

function serialise(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map((item) => (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : serialise(item))).join(',') + ']';
  }
  if (typeof value === 'object') {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return serialise(withToJson.toJSON());
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      members.push(JSON.stringify(key) + ':' + serialise(item));
    }
    return '{' + members.join(',') + '}';
  }
  throw new TypeError('JCS: value of type ' + typeof value + ' cannot be serialised');
}

/** The UTF-8 bytes of the canonical form: what gets hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
