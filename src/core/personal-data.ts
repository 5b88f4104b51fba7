import type { CatalogField, CatalogItem, FieldSensitivity } from './catalog-types';
import { isCnId, isCnMobile } from './validation/cn-formats';

/**
 * Which fields of an entry hold personal data, and of what kind (SPEC §7, §8): derived from
 * the field's label (as stewards write them: 身份证号码, 手机号, 联系人, 户籍所在地, 车牌号 …) and,
 * failing that, its code (sfzh, sjhm, email …), so the catalogue editor in the browser and the
 * server flag the same fields and every seeded entry is classified the same way each time.
 * Open data holds no personal data (Art. 25): every field of an entry whose `open` is not
 * `closed` is `none`, and an open entry's imported values are checked for personal ones.
 * Pure: shared by the browser and the server.
 */

const ID_NUMBER = /(公民身份号码|身份证号码|身份证号|身份号码|身份证件号码|身份证件号|证件号|身份证)$/;
const NAME = /(姓名|所有人|权利人|申请人|经营者|法定代表人|户主|联系人|监护人|法定代理人|代理人|当事人|驾驶人)$/;
const PHONE = /(电话|手机|手机号|手机号码|联系方式|移动电话|联系号码)$/;
const ADDRESS = /(地址|住所|住址|坐落|居住地|户籍所在地|户籍地|出生地|住所地)$/;
/** Facts about a person that are neither name, number, phone nor address: only personal where the record is about a person. */
const OTHER_PERSONAL = /^(出生日期|性别|证件号码|号牌号码|学籍号|证明编号|死亡日期|死亡地点|根本死因|账户余额\(元\)|缴存基数\(元\)|与户主关系|处理结果|案件类别)$/;
const OTHER_PERSONAL_SUFFIX = /(车牌号|车牌号码|出生年月|出生日期|电子邮箱|邮箱|电子邮件|邮箱地址|银行卡号|银行账号|银行卡号码|社保卡号|社会保障卡号|护照号|护照号码|民族|婚姻状况|病历号)$/;
/** Labels that are personal whatever else the entry holds: a mobile, a bank card, a passport is a person's. */
const ALWAYS_PERSONAL = /(手机|手机号|手机号码|银行卡号|银行卡号码|社保卡号|社会保障卡号|护照号|护照号码)$/;

/** Codes (field names) read when the label says nothing: pinyin initials and English words in use. */
const CODES: ReadonlyArray<[RegExp, FieldSensitivity]> = [
  [/(sfzh|sfzhm|sfhm|idcard|id_?card_?no|id_?no|id_?number)$/i, 'id-number'],
  [/(sjh|sjhm|mobile|mobile_?phone|cellphone)$/i, 'phone'],
  [/(email|e_?mail|dzyx|yx_?dz)$/i, 'other-personal'],
  [/(cphm|chepai|plate_?no|plate_?number|yhkh|bank_?card)$/i, 'other-personal'],
];

/** The sensitivity a field would have in a record about a person or organisation. */
export function fieldKind(field: Pick<CatalogField, 'name' | 'label'>): FieldSensitivity {
  const label = field.label.trim();
  if (ID_NUMBER.test(label)) return 'id-number';
  if (NAME.test(label)) return 'name';
  if (PHONE.test(label)) return 'phone';
  if (ADDRESS.test(label)) return 'address';
  if (OTHER_PERSONAL.test(label) || OTHER_PERSONAL_SUFFIX.test(label)) return 'other-personal';
  const name = field.name.trim();
  for (const [code, kind] of CODES) if (code.test(name)) return kind;
  return 'none';
}

type Classified = Pick<CatalogField, 'name' | 'label'>;

/** Names that are a person's (not a register role an organisation may fill, such as 法定代表人). */
const PERSON_NAME = /(姓名|联系人|监护人|法定代理人|当事人|户主)$/;

/**
 * The kind of personal data each field holds in this entry, `none` where it holds none: the
 * fields that may not be marked "not personal" (Art. 22, 25). ID numbers, a person's name and
 * what only a person has (a mobile, a bank card) are personal anywhere; a phone, an address,
 * a birth date, a plate only in a record about a person — an office's address and telephone
 * in a directory are not. (The facts of the seeded registers, 证明编号 or 处理结果, are left to
 * the steward.)
 */
export function personalKinds(fields: readonly Classified[]): FieldSensitivity[] {
  const kinds = fields.map(fieldKind);
  const labels = fields.map((f) => f.label.trim());
  const strong = kinds.map((k, i) => k === 'id-number' || (k === 'name' && PERSON_NAME.test(labels[i]!)) || ALWAYS_PERSONAL.test(labels[i]!));
  const aboutPerson = strong.some(Boolean);
  const seededOnly = (i: number) => kinds[i] === 'other-personal' && OTHER_PERSONAL.test(labels[i]!) && !OTHER_PERSONAL_SUFFIX.test(labels[i]!);
  return kinds.map((k, i) => (strong[i] || (aboutPerson && !seededOnly(i)) ? k : 'none'));
}

/** The field sensitivities of an entry, in field order. */
export function sensitivities(item: Pick<CatalogItem, 'open'> & { fields: ReadonlyArray<Pick<CatalogField, 'name' | 'label'>> }): FieldSensitivity[] {
  if (item.open !== 'closed') return item.fields.map(() => 'none');
  const kinds = item.fields.map(fieldKind);
  // A birth date or a sex is personal in a record that names a person; in statistics it is not.
  const aboutPerson = kinds.some((k) => k === 'name' || k === 'id-number');
  return kinds.map((k) => (k === 'other-personal' && !aboutPerson ? 'none' : k));
}

// ---- personal values in a cell -------------------------------------------------------------

/** What a personal value in a cell is. */
export type PersonalValue = 'id-number' | 'mobile' | 'plate';

const ID_RUN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RUN = /(?<!\d)(?:\+86[ -]?)?1[3-9]\d{9}(?!\d)/g;
/** A mainland number plate (GA 36): province, issuing letter, 5 characters (6 for new energy), with or without a separator. */
const PLATE_RUN = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·.\- ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳](?![A-Za-z0-9])/;

/**
 * The personal value a cell holds, if any: a citizen ID number with a valid GB 11643 check
 * digit, a mainland mobile number, or a number plate — whole or within the text.
 */
export function personalValue(cell: string): PersonalValue | undefined {
  if (cell.length < 7) return undefined;
  if (cell.length >= 18) {
    for (const m of cell.matchAll(ID_RUN)) if (isCnId(m[0].toUpperCase())) return 'id-number';
  }
  if (cell.length >= 11) {
    for (const m of cell.matchAll(MOBILE_RUN)) if (isCnMobile(m[0].replace(/^\+86[ -]?/, ''))) return 'mobile';
  }
  return PLATE_RUN.test(cell) ? 'plate' : undefined;
}
