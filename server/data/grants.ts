import { randomUUID } from 'node:crypto';
import type { AccessRequest, CatalogField, CatalogItem, Grant } from '../../src/core/catalog-types';
import type { DataColumn } from './rows-store';

/**
 * Grants (SPEC §7): what an approved access request opens, and the rules a call on /data
 * is checked against (Art. 21–23), as pure functions; grants are kept by ./grants-store.ts.
 */

const YEAR_MS = 365 * 86_400_000;

export interface GrantDecision {
  allowCopy: boolean;
  /** An earlier end than the default year, if the reviewer set one. */
  validUntil?: string | undefined;
}

/** The latest end a decision may give a grant: one year after approval. */
export function defaultValidUntil(approvedAt: Date): string {
  return new Date(approvedAt.getTime() + YEAR_MS).toISOString();
}

/**
 * The grant an approval makes: the requested fields (all when none were named), desensitised
 * for non-shared entries (Art. 22) or when asked so, the whole data set only when it was
 * requested and the reviewer allowed it (Art. 23), valid one year unless decided earlier.
 */
export function grantFor(request: Pick<AccessRequest, 'id' | 'itemId' | 'requesterId' | 'fields' | 'desensitized' | 'purpose' | 'copy'>, item: Pick<CatalogItem, 'sharing'> & { fields: ReadonlyArray<Pick<CatalogField, 'name'>> }, decision: GrantDecision, approvedAt: Date): Grant {
  const fields = request.fields.length ? item.fields.map((f) => f.name).filter((n) => request.fields.includes(n)) : item.fields.map((f) => f.name);
  const latest = defaultValidUntil(approvedAt);
  const validUntil = decision.validUntil && decision.validUntil < latest ? decision.validUntil : latest;
  return {
    id: randomUUID(),
    itemId: request.itemId,
    requestId: request.id,
    subjectId: request.requesterId,
    fields,
    desensitized: request.desensitized || item.sharing === 'none',
    copy: !!request.copy && decision.allowCopy,
    purpose: request.purpose,
    validUntil,
  };
}

/**
 * The grant as it holds now (Art. 22): masked when it was approved desensitised or when its
 * entry is non-shared today — the entry's current class, never the one it had at approval.
 */
export function grantAsNow(grant: Grant, item: Pick<CatalogItem, 'sharing'>): Grant {
  return item.sharing === 'none' && !grant.desensitized ? { ...grant, desensitized: true } : grant;
}

/**
 * Request-response (Art. 23): a grant without `copy` answers calls that ask about something —
 * at least one `filter.<field>` — and, without one, only a sample: the first page of at most
 * SAMPLE_ROWS rows (what the catalog browser previews). Paging through the whole set is a copy.
 */
export const SAMPLE_ROWS = 10;
/** Rows a grant without `copy` may read in a day (Asia/Shanghai), filtered or sampled. */
export const DAILY_ROWS = 1000;

export type CallShape = { page: number; pageSize: number } | { refusal: 'FILTER_REQUIRED' };

/** The page a call under `grant` may have: unchanged with a filter or a copy, the sample otherwise. */
export function requestResponsePage(grant: Pick<Grant, 'copy'>, filters: number, page: number, pageSize: number): CallShape {
  if (grant.copy || filters > 0) return { page, pageSize };
  if (page > 1) return { refusal: 'FILTER_REQUIRED' };
  return { page, pageSize: Math.min(pageSize, SAMPLE_ROWS) };
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar day in Hangzhou (UTC+8, no daylight saving) and the instant it ends. */
export function shanghaiDay(now: Date): { day: string; endsAt: number } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const endsAt = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) - SHANGHAI_OFFSET_MS;
  return { day: local.toISOString().slice(0, 10), endsAt };
}

export function isValid(grant: Pick<Grant, 'validUntil'>, now: Date): boolean {
  return grant.validUntil > now.toISOString();
}

export type GrantChoice =
  | { ok: true; grant: Grant }
  | { ok: false; code: 'NO_GRANT' | 'GRANT_EXPIRED' | 'FIELD_NOT_GRANTED' | 'COPY_NOT_GRANTED'; field?: string };

/**
 * The grant a call is made under: among the caller's valid grants of the entry, one that
 * covers every column asked for and every filtered field unmasked (and, for a download,
 * allows a copy) — the unmasked one, then the longest-lasting, when several do.
 */
export function chooseGrant(grants: readonly Grant[], columns: readonly DataColumn[], want: { fields?: readonly string[] | undefined; filters: readonly string[]; copy: boolean }, now: Date): GrantChoice {
  if (!grants.length) return { ok: false, code: 'NO_GRANT' };
  const valid = grants.filter((g) => isValid(g, now));
  if (!valid.length) return { ok: false, code: 'GRANT_EXPIRED' };
  const ordered = [...valid].sort((a, b) => Number(a.desensitized) - Number(b.desensitized) || (a.validUntil < b.validUntil ? 1 : -1));
  const sensitivity = new Map(columns.map((c) => [c.name, c.sensitivity]));
  let refusal: GrantChoice = { ok: false, code: 'FIELD_NOT_GRANTED' };
  for (const grant of ordered) {
    const missing = (want.fields ?? []).find((f) => !grant.fields.includes(f));
    if (missing) {
      refusal = { ok: false, code: 'FIELD_NOT_GRANTED', field: missing };
      continue;
    }
    const masked = want.filters.find((f) => !grant.fields.includes(f) || (grant.desensitized && sensitivity.get(f) !== 'none'));
    if (masked) {
      refusal = { ok: false, code: 'FIELD_NOT_GRANTED', field: masked };
      continue;
    }
    if (want.copy && !grant.copy) {
      refusal = { ok: false, code: 'COPY_NOT_GRANTED' };
      continue;
    }
    return { ok: true, grant };
  }
  return refusal;
}
