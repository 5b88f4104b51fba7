import type { Context } from 'hono';
import { ApiProblem, problems, type FieldProblem } from './errors';
import { jsonBoundsProblem } from '../src/core/crypto/canonical-json';

/**
 * The JSON body of a request; 415 for another content type, 400 for malformed JSON and for
 * JSON the server will not carry: nested too deep, too many values, or a number outside
 * the doubles (bodies are hashed and signed in their canonical form, SPEC §4).
 */
export async function readJson<T = unknown>(c: Context): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw problems.unsupportedMediaType();
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem(400, 'MALFORMED_JSON', 'The body is not valid JSON');
  }
  const bounds = jsonBoundsProblem(value);
  if (bounds) throw problems.badRequest('The body cannot be accepted: ' + bounds);
  // Neither engine stores U+0000 the same way (PostgreSQL's text and jsonb refuse it): it is
  // refused here, for every route and both engines alike, naming where it stands.
  const nul = nulPath(value);
  if (nul !== undefined) throw problems.validation([{ path: nul || '(body)', message: 'Must not contain the NUL character (U+0000)' }]);
  return value as T;
}

/** The path (`purpose`, `fields[1].label`) of the first string or key holding U+0000, if any. */
export function nulPath(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return path;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) item.forEach((child, i) => stack.push([child, `${path}[${i}]`]));
    else {
      for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return at;
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

/** Whether a request's address (path or query, raw or percent-encoded) holds U+0000. */
export function addressHasNul(url: string): boolean {
  return url.includes('\u0000') || /%00/i.test(url);
}

/** A JSON object body, or 400. */
export async function readObject(c: Context): Promise<Record<string, unknown>> {
  const body = await readJson(c);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw problems.badRequest('The body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Collects field problems and throws them together as one 400/422. */
export class FieldChecks {
  readonly problems: FieldProblem[] = [];
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  throwIfAny(status: 400 | 422 = 400): void {
    if (!this.problems.length) return;
    throw status === 400 ? problems.badRequest('The request is not valid', this.problems) : problems.validation(this.problems);
  }
}

/** A positive integer query parameter within bounds, with a default. */
export function intParam(value: string | undefined, fallback: number, min: number, max: number): number {
  const parsed = value === undefined || value === '' ? NaN : Number(value);
  if (!Number.isFinite(parsed)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(parsed)));
}
