// `npm test`: every check, in order, the same on a laptop and in CI.
// typecheck → lint → unit and server tests → the server tests again on PostgreSQL (a
// throw-away cluster, when PostgreSQL is installed) → build → element tests in Chromium →
// the cross-browser subset in Firefox and WebKit →
// stories as tests (axe on each) → end-to-end flows against the reference backend.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgres, startCluster } from './pg-cluster.mjs';

const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROME)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.log(`Chromium is not at ${CHROME}; installing Debian's chromium package…`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium']);
  }
  if (!existsSync(CHROME)) {
    console.error(`\nThe browser tests need Chromium, and none was found at ${CHROME}.\n` +
      `Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary, then run npm test again.\n`);
    process.exit(1);
  }
}

const STEPS = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['unit and server', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['server on PostgreSQL', 'npx', ['vitest', 'run', '--project', 'unit', 'server/'], { postgres: true }],
  ['build', 'node', ['scripts/build.mjs']],
  ['package: one file, autoloader, types, tarball, SSR', 'npx', ['vitest', 'run', '--project', 'package']],
  ['elements in Chromium', 'npx', ['web-test-runner']],
  // The cross-browser subset (tests/browser/cross-browser/) in Debian's Firefox ESR and WebKitGTK;
  // started with node itself so the timeout ends the runner and not only npx.
  ['elements in Firefox', 'node', ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.firefox.config.mjs'], { timeoutMs: 300_000 }],
  ['elements in WebKit', 'node', ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.webkit.config.mjs'], { timeoutMs: 300_000 }],
  ['stories with axe', 'npx', ['vitest', 'run', '--project', 'storybook']],
  ['end to end', 'npx', ['vitest', 'run', '--project', 'e2e']],
];

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [name, command, args, options = {}] of STEPS) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n━━ ${name} ━━`);
  let ok;
  if (options.postgres) {
    if (!findPostgres()) {
      console.log('PostgreSQL is not installed here, so the server tests ran on SQLite only.\n' +
        'Install it (Debian/Ubuntu: sudo apt-get install -y postgresql) to run them on PostgreSQL too; CI (.ci/run) always does.');
      skipped++;
      continue;
    }
    const started = Date.now();
    const cluster = await startCluster();
    try {
      ok = run(command, args, { EGOV_TEST_DATABASE_URL: cluster.url });
    } finally {
      cluster.stop();
    }
    console.log(`(PostgreSQL run, cluster included: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } else ok = run(command, args, {}, options.timeoutMs);
  if (ok) passed++;
  else {
    failed++;
    console.error(`✗ ${name} failed`);
  }
}
console.log(`\nsuites: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (see above)` : ''}`);
process.exit(failed ? 1 : 0);

function run(command, args, env = {}, timeoutMs = undefined) {
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', timeout: timeoutMs, killSignal: 'SIGTERM', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env } });
  if (timeoutMs && result.error?.code === 'ETIMEDOUT') console.error(`✗ stopped after ${timeoutMs / 1000} s: ${command} ${args.join(' ')} did not finish`);
  else if (timeoutMs) console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}
