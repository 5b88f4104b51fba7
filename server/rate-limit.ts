import type { Context, MiddlewareHandler } from 'hono';
import { problems } from './errors';
import type { AppEnv } from './env';
import { forwarded, peerAddress } from './proxies';
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
 * The client's address: the peer, or behind trusted proxies (`EGOV_TRUST_PROXY`, SPEC §5) the
 * last address in `X-Forwarded-For` that is not one of them (each proxy appends what it saw).
 */
export function clientAddress(c: Context<AppEnv>): string {
  return forwarded(c, 'x-forwarded-for') ?? peerAddress(c);
}
