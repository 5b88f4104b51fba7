import { describe, expect, it } from 'vitest';
import { maskingKinds } from '../../src/core/personal-data';
import { currentColumns } from '../../server/data/info';

describe('maskingKinds: what a field is masked by (Art. 22)', () => {
  const fields = [
    { name: 'xm', label: '姓名', sensitivity: 'none' as const },
    { name: 'bz', label: '备注', sensitivity: 'other-personal' as const },
    { name: 'jgmc', label: '机构名称', sensitivity: 'none' as const },
  ];

  it('keeps what is declared and, in a closed entry, raises a field its label shows personal', () => {
    expect(maskingKinds({ open: 'closed', fields })).toEqual(['name', 'other-personal', 'none']);
    expect(maskingKinds({ open: 'open', fields })).toEqual(['none', 'other-personal', 'none']);
  });

  it('is what the server masks the data by: recorded kinds raised by the current labels', () => {
    const columns = fields.map((f) => ({ name: f.name, sensitivity: 'none' as const }));
    expect(currentColumns({ open: 'closed', fields }, columns).map((c) => c.sensitivity)).toEqual(['name', 'none', 'none']);
  });
});
