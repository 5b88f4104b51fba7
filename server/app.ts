import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { authenticate } from './auth';
import { compressAnswers } from './compress';
import { mountStatic } from './static';
import { ApiProblem, problemResponse, problems, toApiProblem } from './errors';
import { DomainError } from './domain/errors';
import { addressHasNul } from './http';
import type { AppEnv, Deps } from './env';
import { authRoutes } from './routes/auth';
import { catalogRoutes } from './routes/catalog';
import { certificatesRoutes } from './routes/certificates';
import { signaturesRoutes } from './routes/signatures';
import { servicesRoutes } from './routes/services';
import { applicationsRoutes } from './routes/applications';
import { casesRoutes } from './routes/cases';
import { dataRoutes } from './routes/data';
import { dcatRoutes } from './routes/dcat';
import { CATALOGUE_DATA_PATH, cataloguingRoutes } from './routes/cataloguing';
import { checkpointsRoutes } from './routes/checkpoints';

const ROUTE_MODULES = [authRoutes, catalogRoutes, certificatesRoutes, signaturesRoutes, servicesRoutes, applicationsRoutes, casesRoutes, dataRoutes, dcatRoutes, cataloguingRoutes, checkpointsRoutes];

/**
 * Content-Security-Policy of the pages: no inline script, no eval, Trusted Types required
 * (Lit's `lit-html` policy is the only one the elements create). In production no inline
 * styles either: the elements' styles are adopted stylesheets, which `style-src` does not
 * govern, and no template sets a `style` attribute. Demo mode also allows inline styles and
 * the loopback WebSocket of the development tools.
 */
export function contentSecurityPolicy(production: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    production ? "style-src 'self'" : "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    production ? "connect-src 'self'" : "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types lit-html egov-elements 'allow-duplicates'",
  ].join('; ');
}

/** The demo's policy (contentSecurityPolicy(false)). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(false);

export function createApp(deps: Deps): Hono<AppEnv> {
  const { settings } = deps;
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(settings.log));
  app.use('*', secureHeaders({
    contentSecurityPolicy: undefined,
    crossOriginResourcePolicy: false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
    referrerPolicy: 'strict-origin-when-cross-origin',
  }));
  const csp = contentSecurityPolicy(settings.production === true);
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
  });

  const api = new Hono<AppEnv>();
  // Outermost, so it sees each answer with all its headers (errors included).
  api.use('*', compressAnswers());
  api.use('*', cors({
    origin: (origin) => (settings.corsOrigins.includes(origin) ? origin : null),
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    allowMethods: ['GET', 'POST', 'PUT', 'OPTIONS'],
    exposeHeaders: ['Retry-After'],
    maxAge: 600,
  }));
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const uploadLimit = bodyLimit({
    // Uploads have their own, larger limit; every other body is JSON.
    maxSize: settings.maxUploadBytes + 64 * 1024,
    onError: () => { throw problems.tooLarge(); },
  });
  // A catalogue entry's CSV (SPEC §8) streams through its route's own 50 MB limit.
  api.use('*', async (c, next) => (CATALOGUE_DATA_PATH.test(c.req.path) ? next() : uploadLimit(c, next)));
  api.use('*', async (c, next) => {
    if (c.req.path.endsWith('/uploads') || CATALOGUE_DATA_PATH.test(c.req.path)) return next();
    return bodyLimit({ maxSize: settings.maxJsonBytes, onError: () => { throw problems.tooLarge(); } })(c, next);
  });
  // U+0000 in an id or a query value: refused before any route reads it, on both engines alike.
  api.use('*', async (c, next) => {
    if (addressHasNul(c.req.url)) throw problems.badRequest('The address contains the NUL character (U+0000)');
    await next();
  });
  api.use('*', async (c, next) => {
    c.set('store', deps.store);
    c.set('settings', settings);
    await next();
  });
  api.use('*', authenticate(deps.store, deps.tokens));
  for (const module of ROUTE_MODULES) api.route('/', module(deps));
  api.all('*', (c) => problemResponse(c, problems.notFound('No such API route')));

  app.route('/api', api);

  // The demo portal page, its verify page and the built bundle, compressed (server/static.ts).
  mountStatic(app, settings);
  app.get('/healthz', (c) => c.json({ ok: true }));

  app.notFound((c) => problemResponse(c, problems.notFound('Not found')));
  app.onError((error, c) => {
    if (error instanceof ApiProblem) return closeIfTooLarge(c, problemResponse(c, error));
    if (error instanceof DomainError) return closeIfTooLarge(c, problemResponse(c, toApiProblem(error)));
    if (error instanceof HTTPException) {
      const status = error.status;
      return closeIfTooLarge(c, problemResponse(c, new ApiProblem(status as 400, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'HTTP_' + status, error.message || 'Request failed')));
    }
    // The client went away mid-request (e.g. while sending the body): not a server error.
    if (c.req.raw.signal.aborted || isAbort(error)) {
      if (settings.log) console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'client-abort', method: c.req.method, route: c.req.routePath }));
      return problemResponse(c, new ApiProblem(400, 'CLIENT_ABORTED', 'The request was aborted by the client'));
    }
    // Only the kind and place of the failure are logged: a message can quote request data,
    // which may be personal.
    if (settings.log) {
      const where = /\((?:file:\/\/)?[^)]*?([\w.-]+\.[jt]s:\d+):\d+\)/.exec((error as Error).stack ?? '')?.[1];
      console.error(JSON.stringify({ level: 'error', route: c.req.routePath, error: (error as Error).name, where }));
    }
    return problemResponse(c, new ApiProblem(500, 'SERVER_ERROR', 'Internal server error'));
  });
  return app;
}

/**
 * A 413 is answered before the body is read: the connection is closed after it (rather
 * than kept alive and then cut off while the rest of the body is discarded).
 */
function closeIfTooLarge(c: { req: { header: (name: string) => string | undefined } }, response: Response): Response {
  // Only where a Content-Length announced the size: the body is then unread, and Node reads
  // and discards it after the answer before closing. A chunked body cut off mid-way is
  // already being discarded on a connection that stays usable.
  if (response.status === 413 && c.req.header('content-length') !== undefined) response.headers.set('Connection', 'close');
  return response;
}

/** Errors a body stream raises when the client disconnects. */
function isAbort(error: unknown): boolean {
  const e = error as { name?: string; code?: string; message?: string; cause?: { code?: string } } | undefined;
  return e?.name === 'AbortError' || e?.code === 'ECONNRESET' || e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || e?.cause?.code === 'ECONNRESET'
    || e?.message === 'aborted' || e?.message === 'terminated';
}

/** One JSON line per request: the route pattern, never the path, query or body (they may be personal). */
function requestLog(enabled: boolean) {
  return async (c: Parameters<Parameters<Hono<AppEnv>['use']>[1]>[0], next: () => Promise<void>) => {
    const start = performance.now();
    await next();
    if (!enabled) return;
    console.log(JSON.stringify({
      time: new Date().toISOString(),
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round(performance.now() - start),
    }));
  };
}
