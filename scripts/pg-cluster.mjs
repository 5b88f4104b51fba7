// A throw-away PostgreSQL cluster for tests and benches: initdb into a temporary folder,
// pg_ctl start on a free loopback port, and stop + delete afterwards. Uses Debian's
// PostgreSQL binaries (/usr/lib/postgresql/<version>/bin, or PG_BIN); as root it runs them
// as the `postgres` user, since the server refuses to run as root.
//
//   node scripts/pg-cluster.mjs <command> [args…]   runs the command with EGOV_TEST_DATABASE_URL
//                                                   and DATABASE_URL set, then removes the cluster
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The folder of PostgreSQL's server binaries (15 or later), or undefined when none is installed. */
export function findPostgres() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').filter((v) => Number(v) >= 15).sort((a, b) => Number(b) - Number(a))) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (config.status === 0) candidates.push(config.stdout.trim());
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster and returns `{ url, stop }`; `url` names the `postgres` database of
 * superuser `egov` (trust authentication, loopback only). Durability is switched off
 * (fsync, synchronous_commit): the data lives for one run.
 */
export async function startCluster({ bin = findPostgres(), quiet = true } = {}) {
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'egov-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()), Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  const run = (tool, args) => {
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  const data = join(dir, 'data');
  const port = await freePort();
  run('initdb', ['-D', data, '-U', 'egov', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const options = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off', '-c max_connections=300'].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  if (!quiet) console.log(`PostgreSQL on 127.0.0.1:${port} (${dir})`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://egov@127.0.0.1:${port}/postgres`, port, dir, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, ...args] = process.argv.slice(2);
  if (!command) {
    console.error('usage: node scripts/pg-cluster.mjs <command> [args…]');
    process.exit(2);
  }
  const cluster = await startCluster({ quiet: false });
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, EGOV_TEST_DATABASE_URL: cluster.url, DATABASE_URL: cluster.url } });
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  cluster.stop();
  process.exit(code);
}
