import { define } from './internal/define';
import './shared';
import './fields';
import { EgovCatalogEditor } from './components/catalog-editor/catalog-editor';

define('egov-catalog-editor', EgovCatalogEditor);
export { EgovCatalogEditor };

declare global {
  interface HTMLElementTagNameMap {
    'egov-catalog-editor': EgovCatalogEditor;
  }
}
