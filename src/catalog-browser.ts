import { define } from './internal/define';
import './shared';
// The comment form of an open entry writes in an <egov-textarea> (with its character count).
import './fields';
import { EgovCatalogBrowser } from './components/catalog-browser/catalog-browser';

define('egov-catalog-browser', EgovCatalogBrowser);
export { EgovCatalogBrowser };

declare global {
  interface HTMLElementTagNameMap {
    'egov-catalog-browser': EgovCatalogBrowser;
  }
}
