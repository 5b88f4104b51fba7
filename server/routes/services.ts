import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';

/** Service definitions and uploads (SPEC §3). */
export function servicesRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
