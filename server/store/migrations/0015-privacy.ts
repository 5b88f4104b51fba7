import { createHash } from 'node:crypto';
import type { Migration } from '../migration';

/**
 * What is kept about people no longer than needed, or shown or stored more plainly than
 * needed:
 * - a public comment keeps whether its author chose to show their full name (`show_name`,
 *   0 for every comment before: shown with the surname only);
 * - kept Idempotency-Key answers are swept by age, so `created_at` is indexed;
 * - a certificate's verification code gets its hash (`verification_code_hash`), which
 *   verification compares against. The code itself is sealed under the keys directory's
 *   secret at the next start (server/certificates/verification-code.ts), which a migration
 *   cannot reach.
 */
export const migration: Migration = {
  version: '0015-privacy',
  async up(db) {
    await db.schema.alterTable('catalogue_comments').addColumn('show_name', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('request_keys_created').on('request_keys').column('created_at').execute();
    await db.schema.alterTable('certificates').addColumn('verification_code_hash', 'text').execute();
    const rows = await db.selectFrom('certificates').select(['id', 'verification_code']).execute();
    for (const row of rows as Array<{ id: string; verification_code: string }>) {
      await db.updateTable('certificates').set({ verification_code_hash: codeHash(row.verification_code) }).where('id', '=', row.id).execute();
    }
  },
};

/** The hash of a code as verification computes it (as written in 0015; frozen). */
function codeHash(code: string): string {
  return createHash('sha256').update('egov-verification-code:' + code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}
