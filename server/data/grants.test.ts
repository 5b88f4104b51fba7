import { describe, expect, it } from 'vitest';
import type { Grant } from '../../src/core/catalog-types';
import { chooseGrant, defaultValidUntil, grantAsNow, grantFor, isValid, requestResponsePage, SAMPLE_ROWS, shanghaiDay } from './grants';
import type { DataColumn } from './rows-store';

const NOW = new Date('2026-12-01T08:00:00.000Z');
const item = { sharing: 'restricted' as const, fields: [{ name: 'xm' }, { name: 'gmsfhm' }, { name: 'djrq' }] };
const request = { id: 'r1', itemId: 'i1', requesterId: 'staff-001', fields: [] as string[], desensitized: false, purpose: '核验', copy: false };
const columns: DataColumn[] = [{ name: 'xm', sensitivity: 'name' }, { name: 'gmsfhm', sensitivity: 'id-number' }, { name: 'djrq', sensitivity: 'none' }];

describe('grantFor: what an approval opens (SPEC §7)', () => {
  it('gives every field when none were named, the named ones in entry order otherwise', () => {
    expect(grantFor(request, item, { allowCopy: false }, NOW).fields).toEqual(['xm', 'gmsfhm', 'djrq']);
    expect(grantFor({ ...request, fields: ['djrq', 'xm'] }, item, { allowCopy: false }, NOW).fields).toEqual(['xm', 'djrq']);
  });

  it('desensitises non-shared data whatever was asked (Art. 22)', () => {
    expect(grantFor(request, { ...item, sharing: 'none' }, { allowCopy: false }, NOW).desensitized).toBe(true);
    expect(grantFor({ ...request, desensitized: true }, item, { allowCopy: false }, NOW).desensitized).toBe(true);
    expect(grantFor(request, item, { allowCopy: false }, NOW).desensitized).toBe(false);
  });

  it('gives a copy only when it was requested and the reviewer allowed it (Art. 23)', () => {
    expect(grantFor({ ...request, copy: true }, item, { allowCopy: true }, NOW).copy).toBe(true);
    expect(grantFor({ ...request, copy: true }, item, { allowCopy: false }, NOW).copy).toBe(false);
    expect(grantFor(request, item, { allowCopy: true }, NOW).copy).toBe(false);
  });

  it('lasts a year, or less when the decision says so, never more', () => {
    expect(grantFor(request, item, { allowCopy: false }, NOW).validUntil).toBe(defaultValidUntil(NOW));
    expect(grantFor(request, item, { allowCopy: false, validUntil: '2027-01-01T00:00:00.000Z' }, NOW).validUntil).toBe('2027-01-01T00:00:00.000Z');
    expect(grantFor(request, item, { allowCopy: false, validUntil: '2099-01-01T00:00:00.000Z' }, NOW).validUntil).toBe(defaultValidUntil(NOW));
  });
});

describe('chooseGrant: which grant a call is made under', () => {
  const grant = (over: Partial<Grant>): Grant => ({ id: 'g', itemId: 'i1', requestId: 'r', subjectId: 'staff-001', fields: ['xm', 'gmsfhm', 'djrq'], desensitized: false, copy: false, purpose: 'p', validUntil: '2027-06-01T00:00:00.000Z', ...over });

  it('says NO_GRANT without one and GRANT_EXPIRED after validUntil', () => {
    expect(chooseGrant([], columns, { filters: [], copy: false }, NOW)).toEqual({ ok: false, code: 'NO_GRANT' });
    const old = grant({ validUntil: '2026-12-01T07:59:59.999Z' });
    expect(isValid(old, NOW)).toBe(false);
    expect(chooseGrant([old], columns, { filters: [], copy: false }, NOW)).toEqual({ ok: false, code: 'GRANT_EXPIRED' });
  });

  it('refuses a column outside every grant and a filter on a masked field', () => {
    const narrow = grant({ fields: ['djrq'] });
    expect(chooseGrant([narrow], columns, { fields: ['xm'], filters: [], copy: false }, NOW)).toEqual({ ok: false, code: 'FIELD_NOT_GRANTED', field: 'xm' });
    const masked = grant({ desensitized: true });
    expect(chooseGrant([masked], columns, { filters: ['gmsfhm'], copy: false }, NOW)).toEqual({ ok: false, code: 'FIELD_NOT_GRANTED', field: 'gmsfhm' });
    expect(chooseGrant([masked], columns, { filters: ['djrq'], copy: false }, NOW)).toMatchObject({ ok: true });
  });

  it('takes the unmasked grant, then the longest-lasting, and for a download one with copy', () => {
    const masked = grant({ id: 'masked', desensitized: true, validUntil: '2027-11-01T00:00:00.000Z' });
    const plain = grant({ id: 'plain' });
    const later = grant({ id: 'later', validUntil: '2027-09-01T00:00:00.000Z' });
    expect(chooseGrant([masked, plain, later], columns, { filters: [], copy: false }, NOW)).toMatchObject({ ok: true, grant: { id: 'later' } });
    expect(chooseGrant([masked, plain], columns, { filters: [], copy: true }, NOW)).toEqual({ ok: false, code: 'COPY_NOT_GRANTED' });
    expect(chooseGrant([plain, grant({ id: 'copy', copy: true, desensitized: true })], columns, { filters: [], copy: true }, NOW)).toMatchObject({ ok: true, grant: { id: 'copy' } });
  });
});

describe('a grant as it holds now and the calls it answers (Art. 22–23)', () => {
  const grant = grantFor(request, item, { allowCopy: false }, NOW);

  it('is masked once its entry is non-shared, whatever was approved', () => {
    expect(grantAsNow(grant, { sharing: 'none' }).desensitized).toBe(true);
    expect(grantAsNow(grant, { sharing: 'restricted' })).toBe(grant);
  });

  it('without copy: a filter, or the first page as a sample of at most SAMPLE_ROWS; with copy any page', () => {
    expect(requestResponsePage(grant, 1, 7, 200)).toEqual({ page: 7, pageSize: 200 });
    expect(requestResponsePage(grant, 0, 1, 200)).toEqual({ page: 1, pageSize: SAMPLE_ROWS });
    expect(requestResponsePage(grant, 0, 1, 3)).toEqual({ page: 1, pageSize: 3 });
    expect(requestResponsePage(grant, 0, 2, 3)).toEqual({ refusal: 'FILTER_REQUIRED' });
    expect(requestResponsePage({ copy: true }, 0, 9, 200)).toEqual({ page: 9, pageSize: 200 });
  });

  it('counts its rows by the calendar day in Hangzhou (UTC+8)', () => {
    expect(shanghaiDay(new Date('2026-12-01T15:59:59.000Z'))).toEqual({ day: '2026-12-01', endsAt: Date.parse('2026-12-01T16:00:00.000Z') });
    expect(shanghaiDay(new Date('2026-12-01T16:00:00.000Z'))).toEqual({ day: '2026-12-02', endsAt: Date.parse('2026-12-02T16:00:00.000Z') });
    expect(shanghaiDay(new Date('2026-12-31T20:00:00.000Z')).day).toBe('2027-01-01');
  });
});
