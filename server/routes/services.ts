import { Hono } from 'hono';
import { fileTooLarge, storeUpload, sweepOrphanUploads } from '../applications/uploads';
import { findService, listServices, serviceNotFound } from '../applications/service-store';
import { requireSubject } from '../auth';
import type { AppEnv, Deps } from '../env';
import { ApiProblem, problems } from '../errors';
import { rateLimit } from '../rate-limit';

/** Service definitions and uploads (SPEC §3). */
export function servicesRoutes(deps: Deps) {
  const { db, settings } = deps;
  const app = new Hono<AppEnv>();

  app.get('/services', (c) => c.json(listServices(db)));

  app.get('/services/:code', (c) => {
    const service = findService(db, c.req.param('code'));
    if (!service) throw serviceNotFound();
    return c.json(service);
  });

  // Unsubmitted uploads are swept when the server starts and then at most hourly, on upload.
  let nextSweep = 0;
  const sweep = () => {
    if (Date.now() < nextSweep) return;
    nextSweep = Date.now() + 3_600_000;
    sweepOrphanUploads(db);
  };
  sweep();

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
    sweep();
    const receipt = storeUpload(db, subject.id, new Uint8Array(await file.arrayBuffer()), settings.maxUploadBytes);
    return c.json(receipt, 201);
  });

  return app;
}
