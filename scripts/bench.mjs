// `npm run bench`: runs every bench/*.bench.ts in turn (each prints its own figures).
// Figures are printed, never asserted: speed is measured here, not in tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

if (!existsSync('dist/egov-elements.js')) spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' });
const only = process.argv.slice(2);
const files = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).filter((f) => !only.length || only.some((o) => f.includes(o))).sort();
let failed = 0;
for (const file of files) {
  console.log(`\n━━ ${file} ━━`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
