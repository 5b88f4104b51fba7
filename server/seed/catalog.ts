import type Database from 'better-sqlite3';

/** Seeds the catalog area (filled in with that area's tables). */
export function seedCatalog(_db: Database.Database): void {}
