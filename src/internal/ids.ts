let counter = 0;
/** A document-unique id for label/aria wiring inside a shadow root. */
export function uniqueId(prefix = 'egov'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A random key, e.g. for Idempotency-Key headers. */
export function randomKey(): string {
  return globalThis.crypto.randomUUID();
}
