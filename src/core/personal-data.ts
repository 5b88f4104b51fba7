import type { CatalogField, CatalogItem, FieldSensitivity } from './catalog-types';
import { isCnId, isCnMobile } from './validation/cn-formats';

/**
 * Which fields of an entry hold personal data, and of what kind (SPEC §7, §8): derived from
 * the field's label (as stewards write them: 身份证号码, 手机号, 联系人, 户籍所在地, 车牌号 …) and,
 * failing that, its code (sfzh, sjhm, email …), so the catalogue editor in the browser and the
 * server flag the same fields and every seeded entry is classified the same way each time.
 * Open data holds no personal data (Art. 25): every field of an entry whose `open` is not
 * `closed` is `none`, and an open entry's imported values are checked for personal ones.
 * Pure: shared by the browser and the server. The labels are written as \u escapes (no Chinese
 * outside the message catalogue, tests/unit/messages.test.ts); each pattern reads as the
 * comment above it.
 */

// /(公民身份号码|身份证号码|身份证号|身份号码|身份证件号码|身份证件号|证件号|身份证)$/
const ID_NUMBER = /(\u516c\u6c11\u8eab\u4efd\u53f7\u7801|\u8eab\u4efd\u8bc1\u53f7\u7801|\u8eab\u4efd\u8bc1\u53f7|\u8eab\u4efd\u53f7\u7801|\u8eab\u4efd\u8bc1\u4ef6\u53f7\u7801|\u8eab\u4efd\u8bc1\u4ef6\u53f7|\u8bc1\u4ef6\u53f7|\u8eab\u4efd\u8bc1)$/;
// /(姓名|所有人|权利人|申请人|经营者|法定代表人|户主|联系人|监护人|法定代理人|代理人|当事人|驾驶人)$/
const NAME = /(\u59d3\u540d|\u6240\u6709\u4eba|\u6743\u5229\u4eba|\u7533\u8bf7\u4eba|\u7ecf\u8425\u8005|\u6cd5\u5b9a\u4ee3\u8868\u4eba|\u6237\u4e3b|\u8054\u7cfb\u4eba|\u76d1\u62a4\u4eba|\u6cd5\u5b9a\u4ee3\u7406\u4eba|\u4ee3\u7406\u4eba|\u5f53\u4e8b\u4eba|\u9a7e\u9a76\u4eba)$/;
// /(电话|手机|手机号|手机号码|联系方式|移动电话|联系号码)$/
const PHONE = /(\u7535\u8bdd|\u624b\u673a|\u624b\u673a\u53f7|\u624b\u673a\u53f7\u7801|\u8054\u7cfb\u65b9\u5f0f|\u79fb\u52a8\u7535\u8bdd|\u8054\u7cfb\u53f7\u7801)$/;
// /(地址|住所|住址|坐落|居住地|户籍所在地|户籍地|出生地|住所地)$/
const ADDRESS = /(\u5730\u5740|\u4f4f\u6240|\u4f4f\u5740|\u5750\u843d|\u5c45\u4f4f\u5730|\u6237\u7c4d\u6240\u5728\u5730|\u6237\u7c4d\u5730|\u51fa\u751f\u5730|\u4f4f\u6240\u5730)$/;
/** Facts about a person that are neither name, number, phone nor address: only personal where the record is about a person. */
// /^(出生日期|性别|证件号码|号牌号码|学籍号|证明编号|死亡日期|死亡地点|根本死因|账户余额\(元\)|缴存基数\(元\)|与户主关系|处理结果|案件类别)$/
const OTHER_PERSONAL = /^(\u51fa\u751f\u65e5\u671f|\u6027\u522b|\u8bc1\u4ef6\u53f7\u7801|\u53f7\u724c\u53f7\u7801|\u5b66\u7c4d\u53f7|\u8bc1\u660e\u7f16\u53f7|\u6b7b\u4ea1\u65e5\u671f|\u6b7b\u4ea1\u5730\u70b9|\u6839\u672c\u6b7b\u56e0|\u8d26\u6237\u4f59\u989d\(\u5143\)|\u7f34\u5b58\u57fa\u6570\(\u5143\)|\u4e0e\u6237\u4e3b\u5173\u7cfb|\u5904\u7406\u7ed3\u679c|\u6848\u4ef6\u7c7b\u522b)$/;
// /(车牌号|车牌号码|出生年月|出生日期|电子邮箱|邮箱|电子邮件|邮箱地址|银行卡号|银行账号|银行卡号码|社保卡号|社会保障卡号|护照号|护照号码|民族|婚姻状况|病历号)$/
const OTHER_PERSONAL_SUFFIX = /(\u8f66\u724c\u53f7|\u8f66\u724c\u53f7\u7801|\u51fa\u751f\u5e74\u6708|\u51fa\u751f\u65e5\u671f|\u7535\u5b50\u90ae\u7bb1|\u90ae\u7bb1|\u7535\u5b50\u90ae\u4ef6|\u90ae\u7bb1\u5730\u5740|\u94f6\u884c\u5361\u53f7|\u94f6\u884c\u8d26\u53f7|\u94f6\u884c\u5361\u53f7\u7801|\u793e\u4fdd\u5361\u53f7|\u793e\u4f1a\u4fdd\u969c\u5361\u53f7|\u62a4\u7167\u53f7|\u62a4\u7167\u53f7\u7801|\u6c11\u65cf|\u5a5a\u59fb\u72b6\u51b5|\u75c5\u5386\u53f7)$/;
/** Labels that are personal whatever else the entry holds: a mobile, a bank card, a passport is a person's. */
// /(手机|手机号|手机号码|银行卡号|银行卡号码|社保卡号|社会保障卡号|护照号|护照号码)$/
const ALWAYS_PERSONAL = /(\u624b\u673a|\u624b\u673a\u53f7|\u624b\u673a\u53f7\u7801|\u94f6\u884c\u5361\u53f7|\u94f6\u884c\u5361\u53f7\u7801|\u793e\u4fdd\u5361\u53f7|\u793e\u4f1a\u4fdd\u969c\u5361\u53f7|\u62a4\u7167\u53f7|\u62a4\u7167\u53f7\u7801)$/;

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
// /(姓名|联系人|监护人|法定代理人|当事人|户主)$/
const PERSON_NAME = /(\u59d3\u540d|\u8054\u7cfb\u4eba|\u76d1\u62a4\u4eba|\u6cd5\u5b9a\u4ee3\u7406\u4eba|\u5f53\u4e8b\u4eba|\u6237\u4e3b)$/;

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

/**
 * The sensitivity each field is masked by (Art. 22): the one declared for it, raised in a closed
 * entry to the kind its label shows (personalKinds) — so the server masks, and the data office's
 * review offers to unmask, the same fields even where a declaration is older than the rule.
 */
export function maskingKinds(item: Pick<CatalogItem, 'open'> & { fields: ReadonlyArray<Classified & { sensitivity?: FieldSensitivity | undefined }> }): FieldSensitivity[] {
  const declared = item.fields.map((f) => f.sensitivity ?? 'none');
  if (item.open !== 'closed') return declared;
  const kinds = personalKinds(item.fields);
  return declared.map((d, i) => (d !== 'none' ? d : kinds[i]!));
}

// ---- personal values in a cell -------------------------------------------------------------

/** What a personal value in a cell is. */
export type PersonalValue = 'id-number' | 'mobile' | 'plate';

const ID_RUN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_RUN = /(?<!\d)(?:\+86[ -]?)?1[3-9]\d{9}(?!\d)/g;
/** A mainland number plate (GA 36): province, issuing letter, 5 characters (6 for new energy), with or without a separator. */
// /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·.\- ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警港澳](?![A-Za-z0-9])/
const PLATE_RUN = /[\u4eac\u6d25\u6caa\u6e1d\u5180\u8c6b\u4e91\u8fbd\u9ed1\u6e58\u7696\u9c81\u65b0\u82cf\u6d59\u8d63\u9102\u6842\u7518\u664b\u8499\u9655\u5409\u95fd\u8d35\u7ca4\u9752\u85cf\u5ddd\u5b81\u743c][A-HJ-NP-Z][·.\- ]?[A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9\u6302\u5b66\u8b66\u6e2f\u6fb3](?![A-Za-z0-9])/;

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
