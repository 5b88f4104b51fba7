import { describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { start } from './main';

/** `DATABASE_URL` (SPEC §5): a wrong one stops the start with a clear reason, never falls back to SQLite quietly. */
describe('DATABASE_URL', () => {
  const startWith = (url: string) => start({ ...process.env, PORT: '0', HOST: '127.0.0.1', EGOV_LOG: '0', EGOV_DB: ':memory:', DATABASE_URL: url });

  it('refuses a URL of another database', async () => {
    await expect(startWith('mysql://egov@127.0.0.1/egov')).rejects.toThrow(/DATABASE_URL must be a postgres:\/\//);
  });

  it('names the server it cannot reach, and never the password', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const started = startWith(`postgres://egov:s3cret-word@127.0.0.1:${port}/egov`);
    await expect(started).rejects.toThrow(new RegExp(`cannot open the PostgreSQL database at 127\\.0\\.0\\.1:${port}/egov \\(ECONNREFUSED\\)`));
    await expect(started).rejects.not.toThrow(/s3cret-word/);
  });

  it('uses SQLite when unset or empty', async () => {
    const running = await startWith('');
    try {
      expect(running.store.engine).toBe('sqlite');
    } finally {
      await running.stop();
    }
  });
});
