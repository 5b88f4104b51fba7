import { define } from './internal/define';
import { EgovAlert } from './components/shared/alert';
import { EgovAsyncState } from './components/shared/async-state';

define('egov-alert', EgovAlert);
define('egov-async-state', EgovAsyncState);
export { EgovAlert, EgovAsyncState };

declare global {
  interface HTMLElementTagNameMap {
    'egov-alert': EgovAlert;
    'egov-async-state': EgovAsyncState;
  }
}
