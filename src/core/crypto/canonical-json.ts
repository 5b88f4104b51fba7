/**
 * RFC 8785 JSON Canonicalization Scheme. Numbers use the ECMAScript number-to-string
 * rule (which `JSON.stringify` implements), strings the minimal JSON escaping, and object
 * members are sorted by their UTF-16 code units — exactly what `Array.prototype.sort`
 * does on strings. Written here rather than imported: the package that does the same is
 * CommonJS only, and this is the whole algorithm.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return '[' + value.map((item) => (item === undefined || typeof item === 'function' || typeof item === 'symbol' ? 'null' : canonicalJson(item))).join(',') + ']';
  }
  if (typeof value === 'object') {
    const withToJson = value as { toJSON?: () => unknown };
    if (typeof withToJson.toJSON === 'function') return canonicalJson(withToJson.toJSON());
    const record = value as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      members.push(JSON.stringify(key) + ':' + canonicalJson(item));
    }
    return '{' + members.join(',') + '}';
  }
  throw new TypeError('JCS: value of type ' + typeof value + ' cannot be serialised');
}

/** The UTF-8 bytes of the canonical form: what gets hashed and signed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}
