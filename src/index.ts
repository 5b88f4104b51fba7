// Registers every element. Each is also its own entry: `egov-elements/<name>.js`.
export * from './provider';
export * from './shared';
export * from './catalog-browser';
export * from './certificate-lookup';
export * from './signature';
export * from './application-form';
export * from './case-workbench';
export * from './catalog-editor';
export * from './my-applications';
export * from './fields';
export { configure, type EgovConfig, type EgovLocale } from './services/config';
/** Loads a locale's messages ahead of time (e.g. before a server renders a page in `en`). */
export { loadLocale } from './core/i18n';
export { ApiClient, ApiError, type FieldError } from './services/api-client';
