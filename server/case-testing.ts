import { expect } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import type { TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

/**
 * For the tests of SPEC §14 over HTTP: 市场监管局's three-step business licence change, as
 * org-001 applies (signed, with its licence and an uploaded resolution) and the handler
 * (officer-002) accepts.
 */

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

export interface LicenceParty {
  server: TestServer;
  /** org-001, the applicant. */
  org: string;
  /** officer-002, handler of 330000-SC. */
  handler: string;
  signer: TestSigner;
  /** The answers of the form (the seed's example, which the tests read). */
  answers: Record<string, unknown>;
}

export async function licenceParty(server: TestServer, answers: Record<string, unknown>): Promise<LicenceParty> {
  const [org, handler] = await Promise.all(['org-001', 'officer-002'].map((id) => server.login(id)));
  return { server, org: org!, handler: handler!, signer: await registerSigner(server, org!, 'org-001'), answers };
}

/** A submitted business licence change of org-001, accepted by the handler when asked (then with its due date). */
export async function licenceCase(party: LicenceParty, options: { accept?: boolean } = {}): Promise<{ id: string; dueAt?: string }> {
  const { server, org, handler, signer, answers } = party;
  const form = new FormData();
  form.append('file', new Blob([PDF as BlobPart], { type: 'application/pdf' }), 'resolution.pdf');
  const upload = (await server.call('POST', '/api/uploads', { token: org, raw: form })).body.uploadId;
  const content = { serviceCode: 'business-licence-change', data: { ...answers }, materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: upload }] };
  const res = await server.call('POST', '/api/applications', { token: org, body: { ...content, signature: sign(content, signer) }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  expect(res.status).toBe(201);
  const id = res.body.id as string;
  if (!options.accept) return { id };
  const accepted = await server.call<ApplicationDetail>('POST', `/api/cases/${id}/decisions`, { token: handler, body: { action: 'accept' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  expect(accepted.status).toBe(200);
  return { id, dueAt: accepted.body.dueAt! };
}
