import { Hono } from 'hono';
import { isCaseOfficer, mayReadUpload } from '../access';
import { fileTooLarge, storeUpload, sweepOrphanUploads } from '../applications/uploads';
import { findService, listServices, serviceNotFound } from '../applications/service-store';
import { uploadHandledBy } from '../applications/store';
import { uploadContent } from '../applications/upload-store';
import { requireSubject } from '../auth';
import { subjectAnswers } from '../../src/core/answer-checks';
import { subjectValues } from '../applications/validate-data';
import type { AppEnv, Deps } from '../env';
import { ApiProblem, problems } from '../errors';
import { rateLimit } from '../rate-limit';

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** Service definitions and uploads (SPEC §3, §6). */
export function servicesRoutes(deps: Deps) {
  const { store, settings } = deps;
  const { db } = store;
  const app = new Hono<AppEnv>();

  app.get('/services', async (c) => c.json(await listServices(db)));

  app.get('/services/:code', async (c) => {
    const service = await findService(db, c.req.param('code'));
    if (!service) throw serviceNotFound();
    return c.json(service);
  });

  // SPEC §4 x-egov-subject: the signed-in applicant's own values for the answers bound to
  // them, which the form fills in read-only (their own data, to them alone, never cached).
  app.get('/services/:code/subject-answers', async (c) => {
    const subject = requireSubject(c);
    const service = await findService(db, c.req.param('code'));
    if (!service) throw serviceNotFound();
    return c.json({ data: subjectAnswers(service.form.schema, subjectValues(subject)) }, 200, { 'Cache-Control': 'no-store' });
  });

  // Unsubmitted uploads are swept when the server starts and then at most hourly, on upload.
  let nextSweep = 0;
  const sweep = async () => {
    if (Date.now() < nextSweep) return;
    nextSweep = Date.now() + 3_600_000;
    await sweepOrphanUploads(db);
  };
  void sweep().catch(() => {
    nextSweep = 0;
  });

  // The app-wide body limit already refuses anything much larger than maxUploadBytes from
  // its Content-Length (or while streaming), before the body is read.
  app.post('/uploads', rateLimit({ limit: 120, windowMs: 60_000, key: (c) => 'upload:' + (c.get('subject')?.id ?? '') }), async (c) => {
    const subject = requireSubject(c);
    const type = c.req.header('content-type') ?? '';
    if (!/^multipart\/form-data\b/i.test(type)) throw problems.unsupportedMediaType('Send the file as multipart/form-data');
    let form: Record<string, string | File | Array<string | File>>;
    try {
      form = await c.req.parseBody({ all: true });
    } catch (error) {
      if (error instanceof ApiProblem) throw error;
      throw new ApiProblem(400, 'BAD_REQUEST', 'The multipart body is not valid');
    }
    const files = Object.values(form).flat().filter((value): value is File => typeof value === 'object' && value !== null && 'arrayBuffer' in value);
    if (files.length !== 1) throw new ApiProblem(400, 'BAD_REQUEST', 'Send exactly one file', [{ path: 'file', message: files.length ? 'Send one file at a time' : 'No file was sent' }]);
    const file = files[0]!;
    if (file.size > settings.maxUploadBytes) throw fileTooLarge(settings.maxUploadBytes);
    await sweep();
    const receipt = await storeUpload(store, subject.id, new Uint8Array(await file.arrayBuffer()), settings.maxUploadBytes);
    return c.json(receipt, 201);
  });

  // SPEC §6: the uploader, or an officer of the agency handling an application that names it.
  // Anyone else is told "not found", so upload ids reveal nothing.
  app.get('/uploads/:id', async (c) => {
    const subject = requireSubject(c);
    const upload = await uploadContent(db, c.req.param('id'));
    const namedInTheirCase = Boolean(upload && isCaseOfficer(subject) && (await uploadHandledBy(db, upload.uploadId, subject.agencyCode)));
    if (!upload || !mayReadUpload(subject, upload, namedInTheirCase)) throw problems.notFound('No such upload');
    return c.body(new Uint8Array(upload.content), 200, {
      'Content-Type': upload.mediaType,
      'Content-Length': String(upload.size),
      'Content-Disposition': `attachment; filename="${upload.uploadId}.${EXTENSIONS[upload.mediaType] ?? 'bin'}"`,
      'X-Content-Type-Options': 'nosniff',
    });
  });

  return app;
}
