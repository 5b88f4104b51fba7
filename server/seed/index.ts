import type { Kysely } from 'kysely';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { AGENCIES } from './data/agencies';
import { OFFICER_ROLES, SUBJECTS } from './data/subjects';
import { seedCatalog } from './catalog';
import { seedCertificates, seedIssuerKeys } from './certificates';
import type { KeyVault } from '../signatures/vault';
import { seedDataRows } from './data-rows';
import { seedServices } from './services';
import { seedCataloguing } from './cataloguing';
import { insertAgencies, insertOfficerRoles, insertSubjects, runSeedPart } from './store';

/** What seeding may use besides the database: demo or production (SPEC §5), and where private keys go. */
export interface SeedContext {
  /** False in production: no demo subjects and nothing that belongs to them. */
  demo: boolean;
  /** The keys directory; without one, issuer keys are kept in the database (a demo on PostgreSQL). */
  vault?: KeyVault;
}

/** Seeds one part inside the transaction that records it. */
export type Seeder = (trx: Kysely<Schema>, store: Store, context: SeedContext) => Promise<void>;

/** Parts that seed the demo's people and what belongs to them: skipped in production. */
const DEMO_ONLY = new Set(['subjects-2', 'certificates', 'cataloguing', 'case-steps']);

/**
 * Seeds a new database. Each part runs once (recorded in `seed_runs`), so a database made
 * before a part existed gets that part on its next start, and nothing is seeded twice.
 */
const SEEDERS: Array<[string, Seeder]> = [
  ['core', seedCore],
  // Officers, stewards and the data office (SPEC §5), for databases seeded before them.
  ['subjects-2', seedSubjects],
  ['catalog', (trx, store) => seedCatalog(trx, store)],
  ['services', seedServices],
  // Service guides and issued certificates (SPEC §6), for databases seeded before them.
  ['services-2', seedServices],
  ['certificates', (trx, _store, context) => seedCertificates(trx, context.vault)],
  // The issuers' keys alone, where the demo certificates are not seeded (production).
  ['issuer-keys', async (trx, _store, context) => void (await seedIssuerKeys(trx, context.vault))],
  // The rows behind the catalog entries (SPEC §7).
  ['data-rows', (trx) => seedDataRows(trx)],
  // Catalogue entries in each state and a comment answered by the agency (SPEC §8).
  ['cataloguing', (trx) => seedCataloguing(trx)],
  // Steps and four eyes (SPEC §14): the three-step business licence change and its officers.
  ['services-3', seedServices],
  ['case-steps', async (trx) => { await seedSubjects(trx); await insertOfficerRoles(trx, OFFICER_ROLES); }],
];

export async function seed(store: Store, context: SeedContext = { demo: true }): Promise<string[]> {
  const ran: string[] = [];
  for (const [name, seeder] of SEEDERS) {
    if (!context.demo && DEMO_ONLY.has(name)) continue;
    if (await runSeedPart(store, name, (trx) => seeder(trx, store, context))) ran.push(name);
  }
  return ran;
}

async function seedCore(trx: Kysely<Schema>, _store: Store, context: SeedContext): Promise<void> {
  await insertAgencies(trx, AGENCIES);
  if (context.demo) await seedSubjects(trx);
}

async function seedSubjects(trx: Kysely<Schema>): Promise<void> {
  await insertSubjects(trx, SUBJECTS);
}
