import { define } from './internal/define';
import { EgovSignature } from './components/signature/signature';

define('egov-signature', EgovSignature);
export { EgovSignature };
export type { EgovSignedDetail, SignatureState } from './components/signature/signature';
export type { SignerAdapter, SignRequest, SignedContent, SignerErrorCode } from './services/signers/types';
export { SignerError } from './services/signers/types';
export { UkeyWebSocketSigner, UKEY_DEFAULT_PORT, type UkeyWebSocketOptions } from './services/signers/ukey-websocket';
export type { SignatureEnvelope, SignatureAlgorithm } from './core/crypto/envelope';

declare global {
  interface HTMLElementTagNameMap {
    'egov-signature': EgovSignature;
  }
}
