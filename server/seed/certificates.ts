import type Database from 'better-sqlite3';

/** Seeds the certificates area (filled in with that area's tables). */
export function seedCertificates(_db: Database.Database): void {}
