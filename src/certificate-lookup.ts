import { define } from './internal/define';
import { EgovCertificateLookup } from './components/certificate-lookup/certificate-lookup';

define('egov-certificate-lookup', EgovCertificateLookup);
export { EgovCertificateLookup };

declare global {
  interface HTMLElementTagNameMap {
    'egov-certificate-lookup': EgovCertificateLookup;
  }
}
