import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';

/** SPEC §14: claim and assign, over HTTP, on the three-step business licence change of 市场监管局. */

let server: TestServer;
let org: string; // org-001, the applicant
let handler: string; // officer-002, handler of 330000-SC
let reviewer: string; // officer-005, reviewer
let approver: string; // officer-006, approver
let ga: string; // officer-001 of 330000-GA
let party: LicenceParty;

beforeAll(async () => {
  server = await startTestServer();
  [org, handler, reviewer, approver, ga] = await Promise.all(['org-001', 'officer-002', 'officer-005', 'officer-006', 'officer-001'].map((id) => server.login(id)));
  party = await licenceParty(server, EXAMPLE_ANSWERS['business-licence-change']);
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } };

const licenceCase = async () => (await sharedLicenceCase(party)).id;

const decide = (token: string, id: string, body: unknown) => server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
const claim = (token: string, id: string) => server.call<Answer>('POST', `/api/cases/${id}/claim`, { token });
const assign = (token: string, id: string, body: unknown) => server.call<Answer>('POST', `/api/cases/${id}/assignment`, { token, body });
const queue = async (token: string, filter: string) => (await server.call('GET', `/api/cases?pageSize=100&filter=${filter}`, { token })).body.items.map((c: { id: string }) => c.id) as string[];

describe('claim', () => {
  it('lets an officer claim a case; then only the holder decides it (409 CASE_CLAIMED), and the queue filters follow', async () => {
    const id = await licenceCase();
    expect(await queue(handler, 'unassigned')).toContain(id);
    const claimed = await claim(handler, id);
    expect(claimed.status).toBe(200);
    expect(claimed.body.holder).toEqual({ id: 'officer-002', name: '周八' });
    expect((await claim(handler, id)).status).toBe(200);
    expect(await queue(handler, 'mine')).toContain(id);
    expect(await queue(handler, 'unassigned')).not.toContain(id);
    expect(await queue(reviewer, 'mine')).not.toContain(id);
    const other = await claim(reviewer, id);
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('CASE_CLAIMED');
    await server.store.db.insertInto('officer_roles').values({ subject_id: 'officer-006', agency_code: '330000-SC', role: 'handler' }).execute();
    try {
      const taken = await decide(approver, id, { action: 'accept' });
      expect(taken.status).toBe(409);
      expect(taken.body.error?.code).toBe('CASE_CLAIMED');
    } finally {
      await server.store.db.deleteFrom('officer_roles').where('subject_id', '=', 'officer-006').where('role', '=', 'handler').execute();
    }
    expect((await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: approver })).body.status).toBe('submitted');
    expect((await decide(handler, id, { action: 'accept' })).status).toBe(200);
    // Passing the case on leaves it to nobody: the next step's officers claim it.
    const passed = await decide(handler, id, { action: 'approve' });
    expect(passed.body.holder).toBeUndefined();
    expect(await queue(reviewer, 'unassigned')).toContain(id);
    expect((await claim(approver, id)).body.error?.code).toBe('NOT_STEP_ROLE');
    expect((await claim(reviewer, id)).body.holder).toEqual({ id: 'officer-005', name: '冯十一' });
  });

  it('refuses a claim of a closed case (409), of another agency’s (404), and an unknown filter (400)', async () => {
    const id = await licenceCase();
    expect((await decide(handler, id, { action: 'not_accept', reason: '材料不全', legalBasis: '《行政许可法》第三十二条' })).status).toBe(200);
    expect((await claim(handler, id)).status).toBe(409);
    expect((await claim(ga, id)).status).toBe(404);
    expect((await claim(org, id)).status).toBe(403);
    const bad = await server.call('GET', '/api/cases?filter=everyone', { token: handler });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('filter');
  });
});

describe('assignment', () => {
  it('lets a reviewer or an approver give a case to an officer who may take its step', async () => {
    const id = await licenceCase();
    await claim(handler, id);
    await decide(handler, id, { action: 'accept' });
    await decide(handler, id, { action: 'approve' });
    const given = await assign(approver, id, { officerId: 'officer-005' });
    expect(given.status).toBe(200);
    expect(given.body.holder).toEqual({ id: 'officer-005', name: '冯十一' });
    expect(await queue(reviewer, 'mine')).toContain(id);
    // Re-assigned by the reviewer: to the approver, who does not hold the review role: 422.
    const wrongRole = await assign(reviewer, id, { officerId: 'officer-006' });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.body.error?.fields?.[0]?.path).toBe('officerId');
    const notHandler = await assign(handler, id, { officerId: 'officer-005' });
    expect(notHandler.status).toBe(403);
    expect(notHandler.body.error?.code).toBe('NOT_ASSIGNER');
    expect((await assign(approver, id, { officerId: 'officer-001' })).status).toBe(422);
    expect((await assign(approver, id, {})).status).toBe(400);
    expect((await assign(approver, 'no-such-case', { officerId: 'officer-005' })).status).toBe(404);
    expect((await decide(reviewer, id, { action: 'approve' })).body.step).toEqual({ number: 3, of: 3, name: 'approve' });
  });

  it('refuses to give a step to the officer who took another step of the case (409 SAME_OFFICER)', async () => {
    const id = await licenceCase();
    await decide(handler, id, { action: 'accept' });
    await decide(handler, id, { action: 'approve' });
    await server.store.db.insertInto('officer_roles').values({ subject_id: 'officer-002', agency_code: '330000-SC', role: 'reviewer' }).execute();
    try {
      const same = await assign(approver, id, { officerId: 'officer-002' });
      expect(same.status).toBe(409);
      expect(same.body.error?.code).toBe('SAME_OFFICER');
    } finally {
      await server.store.db.deleteFrom('officer_roles').where('subject_id', '=', 'officer-002').where('role', '=', 'reviewer').execute();
    }
  });
});
