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
