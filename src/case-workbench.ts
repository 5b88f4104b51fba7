import { define } from './internal/define';
import { EgovCaseWorkbench } from './components/case-workbench/case-workbench';

define('egov-case-workbench', EgovCaseWorkbench);
export { EgovCaseWorkbench };

declare global {
  interface HTMLElementTagNameMap {
    'egov-case-workbench': EgovCaseWorkbench;
  }
}
