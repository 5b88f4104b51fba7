import type { Kysely } from 'kysely';
import { SUSPENSION_KINDS, type ClockEvent, type SuspensionKind } from '../../src/core/case-types';
import { handlesCasesOf, mayExtendTimeLimit, type Officer } from '../access';
import { Conflict, Forbidden, Invalid, InvalidTransition, type FieldProblem } from '../domain/errors';
import type { Store } from '../store/database';
import type { Schema } from '../store/schema';
import { checkHolder } from './claims';
import { recordClock, wasExtended } from './clock-store';
import { officerRoles } from './step-store';
import { applicationRow, inTransaction, type ApplicationRow, type ApplicationView } from './store';
import { current, noSuchApplication } from './transitions';
import { addWorkingDays, workingDaysBetween } from './working-days';

/**
 * The clock of a case (SPEC §14; 行政许可法 Art. 42, 45): an officer stops it for an expert
 * opinion, a hearing, an inspection or another reason the law gives, and restarts it, the
 * working days it stood still added to the due date; an approver extends the time limit once,
 * by at most 10 working days. The clock runs only while a case is accepted.
 */

export const MAX_EXTENSION_DAYS = 10;
const MAX_TEXT = 2000;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() && value.length <= MAX_TEXT ? value.trim() : undefined);

function unknownProperties(rest: Record<string, unknown>, problems: FieldProblem[]): void {
  for (const name of Object.keys(rest)) problems.push({ path: name, message: 'Unknown property' });
}

/** The body of `POST /cases/{id}/suspension`: 422 naming each missing or wrong field. */
export function readSuspension(body: Record<string, unknown>): { reason: string; legalBasis: string; kind: SuspensionKind } {
  const { reason, legalBasis, kind, ...rest } = body;
  const problems: FieldProblem[] = [];
  unknownProperties(rest, problems);
  if (!text(reason)) problems.push({ path: 'reason', message: 'Say why the clock stops' });
  if (!text(legalBasis)) problems.push({ path: 'legalBasis', message: 'Give the legal basis (the provision) that lets the clock stop' });
  if (!(SUSPENSION_KINDS as readonly unknown[]).includes(kind)) problems.push({ path: 'kind', message: `kind must be one of ${SUSPENSION_KINDS.join(', ')}` });
  if (problems.length) throw new Invalid(problems);
  return { reason: text(reason)!, legalBasis: text(legalBasis)!, kind: kind as SuspensionKind };
}

/** The body of `POST /cases/{id}/extension`: a reason and 1 to 10 working days (422 naming each). */
export function readExtension(body: Record<string, unknown>): { reason: string; days: number } {
  const { reason, days, ...rest } = body;
  const problems: FieldProblem[] = [];
  unknownProperties(rest, problems);
  if (!text(reason)) problems.push({ path: 'reason', message: 'Say why the time limit is extended' });
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_EXTENSION_DAYS) problems.push({ path: 'days', message: `days must be a whole number of working days from 1 to ${MAX_EXTENSION_DAYS}` });
  if (problems.length) throw new Invalid(problems);
  return { reason: text(reason)!, days: days as number };
}

/** An accepted case of the officer's agency that they may act on; 404 for another agency's. */
async function runningCase(trx: Kysely<Schema>, officer: Officer, id: string, doing: string): Promise<ApplicationRow> {
  const row = await applicationRow(trx, id);
  if (!row || !handlesCasesOf(officer, row.agency_code)) throw noSuchApplication();
  if (row.status !== 'accepted' || !row.due_at) throw new InvalidTransition(`The application is ${row.status}: its clock runs only once it is accepted, so it cannot be ${doing} now`);
  checkHolder(officer, row);
  return row;
}

/** One change of the clock, in the case's transaction under its lock. */
async function change(store: Store, officer: Officer, id: string, doing: string, work: (row: ApplicationRow, at: string, trx: Kysely<Schema>) => Promise<void>, now: Date): Promise<ApplicationView> {
  return inTransaction(store, 'case:' + id, async (trx) => {
    const row = await runningCase(trx, officer, id, doing);
    await work(row, now.toISOString(), trx);
    return current(trx, row.id);
  });
}

/** `POST /cases/{id}/suspension`: stops the clock (409 ALREADY_SUSPENDED when it stands still). */
export function suspend(store: Store, officer: Officer, id: string, input: { reason: string; legalBasis: string; kind: SuspensionKind }, now = new Date()): Promise<ApplicationView> {
  return change(store, officer, id, 'suspended', async (row, at, trx) => {
    if (row.suspended_at) throw new Conflict('The clock of this case is stopped already', 'ALREADY_SUSPENDED');
    const event: ClockEvent = { action: 'suspended', at, officer: { name: officer.name }, ...input, dueAt: row.due_at! };
    await recordClock(trx, row.id, event, { due_at: row.due_at, suspended_at: at });
  }, now);
}

/** `POST /cases/{id}/resumption`: restarts the clock, the working days it stood still added to the due date (409 NOT_SUSPENDED when it runs). */
export function resume(store: Store, officer: Officer, id: string, now = new Date()): Promise<ApplicationView> {
  return change(store, officer, id, 'resumed', async (row, at, trx) => {
    if (!row.suspended_at) throw new Conflict('The clock of this case is not stopped', 'NOT_SUSPENDED');
    const days = workingDaysBetween(new Date(row.suspended_at), now);
    const dueAt = days ? addWorkingDays(new Date(row.due_at!), days) : row.due_at!;
    await recordClock(trx, row.id, { action: 'resumed', at, officer: { name: officer.name }, days, dueAt }, { due_at: dueAt, suspended_at: null });
  }, now);
}

/** `POST /cases/{id}/extension`: an approver extends the time limit once (403 NOT_APPROVER, 409 ALREADY_EXTENDED). */
export function extend(store: Store, officer: Officer, id: string, input: { reason: string; days: number }, now = new Date()): Promise<ApplicationView> {
  return change(store, officer, id, 'extended', async (row, at, trx) => {
    if (!mayExtendTimeLimit(await officerRoles(trx, officer.id, row.agency_code))) throw new Forbidden('Only an approver of the agency extends a time limit', 'NOT_APPROVER');
    if (await wasExtended(trx, row.id)) throw new Conflict('The time limit of this case was extended already; the law allows it once', 'ALREADY_EXTENDED');
    const dueAt = addWorkingDays(new Date(row.due_at!), input.days);
    await recordClock(trx, row.id, { action: 'extended', at, officer: { name: officer.name }, ...input, dueAt }, { due_at: dueAt, suspended_at: row.suspended_at });
  }, now);
}
