import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenService } from './tokens';
import { startTestServer, type TestServer } from './testing';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ EGOV_SECRET: 'test-secret' });
});
afterAll(() => server.stop());

describe('the error contract', () => {
  it('answers an unknown API route with 404 in the SPEC shape', async () => {
    const res = await server.call('GET', '/api/no/such/route');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('answers malformed JSON with 400 and a wrong content type with 415', async () => {
    const malformed = await server.call('POST', '/api/auth/demo-login', { raw: '{"subjectId":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');
    const wrongType = await server.call('POST', '/api/auth/demo-login', { raw: 'subjectId=citizen-001', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a 5 MB body with 413 and keeps serving', async () => {
    const big = JSON.stringify({ subjectId: 'x'.repeat(5 * 1024 * 1024) });
    const res = await server.call('POST', '/api/auth/demo-login', { raw: big, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await server.call('GET', '/healthz')).status).toBe(200);
  });
});

describe('tokens', () => {
  it('issues a token that does not show the subject id and that authenticates', async () => {
    const token = await server.login('citizen-001');
    expect(token).not.toContain('citizen');
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('citizen-001');
    const me = await server.call('GET', '/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.subject).toMatchObject({ id: 'citizen-001', name: '张三', idNumberMasked: '3301**********123X' });
  });

  it('refuses a missing, forged or expired token with 401', async () => {
    expect((await server.call('GET', '/api/auth/me')).status).toBe(401);
    const token = await server.login('citizen-001');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const forgedRes = await server.call('GET', '/api/auth/me', { token: forged });
    expect(forgedRes.status).toBe(401);
    expect(forgedRes.body.error.code).toBe('UNAUTHENTICATED');
    const expired = new TokenService('test-secret').issue('citizen-001', 60, Date.now() - 3_600_000).token;
    const expiredRes = await server.call('GET', '/api/auth/me', { token: expired });
    expect(expiredRes.status).toBe(401);
    expect(expiredRes.body.error.code).toBe('TOKEN_EXPIRED');
    const otherSecret = new TokenService('another-secret').issue('citizen-001', 60).token;
    expect((await server.call('GET', '/api/auth/me', { token: otherSecret })).status).toBe(401);
  });

  it('treats a lapsed token as anonymous on public routes, and as 401 TOKEN_EXPIRED where sign-in is needed', async () => {
    const expired = new TokenService('test-secret').issue('citizen-001', 60, Date.now() - 3_600_000).token;
    expect((await server.call('GET', '/api/auth/demo-subjects', { token: expired })).status).toBe(200);
    expect((await server.call('GET', '/api/auth/demo-subjects', { token: 'not-a-token' })).status).toBe(200);
    const me = await server.call('GET', '/api/auth/me', { token: expired });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses demo login for an unknown subject, with the field named', async () => {
    const res = await server.call('POST', '/api/auth/demo-login', { body: { subjectId: 'nobody' } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('subjectId');
  });
});

describe('headers', () => {
  it('sends a strict CSP with Trusted Types, nosniff and frame-ancestors', async () => {
    const res = await server.call('GET', '/');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('allows only the configured CORS origins', async () => {
    const other = await startTestServer({ EGOV_CORS_ORIGINS: 'https://portal.example' });
    try {
      const allowed = await other.call('GET', '/api/auth/demo-subjects', { headers: { Origin: 'https://portal.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
      const refused = await other.call('GET', '/api/auth/demo-subjects', { headers: { Origin: 'https://evil.example' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await other.stop();
    }
  });
});

describe('demo mode', () => {
  it('has no demo login when demo mode is off', async () => {
    const prod = await startTestServer({ EGOV_DEMO: '0' });
    try {
      expect((await prod.call('POST', '/api/auth/demo-login', { body: { subjectId: 'citizen-001' } })).status).toBe(404);
    } finally {
      await prod.stop();
    }
  });
});
