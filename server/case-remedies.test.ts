import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

/** SPEC §14: the notice of remedies on every refusal and non-acceptance (行政许可法 Art. 38), over HTTP. */

let server: TestServer;
let org: string; // org-001
let handler: string; // officer-002, handler of 330000-SC
let orgSigner: TestSigner;

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  server = await startTestServer();
  [org, handler] = await Promise.all(['org-001', 'officer-002'].map((id) => server.login(id)));
  orgSigner = await registerSigner(server, org, 'org-001');
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } };

/** A business licence change, accepted by the handler unless asked not to. */
async function runningCase(accept = true): Promise<{ id: string; dueAt: string }> {
  const form = new FormData();
  form.append('file', new Blob([PDF as BlobPart], { type: 'application/pdf' }), 'resolution.pdf');
  const upload = (await server.call('POST', '/api/uploads', { token: org, raw: form })).body.uploadId;
  const content = { serviceCode: 'business-licence-change', data: { ...EXAMPLE_ANSWERS['business-licence-change'] }, materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: upload }] };
  const res = await server.call('POST', '/api/applications', { token: org, body: { ...content, signature: sign(content, orgSigner) }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  expect(res.status).toBe(201);
  if (!accept) return { id: res.body.id as string, dueAt: '' };
  const accepted = await server.call<Answer>('POST', `/api/cases/${res.body.id}/decisions`, { token: handler, body: { action: 'accept' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  return { id: res.body.id, dueAt: accepted.body.dueAt! };
}

const decide = (id: string, body: unknown) => server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token: handler, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });

const NOTICE = {
  review: { body: '浙江省人民政府', withinDays: 60, legalBasis: expect.stringContaining('行政复议法') },
  litigation: { body: '浙江省市场监督管理局所在地有管辖权的人民法院', withinMonths: 6, legalBasis: expect.stringContaining('行政诉讼法》第四十六条') },
};

describe('the notice of remedies', () => {
  it('goes with a refusal, stored with the decision, seen by the applicant and sealed in the record', async () => {
    const { id } = await runningCase();
    const refused = await decide(id, { action: 'refuse', reason: '变更后住所不符合要求', legalBasis: '《市场主体登记管理条例》第二十四条' });
    expect(refused.status).toBe(200);
    expect(refused.body.decision!.remedies).toEqual(NOTICE);
    expect((await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: org })).body.decision!.remedies).toEqual(NOTICE);
    const record = (await server.call('GET', `/api/applications/${id}/record`, { token: org })).body;
    expect(record.decision.remedies).toEqual(NOTICE);
  });

  it('goes with a non-acceptance, and never with an approval passed on or an acceptance', async () => {
    const form = await runningCase();
    expect((await decide(form.id, { action: 'approve' })).body.decision).toBeUndefined();
    const submitted = await runningCase(false);
    const notAccepted = await decide(submitted.id, { action: 'not_accept', reason: '缺少变更决议', legalBasis: '《行政许可法》第三十二条' });
    expect(notAccepted.body.decision).toMatchObject({ action: 'not_accept', remedies: NOTICE });
  });
});
