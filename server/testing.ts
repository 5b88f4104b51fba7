import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { start } from './main';
import { openStore } from './store/database';
import { seed } from './seed';

/**
 * The real server on an ephemeral port, for tests over HTTP: on a temporary SQLite file, or,
 * when `EGOV_TEST_DATABASE_URL` names a PostgreSQL server (any database on it; `npm test`
 * starts a throw-away cluster and sets it), on a fresh database of its own, copied from a
 * migrated and seeded template made once per code version; `{ engine: 'sqlite' }` asks for
 * SQLite either way. `call` sends JSON and returns
 * status, headers and parsed body.
 */
export async function startTestServer(env: Record<string, string> = {}, options: { engine?: 'sqlite' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'egov-server-test-'));
  const pgAdmin = process.env.EGOV_TEST_DATABASE_URL;
  const database = pgAdmin && options.engine !== 'sqlite' ? await freshPostgresDatabase(pgAdmin) : undefined;
  let running: Awaited<ReturnType<typeof start>>;
  try {
    running = await start({
      ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_DB: join(dir, 'egov.sqlite'), EGOV_LOG: '0', EGOV_DEMO: '1',
      DATABASE_URL: database?.url ?? '',
      ...env,
    });
  } catch (error) {
    await database?.drop();
    throw error;
  }
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
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }

  return { origin, call, login, stop, store: running.store, engine: running.store.engine, dbFile: join(dir, 'egov.sqlite'), databaseUrl: database?.url };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

const HERE = dirname(fileURLToPath(import.meta.url));

/** A digest of everything that shapes a fresh database: the migrations and the seeds. */
function schemaVersion(): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(full.slice(HERE.length) + '\0').update(readFileSync(full)).update('\0');
    }
  };
  walk(join(HERE, 'store'));
  walk(join(HERE, 'seed'));
  return hash.digest('hex').slice(0, 16);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/**
 * A new PostgreSQL database for one test server, made with CREATE DATABASE … TEMPLATE from
 * `egov_tpl_<version>` (about 50 ms, where migrating and seeding takes seconds). The template
 * is built once, under an advisory lock so parallel test files wait for one builder, under a
 * temporary name renamed when complete (a run that died half-way leaves nothing usable).
 */
async function freshPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = 'egov_tpl_' + schemaVersion();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query("SELECT pg_advisory_lock(hashtext('egov-test-template'))");
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (!exists.rowCount) {
        const building = template + '_build';
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        await admin.query(`CREATE DATABASE "${building}" ENCODING 'UTF8' TEMPLATE template0`);
        const store = await openStore({ databaseUrl: withDatabase(adminUrl, building) });
        try {
          await seed(store);
        } finally {
          await store.close();
        }
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
      }
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext('egov-test-template'))");
    }
    const name = 'egov_test_' + randomBytes(6).toString('hex');
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
    return {
      url: withDatabase(adminUrl, name),
      drop: async () => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
  } finally {
    await admin.end();
  }
}

/**
 * A `multipart/form-data` body (boundary `boundary`) of one CSV file: `header`, then `lines`
 * copies of `row`, made as it is read — a file of any size without holding it.
 */
export function streamedCsvBody(boundary: string, header: string, row: string, lines: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const perChunk = Math.max(1, Math.floor(65536 / (row.length + 1)));
  const chunk = encoder.encode((row + '\n').repeat(perChunk));
  let sent = 0;
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="data.csv"\r\nContent-Type: text/csv\r\n\r\n${header}\n`));
      } else if (sent < lines) {
        const n = Math.min(perChunk, lines - sent);
        controller.enqueue(n === perChunk ? chunk : encoder.encode((row + '\n').repeat(n)));
        sent += n;
      } else {
        controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
        controller.close();
      }
    },
  });
}
