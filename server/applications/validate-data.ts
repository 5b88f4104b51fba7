import type { EgovLocale } from '../../src/core/locale';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { isCalendarDate, toFieldErrors, todayInChina, validate } from '../../src/core/validation';
import type { FieldProblem } from '../errors';
import { NOT_AFTER_TODAY } from '../seed/data/services';

const FUTURE_DATE = {
  'zh-CN': (label: string) => `${label}不能晚于今天`,
  en: (label: string) => `${label} cannot be later than today`,
};

/**
 * The answers of an application checked against the service's schema by the same pure
 * module the browser uses (SPEC §4: "the server validates every submission against the
 * same schema as the browser"); paths are JSON Pointers into `data`.
 */
export function validateServiceData(service: ServiceDefinition, data: Record<string, unknown>, locale: EgovLocale, now = new Date()): FieldProblem[] {
  const { schema, ui } = service.form;
  const problems = toFieldErrors(validate(schema, data, { ui, locale, now }).errors);
  const today = todayInChina(now);
  for (const name of NOT_AFTER_TODAY[service.code] ?? []) {
    const value = data[name];
    if (!isCalendarDate(value) || value <= today || problems.some((p) => p.path === `/${name}`)) continue;
    const property = schema.properties?.[name];
    const label = (locale === 'en' ? property?.['x-egov-en']?.title : property?.title) ?? name;
    problems.push({ path: `/${name}`, message: FUTURE_DATE[locale](label) });
  }
  return problems;
}

/** The caller's language from Accept-Language: English when it comes first, else Chinese. */
export function localeFromHeader(header: string | undefined): EgovLocale {
  return /^\s*en\b/i.test(header ?? '') ? 'en' : 'zh-CN';
}
