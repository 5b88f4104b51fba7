import { describe, expect, it } from 'vitest';
import { canonicalBytes } from '../../src/core/crypto/canonical-json';
import { sm3Hex } from '../../src/core/crypto/sm';
import { GENESIS_HASH, recordBytes, recordHash } from './access-log';

describe('access log record hash', () => {
  const records = [
    { seq: 1, at: '2026-12-01T08:00:00.000Z', subjectId: 'staff-001', agency: '330000-SJ', itemId: '330000-GA-000002', grantId: 'b7c1a0f2', purpose: '核验户籍信息 "引号" \\ \n 𠀀', route: 'GET /data/{itemId}/rows', fields: ['xm', 'gmsfhm'], rows: 20, prevHash: GENESIS_HASH },
    { seq: 123456, at: '2026-12-01T08:00:00.000Z', subjectId: 'citizen-001', agency: null, itemId: 'x', grantId: 'g', purpose: '\u2028\u0007', route: 'GET /data/{itemId}/download', fields: [], rows: 0, prevHash: 'a'.repeat(64) },
  ];

  it('is SM3 of the RFC 8785 bytes of the record without hash', () => {
    for (const record of records) {
      expect(new TextDecoder().decode(recordBytes(record))).toBe(new TextDecoder().decode(canonicalBytes(record)));
      expect(recordHash(record)).toBe(sm3Hex(canonicalBytes(record)));
    }
  });
});
