import { checkAnswers, type SubjectValues } from '../../src/core/answer-checks';
import type { EgovLocale } from '../../src/core/locale';
import type { ServiceDefinition } from '../../src/core/service-definition';
import type { Subject } from '../env';
import type { FieldProblem } from '../domain/errors';
// The messages the checks speak in (src/core translates, the tables are each side's).
import '../../src/i18n/application';
import '../../src/i18n/validation';

/**
 * The signed-in subject's own values that `x-egov-subject` answers carry (SPEC §4): a
 * citizen's name and ID number, an organisation's name and credit code.
 */
export function subjectValues(subject: Pick<Subject, 'kind' | 'name' | 'idNumber'>): SubjectValues {
  if (subject.kind === 'citizen') return { name: subject.name, ...(subject.idNumber ? { idNumber: subject.idNumber } : {}) };
  if (subject.kind === 'organisation') return { orgName: subject.name, ...(subject.idNumber ? { uscc: subject.idNumber } : {}) };
  return {};
}

/**
 * The answers of an application checked by the same pure module the browser runs before
 * `review` (SPEC §2, §4): the schema, dates not after today in China, and the answers bound
 * to the applicant against the signed-in subject. Paths are JSON Pointers into `data`.
 */
export function validateServiceData(
  service: ServiceDefinition,
  data: Record<string, unknown>,
  locale: EgovLocale,
  now = new Date(),
  subject?: Pick<Subject, 'kind' | 'name' | 'idNumber'>,
): FieldProblem[] {
  return checkAnswers(service, data, locale, { now, ...(subject ? { subject: subjectValues(subject) } : {}) });
}

/** The caller's language from Accept-Language: English when it comes first, else Chinese. */
export function localeFromHeader(header: string | undefined): EgovLocale {
  return /^\s*en\b/i.test(header ?? '') ? 'en' : 'zh-CN';
}
