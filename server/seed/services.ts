import type Database from 'better-sqlite3';
import { SERVICES } from './data/services';

/** Stores the seeded service definitions (SPEC §5); a later seed replaces an earlier one. */
export function seedServices(db: Database.Database): void {
  const insert = db.prepare('INSERT OR REPLACE INTO services (code, position, agency_code, definition) VALUES (?, ?, ?, ?)');
  SERVICES.forEach((service, position) => insert.run(service.code, position, service.agency.code, JSON.stringify(service)));
}
