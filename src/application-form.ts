import { define } from './internal/define';
import './shared';
// The fields a section renders; <egov-signature> comes with the later steps
// (components/application-form/later-steps.ts), loaded when they are reached.
import './components/application-form/form-fields';
import { EgovApplicationForm } from './components/application-form/application-form';

define('egov-application-form', EgovApplicationForm);
export { EgovApplicationForm };
export type { ApplicationStep, SignInRequiredDetail } from './components/application-form/application-form';

declare global {
  interface HTMLElementTagNameMap {
    'egov-application-form': EgovApplicationForm;
  }
}
