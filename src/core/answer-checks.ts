import { translate } from './i18n';
import type { EgovLocale } from './locale';
import type { JsonSchema, ServiceDefinition, SubjectBinding } from './service-definition';
import { isCalendarDate, todayInChina, toFieldErrors, validate } from './validation';

/** The signed-in subject's own values that `x-egov-subject` answers must equal (SPEC §4). */
export type SubjectValues = Partial<Record<SubjectBinding, string>>;

export interface AnswerProblem {
  /** JSON Pointer into `data`. */
  path: string;
  message: string;
}

/** The answers bound to the applicant: answer name → which of the subject's values it carries. */
export function subjectBindings(schema: JsonSchema): Record<string, SubjectBinding> {
  const out: Record<string, SubjectBinding> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const binding = property['x-egov-subject'];
    if (binding) out[name] = binding;
  }
  return out;
}

/** The answers a form fills from the sign-in: each bound answer the subject has a value for. */
export function subjectAnswers(schema: JsonSchema, subject: SubjectValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, binding] of Object.entries(subjectBindings(schema))) {
    const value = subject[binding];
    if (value) out[name] = value;
  }
  return out;
}

function labelIn(schema: JsonSchema, name: string, locale: EgovLocale): string {
  const property = schema.properties?.[name];
  return (locale === 'en' ? property?.['x-egov-en']?.title : property?.title) ?? property?.title ?? name;
}

/**
 * Every check the server makes on an application's answers, in one pure module the browser
 * runs too (SPEC §2: the same checks before `review`): the schema, dates that cannot lie after
 * today (`x-egov-not-after: "today"`, the calendar day in Asia/Shanghai), and answers bound
 * to the applicant (`x-egov-subject`), which must equal the signed-in subject's values.
 */
export function checkAnswers(
  service: ServiceDefinition,
  data: Record<string, unknown>,
  locale: EgovLocale,
  options: { now?: Date; subject?: SubjectValues } = {},
): AnswerProblem[] {
  const now = options.now ?? new Date();
  const { schema, ui } = service.form;
  const problems: AnswerProblem[] = toFieldErrors(validate(schema, data, { locale, now, maxErrors: 1_000, ...(ui ? { ui } : {}) }).errors)
    .map((p) => ({ ...p, message: named(schema, p, locale) }));
  const has = (name: string) => problems.some((p) => p.path === `/${name}`);
  const today = todayInChina(now);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property['x-egov-not-after'] !== 'today' || has(name)) continue;
    const value = data[name];
    if (isCalendarDate(value) && value > today) problems.push({ path: `/${name}`, message: translate(locale, 'app.check.notAfterToday', { label: labelIn(schema, name, locale) }) });
  }
  if (options.subject) {
    for (const [name, binding] of Object.entries(subjectBindings(schema))) {
      const own = options.subject[binding];
      const value = data[name];
      if (has(name) || value === undefined || own === undefined || sameValue(binding, value, own)) continue;
      problems.push({ path: `/${name}`, message: translate(locale, 'app.check.subject', { label: labelIn(schema, name, locale) }) });
    }
  }
  return problems;
}

/** ID numbers and credit codes compare without regard to the case of their letters. */
function sameValue(binding: SubjectBinding, value: unknown, own: string): boolean {
  if (typeof value !== 'string') return false;
  return binding === 'idNumber' || binding === 'uscc' ? value.toUpperCase() === own.toUpperCase() : value === own;
}

/**
 * A message about an identifier names whose it is ("Father's ID number: the check digit…"):
 * a form with the father's and the mother's number must not leave the reader guessing.
 */
function named(schema: JsonSchema, problem: AnswerProblem, locale: EgovLocale): string {
  const name = problem.path.split('/')[1];
  if (!name || !schema.properties?.[name]?.['x-egov-format']) return problem.message;
  const label = labelIn(schema, name, locale);
  if (problem.message.toLowerCase().includes(label.toLowerCase())) return problem.message;
  return translate(locale, 'app.check.whose', { label, message: problem.message });
}
