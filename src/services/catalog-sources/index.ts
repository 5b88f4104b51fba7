export { createCatalogSource, defaultQuery } from './source';
export type { AccessDecisionInput, AccessRequestFilter, AccessRequestInput, AccessRequestRole, CatalogSource, CatalogSourceKind } from './source';
export { egovCatalogSource } from './egov';
export { searchInMemory } from '../../core/memory-search';
export { EU_ACCESS_RIGHT, EU_FREQUENCY, accessFromEu, frequencyFromText } from './vocabularies';
