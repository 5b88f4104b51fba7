import { serve } from '@hono/node-server';
import { Server as NetServer, type Socket } from 'node:net';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app';
import { parseTrustedProxies } from './proxies';
import { TokenService } from './tokens';
import { openStore } from './store/database';
import type { ServerSettings } from './env';
import { seed } from './seed';
import { sealClearVerificationCodes } from './certificates/verification-code';
import { SUBJECTS } from './seed/data/subjects';
import { keyLocation, moveSecretsOutOfDatabase, protectDatabaseFile, tokenSecret } from './signatures/secrets';
import { checkpointOptionsFromEnv, Checkpoints } from './checkpoints/service';

/** Settings from the environment (SPEC §5). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const production = env.NODE_ENV === 'production';
  return {
    // Production has no demo login, whatever EGOV_DEMO says.
    demo: production ? false : env.EGOV_DEMO ? env.EGOV_DEMO === '1' || env.EGOV_DEMO === 'true' : true,
    production,
    corsOrigins: (env.EGOV_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    tokenTtl: Number(env.EGOV_TOKEN_TTL ?? 2 * 60 * 60),
    distDir: resolve(env.EGOV_DIST ?? 'dist'),
    demoDir: resolve(env.EGOV_DEMO_DIR ?? 'demo'),
    log: env.EGOV_LOG !== '0',
    maxJsonBytes: 2 * 1024 * 1024,
    maxUploadBytes: 10 * 1024 * 1024,
    trustedProxies: parseTrustedProxies(env.EGOV_TRUST_PROXY),
    verifyUrl: env.EGOV_VERIFY_URL || `http://localhost:${env.PORT || 8787}/verify`,
  };
}

/**
 * Why a token secret is too weak to sign tokens with, or undefined: shorter than 32
 * characters, fewer than 10 different characters, or less than 80 bits by the Shannon
 * estimate of its characters (32 spaces, `abcd` repeated, a word repeated). 32 random hex
 * digits (128 bits) pass with room; so does a long passphrase.
 */
export function secretWeakness(secret: string): string | undefined {
  const chars = Array.from(secret);
  if (chars.length < 32) return 'must be at least 32 characters';
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (counts.size < 10) return `has only ${counts.size} different characters`;
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / chars.length) * Math.log2(n / chars.length);
  if (bitsPerChar * chars.length < 80) return 'is too predictable (under 80 bits of entropy)';
  return undefined;
}

/** Timeouts of the HTTP server, ms; each may be set in the environment. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    /** Longest a client may take to send the request headers (slow-header clients). */
    headers: ms('EGOV_HEADERS_TIMEOUT_MS', 10_000),
    /** Longest a client may take to send a whole request (a 10 MB upload on a slow line). */
    request: ms('EGOV_REQUEST_TIMEOUT_MS', 120_000),
    /** How long an idle kept-alive connection is held open. */
    keepAlive: ms('EGOV_KEEP_ALIVE_MS', 5_000),
    /** On SIGTERM: how long requests already accepted may take to finish before their sockets are closed. */
    shutdown: ms('EGOV_SHUTDOWN_MS', 10_000),
    /** On SIGTERM: how long new connections are still taken and a quiet kept-alive one may still bring a request already sent. */
    idleGrace: ms('EGOV_SHUTDOWN_IDLE_MS', 300),
  };
}

/** Opens the database, seeds it when new, and listens. Returns a function that stops cleanly. */
export async function start(env: NodeJS.ProcessEnv = process.env) {
  const settings = settingsFromEnv(env);
  const production = settings.production === true;
  if (production && !env.EGOV_SECRET) throw new Error('NODE_ENV=production needs EGOV_SECRET (the token secret, at least 32 characters)');
  const weakness = production ? secretWeakness(env.EGOV_SECRET!) : undefined;
  if (weakness) throw new Error(`EGOV_SECRET ${weakness}: use 32 random bytes, e.g. openssl rand -base64 32`);
  // Any DATABASE_URL means no SQLite file (openStore refuses one that is not PostgreSQL's).
  const sqliteFile = env.DATABASE_URL ? undefined : env.EGOV_DB ?? './data/egov.sqlite';
  const keys = keyLocation(env, production, sqliteFile);
  if (sqliteFile) protectDatabaseFile(sqliteFile);
  const store = await openStore({ databaseUrl: env.DATABASE_URL, sqliteFile: sqliteFile ?? './data/egov.sqlite' });
  let running: Awaited<ReturnType<typeof listen>>;
  let checkpoints: Checkpoints;
  try {
    await seed(store, { demo: settings.demo && !production, vault: keys.vault });
    const tokens = new TokenService(await tokenSecret(store, env, production, keys));
    await moveSecretsOutOfDatabase(store, keys, env);
    await sealClearVerificationCodes(store, keys.vault);
    checkpoints = new Checkpoints(store, keys.vault, checkpointOptionsFromEnv(env, settings.log));
    const app = createApp({ store, tokens, settings, keys: keys.vault, demoSubjects: settings.demo ? SUBJECTS : [], checkpoints });
    running = await listen(app.fetch, Number(env.PORT ?? 8787), env.HOST || '127.0.0.1', timeoutsFromEnv(env), settings);
  } catch (error) {
    await store.close();
    throw error;
  }
  checkpoints.start();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= running.drain()
      // The chains' heads as they are at the end, signed.
      .then(() => checkpoints.close())
      // Every committed transaction is already in the WAL and is checkpointed on close.
      .finally(() => store.close()));
  return { port: running.port, stop, store, settings, server: running.server, checkpoints };
}

/**
 * Listens, and stops gracefully (SIGTERM): the listener closes, requests already received
 * (including ones on open connections that had not been read yet) are answered, each with
 * `Connection: close`; a connection with no request in progress is closed once it has been
 * quiet for a moment, and whatever is left (a client trickling its headers) is cut off
 * after `timeouts.shutdown`, so the process always ends.
 */
async function listen(fetch: (request: Request) => Response | Promise<Response>, port: number, hostname: string, timeouts: ReturnType<typeof timeoutsFromEnv>, settings: ServerSettings) {
  const server = await new Promise<HttpServer>((resolveServer, rejectServer) => {
    const s = serve({
      fetch, port, hostname,
      serverOptions: {
        headersTimeout: timeouts.headers,
        requestTimeout: Math.max(timeouts.request, timeouts.headers),
        keepAliveTimeout: timeouts.keepAlive,
        // How often Node checks those timeouts (its default, 30 s, would let a slow client stay far longer).
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.round(timeouts.headers / 3))),
      },
    }, () => resolveServer(s as HttpServer)) as HttpServer;
    // A port already taken (or not allowed) ends the start, rather than leaving it waiting.
    s.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') rejectServer(new Error(`Port ${port} is already in use: stop what is using it, or set PORT to another port (e.g. PORT=${port + 1} npm start)`));
      else rejectServer(error);
    });
  });

  interface Connection { active: number; served: number; quietSince: number }
  const connections = new Map<Socket, Connection>();
  let draining = false;
  let lastActivity = Date.now();
  server.on('connection', (socket: Socket) => {
    lastActivity = Date.now();
    connections.set(socket, { active: 0, served: 0, quietSince: Date.now() });
    socket.once('close', () => connections.delete(socket));
  });
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    const connection = connections.get(request.socket);
    if (draining) response.shouldKeepAlive = false;
    if (!connection) return;
    connection.active++;
    lastActivity = Date.now();
    response.once('close', () => {
      lastActivity = Date.now();
      connection.active--;
      connection.served++;
      connection.quietSince = Date.now();
    });
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => clientError(error, socket, settings));

  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;

  const drain = () => new Promise<void>((done) => {
    draining = true;
    lastActivity = Date.now();
    for (const [socket, connection] of connections) {
      // A response still being made will close its connection when done.
      const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (pending && !pending.headersSent) pending.shouldKeepAlive = false;
      if (connection.active === 0) connection.quietSince = Math.max(connection.quietSince, Date.now() - timeouts.idleGrace / 2);
    }
    // Connections the kernel has already completed wait in the listen backlog, and closing
    // the listener would reset them; so would http.Server#close, which also drops every
    // connection with no request in progress. So the listener stays open (each answer saying
    // `Connection: close`) until nothing has happened for a grace period, then closes.
    let listening = true;
    const closeListener = () => {
      if (!listening) return;
      listening = false;
      NetServer.prototype.close.call(server, () => {
        clearInterval(sweep);
        clearTimeout(deadline);
        // The header-timeout check http.Server#close would have stopped.
        const checking = Object.getOwnPropertySymbols(server).find((s) => s.description === 'http.server.connectionsCheckingInterval');
        if (checking) clearInterval((server as unknown as Record<symbol, NodeJS.Timeout>)[checking]);
        done();
      });
    };
    const read = new WeakMap<Socket, number>();
    const sweep = setInterval(() => {
      const now = Date.now();
      let busy = false;
      for (const [socket, connection] of connections) {
        // A kept-alive connection quiet for the grace period, with no request in progress and
        // no bytes since the last look. One that has not brought its first request yet was
        // opened to send one (it may be waiting for a busy event loop): it gets until the deadline.
        const quiet = connection.active === 0 && now - connection.quietSince >= timeouts.idleGrace && read.get(socket) === socket.bytesRead;
        if (quiet && connection.served > 0) socket.destroy();
        else if (!quiet) busy = true;
        read.set(socket, socket.bytesRead);
      }
      if (!busy && now - lastActivity >= timeouts.idleGrace) closeListener();
    }, Math.max(10, Math.round(timeouts.idleGrace / 3)));
    const deadline = setTimeout(() => {
      closeListener();
      for (const socket of connections.keys()) socket.destroy();
    }, Math.max(timeouts.shutdown, timeouts.idleGrace));
  });
  return { server, port: actualPort, drain };
}

/**
 * A request Node could not parse: answered in the SPEC error shape (431 for headers over
 * Node's 16 KB, 408 for a request that took too long, 400 otherwise), then closed.
 */
function clientError(error: NodeJS.ErrnoException, socket: Socket, settings: ServerSettings): void {
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] = error.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'Request Header Fields Too Large', 'HEADERS_TOO_LARGE', 'The request headers are larger than 16 KB']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'HPE_HEADERS_TIMEOUT'
      ? [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'The request took too long to arrive']
      : [400, 'Bad Request', 'BAD_REQUEST', 'The request is not valid HTTP'];
  const body = JSON.stringify({ error: { code, message } });
  if (settings.log) console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'client-error', status }));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('server/main.ts')) {
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start();
  } catch (error) {
    // A taken port is one plain line naming PORT; anything else keeps the structured log line.
    if (/^Port \d+ is already in use/.test((error as Error).message)) console.error((error as Error).message);
    else console.error(JSON.stringify({ level: 'fatal', message: (error as Error).message }));
    process.exit(1);
  }
  if (running.settings.log) console.log(JSON.stringify({ level: 'info', message: `egov reference backend on http://${process.env.HOST || '127.0.0.1'}:${running.port}/`, demo: running.settings.demo, production: running.settings.production }));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void running.stop().then(() => process.exit(0));
    });
  }
}
