import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { problems } from './errors';
import type { AppEnv } from './env';

/**
 * A fixed-window limit per client address: `limit` requests per `windowMs`. Memory is
 * bounded: the table is swept every window.
 */
export function rateLimit(options: { limit: number; windowMs: number; key?: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => string }): MiddlewareHandler<AppEnv> {
  const hits = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = Date.now() + options.windowMs;
  return async (c, next) => {
    const now = Date.now();
    if (now > sweepAt) {
      for (const [key, entry] of hits) if (entry.resetAt <= now) hits.delete(key);
      sweepAt = now + options.windowMs;
    }
    const key = options.key?.(c) ?? clientAddress(c);
    let entry = hits.get(key);
    if (!entry || entry.resetAt <= now) hits.set(key, (entry = { count: 0, resetAt: now + options.windowMs }));
    entry.count += 1;
    if (entry.count > options.limit) throw problems.rateLimited(Math.ceil((entry.resetAt - now) / 1000));
    await next();
  };
}

export function clientAddress(c: Parameters<MiddlewareHandler<AppEnv>>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
