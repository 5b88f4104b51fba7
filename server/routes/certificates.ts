import { Hono } from 'hono';
import type { AppEnv, Deps } from '../env';

/** Routes of the certificates area (SPEC §3). */
export function certificatesRoutes(_deps: Deps) {
  const app = new Hono<AppEnv>();
  return app;
}
