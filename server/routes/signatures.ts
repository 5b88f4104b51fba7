import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';

/** Routes of the signatures area (SPEC §3). */
export function signaturesRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
