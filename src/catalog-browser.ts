import { define } from './internal/define';
import './shared';
import { EgovCatalogBrowser } from './components/catalog-browser/catalog-browser';
import { EgovTextarea } from './components/field-textarea/field-textarea';

// The comment form of an open entry writes in an <egov-textarea> (with its character count).
define('egov-textarea', EgovTextarea);
define('egov-catalog-browser', EgovCatalogBrowser);
export { EgovCatalogBrowser };

declare global {
  interface HTMLElementTagNameMap {
    'egov-catalog-browser': EgovCatalogBrowser;
  }
}
