import type { Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * One table for every Idempotency-Key (SPEC §3, §6): a first submission's, a resubmission's,
 * a decision's and a withdrawal's, each kept with the answer it got the first time. Keys are
 * scoped by the request they came with (`submission:<key>`, `decision:<id>:<key>`, …). The
 * keys of the two tables before it are copied, so a retry of an earlier request is still
 * answered as the first time and a reused key still refused; then those tables go.
 */
export const migration: Migration = {
  version: '0013-request-keys',
  async up(db) {
    await db.schema.createTable('request_keys')
      .addColumn('subject_id', 'text', (col) => col.notNull().references('subjects.id'))
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('request_hash', 'text', (col) => col.notNull())
      .addColumn('application_id', 'text', (col) => col.notNull().references('applications.id'))
      // JSON: the answer of the first request, given again to a retry.
      .addColumn('response', 'text', (col) => col.notNull())
      .addColumn('created_at', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('request_keys_pk', ['subject_id', 'key'])
      .execute();
    await copySubmissionKeys(db);
    await db.insertInto('request_keys')
      .columns(['subject_id', 'key', 'request_hash', 'application_id', 'response', 'created_at'])
      .expression(db.selectFrom('case_request_keys').select(['subject_id', 'key', 'request_hash', 'application_id', 'response', 'created_at']))
      .execute();
    await db.schema.dropTable('idempotency_keys').execute();
    await db.schema.dropTable('case_request_keys').execute();
  },
};

/**
 * A first submission's key kept no answer: it pointed at its application. Its answer was the
 * receipt of the application as stored, `submitted` (SPEC §3), which is kept with it now.
 */
async function copySubmissionKeys(db: Kysely<any>): Promise<void> {
  const rows = await db.selectFrom('idempotency_keys as k').innerJoin('applications as a', 'a.id', 'k.application_id')
    .select(['k.subject_id', 'k.key', 'k.request_hash', 'k.application_id', 'k.created_at', 'a.receipt_no', 'a.submitted_at']).execute();
  for (const row of rows) {
    const receipt = { id: row.application_id, receiptNo: row.receipt_no, status: 'submitted', submittedAt: row.submitted_at };
    await db.insertInto('request_keys').values({
      subject_id: row.subject_id,
      key: 'submission:' + row.key,
      request_hash: row.request_hash,
      application_id: row.application_id,
      response: JSON.stringify(receipt),
      created_at: row.created_at,
    }).execute();
  }
}
