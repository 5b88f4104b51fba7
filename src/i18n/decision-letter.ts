import { defineMessages } from '../core/i18n';

/** Messages of the decision letter (决定书, SPEC §14) in both case views. */
export const decisionLetterMsg = defineMessages(
  {
    'letter.open': '查看决定书',
    'letter.title': '决定书',
    'letter.number': '文书编号',
    'letter.applicant': '申请人',
    'letter.service': '事项',
    'letter.decision': '决定',
    'letter.reasons': '理由',
    'letter.legalBasis': '依据',
    'letter.decidedAt': '决定日期',
    'letter.agency': '作出决定的机关',
    'letter.sealOk': '本浏览器已核验印章：决定书由该机关签章，内容未被改动。',
    'letter.sealBad': '印章核验未通过：决定书内容与印章不符。',
    'letter.sealUnknown': '无法核验印章：可信发证方列表中没有该印章的密钥。',
    'letter.print': '打印决定书',
    'letter.loading': '正在取得决定书并核验印章…',
  },
  {
    'letter.open': 'Show the decision letter',
    'letter.title': 'Decision letter',
    'letter.number': 'Number',
    'letter.applicant': 'Applicant',
    'letter.service': 'Service',
    'letter.decision': 'Decision',
    'letter.reasons': 'Reasons',
    'letter.legalBasis': 'Legal basis',
    'letter.decidedAt': 'Decided on',
    'letter.agency': 'Deciding agency',
    'letter.sealOk': "Seal checked in this browser: the agency sealed this letter and it has not been changed.",
    'letter.sealBad': 'The seal check failed: the letter does not match its seal.',
    'letter.sealUnknown': 'The seal cannot be checked: its key is not in the trust list.',
    'letter.print': 'Print the decision letter',
    'letter.loading': 'Fetching the decision letter and checking its seal…',
  },
);
