import { define } from './internal/define';
import { EgovMyApplications } from './components/my-applications/my-applications';

define('egov-my-applications', EgovMyApplications);
export { EgovMyApplications };

declare global {
  interface HTMLElementTagNameMap {
    'egov-my-applications': EgovMyApplications;
  }
}
