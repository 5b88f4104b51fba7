import type { RemediesNotice } from '../../src/core/remedies';

/**
 * The bodies and the law of the notice of remedies (src/core/remedies.ts), named as the
 * decision stores them: data in Chinese, as the law names them, whatever the reader's language.
 */

/** The government a department of the province answers to, by the region in its code (330000: Zhejiang). */
function governmentOf(agencyCode: string): string {
  return agencyCode.startsWith('330000') ? '浙江省人民政府' : '作出决定的部门所属的本级人民政府';
}

/** The notice of remedies against a decision of this agency. */
export function remediesNotice(agency: { code: string; name: string }): RemediesNotice {
  return {
    review: { body: governmentOf(agency.code), withinDays: 60, legalBasis: '《中华人民共和国行政复议法》第二十条、第二十四条' },
    litigation: { body: `${agency.name}所在地有管辖权的人民法院`, withinMonths: 6, legalBasis: '《中华人民共和国行政诉讼法》第四十六条' },
  };
}
