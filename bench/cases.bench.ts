/**
 * The officers' side (SPEC §6) over HTTP on the real server (temp database): a queue of
 * 10,000 cases, GET /cases with and without filters; POST /cases/{id}/decisions — accept,
 * and approve with the certificate issued and sealed (SM2) and the archival record sealed,
 * in one transaction; SPEC §14: the queue filtered by `mine` (half of 市场监管局's cases held by
 * its handler) and a three-step approval (handler, reviewer, approver, the licence issued at
 * the last) against the one-step approval of the same run. On SQLite, then on PostgreSQL in a throw-away cluster when it is
 * installed. Printed, not asserted.
 *
 *   node --import tsx bench/cases.bench.ts [cases]
 */
import { randomUUID } from 'node:crypto';
import { eventHash } from '../server/applications/history-chain';
import { addWorkingDays } from '../server/applications/working-days';
import { EXAMPLE_ANSWERS } from '../server/seed/data/services';
import { startTestServer } from '../server/testing';
import { findPostgres, startCluster } from '../scripts/pg-cluster.mjs';
import { printStats } from './support';

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 30;
const APPROVALS = 40;

const SERVICES = [
  { code: 'birth-registration', agency: '330000-GA', applicant: 'citizen-001', name: '张三', materials: [{ code: 'parents-hukou', certificateId: 'cert-hukou-001' }, { code: 'marriage-certificate', certificateId: 'cert-marriage-001' }] },
  { code: 'residence-permit', agency: '330000-GA', applicant: 'citizen-001', name: '张三', materials: [{ code: 'id-card', certificateId: 'cert-idcard-001' }] },
  { code: 'business-licence-change', agency: '330000-SC', applicant: 'org-001', name: '杭州示例科技有限公司', materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }] },
];
const STATUSES = ['submitted', 'submitted', 'accepted', 'accepted', 'correction_requested', 'approved', 'refused', 'not_accepted', 'withdrawn'] as const;

async function bench(): Promise<void> {
  const server = await startTestServer({ EGOV_LOG: '0' });
  try {
    let t = performance.now();
    const db = server.store.db;
    const now = Date.now();
    const accepted: string[] = [];
    const licences: string[] = [];
    const rows = [];
    for (let i = 0; i < COUNT; i++) {
      const service = SERVICES[i % SERVICES.length]!;
      // The first APPROVALS + RUNS birth registrations are accepted, ready to be approved.
      const ready = (service.code === 'birth-registration' && accepted.length < APPROVALS + RUNS) || (service.code === 'business-licence-change' && licences.length < APPROVALS);
      const status = ready ? 'accepted' : STATUSES[(i * 7) % STATUSES.length]!;
      const submitted = new Date(now - (COUNT - i) * 60_000);
      const acceptedAt = status === 'submitted' || status === 'correction_requested' || status === 'withdrawn' || status === 'not_accepted' ? null : new Date(submitted.getTime() + 3_600_000);
      const id = randomUUID();
      if (status === 'accepted' && service.code === 'birth-registration') accepted.push(id);
      const licence = ready && service.code === 'business-licence-change';
      if (licence) licences.push(id);
      rows.push({
        id,
        applicant_subject_id: service.applicant,
        service_code: service.code,
        agency_code: service.agency,
        data: JSON.stringify(EXAMPLE_ANSWERS[service.code]),
        materials: JSON.stringify(service.materials),
        signature: null,
        receipt_no: `ZJ-BENCH-${String(i).padStart(6, '0')}`,
        status,
        version: 1,
        submitted_at: submitted.toISOString(),
        accepted_at: acceptedAt?.toISOString() ?? null,
        due_at: acceptedAt ? addWorkingDays(acceptedAt, 5) : null,
        corrections: status === 'correction_requested' ? JSON.stringify([{ path: '/address', reason: '地址不完整' }]) : null,
        decision: null,
        certificate_id: null,
        updated_at: submitted.toISOString(),
        queue_key: acceptedAt ? addWorkingDays(acceptedAt, 5) : '~' + submitted.toISOString(),
        step: 1,
        // Half of 市场监管局's cases held by its handler (not those approved below: they pass through three officers).
        holder_id: service.agency === '330000-SC' && !licence && i % 2 ? 'officer-002' : null,
        suspended_at: null,
      });
    }
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('applications').values(batch).execute();
        await trx.insertInto('application_events').values(batch.flatMap((r) => {
          const actor = { kind: 'applicant' as const, name: 'bench' };
          const first = { application_id: r.id, seq: 1, at: r.submitted_at, action: 'submitted', actor: JSON.stringify(actor), reason: null, legal_basis: null, items: null, hash: eventHash('', r.id, 1, { at: r.submitted_at, action: 'submitted', actor }) };
          if (r.status !== 'accepted') return [first];
          // An accepted case's history ends with its acceptance (a decision is sealed only over such a history).
          const officer = { kind: 'officer' as const, name: 'bench' };
          const at = r.accepted_at!;
          return [first, { ...first, seq: 2, at, action: 'accepted', actor: JSON.stringify(officer), hash: eventHash(first.hash, r.id, 2, { at, action: 'accepted', actor: officer }) }];
        })).execute();
      });
    }
    console.log(`${COUNT} cases stored in ${((performance.now() - t) / 1000).toFixed(1)} s (${server.store.engine})`);

    const ga = await server.login('officer-001');
    const queries: Array<[string, string]> = [
      ['GET /cases (first page, every status)', ''],
      ['GET /cases?status=accepted', '?status=accepted'],
      ['GET /cases?status=submitted&status=correction_requested', '?status=submitted&status=correction_requested'],
      ['GET /cases?service=residence-permit', '?service=residence-permit'],
      ['GET /cases?status=accepted&service=birth-registration', '?status=accepted&service=birth-registration'],
      ['GET /cases?pageSize=100&page=20 (deep page)', '?pageSize=100&page=20'],
    ];
    for (const [label, query] of queries) {
      const samples: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        t = performance.now();
        const res = await server.call('GET', '/api/cases' + query, { token: ga });
        if (res.status !== 200) throw new Error(label + ' ' + res.status);
        if (i >= 3) samples.push(performance.now() - t);
      }
      printStats(label, samples);
    }

    const caseSamples: number[] = [];
    for (const id of accepted.slice(0, RUNS)) {
      t = performance.now();
      const res = await server.call('GET', `/api/cases/${id}`, { token: ga });
      if (res.status !== 200) throw new Error('GET /cases/{id} ' + res.status);
      caseSamples.push(performance.now() - t);
    }
    printStats('GET /cases/{id}', caseSamples);

    const approve: number[] = [];
    for (const id of accepted.slice(0, APPROVALS)) {
      t = performance.now();
      const res = await server.call('POST', `/api/cases/${id}/decisions`, { token: ga, body: { action: 'approve' }, headers: { 'Idempotency-Key': randomUUID() } });
      if (res.status !== 200 || !res.body.certificateId) throw new Error('approve ' + res.status + JSON.stringify(res.body));
      approve.push(performance.now() - t);
    }
    printStats('POST decisions approve (+certificate, seals)', approve);

    const refuse: number[] = [];
    for (const id of accepted.slice(APPROVALS, APPROVALS + RUNS)) {
      t = performance.now();
      const res = await server.call('POST', `/api/cases/${id}/decisions`, { token: ga, body: { action: 'refuse', reason: '不符合条件', legalBasis: '《户口登记条例》第七条' }, headers: { 'Idempotency-Key': randomUUID() } });
      if (res.status !== 200) throw new Error('refuse ' + res.status);
      refuse.push(performance.now() - t);
    }
    printStats('POST decisions refuse (record sealed)', refuse);

    // SPEC §14.
    const [handler, reviewer, approver] = await Promise.all(['officer-002', 'officer-005', 'officer-006'].map((id) => server.login(id)));
    const mine: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      t = performance.now();
      const res = await server.call('GET', '/api/cases?filter=mine', { token: handler });
      if (res.status !== 200 || !res.body.total) throw new Error('mine ' + res.status);
      if (i >= 3) mine.push(performance.now() - t);
    }
    printStats('GET /cases?filter=mine', mine);
    const threeSteps: number[] = [];
    for (const id of licences) {
      t = performance.now();
      for (const token of [handler, reviewer, approver]) {
        const res = await server.call('POST', `/api/cases/${id}/decisions`, { token, body: { action: 'approve' }, headers: { 'Idempotency-Key': randomUUID() } });
        if (res.status !== 200) throw new Error('three-step approve ' + res.status + JSON.stringify(res.body));
      }
      threeSteps.push(performance.now() - t);
    }
    printStats('three-step approval (3 POSTs, licence issued at the last)', threeSteps);
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`three-step / one-step approval p50: ${(p50(threeSteps) / p50(approve)).toFixed(2)}×`);
  } finally {
    await server.stop();
  }
}

console.log('— SQLite —');
await bench();
if (findPostgres()) {
  const cluster = await startCluster();
  try {
    process.env.EGOV_TEST_DATABASE_URL = cluster.url;
    console.log('— PostgreSQL —');
    await bench();
  } finally {
    delete process.env.EGOV_TEST_DATABASE_URL;
    await cluster.stop();
  }
} else {
  console.log('PostgreSQL is not installed (apt-get install -y postgresql): SQLite figures only.');
}
