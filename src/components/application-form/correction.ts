/**
 * What only correction mode of `<egov-application-form>` needs (SPEC §6): the application
 * as the officer left it, the officer's requests as the case shows them, and the materials
 * on file as references. The form imports this module with `import()` when it opens an
 * application (`application` attribute), so a new application does not download it.
 */
export { getApplication } from '../../services/applications';
export { materialRef } from '../../services/cases';
export { renderCorrections } from '../shared/case-parts';
