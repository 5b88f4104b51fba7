import { Hono, type Context } from 'hono';
import { checkMaterials, readMaterials } from '../applications/materials';
import { findService, serviceNotFound } from '../applications/service-store';
import { checkSignature } from '../applications/signature';
import { createApplication, getApplication, listApplications, replayed, requestHash, applicationRow } from '../applications/store';
import { localeFromHeader, validateServiceData } from '../applications/validate-data';
import { requireSubject } from '../auth';
import { isFinal, resubmit, withdraw } from '../cases/decisions';
import { archivalRecord } from '../cases/store';
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

/** SM3 of the JCS bytes of a body; 400 for what JCS cannot carry. */
export function hashOf(body: unknown): string {
  try {
    return requestHash(body);
  } catch {
    // JCS has no form for what JSON.parse makes of e.g. 1e400 (Infinity).
    throw problems.badRequest('The body holds a number outside the range of IEEE 754 doubles');
  }
}

/** Electronic applications (SPEC §3, §6; Art. 30–33). */
export function applicationsRoutes(deps: Deps) {
  const { store } = deps;
  const { db } = store;
  const app = new Hono<AppEnv>();
  const submitLimit = rateLimit({ limit: 120, windowMs: 60_000, key: (c) => 'applications:' + (c.get('subject')?.id ?? '') });

  app.post('/applications', submitLimit, async (c) => {
    const applicant = requireSubject(c);
    const key = idempotencyKey(c);
    const body = await readObject(c);

    const checks = new FieldChecks();
    const { serviceCode, data, materials: rawMaterials, signature, ...rest } = body;
    if (typeof serviceCode !== 'string' || !serviceCode || serviceCode.length > 100) checks.add('serviceCode', 'serviceCode must be a service code');
    if (!data || typeof data !== 'object' || Array.isArray(data)) checks.add('data', 'data must be an object');
    const { problems: materialShape, materials } = readMaterials(rawMaterials);
    for (const p of materialShape) checks.add(p.path, p.message);
    for (const name of Object.keys(rest)) checks.add(name, 'Unknown property');
    checks.throwIfAny(400);

    // A retry of a stored application answers at once; a reused key with another body is 409.
    const hash = hashOf(body);
    const earlier = await replayed(db, applicant.id, key, hash);
    if (earlier) return c.json(earlier, 201, { 'Idempotent-Replayed': 'true' });

    const service = await findService(db, serviceCode as string);
    if (!service) throw serviceNotFound();
    const kinds: string[] = service.applicantKinds ?? ['citizen', 'organisation'];
    if (!kinds.includes(applicant.kind)) throw problems.forbidden(`This service is for ${kinds.join(' or ')} applicants`, 'APPLICANT_NOT_ALLOWED');

    const answers = data as Record<string, unknown>;
    const invalid = validateServiceData(service, answers, localeFromHeader(c.req.header('accept-language')), new Date(), applicant);
    if (invalid.length) throw problems.validation(invalid, 'Some answers are not valid');

    const materialProblems = await checkMaterials(db, service, applicant.id, materials);
    if (materialProblems.length) throw problems.validation(materialProblems, 'Some materials are missing or cannot be used', 'MATERIAL_INVALID');

    const envelope = await checkSignature(db, service, applicant.id, { serviceCode: service.code, data, materials: rawMaterials }, signature);

    const { receipt, created } = await createApplication(store, {
      applicantId: applicant.id,
      applicantName: applicant.name,
      serviceCode: service.code,
      agencyCode: service.agency.code,
      data: answers,
      materials,
      signature: envelope,
    }, key, hash);
    return c.json(receipt, 201, created ? {} : { 'Idempotent-Replayed': 'true' });
  });

  app.get('/applications', async (c) => {
    const applicant = requireSubject(c);
    const page = intParam(c.req.query('page'), 1, 1, 10_000);
    const pageSize = intParam(c.req.query('pageSize'), 20, 1, 100);
    return c.json(await listApplications(db, applicant.id, page, pageSize));
  });

  app.get('/applications/:id', async (c) => {
    const applicant = requireSubject(c);
    const application = await getApplication(db, applicant.id, c.req.param('id'));
    // Someone else's application is "not found", never "forbidden": its existence is not told.
    if (!application) throw problems.notFound('No such application');
    return c.json(application);
  });

  app.post('/applications/:id/resubmissions', submitLimit, async (c) => {
    const applicant = requireSubject(c);
    const key = idempotencyKey(c);
    const body = await readObject(c);
    const id = c.req.param('id');
    const { answer, replayed: again } = await resubmit(store, applicant, id, body, { subjectId: applicant.id, key: `resubmission:${id}:${key}`, hash: hashOf(body) }, localeFromHeader(c.req.header('accept-language')));
    return c.json(answer, 201, again ? { 'Idempotent-Replayed': 'true' } : {});
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
    const id = c.req.param('id');
    const { answer, replayed: again } = await withdraw(store, applicant, id, typeof reason === 'string' && reason.trim() ? reason.trim() : undefined, { subjectId: applicant.id, key: key && `withdrawal:${id}:${key}`, hash: hashOf(body) });
    return c.json(answer, 200, again ? { 'Idempotent-Replayed': 'true' } : {});
  });

  // Art. 33: the sealed archival record, for the applicant and the officers of the agency.
  app.get('/applications/:id/record', async (c) => {
    const subject = requireSubject(c);
    const row = await applicationRow(db, c.req.param('id'));
    const mayRead = row && (row.applicant_subject_id === subject.id || (subject.kind === 'officer' && subject.agencyCode === row.agency_code));
    if (!row || !mayRead) throw problems.notFound('No such application');
    if (!isFinal(row.status)) throw problems.conflict(`The application is ${row.status}: its archival record is made when it is decided or withdrawn`, 'CASE_NOT_FINAL');
    const record = await archivalRecord(db, row.id);
    if (!record) throw new ApiProblem(500, 'RECORD_MISSING', 'The archival record of this case is missing');
    return c.json(record);
  });

  return app;
}
