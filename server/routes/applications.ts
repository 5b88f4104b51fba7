import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';

/** Routes of the applications area (SPEC §3). */
export function applicationsRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
