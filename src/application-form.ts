import { define } from './internal/define';
import './shared';
import './signature';
import './fields';
import { EgovApplicationForm } from './components/application-form/application-form';

define('egov-application-form', EgovApplicationForm);
export { EgovApplicationForm };
export type { ApplicationStep, SignInRequiredDetail } from './components/application-form/application-form';

declare global {
  interface HTMLElementTagNameMap {
    'egov-application-form': EgovApplicationForm;
  }
}
