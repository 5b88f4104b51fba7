import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { historyBrokenAt } from './applications/store';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { openStore } from './store/database';
import { MIGRATIONS } from './store/migrations';
import { migration as requestKeys } from './store/migrations/0013-request-keys';
import { startTestServer } from './testing';
import { registerSigner, signAs } from './test-signer';

const dir = mkdtempSync(join(tmpdir(), 'egov-cases-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database as the first release left it: migrated up to 0006, with applications in the old statuses. */
async function firstReleaseDatabase(file: string): Promise<void> {
  const sqlite = new Database(file);
  sqlite.pragma('foreign_keys = OFF');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  await sql`CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`.execute(db);
  for (const migration of MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.version === '0007-cases'))) {
    await db.transaction().execute(async (trx) => {
      await migration.up(trx, 'sqlite');
      await trx.insertInto('schema_migrations').values({ version: migration.version, applied_at: new Date().toISOString() }).execute();
    });
  }
  await db.insertInto('agencies').values({ code: '330000-GA', name: '浙江省公安厅', name_en: 'Public Security' }).execute();
  await db.insertInto('subjects').values({ id: 'citizen-001', name: '张三', kind: 'citizen', agency_code: null, id_number: null, mobile: null }).execute();
  await db.insertInto('services').values({ code: 'birth-registration', position: 0, agency_code: '330000-GA', definition: '{}' }).execute();
  await db.insertInto('uploads').values({ id: 'up-1', owner_subject_id: 'citizen-001', size: 1, media_type: 'application/pdf', sm3: '00', content: Buffer.from([0]), created_at: '2026-01-01T00:00:00.000Z' }).execute();
  const base = { applicant_subject_id: 'citizen-001', service_code: 'birth-registration', data: '{"childName":"张小明"}', signature: null };
  await db.insertInto('applications').values([
    { ...base, id: 'a-1', materials: '[{"code":"birth-medical-certificate","uploadId":"up-1"}]', receipt_no: 'ZJ-20260101-000001', status: 'completed', submitted_at: '2026-01-01T01:00:00.000Z' },
    { ...base, id: 'a-2', materials: '[]', receipt_no: 'ZJ-20260101-000002', status: 'rejected', submitted_at: '2026-01-01T02:00:00.000Z' },
    { ...base, id: 'a-3', materials: '[]', receipt_no: 'ZJ-20260101-000003', status: 'submitted', submitted_at: '2026-01-01T03:00:00.000Z' },
  ]).execute();
  await db.insertInto('idempotency_keys').values({ subject_id: 'citizen-001', key: 'k-1', request_hash: 'h', application_id: 'a-1', created_at: '2026-01-01T01:00:00.000Z' }).execute();
  await db.destroy();
}

describe('migration 0007-cases on a database of the first release', () => {
  it('keeps every application, maps the old statuses, and backfills versions, events, named uploads and the queue order', async () => {
    const file = join(dir, 'old.sqlite');
    await firstReleaseDatabase(file);
    const store = await openStore({ sqliteFile: file });
    try {
      const rows = await store.db.selectFrom('applications').select(['id', 'status', 'version', 'agency_code', 'queue_key', 'updated_at']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'a-1', status: 'approved', version: 1, agency_code: '330000-GA', queue_key: '~2026-01-01T01:00:00.000Z', updated_at: '2026-01-01T01:00:00.000Z' },
        { id: 'a-2', status: 'not_accepted', version: 1, agency_code: '330000-GA', queue_key: '~2026-01-01T02:00:00.000Z', updated_at: '2026-01-01T02:00:00.000Z' },
        { id: 'a-3', status: 'submitted', version: 1, agency_code: '330000-GA', queue_key: '~2026-01-01T03:00:00.000Z', updated_at: '2026-01-01T03:00:00.000Z' },
      ]);
      expect(await store.db.selectFrom('application_versions').select(['application_id', 'version']).orderBy('application_id').execute()).toEqual([
        { application_id: 'a-1', version: 1 }, { application_id: 'a-2', version: 1 }, { application_id: 'a-3', version: 1 },
      ]);
      const events = await store.db.selectFrom('application_events').select(['application_id', 'action', 'actor']).orderBy('application_id').execute();
      expect(events.map((e) => [e.application_id, e.action, JSON.parse(e.actor)])).toEqual([
        ['a-1', 'submitted', { kind: 'applicant', name: '张三' }], ['a-2', 'submitted', { kind: 'applicant', name: '张三' }], ['a-3', 'submitted', { kind: 'applicant', name: '张三' }],
      ]);
      expect(await store.db.selectFrom('application_uploads').selectAll().execute()).toEqual([{ application_id: 'a-1', upload_id: 'up-1' }]);
      // Their events are chained (0011), so the cases can still be archived.
      for (const id of ['a-1', 'a-2', 'a-3']) expect(await historyBrokenAt(store.db, id)).toBeNull();
      // The idempotency key still points at its application (in the one table of 0013); foreign keys hold.
      expect(await store.db.selectFrom('request_keys').select(['key', 'application_id']).execute()).toEqual([{ key: 'submission:k-1', application_id: 'a-1' }]);
      expect((await sql`PRAGMA foreign_key_check`.execute(store.db)).rows).toEqual([]);
      // The new statuses are allowed, an unknown one is not.
      await store.db.updateTable('applications').set({ status: 'correction_requested' }).where('id', '=', 'a-3').execute();
      await expect(store.db.updateTable('applications').set({ status: 'completed' }).where('id', '=', 'a-3').execute()).rejects.toThrow(/CHECK/);
    } finally {
      await store.close();
    }
  });
});

describe('migration 0013-request-keys', () => {
  it('keeps every Idempotency-Key stored in the two tables before it: a retry is answered as the first time, a reused key still refused', async () => {
    const server = await startTestServer();
    try {
      const [zhang, ga] = await Promise.all(['citizen-001', 'officer-001'].map((id) => server.login(id)));
      const signer = await registerSigner(server, zhang, 'citizen-001');
      const form = new FormData();
      form.append('file', new Blob([new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') as BlobPart], { type: 'application/pdf' }), 'scan.pdf');
      const upload = (await server.call('POST', '/api/uploads', { token: zhang, raw: form })).body.uploadId as string;
      const content = {
        serviceCode: 'birth-registration',
        data: { ...EXAMPLE_ANSWERS['birth-registration'] },
        materials: [
          { code: 'birth-medical-certificate', uploadId: upload },
          { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
          { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
        ],
      };
      const application = { ...content, signature: signAs(content, signer) };
      const submit = (body: unknown) => server.call('POST', '/api/applications', { token: zhang, body, headers: { 'Idempotency-Key': 'old-submission' } });
      const first = await submit(application);
      expect(first.status).toBe(201);
      const id = first.body.id as string;
      const accept = () => server.call('POST', `/api/cases/${id}/decisions`, { token: ga, body: { action: 'accept' }, headers: { 'Idempotency-Key': 'old-decision' } });
      const accepted = await accept();
      expect(accepted.status).toBe(200);

      // Back to the tables the keys were kept in before 0013: a first submission's key pointing
      // at its application, a decision's key with its answer.
      const db = server.store.db as unknown as Kysely<any>;
      const kept = await db.selectFrom('request_keys').selectAll().execute();
      await db.schema.createTable('idempotency_keys')
        .addColumn('subject_id', 'text', (col) => col.notNull()).addColumn('key', 'text', (col) => col.notNull())
        .addColumn('request_hash', 'text', (col) => col.notNull()).addColumn('application_id', 'text', (col) => col.notNull())
        .addColumn('created_at', 'text', (col) => col.notNull()).addPrimaryKeyConstraint('idempotency_keys_pk', ['subject_id', 'key']).execute();
      await db.schema.createTable('case_request_keys')
        .addColumn('subject_id', 'text', (col) => col.notNull()).addColumn('key', 'text', (col) => col.notNull())
        .addColumn('request_hash', 'text', (col) => col.notNull()).addColumn('application_id', 'text', (col) => col.notNull())
        .addColumn('response', 'text', (col) => col.notNull()).addColumn('created_at', 'text', (col) => col.notNull())
        .addPrimaryKeyConstraint('case_request_keys_pk', ['subject_id', 'key']).execute();
      for (const row of kept) {
        if (row.key.startsWith('submission:')) {
          await db.insertInto('idempotency_keys').values({ subject_id: row.subject_id, key: row.key.slice('submission:'.length), request_hash: row.request_hash, application_id: row.application_id, created_at: row.created_at }).execute();
        } else {
          await db.insertInto('case_request_keys').values(row).execute();
        }
      }
      await db.schema.dropTable('request_keys').execute();
      expect((await db.selectFrom('idempotency_keys').select('key').execute()).map((r) => r.key)).toContain('old-submission');
      expect((await db.selectFrom('case_request_keys').select('key').execute()).map((r) => r.key)).toContain(`decision:${id}:old-decision`);

      await db.transaction().execute((trx) => requestKeys.up(trx, server.engine));

      const again = await submit(application);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
      const reused = await submit({ ...application, data: { ...application.data, childName: '张小红' } });
      expect(reused.status).toBe(409);
      expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

      const decidedAgain = await accept();
      expect(decidedAgain.status).toBe(200);
      expect(decidedAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(decidedAgain.body).toEqual(accepted.body);
      const otherDecision = await server.call('POST', `/api/cases/${id}/decisions`, { token: ga, body: { action: 'not_accept', reason: '材料不全', legalBasis: '第七条' }, headers: { 'Idempotency-Key': 'old-decision' } });
      expect(otherDecision.status).toBe(409);
      expect(otherDecision.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
      // The old tables are gone.
      await expect(db.selectFrom('idempotency_keys').selectAll().execute()).rejects.toThrow();
    } finally {
      await server.stop();
    }
  });
});
