import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';
import { signAs as sign } from './test-signer';

/** SPEC §14: steps and four eyes, over HTTP. `business-licence-change` is 承办 → 审核 → 批准 at 市场监管局. */

let server: TestServer;
let org: string; // org-001, the applicant
let handler: string; // officer-002, handler of 330000-SC
let reviewer: string; // officer-005, reviewer of 330000-SC
let approver: string; // officer-006, approver of 330000-SC
let ga: string; // officer-001 of 330000-GA: one-step services
let party: LicenceParty;

beforeAll(async () => {
  server = await startTestServer();
  [org, handler, reviewer, approver, ga] = await Promise.all(['org-001', 'officer-002', 'officer-005', 'officer-006', 'officer-001'].map((id) => server.login(id)));
  party = await licenceParty(server, EXAMPLE_ANSWERS['business-licence-change']);
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string } };

/** A submitted business licence change of org-001. */
const licenceCase = () => sharedLicenceCase(party);

function decide(token: string, id: string, body: unknown) {
  return server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

/** A licence change accepted and passed on by the handler: at step 2, review. */
async function atReview(): Promise<string> {
  const { id } = await licenceCase();
  expect((await decide(handler, id, { action: 'accept' })).body.step).toEqual({ number: 1, of: 3, name: 'handle' });
  const passed = await decide(handler, id, { action: 'approve' });
  expect(passed.status).toBe(200);
  expect(passed.body).toMatchObject({ status: 'accepted', step: { number: 2, of: 3, name: 'review' } });
  return id;
}

describe('steps: 承办 → 审核 → 批准', () => {
  it('shows the step in the queue and on the case; one-step services show none', async () => {
    const { id } = await licenceCase();
    const queue = await server.call('GET', '/api/cases?pageSize=100', { token: reviewer });
    expect(queue.body.items.find((c: { id: string }) => c.id === id)).toMatchObject({ step: { number: 1, of: 3, name: 'handle' } });
    const seen = await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: handler });
    expect(seen.body).toMatchObject({ step: { number: 1, of: 3, name: 'handle' }, steps: [] });
    const oneStep = await server.call('GET', '/api/cases?pageSize=100', { token: ga });
    expect(oneStep.body.items.every((c: Record<string, unknown>) => !('step' in c))).toBe(true);
  });

  it('a reviewer deciding the approver’s step is 403, and nothing moves', async () => {
    const id = await atReview();
    expect((await decide(approver, id, { action: 'approve' })).status).toBe(403);
    expect((await decide(reviewer, id, { action: 'approve' })).body.step).toEqual({ number: 3, of: 3, name: 'approve' });
    const wrong = await decide(reviewer, id, { action: 'approve' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.code).toBe('NOT_STEP_ROLE');
    expect((await decide(handler, id, { action: 'refuse', reason: '不符合', legalBasis: '第三十条' })).status).toBe(403);
    const still = await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: approver });
    expect(still.body).toMatchObject({ status: 'accepted', step: { number: 3 } });
    expect(still.body.steps!.map((s) => [s.step, s.officer.name, s.action])).toEqual([[1, '周八', 'accept'], [1, '周八', 'approve'], [2, '冯十一', 'approve']]);
  });

  it('refuses or asks for a correction at any step; the correction comes back to the step that asked, its clock kept', async () => {
    const refused = await atReview();
    const refusal = await decide(reviewer, refused, { action: 'refuse', reason: '变更决议不完整', legalBasis: '《市场主体登记管理条例》第二十四条' });
    expect(refusal.status).toBe(200);
    expect(refusal.body).toMatchObject({ status: 'refused', decision: { action: 'refuse', officer: { name: '冯十一' } } });

    const id = await atReview();
    const dueAt = (await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: reviewer })).body.dueAt;
    const asked = await decide(reviewer, id, { action: 'request_correction', items: [{ path: '/newValues', reason: '请写明变更后的住所' }] });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: 'correction_requested', step: { number: 2 } });
    const seen = (await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: org })).body;
    const data = { ...seen.data, newValues: '住所：杭州市滨江区网商路 699 号 1 号楼' };
    const materials = seen.materials.map(({ code, certificateId, uploadId }) => ({ code, ...(certificateId ? { certificateId } : {}), ...(uploadId ? { uploadId } : {}) }));
    const body = { data, materials, signature: sign({ serviceCode: 'business-licence-change', data, materials, applicationId: id, version: 2 }, party.signer) };
    expect((await server.call('POST', `/api/applications/${id}/resubmissions`, { token: org, body, headers: { 'Idempotency-Key': crypto.randomUUID() } })).status).toBe(201);
    expect((await decide(handler, id, { action: 'accept' })).status).toBe(403);
    const again = await decide(reviewer, id, { action: 'accept' });
    expect(again.body).toMatchObject({ status: 'accepted', step: { number: 2 }, dueAt });
  });

  it('one officer cannot take two steps of a case (409 SAME_OFFICER), even holding both roles', async () => {
    await server.store.db.insertInto('officer_roles').values({ subject_id: 'officer-002', agency_code: '330000-SC', role: 'reviewer' }).execute();
    try {
      const id = await atReview();
      const twice = await decide(handler, id, { action: 'approve' });
      expect(twice.status).toBe(409);
      expect(twice.body.error?.code).toBe('SAME_OFFICER');
      const still = await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: handler });
      expect(still.body).toMatchObject({ status: 'accepted', step: { number: 2 } });
      expect(still.body.history.at(-1)!.action).toBe('passed_on');
    } finally {
      await server.store.db.deleteFrom('officer_roles').where('subject_id', '=', 'officer-002').where('role', '=', 'reviewer').execute();
    }
  });

  it('approves at the last step: the licence is issued once, the history tells each step', async () => {
    const id = await atReview();
    expect((await decide(reviewer, id, { action: 'approve' })).body.certificateId).toBeUndefined();
    const approved = await decide(approver, id, { action: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', step: { number: 3, of: 3, name: 'approve' }, certificateId: expect.any(String) });
    expect(approved.body.steps!.map((s) => [s.name, s.officer.name])).toEqual([['handle', '周八'], ['handle', '周八'], ['review', '冯十一'], ['approve', '陈十二']]);
    expect(approved.body.history.map((e) => e.action)).toEqual(['submitted', 'accepted', 'passed_on', 'passed_on', 'approved', 'certificate_issued']);
    expect((await decide(approver, id, { action: 'approve' })).status).toBe(409);
  });
});
