import type { FieldSensitivity } from '../../src/core/catalog-types';
import { maskIdNumber } from '../../src/core/validation/cn-formats';

/**
 * Desensitisation of non-shared data (Art. 22, SPEC §7): a name keeps its surname, an ID
 * number its first and last four characters, a phone number its first three and last four
 * digits, an address its part down to the county or district; other personal values
 * become `***`. Pure: the same value always masks the same way.
 */

/** Two-character surnames (复姓) kept whole, the common ones of the Hundred Family Surnames. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '太史', '端木', '上官', '司马', '东方', '独孤', '南宫', '万俟', '闻人', '夏侯', '诸葛', '尉迟', '公羊',
  '赫连', '澹台', '皇甫', '宗政', '濮阳', '公冶', '太叔', '申屠', '公孙', '慕容', '仲孙', '钟离', '长孙', '宇文',
  '司徒', '鲜于', '司空', '闾丘', '子车', '亓官', '司寇', '巫马', '公西', '颛孙', '壤驷', '公良', '漆雕', '乐正',
  '宰父', '谷梁', '拓跋', '夹谷', '轩辕', '令狐', '段干', '百里', '呼延', '东郭', '南门', '羊舌', '微生', '左丘',
  '西门', '第五', '梁丘', '东里', '即墨', '达奚', '褚师',
]);

export const OTHER_MASK = '***';

export function maskName(value: string): string {
  const chars = Array.from(value.trim());
  if (chars.length <= 1) return '*';
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length <= 7) return '*'.repeat(Math.max(digits.length, 3));
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/**
 * The administrative part of an address down to the county level: province (省, 自治区,
 * or a municipality 市), prefecture (市, 自治州, 地区, 盟), county (区, 县, 市, 旗). A unit's
 * name holds no street, number or building (路, 街, 号, digits…) and a 小区, 社区 or 园区 is
 * not a district, so `文三路1号小区` is never taken for one; an address with no county keeps only what is above it.
 */
const NOT_IN_A_UNIT = '路街道号巷弄村组镇乡幢栋楼室0-9０-９';
const ADDRESS_PREFIX = new RegExp(
  `^((?:[^省市${NOT_IN_A_UNIT}]{2,7}?(?:省|自治区))?(?:[^市区县${NOT_IN_A_UNIT}]{1,9}?(?:自治州|地区|盟|市))?(?:[^区县市旗${NOT_IN_A_UNIT}]{1,9}?(?:(?<![小社街景校园])区|县|市|旗))?)`,
  'u',
);

export function maskAddress(value: string): string {
  const kept = ADDRESS_PREFIX.exec(value.trim())?.[1] ?? '';
  return kept + OTHER_MASK;
}

export function maskValue(sensitivity: FieldSensitivity, value: string | number | null): string | number | null {
  if (value === null || sensitivity === 'none') return value;
  const text = String(value);
  switch (sensitivity) {
    case 'name': return maskName(text);
    case 'id-number': return maskIdNumber(text);
    case 'phone': return maskPhone(text);
    case 'address': return maskAddress(text);
    default: return OTHER_MASK;
  }
}
