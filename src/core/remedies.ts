/**
 * The notice of remedies every refusal and non-acceptance carries (SPEC §14; 行政许可法
 * Art. 38): administrative reconsideration within 60 days (行政复议法 Art. 20), to the people's
 * government at the level of the deciding department (Art. 24), and an administrative lawsuit
 * within 6 months (行政诉讼法 Art. 46) before the competent court where the agency is. The
 * bodies are named as data (the server names them when it decides: server/applications/remedies.ts);
 * each side says the sentence around them in its own words.
 */

export interface RemediesNotice {
  review: { body: string; withinDays: number; legalBasis: string };
  litigation: { body: string; withinMonths: number; legalBasis: string };
}

/** The decisions that must carry the notice. */
export const DECISIONS_WITH_REMEDIES: readonly string[] = ['refuse', 'not_accept'];
