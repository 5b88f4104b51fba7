import { define } from './internal/define';
import { EgovProvider } from './components/provider/provider';

define('egov-provider', EgovProvider);
export { EgovProvider };

declare global {
  interface HTMLElementTagNameMap {
    'egov-provider': EgovProvider;
  }
}
