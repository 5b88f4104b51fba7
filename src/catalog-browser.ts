import { define } from './internal/define';
import './shared';
import { EgovCatalogBrowser } from './components/catalog-browser/catalog-browser';

define('egov-catalog-browser', EgovCatalogBrowser);
export { EgovCatalogBrowser };

declare global {
  interface HTMLElementTagNameMap {
    'egov-catalog-browser': EgovCatalogBrowser;
  }
}
