import type { Kysely, Selectable } from 'kysely';
import { lockFor, type Engine, type Store } from '../store/database';
import type { Schema } from '../store/schema';
import type {
  CatalogueAction,
  CatalogueComment,
  CatalogueEntry,
  CatalogueEntryDetail,
  CatalogueEntryInput,
  CatalogueEntryStatus,
  CatalogueEntryVersion,
  CatalogueHistoryEvent,
  CatalogueVersionState,
  ReviewChecks,
} from '../../src/core/catalog-types';

/** Every query of cataloguing (SPEC §8): entries, their versions, history and comments. */

type EntryRow = Selectable<Schema['catalogue_entries']>;
type VersionRow = Selectable<Schema['catalogue_versions']>;
type HistoryRow = Selectable<Schema['catalogue_history']>;

export interface EntryState {
  id: string;
  agencyCode: string;
  status: CatalogueEntryStatus;
  version: number;
  publishedVersion: number | null;
  publishedAt: string | null;
  /** The working version's content. */
  input: CatalogueEntryInput;
  importedRows: number | null;
}

/** Where the rows imported for a version wait until it is published (resource codes hold no `@`). */
export const stagingKey = (entryId: string, version: number) => `${entryId}@v${version}`;

/** The next resource code of an agency's catalogue entries: `<agency>-E000001`, … (serialised per agency). */
export async function nextEntryId(trx: Kysely<Schema>, engine: Engine, agencyCode: string): Promise<string> {
  await lockFor(trx, engine, `catalogue-entry-id:${agencyCode}`);
  const prefix = `${agencyCode}-E`;
  const last = await trx.selectFrom('catalogue_entries').select('id').where('agency_code', '=', agencyCode).where('id', 'like', prefix + '%').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const n = last ? Number(last.id.slice(prefix.length)) || 0 : 0;
  return prefix + String(n + 1).padStart(6, '0');
}

/** Whether a resource code is used by an entry of the catalog or a catalogue entry. */
export async function resourceCodeTaken(db: Kysely<Schema>, id: string): Promise<boolean> {
  const entry = await db.selectFrom('catalogue_entries').select('id').where('id', '=', id).executeTakeFirst();
  const item = entry ? undefined : await db.selectFrom('catalog_items').select('id').where('id', '=', id).executeTakeFirst();
  return !!(entry ?? item);
}

export async function insertEntry(trx: Kysely<Schema>, entry: { id: string; agencyCode: string; status: CatalogueEntryStatus; input: CatalogueEntryInput; at: string }): Promise<void> {
  await trx.insertInto('catalogue_entries').values({
    id: entry.id, agency_code: entry.agencyCode, status: entry.status, version: 1, published_version: null,
    created_at: entry.at, updated_at: entry.at, published_at: null, checks: null, reason: null,
  }).execute();
  await trx.insertInto('catalogue_versions').values({
    entry_id: entry.id, version: 1, state: entry.status, doc: JSON.stringify(entry.input), created_at: entry.at, updated_at: entry.at, published_at: null, imported_rows: null,
  }).execute();
}

export async function findEntryState(db: Kysely<Schema>, id: string): Promise<EntryState | undefined> {
  const row = await db.selectFrom('catalogue_entries as e')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.version'))
    .select(['e.id', 'e.agency_code', 'e.status', 'e.version', 'e.published_version', 'e.published_at', 'v.doc', 'v.imported_rows'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row && {
    id: row.id, agencyCode: row.agency_code, status: row.status, version: Number(row.version),
    publishedVersion: row.published_version === null ? null : Number(row.published_version), publishedAt: row.published_at,
    input: JSON.parse(row.doc) as CatalogueEntryInput, importedRows: row.imported_rows === null ? null : Number(row.imported_rows),
  };
}

export interface EntryChange {
  status: CatalogueEntryStatus;
  version?: number;
  publishedVersion?: number | null;
  publishedAt?: string;
  checks?: ReviewChecks | null;
  reason?: string | null;
  at: string;
}

/**
 * Moves an entry from the state it was read in to another, atomically: the UPDATE only holds
 * when status and version are still those read (false: another request got there first → 409).
 * On PostgreSQL the row lock it takes also serialises the rest of the transaction per entry.
 */
export async function changeEntry(trx: Kysely<Schema>, id: string, from: { status: CatalogueEntryStatus; version: number }, change: EntryChange): Promise<boolean> {
  const result = await trx.updateTable('catalogue_entries').set({
    status: change.status,
    updated_at: change.at,
    ...(change.version !== undefined ? { version: change.version } : {}),
    ...(change.publishedVersion !== undefined ? { published_version: change.publishedVersion } : {}),
    ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
    ...(change.checks !== undefined ? { checks: change.checks === null ? null : JSON.stringify(change.checks) } : {}),
    ...(change.reason !== undefined ? { reason: change.reason } : {}),
  }).where('id', '=', id).where('status', '=', from.status).where('version', '=', from.version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertVersion(trx: Kysely<Schema>, entryId: string, version: number, state: CatalogueVersionState, input: CatalogueEntryInput, at: string): Promise<void> {
  await trx.insertInto('catalogue_versions').values({ entry_id: entryId, version, state, doc: JSON.stringify(input), created_at: at, updated_at: at, published_at: null, imported_rows: null }).execute();
}

export async function updateVersion(trx: Kysely<Schema>, entryId: string, version: number, change: { state?: CatalogueVersionState; input?: CatalogueEntryInput; importedRows?: number | null; publishedAt?: string; at: string }): Promise<void> {
  await trx.updateTable('catalogue_versions').set({
    updated_at: change.at,
    ...(change.state ? { state: change.state } : {}),
    ...(change.input ? { doc: JSON.stringify(change.input) } : {}),
    ...(change.importedRows !== undefined ? { imported_rows: change.importedRows } : {}),
    ...(change.publishedAt ? { published_at: change.publishedAt } : {}),
  }).where('entry_id', '=', entryId).where('version', '=', version).execute();
}

/** The content of one version (the published one, when publishing keeps rows). */
export async function versionInput(db: Kysely<Schema>, entryId: string, version: number): Promise<CatalogueEntryInput | undefined> {
  const row = await db.selectFrom('catalogue_versions').select('doc').where('entry_id', '=', entryId).where('version', '=', version).executeTakeFirst();
  return row && (JSON.parse(row.doc) as CatalogueEntryInput);
}

export interface HistoryFact {
  action: CatalogueAction;
  actorId: string;
  actorName: string;
  actorRole: 'steward' | 'data-office';
  version: number;
  reason?: string;
  checks?: ReviewChecks;
  rows?: number;
  at: string;
}

/** Appends one fact to an entry's history (never updated nor removed). Call after changeEntry, in its transaction. */
export async function appendHistory(trx: Kysely<Schema>, entryId: string, fact: HistoryFact): Promise<void> {
  const last = await trx.selectFrom('catalogue_history').select((eb) => eb.fn.max('seq').as('seq')).where('entry_id', '=', entryId).executeTakeFirst();
  const detail = fact.checks || fact.rows !== undefined ? JSON.stringify({ ...(fact.checks ? { checks: fact.checks } : {}), ...(fact.rows !== undefined ? { rows: fact.rows } : {}) }) : null;
  await trx.insertInto('catalogue_history').values({
    entry_id: entryId, seq: Number(last?.seq ?? 0) + 1, at: fact.at, action: fact.action, actor_id: fact.actorId, actor_name: fact.actorName,
    actor_role: fact.actorRole, version: fact.version, reason: fact.reason ?? null, detail,
  }).execute();
}

function toEntry(row: EntryRow, working: VersionRow, agencyName: string, rowCount: number): CatalogueEntry {
  const input = JSON.parse(working.doc) as CatalogueEntryInput;
  const entry: CatalogueEntry = {
    id: row.id,
    ...input,
    agency: { code: row.agency_code, name: agencyName },
    status: row.status,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    rowCount,
    importedRows: working.imported_rows === null ? null : Number(working.imported_rows),
  };
  if (row.published_version !== null) entry.publishedVersion = Number(row.published_version);
  if (row.published_at) entry.publishedAt = row.published_at;
  if (row.checks) entry.checks = JSON.parse(row.checks) as ReviewChecks;
  if (row.reason && (row.status === 'returned' || row.status === 'withdrawn')) entry.reason = row.reason;
  return entry;
}

function toVersion(row: VersionRow): CatalogueEntryVersion {
  const version: CatalogueEntryVersion = {
    ...(JSON.parse(row.doc) as CatalogueEntryInput),
    version: Number(row.version),
    state: row.state,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    importedRows: row.imported_rows === null ? null : Number(row.imported_rows),
  };
  if (row.published_at) version.publishedAt = row.published_at;
  return version;
}

function toEvent(row: HistoryRow): CatalogueHistoryEvent {
  const event: CatalogueHistoryEvent = { at: row.at, action: row.action as CatalogueAction, actor: row.actor_name, actorRole: row.actor_role as CatalogueHistoryEvent['actorRole'], version: Number(row.version) };
  if (row.reason) event.reason = row.reason;
  if (row.detail) {
    const detail = JSON.parse(row.detail) as { checks?: ReviewChecks; rows?: number };
    if (detail.checks) event.checks = detail.checks;
    if (detail.rows !== undefined) event.rows = detail.rows;
  }
  return event;
}

async function agencyNames(db: Kysely<Schema>, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('agencies').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

async function rowCounts(db: Kysely<Schema>, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('data_sets').select(['item_id', 'row_count']).where('item_id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.item_id, Number(r.row_count)]));
}

/** An entry with every version and its history, as `GET /catalog/entries/{id}` answers. */
export async function loadEntryDetail(db: Kysely<Schema>, id: string): Promise<CatalogueEntryDetail | undefined> {
  const row = await db.selectFrom('catalogue_entries').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const versions = await db.selectFrom('catalogue_versions').selectAll().where('entry_id', '=', id).orderBy('version').execute();
  const history = await db.selectFrom('catalogue_history').selectAll().where('entry_id', '=', id).orderBy('seq').execute();
  const working = versions.find((v) => Number(v.version) === Number(row.version))!;
  const names = await agencyNames(db, [row.agency_code]);
  // Rows in /data only while a version is published.
  const counts = row.published_version !== null ? await rowCounts(db, [id]) : new Map<string, number>();
  return { ...toEntry(row, working, names.get(row.agency_code) ?? row.agency_code, counts.get(id) ?? 0), history: history.map(toEvent), versions: versions.map(toVersion) };
}

export interface EntryListFilter {
  /** A steward: this agency's entries. */
  agencyCode?: string;
  /** The data office: every submitted entry, their agency's, and those they reviewed. */
  office?: { agencyCode: string; subjectId: string };
  statuses: CatalogueEntryStatus[];
  offset: number;
  limit: number;
}

/** A page of entries, most recently changed first. */
export async function listEntries(db: Kysely<Schema>, filter: EntryListFilter): Promise<{ items: CatalogueEntry[]; total: number }> {
  let query = db.selectFrom('catalogue_entries as e')
    .innerJoin('catalogue_versions as v', (j) => j.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.version'));
  if (filter.agencyCode) query = query.where('e.agency_code', '=', filter.agencyCode);
  const office = filter.office;
  if (office) {
    query = query.where((eb) => eb.or([
      eb('e.status', '=', 'submitted'),
      eb('e.agency_code', '=', office.agencyCode),
      eb('e.id', 'in', eb.selectFrom('catalogue_history').select('entry_id').where('actor_id', '=', office.subjectId)),
    ]));
  }
  if (filter.statuses.length) query = query.where('e.status', 'in', filter.statuses);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll('e').select(['v.doc', 'v.imported_rows', 'v.entry_id', 'v.version as v_version', 'v.state', 'v.created_at as v_created_at', 'v.updated_at as v_updated_at', 'v.published_at as v_published_at'])
    .orderBy('e.updated_at', 'desc').orderBy('e.id').limit(filter.limit).offset(filter.offset).execute();
  const names = await agencyNames(db, rows.map((r) => r.agency_code));
  const counts = await rowCounts(db, rows.filter((r) => r.published_version !== null).map((r) => r.id));
  const items = rows.map((r) => toEntry(r, {
    entry_id: r.entry_id, version: r.v_version, state: r.state, doc: r.doc, created_at: r.v_created_at, updated_at: r.v_updated_at, published_at: r.v_published_at, imported_rows: r.imported_rows,
  }, names.get(r.agency_code) ?? r.agency_code, counts.get(r.id) ?? 0));
  return { items, total: Number(n) };
}

// ---- comments ----------------------------------------------------------------------------

type CommentRow = Selectable<Schema['catalogue_comments']>;

/** A comment as kept: `author` is the full name; `showName` whether its author chose to show it. */
export type StoredComment = CatalogueComment & { showName: boolean };

function toComment(row: CommentRow): StoredComment {
  const comment: StoredComment = { id: row.id, itemId: row.item_id, text: row.text, author: row.author_name, at: row.at, showName: row.show_name === 1 };
  if (row.reply_to) comment.replyTo = row.reply_to;
  if (row.agency_code) comment.agency = { code: row.agency_code, name: row.agency_name ?? row.agency_code };
  return comment;
}

export async function insertComment(db: Kysely<Schema>, comment: { id: string; itemId: string; replyTo: string | null; text: string; authorId: string; authorName: string; showName?: boolean; agency: { code: string; name: string } | null; at: string }): Promise<StoredComment> {
  const row: CommentRow = {
    id: comment.id, item_id: comment.itemId, reply_to: comment.replyTo, text: comment.text, author_id: comment.authorId, author_name: comment.authorName,
    agency_code: comment.agency?.code ?? null, agency_name: comment.agency?.name ?? null, at: comment.at, show_name: comment.showName ? 1 : 0,
  };
  await db.insertInto('catalogue_comments').values(row).execute();
  return toComment(row);
}

export async function findComment(db: Kysely<Schema>, id: string): Promise<StoredComment | undefined> {
  const row = await db.selectFrom('catalogue_comments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toComment(row);
}

/** The comments of an entry in thread order: top-level ones oldest first, each followed by its answers. */
export async function listComments(db: Kysely<Schema>, itemId: string, limit: number): Promise<StoredComment[]> {
  const rows = await db.selectFrom('catalogue_comments').selectAll().where('item_id', '=', itemId).orderBy('at').orderBy('id').limit(limit).execute();
  const all = rows.map(toComment);
  const answers = new Map<string, StoredComment[]>();
  for (const c of all) if (c.replyTo) answers.set(c.replyTo, [...(answers.get(c.replyTo) ?? []), c]);
  const top = all.filter((c) => !c.replyTo || !all.some((p) => p.id === c.replyTo));
  return top.flatMap((c) => [c, ...(answers.get(c.id) ?? [])]);
}

/** One unit of work on the catalogue: every write in it lands, or none does. */
export function inTransaction<T>(store: Pick<Store, 'db'>, work: (trx: Kysely<Schema>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work);
}
