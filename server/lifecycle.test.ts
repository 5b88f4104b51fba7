import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '../tests/support/reference-server.mjs';

/** The real `npm run serve` process: logs, SIGTERM, and what is on disk afterwards. */
describe('the server process', () => {
  it('logs routes without personal data, stops cleanly on SIGTERM and keeps committed writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-lifecycle-'));
    const dbFile = join(dir, 'egov.sqlite');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_DB: dbFile, DATABASE_URL: '', EGOV_DEMO: '1', EGOV_LOG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        try {
          if ((await fetch(origin + '/healthz')).ok) break;
        } catch {
          /* starting */
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const login = await fetch(origin + '/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: 'citizen-001' }) });
      const { token } = (await login.json()) as { token: string };
      await fetch(origin + '/api/auth/me?idNumber=33010619900101123X&name=%E5%BC%A0%E4%B8%89', { headers: { Authorization: `Bearer ${token}` } });
      await fetch(origin + '/api/no-such-route/33010619900101123X');

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      expect(output).toContain('"route":"/api/auth/me"');
      expect(output).not.toContain('33010619900101123X');
      expect(output).not.toContain('张三');
      expect(output).not.toContain(token);

      const db = new Database(dbFile, { readonly: true });
      const subjects = db.prepare('SELECT COUNT(*) AS n FROM subjects').get() as { n: number };
      const secretInDatabase = db.prepare("SELECT value FROM settings WHERE key = 'token-secret'").get();
      db.close();
      expect(subjects.n).toBeGreaterThanOrEqual(5);
      // The generated token secret is kept in the keys directory beside the database (SPEC §5), not in it.
      expect(secretInDatabase).toBeUndefined();
      expect(readFileSync(join(dbFile + '.keys', 'token.secret'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
