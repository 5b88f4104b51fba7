import type { CatalogField, CatalogItem, FieldSensitivity } from '../../src/core/catalog-types';

/**
 * Which fields of an entry hold personal data, and of what kind (SPEC §7): derived from
 * the field's code and label, so every seeded entry is classified the same way each time.
 * Open data holds no personal data (Art. 25, SPEC §8): every field of an entry whose `open`
 * is not `closed` is `none`, and its rows are generated without personal values.
 */

const ID_NUMBER = /(公民身份号码|身份证号|身份号码)$/;
const NAME = /(姓名|所有人|权利人|申请人|经营者|法定代表人|户主)$/;
const PHONE = /(电话|手机|手机号码|联系方式)$/;
const ADDRESS = /(地址|住所|住址|坐落|居住地)$/;
/** Facts about a person that are neither name, number, phone nor address: only personal where the record is about a person. */
const OTHER_PERSONAL = /^(出生日期|性别|证件号码|号牌号码|学籍号|证明编号|死亡日期|死亡地点|根本死因|账户余额\(元\)|缴存基数\(元\)|与户主关系|处理结果|案件类别)$/;

/** The sensitivity a field would have in a record about a person or organisation. */
export function fieldKind(field: Pick<CatalogField, 'name' | 'label'>): FieldSensitivity {
  const label = field.label.trim();
  if (ID_NUMBER.test(label) || /sfhm$/.test(field.name)) return 'id-number';
  if (NAME.test(label)) return 'name';
  if (PHONE.test(label)) return 'phone';
  if (ADDRESS.test(label)) return 'address';
  if (OTHER_PERSONAL.test(label)) return 'other-personal';
  return 'none';
}

/** The field sensitivities of an entry, in field order. */
export function sensitivities(item: Pick<CatalogItem, 'open'> & { fields: ReadonlyArray<Pick<CatalogField, 'name' | 'label'>> }): FieldSensitivity[] {
  if (item.open !== 'closed') return item.fields.map(() => 'none');
  const kinds = item.fields.map(fieldKind);
  // A birth date or a sex is personal in a record that names a person; in statistics it is not.
  const aboutPerson = kinds.some((k) => k === 'name' || k === 'id-number');
  return kinds.map((k) => (k === 'other-personal' && !aboutPerson ? 'none' : k));
}
