import type { Kysely } from 'kysely';
import type { CatalogField, CatalogItem, DataPage, CatalogueEntryDetail, CatalogueEntryInput, CatalogueEntryPage, CatalogueEntryStatus, CatalogueImportResult } from '../../src/core/catalog-types';
import { findAgency, putItem, withdrawItem } from '../catalog/store';
import { dropRows, findDataSet, moveRows, pageRows, saveDataSet, type DataColumn } from '../data/rows-store';
import { Conflict, Forbidden, Invalid, InvalidTransition, Malformed, NotFound, Unauthenticated } from '../domain/errors';
import { appendAccess } from '../data/access-log';
import { maskValue } from '../data/desensitize';
import { currentColumns, OPEN_LICENCE } from '../data/info';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import {
  EDITABLE,
  NEW_VERSION_FROM,
  isDataOffice,
  isSteward,
  isStewardOf,
  readEntryInput,
  readReason,
  readResourceCode,
  readReview,
  submissionProblems,
  transitionProblem,
  type Actor,
  type Problem,
  type Transition,
} from './rules';
import {
  appendHistory,
  changeEntry,
  findEntryState,
  inTransaction,
  insertEntry,
  insertVersion,
  listEntries,
  loadEntryDetail,
  nextEntryId,
  resourceCodeTaken,
  stagingKey,
  updateVersion,
  versionInput,
  type EntryState,
} from './store';
import { holdsImport } from './import-store';

/**
 * The lifecycle of catalogue entries (SPEC §8, Art. 16, 22, 24–26): a steward drafts and
 * submits their agency's entries, the data office reviews them against the Art. 26
 * checklist and publishes or returns them; a published entry is in the catalog (search,
 * facets, `/data`) until it is withdrawn; editing it starts a new version while it stays
 * visible. Every act is one transaction that moves the entry from the state it was read in
 * (409 when another got there first) and appends one history record.
 */

const ENTRY_NOT_FOUND = () => new NotFound('No such catalogue entry');
const lostRace = () => new Conflict('The entry changed meanwhile: reload it and try again', 'ENTRY_CHANGED');

function invalid(found: Problem[], message = 'The entry does not meet the rules'): Invalid {
  return new Invalid(found.slice(0, 200), message);
}

const roleOf = (actor: Actor) => (isDataOffice(actor) ? 'data-office' as const : 'steward' as const);

/** The entry, when the actor may act on it as its agency's steward (403 for anyone else). */
async function asSteward(store: Store, actor: Actor | undefined, id: string): Promise<{ state: EntryState; steward: Actor }> {
  if (!actor) throw new Unauthenticated();
  if (!isSteward(actor)) throw new Forbidden('Only a data steward of the providing agency may change its catalogue entries', 'NOT_STEWARD');
  const state = id.length <= 100 ? await findEntryState(store.db, id) : undefined;
  if (!state) throw ENTRY_NOT_FOUND();
  if (!isStewardOf(actor, state.agencyCode)) throw new Forbidden('This entry belongs to another agency: only its own stewards may change it', 'NOT_STEWARD');
  return { state, steward: actor };
}

function allowed(transition: Transition, status: CatalogueEntryStatus): void {
  const problem = transitionProblem(transition, status);
  if (problem) throw new InvalidTransition(problem);
}

async function detail(db: Kysely<Schema>, id: string): Promise<CatalogueEntryDetail> {
  const found = await loadEntryDetail(db, id);
  if (!found) throw ENTRY_NOT_FOUND();
  return found;
}

const fieldShape = (input: CatalogueEntryInput) => JSON.stringify(input.fields.map((f) => [f.name, f.type]));

export async function createEntry(store: Store, actor: Actor | undefined, body: Record<string, unknown>, now = new Date()): Promise<CatalogueEntryDetail> {
  if (!actor) throw new Unauthenticated();
  if (!isSteward(actor)) throw new Forbidden('Only a data steward catalogues an agency\'s data (Art. 16)', 'NOT_STEWARD');
  const { input, problems: found } = readEntryInput(body);
  const { id: chosen, problems: idProblems } = readResourceCode(body.id, actor.agencyCode);
  found.unshift(...idProblems);
  if (found.length) throw invalid(found);
  const at = now.toISOString();
  const id = await inTransaction(store, async (trx) => {
    if (chosen && (await resourceCodeTaken(trx, chosen))) throw new Conflict(`The resource code ${chosen} is already in the catalog`, 'ID_TAKEN');
    const id = chosen ?? (await nextEntryId(trx, store.engine, actor.agencyCode));
    await insertEntry(trx, { id, agencyCode: actor.agencyCode, status: 'draft', input, at });
    await appendHistory(trx, id, { action: 'created', actorId: actor.id, actorName: actor.name, actorRole: 'steward', version: 1, at });
    return id;
  });
  return detail(store.db, id);
}

/**
 * PUT: edits the working version while it is a draft or returned; on a published (or
 * withdrawn) entry starts the next version as a draft, the published one staying in the
 * catalog until the new one is published. A changed field list drops rows imported for the
 * old one (they were checked against other fields).
 */
export async function updateEntry(store: Store, actor: Actor | undefined, id: string, body: Record<string, unknown>, now = new Date()): Promise<CatalogueEntryDetail> {
  const { state, steward } = await asSteward(store, actor, id);
  if (!EDITABLE.includes(state.status) && !NEW_VERSION_FROM.includes(state.status)) allowed('edit', state.status);
  const { input, problems: found } = readEntryInput(body);
  if (found.length) throw invalid(found);
  const at = now.toISOString();
  await inTransaction(store, async (trx) => {
    if (EDITABLE.includes(state.status)) {
      if (!(await changeEntry(trx, id, state, { status: state.status, at }))) throw lostRace();
      const dropImport = state.importedRows !== null && fieldShape(state.input) !== fieldShape(input);
      if (dropImport) await dropRows(trx, stagingKey(id, state.version));
      await updateVersion(trx, id, state.version, { input, at, ...(dropImport ? { importedRows: null } : {}) });
      await appendHistory(trx, id, { action: 'updated', actorId: steward.id, actorName: steward.name, actorRole: 'steward', version: state.version, at });
    } else {
      const next = state.version + 1;
      if (!(await changeEntry(trx, id, state, { status: 'draft', version: next, reason: null, at }))) throw lostRace();
      await insertVersion(trx, id, next, 'draft', input, at);
      await appendHistory(trx, id, { action: 'new-version', actorId: steward.id, actorName: steward.name, actorRole: 'steward', version: next, at });
    }
  });
  return detail(store.db, id);
}

/** Problems of the data the published version would carry: rows of other fields cannot stay. */
async function dataProblems(store: Store, state: EntryState): Promise<Problem[]> {
  if (state.importedRows !== null) return [];
  const set = await findDataSet(store.db, state.id);
  if (!set || set.rowCount === 0) return [];
  const same = set.columns.length === state.input.fields.length && set.columns.every((c, i) => c.name === state.input.fields[i]!.name);
  return same ? [] : [{ path: 'data', message: 'The fields changed since the data was loaded: import the CSV again for the new fields' }];
}

export async function submitEntry(store: Store, actor: Actor | undefined, id: string, now = new Date()): Promise<CatalogueEntryDetail> {
  const { state, steward } = await asSteward(store, actor, id);
  allowed('submit', state.status);
  const found = [...submissionProblems(state.input), ...(await dataProblems(store, state))];
  if (found.length) throw invalid(found, 'The entry is not complete enough to submit');
  const at = now.toISOString();
  await inTransaction(store, async (trx) => {
    if (!(await changeEntry(trx, id, state, { status: 'submitted', reason: null, at }))) throw lostRace();
    await updateVersion(trx, id, state.version, { state: 'submitted', at });
    await appendHistory(trx, id, { action: 'submitted', actorId: steward.id, actorName: steward.name, actorRole: 'steward', version: state.version, at });
  });
  return detail(store.db, id);
}

/** The catalog's view of a version: the CatalogItem of §4 with its fields. */
function catalogItem(state: EntryState, agency: { code: string; name: string }, publishedAt: string, at: string): CatalogItem & { fields: CatalogField[] } {
  const { input } = state;
  const item: CatalogItem & { fields: CatalogField[] } = {
    id: state.id, name: input.name, summary: input.summary, agency, sharing: input.sharing, open: input.open, updateFrequency: input.updateFrequency,
    formats: input.formats, domain: input.domain, tags: input.tags, publishedAt, updatedAt: at,
    fields: input.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, description: f.description })),
  };
  if (input.sharingCondition) item.sharingCondition = input.sharingCondition;
  if (input.legalBasis) item.legalBasis = input.legalBasis;
  return item;
}

/** The data office's decision (Art. 24–26): publish once every check is done, or return with a reason. */
export async function reviewEntry(store: Store, actor: Actor | undefined, id: string, body: Record<string, unknown>, now = new Date()): Promise<CatalogueEntryDetail> {
  if (!actor) throw new Unauthenticated();
  if (!isDataOffice(actor)) throw new Forbidden('Only the data office reviews catalogue entries (Art. 24–26)', 'NOT_DATA_OFFICE');
  const state = id.length <= 100 ? await findEntryState(store.db, id) : undefined;
  if (!state) throw ENTRY_NOT_FOUND();
  const { review, problems: found } = readReview(body);
  allowed('review', state.status);
  if (found.length) throw invalid(found, review.decision === 'publish' ? 'The entry cannot be published yet' : 'The review is not complete');
  const at = now.toISOString();
  const who = { actorId: actor.id, actorName: actor.name, actorRole: 'data-office' as const, version: state.version, at };
  if (review.decision === 'return') {
    await inTransaction(store, async (trx) => {
      if (!(await changeEntry(trx, id, state, { status: 'returned', checks: review.checks, reason: review.reason!, at }))) throw lostRace();
      await updateVersion(trx, id, state.version, { state: 'returned', at });
      await appendHistory(trx, id, { action: 'returned', reason: review.reason!, checks: review.checks, ...who });
    });
    return detail(store.db, id);
  }
  const more = [...submissionProblems(state.input), ...(await dataProblems(store, state))];
  if (more.length) throw invalid(more, 'The entry cannot be published');
  const agency = await findAgency(store.db, state.agencyCode);
  const publishedAt = state.publishedAt ?? at;
  const columns: DataColumn[] = state.input.fields.map((f) => ({ name: f.name, sensitivity: f.sensitivity }));
  const licence = state.input.licence ?? (state.input.open === 'closed' ? null : OPEN_LICENCE);
  await inTransaction(store, async (trx) => {
    if (!(await changeEntry(trx, id, state, { status: 'published', publishedVersion: state.version, publishedAt, checks: review.checks, reason: null, at }))) throw lostRace();
    if (state.publishedVersion !== null && state.publishedVersion !== state.version) await updateVersion(trx, id, state.publishedVersion, { state: 'superseded', at });
    // Its imported rows are the published ones from now on (rowCount), no longer waiting.
    await updateVersion(trx, id, state.version, { state: 'published', publishedAt: at, at, importedRows: null });
    await putItem(trx, store.engine, catalogItem(state, agency, publishedAt, at));
    let rowCount = 0;
    if (state.importedRows !== null) {
      await moveRows(trx, stagingKey(id, state.version), id);
      rowCount = state.importedRows;
    } else {
      const existing = await findDataSet(trx, id);
      rowCount = existing?.rowCount ?? 0;
    }
    await saveDataSet(trx, { itemId: id, columns, rowCount, ...(licence ? { licence } : {}) }, now);
    await appendHistory(trx, id, { action: 'published', checks: review.checks, ...(review.reason ? { reason: review.reason } : {}), ...who });
  });
  return detail(store.db, id);
}

/** Withdrawal: the entry leaves the catalog (search, facets, `/data`); its records stay. */
export async function withdrawEntry(store: Store, actor: Actor | undefined, id: string, body: Record<string, unknown>, now = new Date()): Promise<CatalogueEntryDetail> {
  const { state, steward } = await asSteward(store, actor, id);
  const { reason, problems: found } = readReason(body);
  allowed('withdraw', state.status);
  if (found.length) throw invalid(found, 'Say why the entry is withdrawn');
  const at = now.toISOString();
  await inTransaction(store, async (trx) => {
    if (!(await changeEntry(trx, id, state, { status: 'withdrawn', publishedVersion: null, reason, at }))) throw lostRace();
    // Rows imported for an unpublished version go with it.
    const dropImport = state.importedRows !== null && state.publishedVersion !== state.version;
    if (dropImport) await dropRows(trx, stagingKey(id, state.version));
    await updateVersion(trx, id, state.version, { state: 'withdrawn', at, ...(dropImport ? { importedRows: null } : {}) });
    if (state.publishedVersion !== null && state.publishedVersion !== state.version) await updateVersion(trx, id, state.publishedVersion, { state: 'withdrawn', at });
    await withdrawItem(trx, id, at);
    await appendHistory(trx, id, { action: 'withdrawn', reason, actorId: steward.id, actorName: steward.name, actorRole: 'steward', version: state.version, at });
  });
  return detail(store.db, id);
}

/** `GET /catalog/entries/{id}`: the entry's stewards and the data office. */
export async function getEntry(store: Store, actor: Actor | undefined, id: string): Promise<CatalogueEntryDetail> {
  if (!actor) throw new Unauthenticated();
  if (!isSteward(actor) && !isDataOffice(actor)) throw new Forbidden('Only data stewards and the data office see catalogue entries in progress', 'NOT_STEWARD');
  const found = id.length <= 100 ? await loadEntryDetail(store.db, id) : undefined;
  if (!found) throw ENTRY_NOT_FOUND();
  if (isSteward(actor) && actor.agencyCode !== found.agency.code) throw new Forbidden('This entry belongs to another agency', 'NOT_STEWARD');
  return found;
}

export async function listEntriesFor(store: Store, actor: Actor | undefined, query: { statuses: CatalogueEntryStatus[]; page: number; pageSize: number }): Promise<CatalogueEntryPage> {
  if (!actor) throw new Unauthenticated();
  const offset = (query.page - 1) * query.pageSize;
  const base = { statuses: query.statuses, offset, limit: query.pageSize };
  let result;
  if (isSteward(actor)) result = await listEntries(store.db, { ...base, agencyCode: actor.agencyCode });
  else if (isDataOffice(actor)) result = await listEntries(store.db, { ...base, office: { agencyCode: actor.agencyCode, subjectId: actor.id } });
  else throw new Forbidden('Only data stewards and the data office see catalogue entries in progress', 'NOT_STEWARD');
  return { ...result, page: query.page, pageSize: query.pageSize };
}

/** Before any byte of an import is read: who may import into this entry, and its fields. */
export async function prepareImport(store: Store, actor: Actor | undefined, id: string): Promise<EntryState> {
  const { state } = await asSteward(store, actor, id);
  allowed('import', state.status);
  if (!state.input.fields.length) throw invalid([{ path: 'fields', message: 'Describe the entry\'s fields before importing its data' }], 'The entry has no fields yet');
  return state;
}

/**
 * Makes an import's rows (written under `rows.key`, server/cataloguing/imports.ts) the working
 * version's, staged until it is published: one transaction, so the version keeps its earlier
 * rows if anything fails.
 */
export async function commitImport(store: Store, actor: Actor, state: EntryState, rows: { key: string; rows: number }, now = new Date()): Promise<CatalogueImportResult> {
  const at = now.toISOString();
  const columns: DataColumn[] = state.input.fields.map((f) => ({ name: f.name, sensitivity: f.sensitivity }));
  const staging = stagingKey(state.id, state.version);
  await inTransaction(store, async (trx) => {
    if (!(await changeEntry(trx, state.id, state, { status: state.status, at }))) throw lostRace();
    const again = await versionInput(trx, state.id, state.version);
    if (!again || fieldShape(again) !== fieldShape(state.input)) throw lostRace();
    // Taken for abandoned meanwhile (it ran too long): its rows may be gone.
    if (!(await holdsImport(trx, actor.id, rows.key))) throw lostRace();
    await moveRows(trx, rows.key, staging);
    await saveDataSet(trx, { itemId: staging, columns, rowCount: rows.rows }, now);
    await updateVersion(trx, state.id, state.version, { importedRows: rows.rows, at });
    await appendHistory(trx, state.id, { action: 'data-imported', rows: rows.rows, actorId: actor.id, actorName: actor.name, actorRole: roleOf(actor), version: state.version, at });
  });
  return { rows: rows.rows };
}

/** The purpose recorded for the data office's reads of an entry's rows. */
export const REVIEW_PURPOSE = 'Art. 26 review';

/**
 * The rows the working version would publish, a page at a time: those imported for it, or
 * else the rows now published. Its agency's stewards see their own data in clear, unlogged.
 * The data office sees them only while the entry is `submitted` (the privacy check of Art.
 * 26 looks at the data itself), masked as desensitised data is (Art. 22) except the fields it
 * names in `unmask`, and every such read goes into the access log (Art. 36): the reviewer, the
 * purpose `Art. 26 review`, the fields shown unmasked and the number of rows.
 */
export async function entryRows(store: Store, actor: Actor | undefined, id: string, query: { page: number; pageSize: number; unmask?: readonly string[] }, now = new Date()): Promise<DataPage> {
  if (!actor) throw new Unauthenticated();
  if (!isSteward(actor) && !isDataOffice(actor)) throw new Forbidden('Only data stewards and the data office see catalogue entries in progress', 'NOT_STEWARD');
  const state = id.length <= 100 ? await findEntryState(store.db, id) : undefined;
  if (!state) throw ENTRY_NOT_FOUND();
  if (isSteward(actor) && actor.agencyCode !== state.agencyCode) throw new Forbidden('This entry belongs to another agency', 'NOT_STEWARD');
  const review = isDataOffice(actor);
  if (review && state.status !== 'submitted') {
    throw new Conflict('The data office reads an entry\'s rows only while it is submitted for review (Art. 26)', 'NOT_UNDER_REVIEW');
  }
  const names = state.input.fields.map((f) => f.name);
  const unknown = (query.unmask ?? []).filter((name) => !names.includes(name));
  if (unknown.length) throw new Malformed('The request is not valid', unknown.slice(0, 20).map((name) => ({ path: 'unmask', message: `Not a field of this entry: ${name.slice(0, 64)}` })));
  const declared: DataColumn[] = state.input.fields.map((f) => ({ name: f.name, sensitivity: f.sensitivity }));
  const staged = state.importedRows !== null;
  const published = staged ? undefined : await findDataSet(store.db, id);
  const usable = published && published.columns.length === names.length && published.columns.every((c, i) => c.name === names[i]);
  const set = staged
    ? { itemId: stagingKey(id, state.version), columns: declared, rowCount: state.importedRows! }
    : usable ? published : undefined;
  const result = set ? await pageRows(store, set, [], (query.page - 1) * query.pageSize, query.pageSize) : { total: 0, rows: [] };
  // Masked by what the fields hold as the entry now describes them, and by what their labels say.
  const columns = currentColumns(state.input, declared);
  const masked = review ? columns.filter((c) => c.sensitivity !== 'none' && !query.unmask?.includes(c.name)) : [];
  const unmasked = review ? columns.filter((c) => c.sensitivity !== 'none' && query.unmask?.includes(c.name)).map((c) => c.name) : [];
  const rows = result.rows.map((row) => Object.fromEntries(columns.map((col, i) => {
    const value = row[i] ?? null;
    return [col.name, masked.includes(col) ? maskValue(col.sensitivity, value) : value];
  })));
  if (review) {
    await appendAccess(store, {
      subjectId: actor.id, agency: actor.agencyCode, itemId: id, providerAgency: state.agencyCode, grantId: '',
      purpose: REVIEW_PURPOSE, route: 'GET /catalog/entries/{id}/rows', fields: unmasked, rows: rows.length,
    }, now);
  }
  return { fields: names, rows, total: result.total, page: query.page, pageSize: query.pageSize, desensitized: masked.length > 0 };
}
