/**
 * `GET /access-log/verify` over HTTP at 200,000 records (issue #31 item 8), measured, never
 * asserted: the first call after start (the whole chain, in batches that give the event loop
 * back, then a signed checkpoint) and the next call (the remembered record checked, the new
 * records and a sweep of EGOV_VERIFY_SWEEP records recomputed); and how long `/healthz`
 * waits while the first call runs. On SQLite, or on PostgreSQL with EGOV_TEST_DATABASE_URL.
 *
 *   node --import tsx bench/checkpoints.bench.ts [records]
 */
import { GENESIS_HASH, recordHash } from '../server/data/access-log';
import { checkpointsOf } from '../server/checkpoints/service';
import { SEED_IDS } from '../server/seed/data/catalog';
import { startTestServer } from '../server/testing';
import { printStats } from './support';

const N = Number(process.argv[2] ?? 200_000);
const server = await startTestServer({ EGOV_LOG: '0' });
try {
  const t = performance.now();
  const entry = { subjectId: 'staff-001', agency: '330000-SJ', itemId: SEED_IDS.restrictedGA, grantId: 'g-bench', purpose: '核验户籍信息', route: 'GET /data/{itemId}/rows', fields: ['xm', 'gmsfhm'] };
  let prevHash = GENESIS_HASH;
  for (let from = 1; from <= N; from += 1000) {
    const batch = [];
    for (let seq = from; seq < Math.min(from + 1000, N + 1); seq++) {
      const record = { seq, at: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(), ...entry, rows: seq % 200, prevHash };
      const hash = recordHash(record);
      batch.push({ seq, at: record.at, subject_id: entry.subjectId, agency: entry.agency, item_id: entry.itemId, provider_agency: '330000-GA', grant_id: entry.grantId, purpose: entry.purpose, route: entry.route, fields: JSON.stringify(entry.fields), rows: record.rows, prev_hash: prevHash, hash });
      prevHash = hash;
    }
    await server.store.db.insertInto('access_log').values(batch).execute();
  }
  console.log(`engine: ${server.engine}; ${N.toLocaleString('en')} access-log records written in batches of 1,000 in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const reviewer = await server.login('reviewer-001');
  const verify = async () => {
    const start = performance.now();
    const res = await server.call<{ ok: boolean; length: number }>('GET', '/api/access-log/verify', { token: reviewer });
    if (res.status !== 200 || !res.body.ok || res.body.length !== N) throw new Error('verify: ' + res.status + ' ' + JSON.stringify(res.body));
    return performance.now() - start;
  };

  // While the first call runs, /healthz is asked every 20 ms: how long does it wait?
  const waits: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await server.call('GET', '/healthz');
      waits.push(performance.now() - start);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const first = await verify();
  running = false;
  await probe;
  const verifier = checkpointsOf(server.store)!.accessLog;
  const readBefore = verifier.recordsRead;
  const next: number[] = [];
  for (let i = 0; i < 5; i++) next.push(await verify());
  console.log(`${'verify, first call (whole chain + checkpoint)'.padEnd(48)} ${first.toFixed(0)} ms`);
  printStats('verify, next calls (remembered head + sweep)', next);
  console.log(`${'records read per next call'.padEnd(48)} ${((verifier.recordsRead - readBefore) / next.length).toFixed(0)} (sweep ${process.env.EGOV_VERIFY_SWEEP ?? '5000'})`);
  console.log(`${'first ÷ next (median)'.padEnd(48)} ${(first / [...next].sort((a, b) => a - b)[2]!).toFixed(1)}×`);
  printStats('/healthz while the first call runs', waits);
} finally {
  await server.stop();
}
