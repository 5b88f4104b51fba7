/**
 * The notice of remedies every refusal and non-acceptance carries (SPEC §14; 行政许可法
 * Art. 38): administrative reconsideration within 60 days (行政复议法 Art. 20), to the people's
 * government at the level of the deciding department (Art. 24), and an administrative lawsuit
 * within 6 months (行政诉讼法 Art. 46) before the competent court where the agency is. The
 * bodies are named as data; each side says the sentence around them in its own words.
 */

export interface RemediesNotice {
  review: { body: string; withinDays: number; legalBasis: string };
  litigation: { body: string; withinMonths: number; legalBasis: string };
}

/** The decisions that must carry the notice. */
export const DECISIONS_WITH_REMEDIES: readonly string[] = ['refuse', 'not_accept'];

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
