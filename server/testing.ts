import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start } from './main';

/**
 * The real server on an ephemeral port with a temporary SQLite file, for tests over HTTP.
 * `call` sends JSON and returns status, headers and parsed body.
 */
export async function startTestServer(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-server-test-'));
  const running = await start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_DB: join(dir, 'egov.sqlite'), EGOV_LOG: '0', EGOV_DEMO: '1', ...env });
  const origin = `http://127.0.0.1:${running.port}`;

  async function call<T = any>(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: BodyInit } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined = options.raw;
    if (options.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(origin + path, { method, headers, body });
    const text = await response.text();
    let json: T;
    try {
      json = text ? JSON.parse(text) : (undefined as T);
    } catch {
      json = text as T;
    }
    return { status: response.status, headers: response.headers, body: json };
  }

  async function login(subjectId: string): Promise<string> {
    const response = await call<{ token: string }>('POST', '/api/auth/demo-login', { body: { subjectId } });
    if (response.status !== 200) throw new Error('login failed ' + response.status);
    return response.body.token;
  }

  async function stop() {
    await running.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  return { origin, call, login, stop, db: running.db, store: running.store, dbFile: join(dir, 'egov.sqlite') };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
