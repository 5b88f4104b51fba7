import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Migration } from '../migration';
import { runSqlScript } from '../migration';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * A migration kept as SQL, one file per engine (`sqlite/NNNN-name.sql`,
 * `postgres/NNNN-name.sql`): for DDL the engines do not share (FTS5 and trigram indexes,
 * triggers, column types).
 */
export function sqlFileMigration(version: string): Migration {
  return {
    version,
    async up(db, engine) {
      const file = join(HERE, engine, version + '.sql');
      if (!existsSync(file)) throw new Error(`migration ${version} has no ${engine} script`);
      await runSqlScript(db, readFileSync(file, 'utf8'));
    },
  };
}
