import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/services/api-client';
import { downloadUrl, fileName, grantFor, grantValid, openToAll, rowsUrl } from '../../src/services/catalog-data';
import type { Grant } from '../../src/core/catalog-types';

// The pure parts of the browser's data service (SPEC §7): the URLs it shows and sends, the
// file names it saves under, which grant opens an entry. The calls themselves are tested in
// Chromium against the real backend (tests/browser/catalog-data.test.ts).

const client = new ApiClient({ apiBase: 'https://api.example.gov.cn/api' });
const grant = (over: Partial<Grant>): Grant => ({
  id: 'g', itemId: 'A', requestId: 'r', subjectId: 's', fields: [], desensitized: false, copy: false, purpose: 'p', validUntil: '2999-01-01T00:00:00.000Z', ...over,
});

describe('the request-response call', () => {
  it('is the exact URL a system sends: columns joined, each filter as filter.<field>, values encoded', () => {
    const url = new URL(rowsUrl(client, '330000-GA-000002', { fields: ['xm', 'gmsfhm'], filter: { xm: "张三' OR 1=1 --", hjdz: '' }, pageSize: 10 }));
    expect(url.origin + url.pathname).toBe('https://api.example.gov.cn/api/data/330000-GA-000002/rows');
    expect(url.searchParams.get('fields')).toBe('xm,gmsfhm');
    expect(url.searchParams.get('filter.xm')).toBe("张三' OR 1=1 --");
    // An empty filter is no filter.
    expect(url.searchParams.has('filter.hjdz')).toBe(false);
    expect(url.searchParams.get('pageSize')).toBe('10');
  });

  it('keeps an entry id with unusual characters inside its path segment', () => {
    expect(new URL(downloadUrl(client, 'a/b?c', 'csv')).pathname).toBe('/api/data/a%2Fb%3Fc/download');
  });
});

describe('file names of downloads', () => {
  it('prefers filename* (RFC 6266), falls back to filename, and strips path characters', () => {
    expect(fileName(`attachment; filename="x.csv"; filename*=UTF-8''%E6%95%B0%E6%8D%AE.csv`)).toBe('数据.csv');
    expect(fileName('attachment; filename="330000-GA-000002.json"')).toBe('330000-GA-000002.json');
    expect(fileName('attachment; filename="../../etc/passwd"')).toBe('.._.._etc_passwd');
    expect(fileName(null)).toBeUndefined();
    expect(fileName('attachment')).toBeUndefined();
  });
});

describe('which grant opens an entry', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('is a valid grant of that entry, the latest-ending one first; expired grants open nothing', () => {
    const grants = [
      grant({ id: 'old', validUntil: '2026-11-30T00:00:00Z' }),
      grant({ id: 'short', validUntil: '2027-01-01T00:00:00Z' }),
      grant({ id: 'long', validUntil: '2027-06-01T00:00:00Z' }),
      grant({ id: 'other', itemId: 'B' }),
    ];
    expect(grantFor(grants, 'A', now)?.id).toBe('long');
    expect(grantFor(grants, 'C', now)).toBeUndefined();
    expect(grantFor([grants[0]!], 'A', now)).toBeUndefined();
    expect(grantValid(grants[0]!, now)).toBe(false);
    expect(grantFor(undefined, 'A', now)).toBeUndefined();
  });

  it('is the one that allows the most when there are several: a copy, then unmasked, then the latest-ending', () => {
    const plain = grant({ id: 'plain', validUntil: '2027-11-01T00:00:00Z', copy: false, desensitized: false });
    const copy = grant({ id: 'copy', validUntil: '2027-01-01T00:00:00Z', copy: true, desensitized: false });
    const maskedCopy = grant({ id: 'masked-copy', validUntil: '2027-06-01T00:00:00Z', copy: true, desensitized: true });
    expect(grantFor([plain, copy], 'A', now)?.id).toBe('copy');
    expect(grantFor([plain, maskedCopy, copy], 'A', now)?.id).toBe('copy');
    expect(grantFor([plain, maskedCopy], 'A', now)?.id).toBe('masked-copy');
  });

  it('is not needed for data open to all, and needed for conditionally open and closed data', () => {
    expect(openToAll({ open: 'open' })).toBe(true);
    expect(openToAll({ open: 'conditional' })).toBe(false);
    expect(openToAll({ open: 'closed' })).toBe(false);
  });
});
