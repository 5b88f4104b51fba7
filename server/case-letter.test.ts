import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail, DecisionLetter } from '../src/core/case-types';
import { canonicalBytes, sm2Verify, type TrustedIssuer } from '../src/core/crypto';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';

/** SPEC §14: the decision letter (决定书), sealed by the agency like a certificate, over HTTP. */

let server: TestServer;
let org: string; // org-001
let handler: string; // officer-002, handler of 330000-SC
let others: string[]; // citizen-001, officer-001 of 330000-GA
let party: LicenceParty;

beforeAll(async () => {
  server = await startTestServer();
  [org, handler] = await Promise.all(['org-001', 'officer-002'].map((id) => server.login(id)));
  others = await Promise.all(['citizen-001', 'officer-001'].map((id) => server.login(id)));
  party = await licenceParty(server, EXAMPLE_ANSWERS['business-licence-change']);
});
afterAll(() => server.stop());

type Answer = ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } };

/** A business licence change, accepted by the handler unless asked not to. */
const runningCase = (accept = true) => sharedLicenceCase(party, { accept });

const decide = (id: string, body: unknown) => server.call<Answer>('POST', `/api/cases/${id}/decisions`, { token: handler, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
const letter = (token: string, id: string) => server.call<DecisionLetter & { error?: { code: string } }>('GET', `/api/cases/${id}/decision-letter`, { token });

describe('GET /cases/{id}/decision-letter', () => {
  it('gives the applicant and the agency’s officers the same sealed letter, with the remedies of a refusal', async () => {
    const { id } = await runningCase();
    const pending = await letter(org, id);
    expect(pending.status).toBe(409);
    expect(pending.body.error?.code).toBe('NOT_DECIDED');
    await decide(id, { action: 'refuse', reason: '变更后住所不符合要求', legalBasis: '《市场主体登记管理条例》第二十四条' });
    const mine = await letter(org, id);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      number: expect.stringMatching(/^ZJ-.*-JD$/), applicant: { name: '杭州示例科技有限公司' }, service: { code: 'business-licence-change', name: '营业执照变更登记' },
      decision: 'refuse', reasons: '变更后住所不符合要求', legalBasis: '《市场主体登记管理条例》第二十四条', agency: { code: '330000-SC', name: '浙江省市场监督管理局' },
      remedies: { review: { body: '浙江省人民政府', withinDays: 60 }, litigation: { withinMonths: 6 } },
    });
    expect((await letter(handler, id)).body).toEqual(mine.body);
    const trust = (await server.call<TrustedIssuer[]>('GET', '/api/trust/issuers')).body;
    const key = trust.find((k) => k.keyId === mine.body.seal.keyId)!;
    expect(key.agency.code).toBe('330000-SC');
    const { seal, ...sealed } = mine.body;
    expect(sm2Verify(canonicalBytes(sealed), seal.signature, key.publicKey)).toBe(true);
    expect(sm2Verify(canonicalBytes({ ...sealed, reasons: '已改' }), seal.signature, key.publicKey)).toBe(false);
  });

  it('is not found for anyone else: another citizen, another agency’s officer, an unknown case', async () => {
    const { id } = await runningCase();
    await decide(id, { action: 'refuse', reason: '不符合条件', legalBasis: '《市场主体登记管理条例》第二十四条' });
    for (const token of others) expect((await letter(token, id)).status).toBe(404);
    expect((await letter(org, 'no-such-case')).status).toBe(404);
    expect((await server.call('GET', `/api/cases/${id}/decision-letter`)).status).toBe(401);
  });
});
