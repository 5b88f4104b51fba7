import { Hono, type Context } from 'hono';
import { APPLICATION_STATUSES, QUEUE_HOLDER_FILTERS, type ApplicationStatus } from '../../src/core/case-types';
import { isCaseOfficer, type Officer } from '../access';
import { assign, claim } from '../applications/claims';
import { extend, readExtension, readSuspension, resume, suspend } from '../applications/clock';
import { decisionLetter } from '../applications/decision-letter';
import { caseForOfficer, decide } from '../applications/decisions';
import { revokeByOfficer } from '../applications/issuing';
import { readDecision } from '../applications/rules';
import { listCases } from '../applications/view-store';
import { requireSubject } from '../auth';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { FieldChecks, intParam, readObject } from '../http';
import { idempotencyKey, keyedRequest, replayHeaders } from './applications';

/** An officer of an agency (SPEC §6), or 401/403. */
export function requireOfficer(c: Context<AppEnv>): Officer {
  const subject = requireSubject(c);
  if (!isCaseOfficer(subject)) throw problems.forbidden('Only officers of an agency may handle cases');
  return subject;
}

/** Every value of a repeated query parameter. */
function queryValues(c: Context<AppEnv>, name: string): string[] {
  return (c.req.queries(name) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

/** The agency's half of an application: the queue, the case, decisions, revocation (SPEC §6, Art. 30–31). */
export function casesRoutes(deps: Deps) {
  const { store } = deps;
  const app = new Hono<AppEnv>();

  app.get('/cases', async (c) => {
    const officer = requireOfficer(c);
    const statuses = queryValues(c, 'status');
    const services = queryValues(c, 'service');
    const checks = new FieldChecks();
    for (const status of statuses) if (!(APPLICATION_STATUSES as readonly string[]).includes(status)) checks.add('status', `Unknown status "${status}"; one of ${APPLICATION_STATUSES.join(', ')}`);
    if (services.length > 50) checks.add('service', 'At most 50 services');
    const filter = c.req.query('filter');
    if (filter !== undefined && !(QUEUE_HOLDER_FILTERS as readonly string[]).includes(filter)) checks.add('filter', `filter must be one of ${QUEUE_HOLDER_FILTERS.join(', ')}`);
    checks.throwIfAny(400);
    return c.json(await listCases(store.db, {
      agencyCode: officer.agencyCode,
      statuses: statuses as ApplicationStatus[],
      services,
      ...(filter ? { holder: filter === 'mine' ? { officerId: officer.id } : 'unassigned' as const } : {}),
      page: intParam(c.req.query('page'), 1, 1, 10_000),
      pageSize: intParam(c.req.query('pageSize'), 20, 1, 100),
    }));
  });

  app.get('/cases/:id', async (c) => {
    const officer = requireOfficer(c);
    return c.json(await caseForOfficer(store.db, officer, c.req.param('id')));
  });

  app.post('/cases/:id/decisions', async (c) => {
    const officer = requireOfficer(c);
    const key = idempotencyKey(c);
    const body = await readObject(c);
    const { input, problems: wrong } = readDecision(body);
    if (!input) throw problems.badRequest('The decision is not complete', wrong);
    const { answer, replayed } = await decide(store, officer, c.req.param('id'), input, keyedRequest(officer.id, key, body), deps.keys);
    return c.json(answer, 200, replayHeaders(replayed));
  });

  app.post('/cases/:id/claim', async (c) => {
    const officer = requireOfficer(c);
    return c.json(await claim(store, officer, c.req.param('id')));
  });

  app.post('/cases/:id/assignment', async (c) => {
    const officer = requireOfficer(c);
    const { officerId, ...rest } = await readObject(c);
    const checks = new FieldChecks();
    if (typeof officerId !== 'string' || !officerId.trim() || officerId.length > 200) checks.add('officerId', 'Name the officer (their id) to give the case to');
    for (const name of Object.keys(rest)) checks.add(name, 'Unknown property');
    checks.throwIfAny(400);
    return c.json(await assign(store, officer, c.req.param('id'), (officerId as string).trim()));
  });

  app.post('/cases/:id/suspension', async (c) => {
    const officer = requireOfficer(c);
    return c.json(await suspend(store, officer, c.req.param('id'), readSuspension(await readObject(c))));
  });

  app.post('/cases/:id/resumption', async (c) => {
    const officer = requireOfficer(c);
    return c.json(await resume(store, officer, c.req.param('id')));
  });

  app.post('/cases/:id/extension', async (c) => {
    const officer = requireOfficer(c);
    return c.json(await extend(store, officer, c.req.param('id'), readExtension(await readObject(c))));
  });

  app.get('/cases/:id/decision-letter', async (c) => {
    return c.json(await decisionLetter(store, requireSubject(c), c.req.param('id')));
  });

  app.post('/certificates/:id/revocation', async (c) => {
    const officer = requireOfficer(c);
    const body = await readObject(c);
    const { reason, ...rest } = body;
    const checks = new FieldChecks();
    if (typeof reason !== 'string' || !reason.trim() || reason.length > 2000) checks.add('reason', 'Give the reason for the revocation');
    for (const name of Object.keys(rest)) checks.add(name, 'Unknown property');
    checks.throwIfAny(400);
    return c.json(await revokeByOfficer(store, c.req.param('id'), officer, (reason as string).trim()));
  });

  return app;
}
