import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';

/** Routes of the catalog area (SPEC §3). */
export function catalogRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
