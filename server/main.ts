import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createApp } from './app';
import { TokenService } from './tokens';
import { setting } from './store/settings';
import { openStore } from './store/database';
import type { ServerSettings } from './env';
import { seed } from './seed';

/** Settings from the environment (SPEC §5). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const production = env.NODE_ENV === 'production';
  return {
    demo: env.EGOV_DEMO ? env.EGOV_DEMO === '1' || env.EGOV_DEMO === 'true' : !production,
    corsOrigins: (env.EGOV_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    tokenTtl: Number(env.EGOV_TOKEN_TTL ?? 2 * 60 * 60),
    distDir: resolve(env.EGOV_DIST ?? 'dist'),
    demoDir: resolve(env.EGOV_DEMO_DIR ?? 'demo'),
    log: env.EGOV_LOG !== '0',
    maxJsonBytes: 2 * 1024 * 1024,
    maxUploadBytes: 10 * 1024 * 1024,
    trustProxy: Math.max(0, Math.trunc(Number(env.EGOV_TRUST_PROXY ?? 0)) || 0),
  };
}

/** Opens the database, seeds it when new, and listens. Returns a function that stops cleanly. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const settings = settingsFromEnv(env);
  const store = await openStore({ databaseUrl: env.DATABASE_URL, sqliteFile: env.EGOV_DB ?? './data/egov.sqlite' });
  await seed(store);
  const tokens = new TokenService(env.EGOV_SECRET ?? (await setting(store.db, 'token-secret', () => randomBytes(32).toString('hex'))));
  const app = createApp({ store, tokens, settings });
  const port = Number(env.PORT ?? 8787);
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, () => resolveServer(s));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= new Promise<void>((done) => {
      // Stop taking connections, let requests in flight finish, then close SQLite:
      // every committed transaction is already in the WAL and is checkpointed on close.
      server.close(() => {
        void store.close().then(done);
      });
      (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    }));
  return { port: actualPort, stop, store, settings };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  const running = await start();
  if (running.settings.log) console.log(JSON.stringify({ level: 'info', message: `egov reference backend on http://localhost:${running.port}/`, demo: running.settings.demo }));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}
