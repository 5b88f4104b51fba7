/**
 * Validation shared by the browser and the server (SPEC §4: "the server validates every
 * submission against the same schema as the browser"). Pure: no DOM, no Node built-ins,
 * no code generation, so it runs under a strict CSP and in any JavaScript runtime.
 */
export {
  validate,
  validateField,
  validateValue,
  isValid,
  localiseError,
  toFieldErrors,
  type ValidationError,
  type ValidationResult,
  type ValidateOptions,
  type ValueOptions,
  type ErrorParams,
} from './validate';
export {
  isCnId,
  cnIdInfo,
  cnIdProblem,
  cnIdCheckDigit,
  normaliseCnId,
  isCnUscc,
  cnUsccProblem,
  cnUsccCheckCharacter,
  normaliseCnUscc,
  isCnMobile,
  normaliseCnMobile,
  isCnPostcode,
  isCalendarDate,
  isEmail,
  todayInChina,
  type CnIdInfo,
  type CnIdProblem,
  type CnUsccProblem,
} from './cn-formats';
export { normaliseValue, normaliseData, coerceValue } from './normalise';
export { hiddenFields, isFieldVisible, withoutHidden } from './visibility';
export { checkSchema } from './schema-check';
export { compilePattern } from './pattern-cache';
export { sniffMediaType, isExecutableType, acceptsFile, acceptLabel } from './media-type';
