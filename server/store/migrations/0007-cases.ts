import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/** SPEC §6 statuses; the first release's `rejected` and `completed` map onto them. */
const STATUS_CHECK = "status IN ('submitted', 'accepted', 'correction_requested', 'not_accepted', 'approved', 'refused', 'withdrawn')";
const STATUS_MAP = "CASE status WHEN 'rejected' THEN 'not_accepted' WHEN 'completed' THEN 'approved' ELSE status END";

/**
 * Cases (SPEC §6): applications gain their lifecycle (status, version, acceptance and due
 * date, the open correction request, the decision, the issued certificate) and the evidence
 * tables that are only ever appended to: events, signed versions, named uploads, sealed
 * archival records and certificate revocations.
 */
export const migration: Migration = {
  version: '0007-cases',
  async up(db, engine) {
    if (engine === 'sqlite') {
      await sql.raw(`CREATE TABLE applications_new (
        id TEXT PRIMARY KEY,
        applicant_subject_id TEXT NOT NULL REFERENCES subjects(id),
        service_code TEXT NOT NULL REFERENCES services(code),
        agency_code TEXT NOT NULL,
        data TEXT NOT NULL,
        materials TEXT NOT NULL,
        signature TEXT,
        receipt_no TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (${STATUS_CHECK}),
        version INTEGER NOT NULL DEFAULT 1,
        submitted_at TEXT NOT NULL,
        accepted_at TEXT,
        due_at TEXT,
        corrections TEXT,
        decision TEXT,
        certificate_id TEXT,
        updated_at TEXT NOT NULL
      )`).execute(db);
      await sql.raw(`INSERT INTO applications_new (id, applicant_subject_id, service_code, agency_code, data, materials, signature, receipt_no, status, version, submitted_at, updated_at)
        SELECT a.id, a.applicant_subject_id, a.service_code, s.agency_code, a.data, a.materials, a.signature, a.receipt_no, ${STATUS_MAP.replace(/status/g, 'a.status')}, 1, a.submitted_at, a.submitted_at
        FROM applications a JOIN services s ON s.code = a.service_code`).execute(db);
      await sql.raw('DROP TABLE applications').execute(db);
      await sql.raw('ALTER TABLE applications_new RENAME TO applications').execute(db);
      await sql.raw('CREATE INDEX applications_applicant ON applications (applicant_subject_id, submitted_at)').execute(db);
    } else {
      await sql.raw('ALTER TABLE applications DROP CONSTRAINT IF EXISTS applications_status_check').execute(db);
      await sql.raw(`UPDATE applications SET status = ${STATUS_MAP}`).execute(db);
      await sql.raw(`ALTER TABLE applications ADD CONSTRAINT applications_status_check CHECK (${STATUS_CHECK})`).execute(db);
      await sql.raw(`ALTER TABLE applications
        ADD COLUMN agency_code TEXT,
        ADD COLUMN version INTEGER NOT NULL DEFAULT 1,
        ADD COLUMN accepted_at TEXT,
        ADD COLUMN due_at TEXT,
        ADD COLUMN corrections TEXT,
        ADD COLUMN decision TEXT,
        ADD COLUMN certificate_id TEXT,
        ADD COLUMN updated_at TEXT`).execute(db);
      await sql.raw('UPDATE applications SET agency_code = s.agency_code, updated_at = applications.submitted_at FROM services s WHERE s.code = applications.service_code').execute(db);
      await sql.raw('ALTER TABLE applications ALTER COLUMN agency_code SET NOT NULL, ALTER COLUMN updated_at SET NOT NULL').execute(db);
    }
    // The officers' queue: one agency's cases by status, oldest due first.
    await db.schema.createIndex('applications_queue').on('applications').columns(['agency_code', 'status', 'due_at', 'submitted_at']).execute();
    await db.schema.createIndex('applications_agency_due').on('applications').columns(['agency_code', 'due_at', 'submitted_at']).execute();

    await db.schema.createTable('application_events')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('seq', 'integer', (col) => col.notNull())
      .addColumn('at', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('reason', 'text')
      .addColumn('legal_basis', 'text')
      .addColumn('items', 'text')
      .addPrimaryKeyConstraint('application_events_pk', ['application_id', 'seq'])
      .execute();
    await db.schema.createTable('application_versions')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('version', 'integer', (col) => col.notNull())
      .addColumn('data', 'text', (col) => col.notNull())
      .addColumn('materials', 'text', (col) => col.notNull())
      .addColumn('signature', 'text')
      .addColumn('submitted_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('application_versions_pk', ['application_id', 'version'])
      .execute();
    await db.schema.createTable('application_uploads')
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('upload_id', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('application_uploads_pk', ['application_id', 'upload_id'])
      .execute();
    await db.schema.createIndex('application_uploads_upload').on('application_uploads').column('upload_id').execute();
    await db.schema.createTable('case_request_keys')
      .addColumn('subject_id', 'text', (col) => col.notNull().references('subjects.id'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('request_hash', 'text', (col) => col.notNull())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      .addColumn('response', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('case_request_keys_pk', ['subject_id', 'key'])
      .execute();
    await db.schema.createTable('archival_records')
      .addColumn('application_id', 'text', (col) => col.primaryKey().references('applications.id'))
      .addColumn('record', 'text', (col) => col.notNull())
      .addColumn('sealed_at', 'text', (col) => col.notNull())
      .execute();
    await db.schema.createTable('certificate_revocations')
      .addColumn('certificate_id', 'text', (col) => col.primaryKey().references('certificates.id'))
      .addColumn('reason', 'text', (col) => col.notNull())
      .addColumn('revoked_at', 'text', (col) => col.notNull())
      .addColumn('agency_code', 'text', (col) => col.notNull())
      .addColumn('subject_id', 'text')
      .execute();

    await backfill(db);
  },
};

/** Applications stored before cases existed: their first version, their submission event, their uploads. */
async function backfill(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('applications as a').innerJoin('subjects as s', 's.id', 'a.applicant_subject_id')
    .select(['a.id', 'a.data', 'a.materials', 'a.signature', 'a.submitted_at', 's.name']).execute();
  for (const row of rows) {
    await db.insertInto('application_versions').values({ application_id: row.id, version: 1, data: row.data, materials: row.materials, signature: row.signature, submitted_at: row.submitted_at }).execute();
    await db.insertInto('application_events').values({ application_id: row.id, seq: 1, at: row.submitted_at, action: 'submitted', actor: JSON.stringify({ kind: 'applicant', name: row.name }) }).execute();
    const uploads = (JSON.parse(row.materials) as Array<{ uploadId?: string }>).flatMap((m) => (m.uploadId ? [m.uploadId] : []));
    for (const upload of new Set(uploads)) await db.insertInto('application_uploads').values({ application_id: row.id, upload_id: upload }).execute();
  }
}
