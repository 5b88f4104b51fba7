import type { Kysely } from 'kysely';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { NotFound } from '../domain/errors';
import type { Schema } from '../store/schema';

/** Every service definition, in catalogue order. */
export async function listServices(db: Kysely<Schema>): Promise<ServiceDefinition[]> {
  const rows = await db.selectFrom('services').select('definition').orderBy('position').orderBy('code').execute();
  return rows.map((row) => JSON.parse(row.definition) as ServiceDefinition);
}

/** One service definition, or undefined. */
export async function findService(db: Kysely<Schema>, code: string): Promise<ServiceDefinition | undefined> {
  const row = await db.selectFrom('services').select('definition').where('code', '=', code).executeTakeFirst();
  return row && (JSON.parse(row.definition) as ServiceDefinition);
}

export function serviceNotFound(): NotFound {
  return new NotFound('No such service', 'SERVICE_NOT_FOUND');
}
