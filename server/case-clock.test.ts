import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';
import { addWorkingDays, workingDaysBetween } from './applications/working-days';

/** SPEC §14: the clock of a case stopped, restarted and extended (行政许可法 Art. 42, 45), over HTTP. */

let server: TestServer;
let org: string; // org-001
let handler: string; // officer-002, handler of 330000-SC
let approver: string; // officer-006, approver of 330000-SC
let ga: string; // officer-001 of 330000-GA: no roles
let party: LicenceParty;

beforeAll(async () => {
  server = await startTestServer();
  [org, handler, approver, ga] = await Promise.all(['org-001', 'officer-002', 'officer-006', 'officer-001'].map((id) => server.login(id)));
  party = await licenceParty(server, EXAMPLE_ANSWERS['business-licence-change']);
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } };

/** A business licence change, accepted by the handler: its clock runs. */
const runningCase = async () => (await sharedLicenceCase(party, { accept: true })) as { id: string; dueAt: string };

const post = (token: string, id: string, what: string, body: unknown = {}) => server.call<Answer>('POST', `/api/cases/${id}/${what}`, { token, body });
const EXPERT = { reason: '需委托专家评审变更事项', legalBasis: '《中华人民共和国行政许可法》第四十五条', kind: 'expert' };

describe('suspension and resumption', () => {
  it('stops the clock with its reason, refuses decisions meanwhile, and adds the working days it stood still to the due date', async () => {
    const { id, dueAt } = await runningCase();
    const stopped = await post(handler, id, 'suspension', EXPERT);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toMatchObject({ suspended: true, dueAt, clock: [{ action: 'suspended', kind: 'expert', reason: EXPERT.reason, legalBasis: EXPERT.legalBasis, officer: { name: '周八' } }] });
    expect((await post(handler, id, 'suspension', EXPERT)).body.error?.code).toBe('ALREADY_SUSPENDED');
    const decided = await server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token: handler, body: { action: 'approve' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(decided.status).toBe(409);
    expect(decided.body.error?.code).toBe('CASE_SUSPENDED');
    // Stopped a week ago: five working days go back on the clock.
    const weekAgo = new Date(Date.now() - 7 * 86_400_000);
    await server.store.db.updateTable('applications').set({ suspended_at: weekAgo.toISOString() }).where('id', '=', id).execute();
    const resumed = await post(handler, id, 'resumption');
    expect(resumed.status).toBe(200);
    const days = workingDaysBetween(weekAgo, new Date(resumed.body.clock!.at(-1)!.at));
    expect(days).toBeGreaterThanOrEqual(5);
    expect(resumed.body.dueAt).toBe(addWorkingDays(new Date(dueAt), days));
    expect(resumed.body.suspended).toBeUndefined();
    expect(resumed.body.clock!.at(-1)).toMatchObject({ action: 'resumed', days, dueAt: resumed.body.dueAt });
    // The applicant sees each change with its reason; the queue follows the new due date.
    const mine = (await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: org })).body;
    expect(mine.clock!.map((e) => e.action)).toEqual(['suspended', 'resumed']);
    expect(mine.clock![0]!.reason).toBe(EXPERT.reason);
    const queued = (await server.call('GET', '/api/cases?pageSize=100', { token: handler })).body.items.find((c: { id: string }) => c.id === id);
    expect(queued.dueAt).toBe(resumed.body.dueAt);
  });

  it('names legalBasis when it is missing (422), refuses a case not accepted or not stopped (409), and another agency’s (404)', async () => {
    const { id } = await runningCase();
    const missing = await post(handler, id, 'suspension', { reason: '现场核查', kind: 'inspection' });
    expect(missing.status).toBe(422);
    expect(missing.body.error?.fields?.map((f) => f.path)).toEqual(['legalBasis']);
    expect((await post(handler, id, 'suspension', { ...EXPERT, kind: 'holiday' })).body.error?.fields?.map((f) => f.path)).toEqual(['kind']);
    const notStopped = await post(handler, id, 'resumption');
    expect(notStopped.status).toBe(409);
    expect(notStopped.body.error?.code).toBe('NOT_SUSPENDED');
    expect((await post(ga, id, 'suspension', EXPERT)).status).toBe(404);
    expect((await post(org, id, 'suspension', EXPERT)).status).toBe(403);
    expect((await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: handler })).body.clock).toBeUndefined();
    await server.call('POST', `/api/cases/${id}/decisions`, { token: handler, body: { action: 'refuse', reason: '不符合条件', legalBasis: '《市场主体登记管理条例》第二十四条' }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    const closed = await post(handler, id, 'suspension', EXPERT);
    expect(closed.status).toBe(409);
    expect(closed.body.error?.code).toBe('INVALID_TRANSITION');
  });
});

describe('extension (行政许可法 Art. 42)', () => {
  it('lets an approver extend once by at most 10 working days, the due date recomputed', async () => {
    const { id, dueAt } = await runningCase();
    const tooLong = await post(approver, id, 'extension', { reason: '情况复杂', days: 11 });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.error?.fields?.map((f) => f.path)).toEqual(['days']);
    const notApprover = await post(handler, id, 'extension', { reason: '情况复杂', days: 5 });
    expect(notApprover.status).toBe(403);
    expect(notApprover.body.error?.code).toBe('NOT_APPROVER');
    const extended = await post(approver, id, 'extension', { reason: '情况复杂，需延长审查期限', days: 10 });
    expect(extended.status).toBe(200);
    expect(extended.body.dueAt).toBe(addWorkingDays(new Date(dueAt), 10));
    expect(extended.body.clock).toEqual([expect.objectContaining({ action: 'extended', days: 10, reason: '情况复杂，需延长审查期限', officer: { name: '陈十二' }, dueAt: extended.body.dueAt })]);
    const twice = await post(approver, id, 'extension', { reason: '再次延长', days: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error?.code).toBe('ALREADY_EXTENDED');
    expect((await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: org })).body.dueAt).toBe(extended.body.dueAt);
  });
});
