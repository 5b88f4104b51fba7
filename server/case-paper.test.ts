import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

/** SPEC §14 (Art. 30, 40(5)): no double obligation — paper and presence only where the service declares them, over HTTP. */

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

const ask = (id: string, items: unknown[]) => server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token: handler, body: { action: 'request_correction', items }, headers: { 'Idempotency-Key': crypto.randomUUID() } });

describe('typed correction items', () => {
  it('takes answers, materials and the paper original the service declares, each typed', async () => {
    const { id } = await runningCase(false);
    const items = [
      { kind: 'answer', path: '/newValues', reason: '请写明变更后的住所' },
      { kind: 'material', code: 'change-resolution', reason: '决议缺少签字页' },
      { kind: 'paper', code: 'original-licence', reason: '领取新照时请交回原营业执照正、副本' },
    ];
    const asked = await ask(id, items);
    expect(asked.status).toBe(200);
    expect(asked.body.corrections).toEqual(items);
    expect((await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: org })).body.corrections).toEqual(items);
  });

  it('refuses paper or presence the service does not declare (422 PAPER_NOT_ALLOWED, naming the item), and nothing is recorded', async () => {
    const { id } = await runningCase(false);
    for (const item of [{ kind: 'paper', code: 'business-licence-copy' }, { kind: 'presence', code: 'original-licence' }]) {
      const refused = await ask(id, [{ kind: 'answer', path: '/newValues', reason: '请补充' }, { ...item, reason: '请带原件到窗口' }]);
      expect(refused.status).toBe(422);
      expect(refused.body.error?.code).toBe('PAPER_NOT_ALLOWED');
      expect(refused.body.error?.fields?.map((f) => f.path)).toEqual(['items[1].code']);
    }
    const bad = await ask(id, [{ kind: 'fax', code: 'x', reason: '请补充' }]);
    expect(bad.status).toBe(400);
    const still = (await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: handler })).body;
    expect(still.status).toBe('submitted');
    expect(still.corrections).toBeUndefined();
  });

  it('shows the declared paper in the service definition, with its legal basis', async () => {
    const service = (await server.call('GET', '/api/services/business-licence-change')).body;
    expect(service.paperRequired).toEqual([expect.objectContaining({ code: 'original-licence', kind: 'paper', legalBasis: expect.stringContaining('市场主体登记管理条例') })]);
    expect((await server.call('GET', '/api/services/birth-registration')).body.paperRequired).toBeUndefined();
  });
});
