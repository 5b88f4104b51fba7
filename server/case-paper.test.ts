import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationDetail } from '../src/core/case-types';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { licenceCase as sharedLicenceCase, licenceParty, type LicenceParty } from './case-testing';
import { startTestServer, type TestServer } from './testing';

/** SPEC §14 (Art. 30, 40(5)): no double obligation — paper and presence only where the service declares them, over HTTP. */

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
