import type Database from 'better-sqlite3';
import { SERVICES } from './data/services';

/** Stores the seeded service definitions (SPEC §5); a later seed replaces an earlier one. */
export function seedServices(db: Database.Database): void {
  // An upsert, not a replace: a replace deletes the row that stored applications refer to.
  const insert = db.prepare(`INSERT INTO services (code, position, agency_code, definition) VALUES (?, ?, ?, ?)
    ON CONFLICT (code) DO UPDATE SET position = excluded.position, agency_code = excluded.agency_code, definition = excluded.definition`);
  SERVICES.forEach((service, position) => insert.run(service.code, position, service.agency.code, JSON.stringify(service)));
}
