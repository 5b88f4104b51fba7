import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/support/reference-server.mjs';

/** `npm run serve` on a port something else already holds. */
describe('the server process on a taken port', () => {
  it('exits with one line that names the port and PORT', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'egov-port-'));
    const port = await freePort();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', EGOV_DB: join(dir, 'egov.sqlite'), DATABASE_URL: '', EGOV_DEMO: '1', EGOV_LOG: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`Port ${port} is already in use`);
      expect(lines[0]).toContain('PORT');
      expect(lines[0]).not.toContain('EADDRINUSE');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
