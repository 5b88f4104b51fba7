import { Hono, type Context } from 'hono';
import { applicationForApplicant, recordFor, withdraw } from '../applications/decisions';
import { requestHash, type Keyed } from '../applications/idempotency';
import { resubmit, submit } from '../applications/submission';
import { localeFromHeader } from '../applications/validate-data';
import { listApplications } from '../applications/view-store';
import { requireSubject } from '../auth';
import type { AppEnv, Deps } from '../env';
import { ApiProblem, problems } from '../errors';
import { FieldChecks, intParam, readObject } from '../http';
import { rateLimit } from '../rate-limit';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function checkedKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) throw problems.badRequest('The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }]);
  return key;
}

/** The request's Idempotency-Key: required where a retry must never act twice. */
export function idempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key.trim() === '') {
    throw new ApiProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (e.g. a UUID made once per request) so a retried request is not acted on twice');
  }
  return checkedKey(key);
}

/** An Idempotency-Key where one is welcome but not required. */
export function optionalIdempotencyKey(c: Context<AppEnv>): string | undefined {
  const key = c.req.header('idempotency-key');
  return key === undefined || key.trim() === '' ? undefined : checkedKey(key);
}

/** The subject's key and the hash of the body: what a keyed request is told apart by. */
export function keyedRequest(subjectId: string, key: string | undefined, body: unknown): Keyed {
  return { subjectId, key, hash: requestHash(body) };
}

/** `Idempotent-Replayed: true` on an answer given again. */
export function replayHeaders(replayed: boolean): Record<string, string> {
  return replayed ? { 'Idempotent-Replayed': 'true' } : {};
}

/** Electronic applications (SPEC §3, §6; Art. 30–33). */
export function applicationsRoutes(deps: Deps) {
  const { store } = deps;
  const { db } = store;
  const app = new Hono<AppEnv>();
  const submitLimit = rateLimit({ limit: 120, windowMs: 60_000, key: (c) => 'applications:' + (c.get('subject')?.id ?? '') });
  const locale = (c: Context<AppEnv>) => localeFromHeader(c.req.header('accept-language'));

  app.post('/applications', submitLimit, async (c) => {
    const applicant = requireSubject(c);
    const key = idempotencyKey(c);
    const body = await readObject(c);
    const { answer, replayed } = await submit(store, applicant, body, keyedRequest(applicant.id, key, body), locale(c));
    return c.json(answer, 201, replayHeaders(replayed));
  });

  app.get('/applications', async (c) => {
    const applicant = requireSubject(c);
    const page = intParam(c.req.query('page'), 1, 1, 10_000);
    const pageSize = intParam(c.req.query('pageSize'), 20, 1, 100);
    return c.json(await listApplications(db, applicant.id, page, pageSize));
  });

  app.get('/applications/:id', async (c) => {
    const applicant = requireSubject(c);
    return c.json(await applicationForApplicant(db, applicant, c.req.param('id')));
  });

  app.post('/applications/:id/resubmissions', submitLimit, async (c) => {
    const applicant = requireSubject(c);
    const key = idempotencyKey(c);
    const body = await readObject(c);
    const { answer, replayed } = await resubmit(store, applicant, c.req.param('id'), body, keyedRequest(applicant.id, key, body), locale(c));
    return c.json(answer, 201, replayHeaders(replayed));
  });

  app.post('/applications/:id/withdrawal', async (c) => {
    const applicant = requireSubject(c);
    const key = optionalIdempotencyKey(c);
    // The body is optional: a withdrawal need not give a reason.
    const body = c.req.header('content-type') || Number(c.req.header('content-length') ?? 0) > 0 ? await readObject(c) : {};
    const { reason, ...rest } = body;
    const checks = new FieldChecks();
    if (reason !== undefined && reason !== null && (typeof reason !== 'string' || reason.length > 2000)) checks.add('reason', 'reason must be text of at most 2000 characters');
    for (const name of Object.keys(rest)) checks.add(name, 'Unknown property');
    checks.throwIfAny(400);
    const text = typeof reason === 'string' && reason.trim() ? reason.trim() : undefined;
    const { answer, replayed } = await withdraw(store, applicant, c.req.param('id'), text, keyedRequest(applicant.id, key, body));
    return c.json(answer, 200, replayHeaders(replayed));
  });

  // Art. 33: the sealed archival record, for the applicant and the officers of the agency.
  app.get('/applications/:id/record', async (c) => {
    const subject = requireSubject(c);
    return c.json(await recordFor(db, subject, c.req.param('id')));
  });

  return app;
}
