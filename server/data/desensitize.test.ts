import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/core/csv';
import { isCnId, isCnUscc } from '../../src/core/validation/cn-formats';
import { catalogSeed } from '../seed/data/catalog';
import { maskAddress, maskName, maskPhone, maskValue, OTHER_MASK } from './desensitize';
import { generateRows, largeEntryId, rowCountFor } from '../seed/data/rows';
import { fieldKind, sensitivities } from '../../src/core/personal-data';

describe('desensitisation (Art. 22, SPEC §7)', () => {
  it('keeps the surname of a name, compound surnames whole', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳修')).toBe('欧阳*');
    expect(maskName('司马相如')).toBe('司马**');
    // Two characters: a compound surname alone would be the whole name, so only the first stays.
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('王')).toBe('*');
  });

  it('keeps the first 4 and last 4 characters of an ID number', () => {
    expect(maskValue('id-number', '330106199001011234')).toBe('3301**********1234');
    expect(maskValue('id-number', '33010619900101123X')).toBe('3301**********123X');
  });

  it('keeps the first 3 and last 4 digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-87654321')).toBe('057*****4321');
  });

  it('keeps an address down to the county or district', () => {
    expect(maskAddress('浙江省杭州市西湖区文三路123号')).toBe('浙江省杭州市西湖区' + OTHER_MASK);
    expect(maskAddress('浙江省金华市义乌市稠城街道工人北路1号')).toBe('浙江省金华市义乌市' + OTHER_MASK);
    expect(maskAddress('浙江省丽水市景宁畲族自治县鹤溪街道1号')).toBe('浙江省丽水市景宁畲族自治县' + OTHER_MASK);
    expect(maskAddress('杭州市上城区解放路1号')).toBe('杭州市上城区' + OTHER_MASK);
    expect(maskAddress('不详')).toBe(OTHER_MASK);
    // No district: the street, the number and the estate go, whatever their last character.
    expect(maskAddress('杭州市文三路1号小区')).toBe('杭州市' + OTHER_MASK);
    expect(maskAddress('文三路1号小区')).toBe(OTHER_MASK);
    expect(maskAddress('杭州市翠苑小区3幢')).toBe('杭州市' + OTHER_MASK);
    expect(maskAddress('太原市小店区亲贤街1号')).toBe('太原市小店区' + OTHER_MASK);
    expect(maskAddress('浙江省杭州市解放街道88号')).toBe('浙江省杭州市' + OTHER_MASK);
    expect(maskAddress('上海市浦东新区世纪大道100号')).toBe('上海市浦东新区' + OTHER_MASK);
    expect(maskAddress('内蒙古自治区呼和浩特市新城区新华大街1号')).toBe('内蒙古自治区呼和浩特市新城区' + OTHER_MASK);
  });

  it('stars other personal values, leaves null and non-personal values alone', () => {
    expect(maskValue('other-personal', '1990-01-01')).toBe(OTHER_MASK);
    expect(maskValue('other-personal', 2)).toBe(OTHER_MASK);
    expect(maskValue('name', null)).toBeNull();
    expect(maskValue('none', '张三')).toBe('张三');
  });
});

describe('field sensitivity', () => {
  it('is derived from the field label', () => {
    expect(fieldKind({ name: 'xm', label: '姓名' })).toBe('name');
    expect(fieldKind({ name: 'nfsfhm', label: '男方公民身份号码' })).toBe('id-number');
    expect(fieldKind({ name: 'lxdh', label: '联系电话' })).toBe('phone');
    expect(fieldKind({ name: 'hjdz', label: '户籍地址' })).toBe('address');
    expect(fieldKind({ name: 'csrq', label: '出生日期' })).toBe('other-personal');
    expect(fieldKind({ name: 'aqi', label: '空气质量指数' })).toBe('none');
  });

  it('is none for every field of an entry open to the public (SPEC §8), and for personal-looking facts in statistics', () => {
    const seed = catalogSeed();
    for (const item of seed.filter((i) => i.open !== 'closed')) expect(sensitivities(item as never)).toEqual(item.fields!.map(() => 'none'));
    expect(sensitivities({ open: 'closed', fields: [{ name: 'csrq', label: '出生日期' }, { name: 'rks', label: '人口数' }] })).toEqual(['none', 'none']);
  });
});

describe('seeded rows', () => {
  const seed = catalogSeed();

  it('are deterministic and match the fields: valid ID numbers (GB 11643) and credit codes (GB 32100)', () => {
    const person = seed.find((i) => i.id === '330000-GA-000002')! as never as Parameters<typeof generateRows>[0];
    const a = [...generateRows(person, 50)];
    expect([...generateRows(person, 50)]).toEqual(a);
    const id = person.fields.findIndex((f) => f.name === 'gmsfhm');
    const birth = person.fields.findIndex((f) => f.name === 'csrq');
    for (const row of a) {
      expect(row).toHaveLength(person.fields.length);
      expect(isCnId(row[id])).toBe(true);
      const n = String(row[id]);
      expect(row[birth]).toBe(`${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`);
    }
    const org = seed.find((i) => i.fields!.some((f) => f.name === 'tyshxydm'))! as never as Parameters<typeof generateRows>[0];
    const col = org.fields.findIndex((f) => f.name === 'tyshxydm');
    for (const row of generateRows(org, 50)) expect(isCnUscc(row[col])).toBe(true);
  });

  it('give each entry 20 to 5,000 rows, and one open entry 100,000', () => {
    for (const item of seed) {
      const n = rowCountFor(item.id);
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(5000);
    }
    const large = seed.find((i) => i.id === largeEntryId(seed))!;
    expect(large.open).toBe('open');
  });

  it('of open entries hold no full names', () => {
    for (const item of seed.filter((i) => i.open !== 'closed')) {
      const names = item.fields!.map((f, i) => [fieldKind(f), i] as const).filter(([k]) => k === 'name').map(([, i]) => i);
      if (!names.length) continue;
      for (const row of generateRows(item as never, 30)) for (const i of names) expect(String(row[i])).toMatch(/^[\p{Script=Han}]{1,2}\*+$/u);
    }
  });
});

describe('CSV cells (OWASP CSV injection)', () => {
  it('neutralises cells a spreadsheet would take for a formula, quotes per RFC 4180', () => {
    for (const v of ['=1+1', '+86', '-2', '@SUM(A1)', '\t=1']) expect(csvCell(v).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvLine(['=HYPERLINK("x")', -3.5, null, '张三'])).toBe(`"'=HYPERLINK(""x"")",-3.5,,张三\r\n`);
  });
});
