import type Database from 'better-sqlite3';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { ApiProblem } from '../errors';

/** Every service definition, in catalogue order. */
export function listServices(db: Database.Database): ServiceDefinition[] {
  const rows = db.prepare('SELECT definition FROM services ORDER BY position, code').all() as Array<{ definition: string }>;
  return rows.map((row) => JSON.parse(row.definition) as ServiceDefinition);
}

/** One service definition, or undefined. */
export function findService(db: Database.Database, code: string): ServiceDefinition | undefined {
  const row = db.prepare('SELECT definition FROM services WHERE code = ?').get(code) as { definition: string } | undefined;
  return row && (JSON.parse(row.definition) as ServiceDefinition);
}

export function serviceNotFound(status: 404 | 422 = 404): ApiProblem {
  return new ApiProblem(status, 'SERVICE_NOT_FOUND', 'No such service');
}
