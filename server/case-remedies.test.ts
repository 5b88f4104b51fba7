import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';

/** SPEC §14: the notice of remedies on every refusal and non-acceptance (行政许可法 Art. 38), over HTTP. */

let server: TestServer;
let org: string; // org-001
let handler: string; // officer-002, handler of 330000-SC
let party: LicenceParty;

beforeAll(async () => {
  server = await startTestServer();
  [org, handler] = await Promise.all(['org-001', 'officer-002'].map((id) => server.login(id)));
  party = await licenceParty(server, EXAMPLE_ANSWERS['business-licence-change']);
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } };

/** A business licence change, accepted by the handler unless asked not to. */
const runningCase = (accept = true) => sharedLicenceCase(party, { accept });

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
