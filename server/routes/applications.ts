import { Hono, type Context } from 'hono';
import { checkMaterials, readMaterials } from '../applications/materials';
import { findService, serviceNotFound } from '../applications/service-store';
import { checkSignature } from '../applications/signature';
import { createApplication, getApplication, listApplications, replayed, requestHash } from '../applications/store';
import { localeFromHeader, validateServiceData } from '../applications/validate-data';
import { requireSubject } from '../auth';
import type { AppEnv, Deps } from '../env';
import { ApiProblem, problems } from '../errors';
import { FieldChecks, intParam, readObject } from '../http';
import { rateLimit } from '../rate-limit';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function idempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header('idempotency-key');
  if (key === undefined || key.trim() === '') {
    throw new ApiProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (e.g. a UUID made once per application) so a retried submission is not stored twice');
  }
  if (!IDEMPOTENCY_KEY.test(key)) throw problems.badRequest('The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }]);
  return key;
}

/** Electronic applications (SPEC §3, Art. 30–32). */
export function applicationsRoutes(deps: Deps) {
  const { db } = deps;
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
    let hash: string;
    try {
      hash = requestHash(body);
    } catch {
      // JCS has no form for what JSON.parse makes of e.g. 1e400 (Infinity).
      throw problems.badRequest('The body holds a number outside the range of IEEE 754 doubles');
    }
    const earlier = replayed(db, applicant.id, key, hash);
    if (earlier) return c.json(earlier, 201, { 'Idempotent-Replayed': 'true' });

    const service = findService(db, serviceCode as string);
    if (!service) throw serviceNotFound();
    const kinds: string[] = service.applicantKinds ?? ['citizen', 'organisation'];
    if (!kinds.includes(applicant.kind)) throw problems.forbidden(`This service is for ${kinds.join(' or ')} applicants`, 'APPLICANT_NOT_ALLOWED');

    const answers = data as Record<string, unknown>;
    const invalid = validateServiceData(service, answers, localeFromHeader(c.req.header('accept-language')));
    if (invalid.length) throw problems.validation(invalid, 'Some answers are not valid');

    const materialProblems = checkMaterials(db, service, applicant.id, materials);
    if (materialProblems.length) throw problems.validation(materialProblems, 'Some materials are missing or cannot be used', 'MATERIAL_INVALID');

    const envelope = await checkSignature(db, service, applicant.id, { serviceCode: service.code, data, materials: rawMaterials }, signature);

    const { receipt, created } = createApplication(db, { applicantId: applicant.id, serviceCode: service.code, data: answers, materials, signature: envelope }, key, hash);
    return c.json(receipt, 201, created ? {} : { 'Idempotent-Replayed': 'true' });
  });

  app.get('/applications', (c) => {
    const applicant = requireSubject(c);
    const page = intParam(c.req.query('page'), 1, 1, 10_000);
    const pageSize = intParam(c.req.query('pageSize'), 20, 1, 100);
    return c.json(listApplications(db, applicant.id, page, pageSize));
  });

  app.get('/applications/:id', (c) => {
    const applicant = requireSubject(c);
    const application = getApplication(db, applicant.id, c.req.param('id'));
    // Someone else's application is "not found", never "forbidden": its existence is not told.
    if (!application) throw problems.notFound('No such application');
    return c.json(application);
  });

  return app;
}
