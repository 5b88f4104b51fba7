import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { canonicalJson } from '../src/core/crypto/canonical-json';
import { decodeDerSignature, encodeDerSignature, P256_ORDER, rawToDer } from '../src/core/crypto/der';
import { verifyEnvelope } from '../src/core/crypto';
import { envelopeFromSignature, prepareSignature } from '../src/core/crypto/sign';
import { normaliseValue } from '../src/core/validation';
import { agencySealingKey, sealRecord } from './applications/issuing';
import { start } from './main';
import { seed } from './seed';
import { openStore } from './store/database';
import { TokenService } from './tokens';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';
import { freePort } from '../tests/support/reference-server.mjs';

/**
 * Hardening of the reference backend (SPEC §5): production mode and where secrets live,
 * bounds on hostile JSON, a graceful stop, strict signatures, clean HTTP failures.
 */

let server: TestServer;
let zhang: string;

beforeAll(async () => {
  server = await startTestServer({ EGOV_SECRET: 'hardening-test-secret' });
  zhang = await server.login('citizen-001');
});
afterAll(() => server.stop());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

/** One TCP connection speaking HTTP/1.1 by hand: to see headers and closes a fetch hides. */
class Raw {
  readonly socket: Socket;
  #buffer = Buffer.alloc(0);
  closed = false;
  error: NodeJS.ErrnoException | undefined;
  #wake: Array<() => void> = [];

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#notify();
    });
    this.socket.on('error', (error) => (this.error = error));
    this.socket.on('close', () => {
      this.closed = true;
      this.#notify();
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('error', reject);
    });
  }

  #notify() {
    for (const wake of this.#wake.splice(0)) wake();
  }

  async #until<T>(test: () => T | undefined, ms: number): Promise<T | undefined> {
    const end = Date.now() + ms;
    for (;;) {
      const value = test();
      if (value !== undefined) return value;
      if (this.closed || Date.now() >= end) return test();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, end - Date.now()));
        this.#wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  send(data: string | Buffer) {
    this.socket.write(data);
  }

  /** The next whole response (Content-Length framed), or undefined when none came within `ms`. */
  response(ms = 3000): Promise<{ status: number; headers: Record<string, string>; body: string } | undefined> {
    return this.#until(() => {
      const end = this.#buffer.indexOf('\r\n\r\n');
      if (end < 0) return undefined;
      const head = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      if (this.#buffer.length < end + 4 + length) return undefined;
      const body = this.#buffer.subarray(end + 4, end + 4 + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(end + 4 + length);
      return { status: Number(head[0]!.split(' ')[1]), headers, body };
    }, ms);
  }

  /** Whether the server closed the connection within `ms`. */
  async closedWithin(ms: number): Promise<boolean> {
    return (await this.#until(() => (this.closed ? true : undefined), ms)) === true;
  }

  destroy() {
    this.socket.destroy();
  }
}

function portOf(origin: string): number {
  return Number(new URL(origin).port);
}

/** The server as `npm run serve` starts it, on its own SQLite file, in a directory removed afterwards. */
async function startServer(env: Record<string, string | undefined>) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-hardening-'));
  const dbFile = join(dir, 'egov.sqlite');
  const running = await start({ PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', EGOV_DB: dbFile, EGOV_LOG: '0', DATABASE_URL: '', ...env } as NodeJS.ProcessEnv);
  return {
    ...running,
    dir,
    dbFile,
    origin: `http://127.0.0.1:${running.port}`,
    async close() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A keys directory as production wants it. */
function keysDir(mode = 0o700): { root: string; keys: string } {
  const root = mkdtempSync(join(tmpdir(), 'egov-keys-'));
  const keys = join(root, 'keys');
  mkdirSync(keys, { mode });
  chmodSync(keys, mode);
  return { root, keys };
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

const PRODUCTION_SECRET = 'a-production-token-secret-of-48-characters-long!';

describe('1. secrets: production mode keeps keys out of the database', () => {
  it('refuses to start without EGOV_SECRET, without EGOV_KEYS_DIR, or with a keys directory or key file others may read', async () => {
    const { root, keys } = keysDir();
    try {
      await expect(startServer({ NODE_ENV: 'production', EGOV_KEYS_DIR: keys })).rejects.toThrow(/EGOV_SECRET/);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: 'short', EGOV_KEYS_DIR: keys })).rejects.toThrow(/at least 32/);
      // Long enough, but no entropy: 32 spaces, a pattern, a repeated word.
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: ' '.repeat(32), EGOV_KEYS_DIR: keys })).rejects.toThrow(/EGOV_SECRET has only 1 different characters/);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: 'abcd'.repeat(10), EGOV_KEYS_DIR: keys })).rejects.toThrow(/different characters/);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: 'password'.repeat(5), EGOV_KEYS_DIR: keys })).rejects.toThrow(/different characters/);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: PRODUCTION_SECRET })).rejects.toThrow(/EGOV_KEYS_DIR/);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: PRODUCTION_SECRET, EGOV_KEYS_DIR: join(root, 'missing') })).rejects.toThrow(/does not exist/);
      chmodSync(keys, 0o755);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: PRODUCTION_SECRET, EGOV_KEYS_DIR: keys })).rejects.toThrow(/chmod 700/);
      chmodSync(keys, 0o700);
      writeFileSync(join(keys, 'issuer-leaked.key'), 'ab'.repeat(32), { mode: 0o644 });
      chmodSync(join(keys, 'issuer-leaked.key'), 0o644);
      await expect(startServer({ NODE_ENV: 'production', EGOV_SECRET: PRODUCTION_SECRET, EGOV_KEYS_DIR: keys })).rejects.toThrow(/chmod 600/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('starts with them: database 0600, no demo subjects or login, issuer keys only as 0600 files, no secret in the database, seals still made', async () => {
    const { root, keys } = keysDir();
    const prod = await startServer({ NODE_ENV: 'production', EGOV_SECRET: PRODUCTION_SECRET, EGOV_KEYS_DIR: keys, EGOV_DEMO: '1' });
    try {
      expect(mode(prod.dbFile)).toBe(0o600);
      for (const companion of [prod.dbFile + '-wal', prod.dbFile + '-shm']) if (existsSync(companion)) expect(mode(companion)).toBe(0o600);
      const db = prod.store.db;
      expect(Number((await db.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
      const login = await fetch(prod.origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'citizen-001' }) });
      expect(login.status).toBe(404);

      const issuerKeys = await db.selectFrom('issuer_keys').select(['key_id', 'private_key']).execute();
      expect(issuerKeys.length).toBeGreaterThan(0);
      for (const row of issuerKeys) expect(row.private_key).toMatch(new RegExp('^file:' + keys.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '/'));
      const files = readdirSync(keys);
      expect(files.filter((f) => f.startsWith('issuer-')).length).toBe(issuerKeys.length);
      for (const file of files) expect(mode(join(keys, file))).toBe(0o600);
      expect(await db.selectFrom('settings').select('key').where('key', 'in', ['token-secret', 'remote-signing-secret']).execute()).toEqual([]);

      // The trust list still publishes the keys, and the agency still seals with its key.
      const trust = await (await fetch(prod.origin + '/api/trust/issuers')).json();
      const key = await agencySealingKey(db, '330000-GA', new Date());
      expect(trust.items ?? trust).toEqual(expect.arrayContaining([expect.objectContaining({ keyId: key.keyId, publicKey: key.publicKey })]));
      expect(sealRecord({ a: 1 }, key).signature).toMatch(/^30[0-9a-f]+$/);

      const csp = (await fetch(prod.origin + '/')).headers.get('content-security-policy') ?? '';
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('ws:');
      expect(csp).toContain("style-src 'self'");
    } finally {
      await prod.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('demo mode: generated keys and secrets in a 0700 directory beside the database, none in it; remote signing survives a restart', async () => {
    const first = await startServer({ EGOV_DEMO: '1' });
    const keys = first.dbFile + '.keys';
    let keyId: string;
    try {
      expect(mode(first.dbFile)).toBe(0o600);
      expect(mode(keys)).toBe(0o700);
      for (const file of readdirSync(keys)) expect(mode(join(keys, file))).toBe(0o600);
      for (const row of await first.store.db.selectFrom('issuer_keys').select('private_key').execute()) expect(row.private_key.startsWith('file:' + keys + '/')).toBe(true);
      const token = (await (await fetch(first.origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subjectId":"citizen-001"}' })).json()).token;
      const signed = await fetch(first.origin + '/api/signatures', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: '{"payload":{"n":1}}' });
      expect(signed.status).toBe(200);
      keyId = (await signed.json()).keyId;
      expect(await first.store.db.selectFrom('settings').select('key').execute()).toEqual([]);
    } finally {
      await first.stop();
    }
    const again = await start({ PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', EGOV_DB: first.dbFile, EGOV_LOG: '0', DATABASE_URL: '', EGOV_DEMO: '1' } as NodeJS.ProcessEnv);
    try {
      const origin = `http://127.0.0.1:${again.port}`;
      const token = (await (await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subjectId":"citizen-001"}' })).json()).token;
      const signed = await fetch(origin + '/api/signatures', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: '{"payload":{"n":2}}' });
      expect(signed.status).toBe(200);
      expect((await signed.json()).keyId).toBe(keyId!);
    } finally {
      await again.stop();
      rmSync(first.dir, { recursive: true, force: true });
    }
  });
});

describe('1b. an older database', () => {
  it('has its issuer keys and secrets moved into the keys directory on start, leaving no trace of them in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-legacy-'));
    const dbFile = join(dir, 'egov.sqlite');
    try {
      const old = await openStore({ sqliteFile: dbFile });
      await seed(old);
      await old.db.insertInto('settings').values([{ key: 'token-secret', value: 'aa'.repeat(32) }, { key: 'remote-signing-secret', value: 'bb'.repeat(32) }]).execute();
      const rawKeys = (await old.db.selectFrom('issuer_keys').select('private_key').execute()).map((r) => r.private_key);
      expect(rawKeys.every((k) => /^[0-9a-f]{64}$/.test(k))).toBe(true);
      await old.close();

      const running = await start({ PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', EGOV_DB: dbFile, EGOV_LOG: '0', DATABASE_URL: '', EGOV_DEMO: '1' } as NodeJS.ProcessEnv);
      try {
        expect(await running.store.db.selectFrom('settings').select('key').execute()).toEqual([]);
        for (const row of await running.store.db.selectFrom('issuer_keys').select('private_key').execute()) expect(row.private_key.startsWith('file:')).toBe(true);
        expect(readFileSync(join(dbFile + '.keys', 'token.secret'), 'utf8')).toBe('aa'.repeat(32));
        expect(readFileSync(join(dbFile + '.keys', 'remote-signing.secret'), 'utf8')).toBe('bb'.repeat(32));
        const bytes = Buffer.concat([dbFile, dbFile + '-wal'].filter(existsSync).map((f) => readFileSync(f))).toString('latin1');
        for (const key of rawKeys) expect(bytes.includes(key)).toBe(false);
        expect(bytes.includes('bb'.repeat(32))).toBe(false);
        // Tokens made with the old secret still work: the secret moved, it did not change.
        const token = new TokenService('aa'.repeat(32)).issue('citizen-001', 60).token;
        expect((await fetch(`http://127.0.0.1:${running.port}/api/auth/me`, { headers: { Authorization: 'Bearer ' + token } })).status).toBe(200);
      } finally {
        await running.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A value nested `depth` levels deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value];
  return value;
}

describe('2. hostile JSON: bounded before canonicalising', () => {
  it('POST /signatures answers 400 with a clear message for 1e400 and for 5,000 levels of nesting', async () => {
    const big = await server.call('POST', '/api/signatures', { token: zhang, raw: '{"payload":1e400}', headers: { 'Content-Type': 'application/json' } });
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/outside the range/);
    const deep = await server.call('POST', '/api/signatures', { token: zhang, raw: '{"payload":' + '[{"a":'.repeat(2500) + '1' + '}]'.repeat(2500) + '}', headers: { 'Content-Type': 'application/json' } });
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toMatch(/nested more than 64 levels/);
    expect((await server.call('POST', '/api/signatures', { token: zhang, body: { payload: nested(20) } })).status).toBe(200);
  });

  it('POST /applications says the body is nested too deep, not that a number is out of range', async () => {
    const res = await server.call('POST', '/api/applications', { token: zhang, raw: '{"serviceCode":"birth-registration","data":' + '{"a":['.repeat(2500) + '1' + ']}'.repeat(2500) + '}', headers: { 'Idempotency-Key': crypto.randomUUID(), 'Content-Type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/nested/);
    expect(res.body.error.message).not.toMatch(/IEEE/);
  });

  it('canonicalJson refuses 100,000 levels with a RangeError rather than overflowing the stack', () => {
    expect(() => canonicalJson(nested(100_000))).toThrow(RangeError);
    expect(() => canonicalJson({ n: Infinity })).toThrow(/finite/);
    expect(canonicalJson(nested(3))).toBe('[{"a":[1]}]');
  });
});

describe('3. a graceful stop', () => {
  it('answers every one of 100 concurrent submissions when the process gets SIGTERM 30 ms in, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-sigterm-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_DB: join(dir, 'egov.sqlite'), DATABASE_URL: '', EGOV_DEMO: '1', EGOV_LOG: '0', EGOV_SECRET: 'sigterm-test' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 200; i++) {
        if (await fetch(origin + '/healthz').then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const { token } = await (await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"subjectId":"citizen-002"}' })).json();
      const answers = Array.from({ length: 100 }, (_, i) =>
        fetch(origin + '/api/signatures', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token }, body: JSON.stringify({ payload: { i } }) })
          .then(async (r) => ({ status: r.status, body: await r.text() }), (error: Error & { cause?: { code?: string } }) => ({ status: 0, body: error.cause?.code ?? error.message })));
      await new Promise((r) => setTimeout(r, 30));
      child.kill('SIGTERM');
      const results = await Promise.all(answers);
      expect(results.filter((r) => r.status !== 200).map((r) => r.status + ' ' + r.body.slice(0, 80))).toEqual([]);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers a request that arrives on a kept-alive connection during the stop with Connection: close', async () => {
    const s = await startTestServer({ EGOV_SECRET: 'graceful-stop' }, { engine: 'sqlite' });
    const raw = new Raw(portOf(s.origin));
    try {
      await raw.ready();
      raw.send('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const first = await raw.response();
      expect(first?.status).toBe(200);
      expect(first?.headers.connection ?? 'keep-alive').toBe('keep-alive');
      const stopped = s.stop();
      raw.send('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
      const second = await raw.response();
      expect(second?.status).toBe(200);
      expect(second?.headers.connection).toBe('close');
      expect(await raw.closedWithin(2000)).toBe(true);
      await stopped;
    } finally {
      raw.destroy();
      await s.stop();
    }
  });

  it('ends within its bound while a client trickles its headers, and times out slow headers itself', async () => {
    const s = await startTestServer({ EGOV_SECRET: 'graceful-stop', EGOV_SHUTDOWN_MS: '600', EGOV_SHUTDOWN_IDLE_MS: '100' }, { engine: 'sqlite' });
    const raw = new Raw(portOf(s.origin));
    let timer: NodeJS.Timeout | undefined;
    try {
      await raw.ready();
      raw.send('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      let n = 0;
      timer = setInterval(() => raw.socket.writable && raw.send(`X-Slow-${n++}: 1\r\n`), 40);
      const began = Date.now();
      await s.stop();
      expect(Date.now() - began).toBeLessThan(2000);
      expect(await raw.closedWithin(500)).toBe(true);
    } finally {
      clearInterval(timer);
      raw.destroy();
    }
  });

  it('answers a request whose headers take longer than EGOV_HEADERS_TIMEOUT_MS with 408 in the SPEC shape', async () => {
    const s = await startTestServer({ EGOV_SECRET: 'graceful-stop', EGOV_HEADERS_TIMEOUT_MS: '300' }, { engine: 'sqlite' });
    const raw = new Raw(portOf(s.origin));
    try {
      await raw.ready();
      raw.send('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
      const answer = await raw.response(3000);
      expect(answer?.status).toBe(408);
      expect(JSON.parse(answer!.body).error.code).toBe('REQUEST_TIMEOUT');
    } finally {
      raw.destroy();
      await s.stop();
    }
  });
});

async function birthContent(data: Record<string, unknown> = {}) {
  const form = new FormData();
  form.append('file', new Blob([PDF as BlobPart], { type: 'application/pdf' }), 'scan.pdf');
  const uploaded = await server.call('POST', '/api/uploads', { token: zhang, raw: form });
  expect(uploaded.status).toBe(201);
  return {
    serviceCode: 'birth-registration',
    data: { ...EXAMPLE_ANSWERS['birth-registration'], ...data },
    materials: [
      { code: 'birth-medical-certificate', uploadId: uploaded.body.uploadId },
      { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
      { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
    ],
  };
}

function submit(body: unknown) {
  return server.call('POST', '/api/applications', { token: zhang, body, headers: { 'Idempotency-Key': crypto.randomUUID() } });
}

describe('4. signatures: signedAt, envelope properties, low-S', () => {
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await registerSigner(server, zhang, 'citizen-001');
  });

  it('refuses signedAt outside ISO 8601 UTC or older than the service allows, naming why', async () => {
    const content = await birthContent();
    for (const [signedAt, message] of [
      ['1970-01-01T00:00:00.000Z', /more than 24 hours ago/],
      ['0001-01-01T00:00:00.000Z', /more than 24 hours ago/],
      ['1', /ISO 8601/],
      [new Date().toISOString().replace('Z', '+00:00'), /ISO 8601/],
      [new Date(Date.now() - 25 * 3_600_000).toISOString(), /more than 24 hours ago/],
    ] as const) {
      const res = await submit({ ...content, signature: sign(content, signer, { signedAt }) });
      expect(res.status, signedAt).toBe(422);
      expect(res.body.error.code).toBe('SIGNATURE_INVALID');
      expect(res.body.error.message).toMatch(message);
    }
    const ok = await submit({ ...content, signature: sign(content, signer, { signedAt: new Date(Date.now() - 60_000).toISOString() }) });
    expect(ok.status).toBe(201);
  });

  it('refuses an envelope with properties SPEC §4 does not define, and stores nothing of it', async () => {
    const content = await birthContent();
    const res = await submit({ ...content, signature: { ...sign(content, signer), note: '<script>x</script>' } });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/does not define: note/);
  });

  it('refuses an ECDSA-P256 signature in its high-S form and accepts its low-S twin', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const hex = '04' + Buffer.from(jwk.x!, 'base64url').toString('hex') + Buffer.from(jwk.y!, 'base64url').toString('hex');
    const { content, bytes } = prepareSignature({ a: 1 }, 'citizen-001', null);
    const raw = new Uint8Array(nodeSign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
    const low = await envelopeFromSignature('ECDSA-P256-SHA256', content, bytes, { keyId: 'k', publicKey: hex }, rawToDer(raw));
    const { r, s } = decodeDerSignature(low.signature)!;
    expect(s <= P256_ORDER / 2n).toBe(true);
    const high = { ...low, signature: encodeDerSignature(r, P256_ORDER - s) };
    expect(await verifyEnvelope({ a: 1 }, low)).toEqual({ valid: true });
    expect(await verifyEnvelope({ a: 1 }, high)).toEqual({ valid: false, problem: 'signature' });
  });
});

describe('5. an early 413 closes the connection', () => {
  it('says Connection: close when refusing a body by its Content-Length, and closes', async () => {
    const raw = new Raw(portOf(server.origin));
    try {
      await raw.ready();
      raw.send(`POST /api/auth/demo-login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n{"subjectId":`);
      const answer = await raw.response();
      expect(answer?.status).toBe(413);
      expect(JSON.parse(answer!.body).error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(answer?.headers.connection).toBe('close');
    } finally {
      raw.destroy();
    }
  });
});

describe('6. Content-Security-Policy by mode', () => {
  it('demo mode keeps the loopback WebSocket and inline styles for its tools', async () => {
    const csp = (await server.call('GET', '/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain('ws://127.0.0.1:*');
    expect(csp).toContain("require-trusted-types-for 'script'");
  });
});

describe('7. client aborts', () => {
  it('logs a body cut off by the client as an abort, not as a server error', async () => {
    const s = await startTestServer({ EGOV_SECRET: 'aborts', EGOV_LOG: '1' }, { engine: 'sqlite' });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const token = await s.login('citizen-001');
      for (let i = 0; i < 3; i++) {
        const raw = new Raw(portOf(s.origin));
        await raw.ready();
        raw.send(`POST /api/applications HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nIdempotency-Key: ${crypto.randomUUID()}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"serviceCode":"birth-registration","data":{"childName":"`);
        await new Promise((r) => setTimeout(r, 50));
        raw.destroy();
      }
      await vi.waitFor(() => expect(logs.mock.calls.filter(([line]) => String(line).includes('"client-abort"'))).toHaveLength(3), { timeout: 3000 });
      expect(errors.mock.calls.filter(([line]) => String(line).includes('"level":"error"'))).toEqual([]);
    } finally {
      errors.mockRestore();
      logs.mockRestore();
      await s.stop();
    }
  });
});

describe('8. free-text answers: no control or bidi characters, NFC', () => {
  let signer: TestSigner;
  beforeAll(async () => {
    signer = await registerSigner(server, zhang, 'citizen-001');
  });

  for (const [what, value] of [
    ['U+0000', '张\u0000小明'],
    ['a right-to-left override', '张小明\u202Egnp.exe'],
    ['a zero-width space', '张\u200B小明'],
    ['a bidi isolate', '\u2067张小明\u2069'],
    ['a C1 control', '张\u0085小明'],
  ] as const) {
    it(`refuses ${what} in a name with 422 naming the field, and stores nothing`, async () => {
      const content = await birthContent({ childName: value });
      const res = await submit({ ...content, signature: sign(content, signer) });
      expect(res.status).toBe(422);
      // U+0000 is refused at the edge, before the answers are read (server/http.ts), naming the field in the body's own path.
      const path = what === 'U+0000' ? 'data.childName' : '/childName';
      expect(res.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(/控制字符|control|U\+0000/) })]));
    });
  }

  it('refuses an address not in NFC, and the form normalises to NFC before it is signed', async () => {
    const decomposed = '浙江省杭州市 Cafe\u0301 路 1 号';
    const content = await birthContent({ address: decomposed });
    const res = await submit({ ...content, signature: sign(content, signer) });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/address' })]));
    expect(normaliseValue({ type: 'string' }, decomposed)).toBe('浙江省杭州市 Café 路 1 号');
    const fixed = await birthContent({ address: normaliseValue({ type: 'string' }, decomposed) });
    expect((await submit({ ...fixed, signature: sign(fixed, signer) })).status).toBe(201);
  });

  it('keeps tabs, line breaks and emoji joiners, which real text has', async () => {
    const content = await birthContent({ address: '浙江省杭州市\n西湖区 👨\u200D👩\u200D👧' });
    expect((await submit({ ...content, signature: sign(content, signer) })).status).toBe(201);
  });
});

describe('9. the bearer scheme is case-insensitive', () => {
  it('accepts bearer, BEARER and Bearer', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const res = await server.call('GET', '/api/auth/me', { headers: { Authorization: `${scheme} ${zhang}` } });
      expect(res.status, scheme).toBe(200);
    }
  });
});

describe('10. the default address', () => {
  it('listens on 127.0.0.1 when HOST is not set', async () => {
    const s = await startServer({ HOST: undefined, EGOV_DEMO: '1' });
    try {
      const address = s.server.address();
      expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    } finally {
      await s.close();
    }
  });
});

describe('11. rate limits behind a proxy, and uploads with active content', () => {
  async function verifyAs(origin: string, forwardedFor: string) {
    return (await fetch(origin + '/api/certificates/verify', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor }, body: '{"number":"x","code":"y"}' })).status;
  }

  it('with EGOV_TRUST_PROXY=127.0.0.1 each client behind the proxy has its own bucket; without it a forged header changes nothing', async () => {
    const behind = await startTestServer({ EGOV_SECRET: 'proxy', EGOV_TRUST_PROXY: '127.0.0.1' }, { engine: 'sqlite' });
    try {
      const statuses = [];
      for (let i = 0; i < 31; i++) statuses.push(await verifyAs(behind.origin, '203.0.113.7'));
      expect(statuses.at(-1)).toBe(429);
      expect(await verifyAs(behind.origin, '203.0.113.8')).not.toBe(429);
    } finally {
      await behind.stop();
    }
    for (let i = 0; i < 31; i++) await verifyAs(server.origin, '198.51.100.' + i);
    expect(await verifyAs(server.origin, '198.51.100.200')).toBe(429);
  });

  async function uploadBytes(bytes: Uint8Array, name: string) {
    const form = new FormData();
    form.append('file', new Blob([bytes as BlobPart]), name);
    return server.call('POST', '/api/uploads', { token: zhang, raw: form });
  }

  it('refuses PDFs with JavaScript or launch actions, also hidden in a name escape or a compressed object stream', async () => {
    const text = (s: string) => new TextEncoder().encode(s);
    const objectStream = deflateSync(Buffer.from('<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>'));
    for (const bytes of [
      text('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n'),
      text('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S /J#61vaScript /J#53 (x) >> endobj\n%%EOF\n'),
      text('%PDF-1.7\n1 0 obj << /S /Launch /F (cmd.exe) >> endobj\n%%EOF\n'),
      Buffer.concat([Buffer.from('%PDF-1.7\n3 0 obj << /Type /ObjStm /Filter /FlateDecode /Length ' + objectStream.length + ' >>\nstream\n'), objectStream, Buffer.from('\nendstream\nendobj\n%%EOF\n')]),
    ]) {
      const res = await uploadBytes(new Uint8Array(bytes), 'form.pdf');
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('ACTIVE_CONTENT');
      expect(res.body.error.message).toMatch(/JavaScript/);
    }
    expect((await uploadBytes(PDF, 'plain.pdf')).status).toBe(201);
  });

  it('refuses an image whose bytes carry HTML or script after the header (a polyglot)', async () => {
    const polyglot = new Uint8Array([...PNG_HEAD, ...new TextEncoder().encode('<html><body><script>alert(document.domain)</script></body></html>')]);
    const res = await uploadBytes(polyglot, 'photo.png');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('ACTIVE_CONTENT');
    expect((await uploadBytes(new Uint8Array(PNG_HEAD), 'photo.png')).status).toBe(201);
  });
});

describe('12. oversized headers', () => {
  it('answers headers over 16 KB with 431 in the SPEC error shape', async () => {
    const raw = new Raw(portOf(server.origin));
    try {
      await raw.ready();
      raw.send(`GET /api/services HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
      const answer = await raw.response();
      expect(answer?.status).toBe(431);
      expect(answer?.headers['content-type']).toMatch(/application\/json/);
      expect(JSON.parse(answer!.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringMatching(/16 KB/) } });
    } finally {
      raw.destroy();
    }
  });
});

describe('the token secret of production (EGOV_SECRET)', () => {
  it('needs real entropy, not only 32 characters', async () => {
    const { secretWeakness } = await import('./main');
    expect(secretWeakness(' '.repeat(32))).toMatch(/1 different/);
    expect(secretWeakness('ab'.repeat(20))).toMatch(/2 different/);
    expect(secretWeakness('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa0123456789')).toMatch(/predictable/);
    expect(secretWeakness('a-production-token-secret-of-48-characters-long!')).toBeUndefined();
    // 32 random hex digits (128 bits) and 32 random bytes in base64 pass.
    expect(secretWeakness('9f86d081884c7d659a2feaa0c55ad015')).toBeUndefined();
    expect(secretWeakness('q3Zr1vYc8bX0mK4tWn7pL2sD9fH6jA5eR1uT0oG3iQ8=')).toBeUndefined();
  });
});
