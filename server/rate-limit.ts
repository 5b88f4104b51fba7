import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { problems } from './errors';
import type { AppEnv } from './env';
import { hitRateLimit, sweepRateLimits } from './store/rate-limits';

/**
 * A fixed-window limit per client address (or per `key`): `limit` requests per `windowMs`.
 * The windows are kept in the database (`rate_limits`), so several instances behind a load
 * balancer enforce one limit between them (SPEC §5); ended windows are swept once a window.
 */
export function rateLimit(options: { limit: number; windowMs: number; key?: (c: Context<AppEnv>) => string }): MiddlewareHandler<AppEnv> {
  let sweepAt = Date.now() + options.windowMs;
  return async (c, next) => {
    const store = c.get('store');
    const now = Date.now();
    if (now > sweepAt) {
      sweepAt = now + options.windowMs;
      await sweepRateLimits(store, now);
    }
    const key = 'w' + options.windowMs + ':' + (options.key?.(c) ?? 'ip:' + clientAddress(c));
    const { count, resetAt } = await hitRateLimit(store, key, options.windowMs, now);
    if (count > options.limit) throw problems.rateLimited(Math.max(1, Math.ceil((resetAt - now) / 1000)));
    await next();
  };
}

/**
 * The client's address: the peer, or with `EGOV_TRUST_PROXY` = n (SPEC §5) the entry n
 * places from the end of `X-Forwarded-For` (each trusted proxy appends the address it saw).
 */
export function clientAddress(c: Context<AppEnv>): string {
  let peer: string;
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    peer = 'unknown';
  }
  const hops = c.get('settings')?.trustProxy ?? 0;
  if (hops <= 0) return peer;
  const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}
