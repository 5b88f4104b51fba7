import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { SERVICES } from '../../server/seed/data/services';
import { CERTIFICATE_SEEDS, CERTIFICATE_TYPE_NAMES } from '../../server/seed/data/certificates';
import { SUBJECTS } from '../../server/seed/data/subjects';
import { apiError, storySubject } from './session';
import { subjectAnswers } from '../../src/core/answer-checks';

/**
 * Mocked API of the applications area, built from the server's seed data: services,
 * uploads (type from the first bytes, as the server does), certificate lookup (Art. 32)
 * and applications with Idempotency-Key. `*\/down/api/...` answers nothing at all, for
 * stories of an unreachable server; under `*\/slow/api/...` uploads and submissions never
 * finish, for stories of those moments.
 */

const MAX_UPLOAD = 10 * 1024 * 1024;
const uploads = new Map<string, { owner: string; size: number; mediaType: string }>();
const applications = new Map<string, Array<{ id: string; receiptNo: string; status: string; submittedAt: string; serviceCode: string; serviceName: string }>>();
const byKey = new Map<string, { id: string; receiptNo: string; status: string; submittedAt: string }>();
let counter = 0;

/** Forgets uploads and applications between stories. */
export function resetApplicationMocks(): void {
  uploads.clear();
  applications.clear();
  byKey.clear();
  counter = 0;
}

/** An application already on file, for stories of the receipt and "my applications". */
export function seedMockApplication(subjectId: string, serviceCode = 'birth-registration') {
  const service = SERVICES.find((s) => s.code === serviceCode)!;
  counter += 1;
  const application = {
    id: `app-story-${counter}`,
    receiptNo: `ZJ${serviceCode === 'birth-registration' ? 'CS' : 'SW'}-20261127-${String(100000 + counter)}`,
    status: 'submitted',
    submittedAt: new Date(Date.UTC(2026, 10, 27, 2, 30 + counter)).toISOString(),
    serviceCode,
    serviceName: service.name,
  };
  applications.set(subjectId, [...(applications.get(subjectId) ?? []), application]);
  return application;
}

function mediaTypeOf(head: Uint8Array): string | undefined {
  const starts = (bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return undefined;
}

export const applicationHandlers: HttpHandler[] = [
  http.all('*/down/api/*', () => HttpResponse.error()),
  http.post('*/slow/api/uploads', async () => {
    await delay('infinite');
    return HttpResponse.error();
  }),
  http.post('*/slow/api/applications', async () => {
    await delay('infinite');
    return HttpResponse.error();
  }),

  http.get('*/api/services', () => HttpResponse.json(SERVICES)),
  // SPEC §4 x-egov-subject: the signed-in subject's own values of the answers bound to them.
  http.get('*/api/services/:code/subject-answers', ({ params, request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const service = SERVICES.find((s) => s.code === params.code);
    if (!service) return apiError(404, 'SERVICE_NOT_FOUND', 'No such service');
    const seed = SUBJECTS.find((s) => s.id === subject.id);
    const own = seed?.kind === 'citizen' ? { name: seed.name, idNumber: seed.idNumber ?? undefined } : seed?.kind === 'organisation' ? { orgName: seed.name, uscc: seed.idNumber ?? undefined } : {};
    return HttpResponse.json({ data: subjectAnswers(service.form.schema, own) });
  }),
  http.get('*/api/services/:code', ({ params }) => {
    const service = SERVICES.find((s) => s.code === params.code);
    return service ? HttpResponse.json(service) : apiError(404, 'SERVICE_NOT_FOUND', 'No such service');
  }),

  http.get('*/api/certificates/lookup', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const type = new URL(request.url).searchParams.get('type');
    const holder = SUBJECTS.find((s) => s.id === subject.id)!;
    const items = CERTIFICATE_SEEDS
      .filter((c) => c.holderSubjectId === subject.id && c.typeCode === type && !c.revoked && Date.parse(c.validUntil) > Date.now())
      .map((c) => ({
        id: c.id,
        number: c.number,
        type: { code: c.typeCode, name: CERTIFICATE_TYPE_NAMES[c.typeCode]?.name ?? c.typeCode },
        holder: { name: holder.name, idNumberMasked: '' },
        issuer: { code: c.issuerCode, name: c.issuerCode },
        issuedAt: c.issuedAt,
        validUntil: c.validUntil,
        status: 'valid',
      }));
    return HttpResponse.json(items);
  }),

  http.post('*/api/uploads', async ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const form = await request.formData();
    const file = form.get('file');
    if (!(file instanceof File)) return apiError(400, 'BAD_REQUEST', 'Send exactly one file');
    if (file.size > MAX_UPLOAD) return apiError(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than 10 MB');
    const mediaType = mediaTypeOf(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
    if (!mediaType) return apiError(415, 'UNSUPPORTED_FILE_TYPE', 'Only PDF, PNG and JPEG files are accepted');
    const uploadId = crypto.randomUUID();
    uploads.set(uploadId, { owner: subject.id, size: file.size, mediaType });
    return HttpResponse.json({ uploadId, size: file.size, mediaType, sm3: '0'.repeat(64) }, { status: 201 });
  }),

  http.post('*/api/applications', async ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const key = request.headers.get('idempotency-key') ?? '';
    const known = byKey.get(subject.id + key);
    if (key && known) return HttpResponse.json(known, { status: 201 });
    const body = (await request.json()) as { serviceCode?: string; signature?: unknown };
    if (!body.signature) return apiError(422, 'SIGNATURE_INVALID', 'The application is not signed');
    const application = seedMockApplication(subject.id, body.serviceCode ?? 'birth-registration');
    const answer = { id: application.id, receiptNo: application.receiptNo, status: application.status, submittedAt: application.submittedAt };
    if (key) byKey.set(subject.id + key, answer);
    return HttpResponse.json(answer, { status: 201 });
  }),

  http.get('*/api/applications', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    return HttpResponse.json({ items: [...(applications.get(subject.id) ?? [])].reverse() });
  }),
];
