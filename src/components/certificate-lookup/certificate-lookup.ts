import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { LazyShell } from '../base/lazy-shell';
import type { VerifyStatus } from '../../services/certificates';
import { certificateLookupStyles } from './certificate-lookup.styles';
import type { CertificateLookupBody } from './certificate-lookup-body';

/**
 * Electronic certificates (Art. 31–32): the signed-in subject's own (`mode="mine"`), with
 * each seal checked in the browser against the issuers' published keys, the verification
 * code and QR code to hand on, and a print view; or a public check of a certificate by
 * number and verification code, or by its QR content (`mode="verify"`).
 *
 * The browser's verdict is its own: the seal is recomputed from the certificate and the
 * trust list, so a certificate altered after sealing shows as tampered whatever the server
 * says.
 *
 * @fires egov-certificate-verified - A certificate was checked: `{ number, status }`.
 * @csspart certificate - A certificate in the list, and the certificate shown in detail.
 * @csspart verify-form - The form: certificate number first, then verification code; Enter submits.
 * @csspart verify-qr-form - The form for a pasted QR code content.
 * @csspart verify-result - The result of a check, with what was checked (a live region).
 * @csspart qr - The QR code of a certificate.
 * @cssprop --egov-certificate-lookup-ok-color - Colour of passed checks and valid badges.
 * @cssprop --egov-certificate-lookup-bad-color - Colour of failed checks, revoked and tampered.
 * @cssprop --egov-certificate-lookup-unsure-color - Colour of undetermined checks, expired and not found.
 */
export class EgovCertificateLookup extends LazyShell<CertificateLookupBody> {
  static override styles = LazyShell.shellStyles('egov-certificate-lookup-body', certificateLookupStyles);

  /** `mine`: the signed-in subject's certificates; `verify`: anyone checks a certificate. */
  @property({ reflect: true }) mode: 'mine' | 'verify' = 'mine';
  /** Where to fetch the trust list (`/trust/issuers`) from, when not from `api-base`. */
  @property({ attribute: 'trust-base' }) trustBase?: string;
  /** Level of the element's main heading (1–6) for the portal's outline; the headings below it follow. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  // The list, the certificate, the seal check and the verify form (certificate-lookup-body.ts)
  // load when the element is first connected.
  constructor() {
    super('egov-certificate-lookup-body', () => import('./certificate-lookup-body'));
  }

  protected override renderBody() {
    return html`<egov-certificate-lookup-body ${this.passConfig()} .mode=${this.mode} .trustBase=${this.trustBase} .headingLevel=${this.headingLevel}></egov-certificate-lookup-body>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-certificate-verified': CustomEvent<{ number: string; status: VerifyStatus }>;
  }
}
