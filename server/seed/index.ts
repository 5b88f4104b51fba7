import type Database from 'better-sqlite3';
import { AGENCIES } from './data/agencies';
import { SUBJECTS } from './data/subjects';
import { seedCatalog } from './catalog';
import { seedCertificates } from './certificates';
import { seedServices } from './services';

type Seeder = (db: Database.Database) => void;

/**
 * Seeds a new database. Each part runs once (recorded in `seed_runs`), so a database made
 * before a part existed gets that part on its next start, and nothing is seeded twice.
 */
const SEEDERS: Array<[string, Seeder]> = [
  ['core', seedCore],
  // Officers, stewards and the data office (SPEC §5), for databases seeded before them.
  ['subjects-2', seedSubjects],
  ['catalog', seedCatalog],
  ['services', seedServices],
  ['certificates', seedCertificates],
];

export function seed(db: Database.Database): string[] {
  const ran: string[] = [];
  for (const [name, seeder] of SEEDERS) {
    const done = db.prepare('SELECT 1 FROM seed_runs WHERE name = ?').get(name);
    if (done) continue;
    db.transaction(() => {
      seeder(db);
      db.prepare('INSERT INTO seed_runs (name, seeded_at) VALUES (?, ?)').run(name, new Date().toISOString());
    })();
    ran.push(name);
  }
  return ran;
}

function seedCore(db: Database.Database): void {
  const agency = db.prepare('INSERT INTO agencies (code, name, name_en) VALUES (?, ?, ?)');
  for (const a of AGENCIES) agency.run(a.code, a.name, a.nameEn);
  seedSubjects(db);
}

function seedSubjects(db: Database.Database): void {
  const subject = db.prepare('INSERT OR IGNORE INTO subjects (id, name, kind, agency_code, id_number, mobile) VALUES (?, ?, ?, ?, ?, ?)');
  for (const s of SUBJECTS) subject.run(s.id, s.name, s.kind, s.agencyCode, s.idNumber, s.mobile);
}
