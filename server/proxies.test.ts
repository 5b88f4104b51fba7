import { describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing';

/**
 * `EGOV_TRUST_PROXY` lists the reverse proxies that are believed (SPEC §5): `X-Forwarded-For`
 * is read only from a listed peer and only back through listed proxies, so a client's own
 * header never chooses its rate-limit bucket. Counted on the verify route's limit, set to 3.
 */

async function serverWith(trust: string | undefined): Promise<TestServer> {
  const before = process.env.EGOV_VERIFY_RATE_LIMIT;
  process.env.EGOV_VERIFY_RATE_LIMIT = '3';
  try {
    return await startTestServer(trust === undefined ? {} : { EGOV_TRUST_PROXY: trust }, { engine: 'sqlite' });
  } finally {
    if (before === undefined) delete process.env.EGOV_VERIFY_RATE_LIMIT;
    else process.env.EGOV_VERIFY_RATE_LIMIT = before;
  }
}

const verify = (server: TestServer, forwardedFor: string) =>
  server.call('POST', '/api/certificates/verify', { body: { number: 'x', verificationCode: 'y' }, headers: { 'X-Forwarded-For': forwardedFor } }).then((r) => r.status);

async function fourFrom(server: TestServer, addresses: string[]): Promise<number[]> {
  const statuses = [];
  for (const address of addresses) statuses.push(await verify(server, address));
  return statuses;
}

describe('EGOV_TRUST_PROXY: the proxies believed', () => {
  it('a peer that is not a listed proxy is not believed, whatever it forwards', async () => {
    const server = await serverWith('10.9.9.9');
    try {
      // The test client (127.0.0.1) is not 10.9.9.9: one bucket, whatever X-Forwarded-For says.
      expect(await fourFrom(server, ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])).toEqual([200, 200, 200, 429]);
    } finally {
      await server.stop();
    }
  });

  it('through two listed proxies, the client is the last address that is not one of them', async () => {
    const server = await serverWith('127.0.0.1, 10.0.0.0/8');
    try {
      // The outer proxy (10.1.1.1) saw 203.0.113.5; what the client wrote before that is ignored.
      expect(await fourFrom(server, ['203.0.113.5, 10.1.1.1', '198.51.100.1, 203.0.113.5, 10.1.1.1', '203.0.113.5, 10.2.2.2', '203.0.113.5, 10.1.1.1'])).toEqual([200, 200, 200, 429]);
      expect(await verify(server, '203.0.113.6, 10.1.1.1')).toBe(200);
      // A forged address inside the private range the proxies use is itself taken for a proxy: the client is the one before it.
      expect(await verify(server, '203.0.113.6, 10.3.3.3, 10.1.1.1')).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('a number of hops, the old form, or something that is not an address refuses to start, saying why', async () => {
    await expect(serverWith('1')).rejects.toThrow(/not a number of hops/);
    await expect(serverWith('proxy.example')).rejects.toThrow(/not an IP address/);
    await expect(serverWith('10.0.0.0/33')).rejects.toThrow(/not an IP address/);
  });
});
