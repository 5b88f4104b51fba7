import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed/data/catalog';
import { startTestServer, type TestServer } from './testing';

/**
 * U+0000 is refused at the edge, on SQLite and PostgreSQL alike: PostgreSQL's text and jsonb
 * cannot hold it, so an id or a text field holding it once answered 500 there (and was stored
 * on SQLite). An address holding it is 400; a JSON body holding it is 422 naming the field.
 */

let server: TestServer;
let tokens: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens = {};
  for (const who of ['citizen-001', 'staff-001', 'reviewer-001', 'officer-001', 'steward-001', 'office-001']) tokens[who] = await server.login(who);
});
afterAll(() => server.stop());

describe('U+0000 in an address', () => {
  const routes: Array<[string, string, string]> = [
    ['GET', '/api/catalog/items/330000-GA-%00', 'citizen-001'],
    ['GET', '/api/catalog/items?q=%00', 'citizen-001'],
    ['GET', '/api/access-requests/%00', 'reviewer-001'],
    ['GET', '/api/certificates/%00', 'citizen-001'],
    ['GET', '/api/services/%00', 'citizen-001'],
    ['GET', '/api/services/%00/subject-answers', 'citizen-001'],
    ['GET', '/api/applications/%00', 'citizen-001'],
    ['GET', '/api/applications/%00/record', 'citizen-001'],
    ['GET', '/api/cases/%00', 'officer-001'],
    ['GET', '/api/data/%00/rows', 'staff-001'],
    ['GET', '/api/data/330000-WJ-000001/rows?filter.x=%00', 'staff-001'],
    ['GET', '/api/access-log?itemId=%00', 'reviewer-001'],
    ['GET', '/api/catalog/entries/%00', 'steward-001'],
    ['GET', '/api/catalog/items/%00/comments', 'citizen-001'],
    ['GET', '/api/uploads/%00', 'citizen-001'],
  ];
  for (const [method, path, who] of routes) {
    it(`${method} ${path} is 400, not a server error`, async () => {
      const answer = await server.call(method, path, { token: tokens[who] });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('BAD_REQUEST');
      expect(answer.body.error.message).toMatch(/U\+0000/);
    });
  }
});

describe('U+0000 in a JSON body', () => {
  it('an access request whose purpose holds it is 422 naming `purpose`, and nothing is stored', async () => {
    const before = await server.call('GET', '/api/access-requests', { token: tokens['staff-001'] });
    const answer = await server.call('POST', `/api/catalog/items/${SEED_IDS.restrictedGA}/access-requests`, {
      token: tokens['staff-001'], body: { purpose: '\u0000', legalBasis: '《浙江省公共数据和电子政务管理办法》第二十二条' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual([{ path: 'purpose', message: expect.stringMatching(/U\+0000/) }]);
    const after = await server.call('GET', '/api/access-requests', { token: tokens['staff-001'] });
    expect(after.body.items?.length ?? after.body.length).toBe(before.body.items?.length ?? before.body.length);
  });

  it('a catalogue entry with it in a field label is 422 naming the field', async () => {
    const answer = await server.call('POST', '/api/catalog/entries', {
      token: tokens['steward-001'],
      body: { title: '测试', fields: [{ name: 'a', label: '甲', type: 'string' }, { name: 'b', label: '乙\u0000', type: 'string' }] },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields).toEqual([{ path: 'fields[1].label', message: expect.stringMatching(/U\+0000/) }]);
  });

  it('a comment with it in its text is 422 naming `text`', async () => {
    const answer = await server.call('POST', '/api/catalog/items/330000-WJ-000001/comments', { token: tokens['citizen-001'], body: { text: 'a\u0000b' } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields[0].path).toBe('text');
  });

  it('a key holding it is named too', async () => {
    const answer = await server.call('POST', '/api/auth/demo-login', { body: { ['subject\u0000Id']: 'citizen-001' } });
    expect(answer.status).toBe(422);
    expect(answer.body.error.fields[0].path).toBe('subject\u0000Id');
  });
});
