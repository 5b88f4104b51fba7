import type Database from 'better-sqlite3';

/** Seeds the services area (filled in with that area's tables). */
export function seedServices(_db: Database.Database): void {}
