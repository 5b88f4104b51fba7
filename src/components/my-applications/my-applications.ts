import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { LazyShell } from '../base/lazy-shell';
import { caseStyles } from '../shared/case.styles';
import type { MyApplicationsBody } from './my-applications-body';

/**
 * 办件进度: the signed-in applicant's applications and how each is going — status, the
 * timeline of every event (who, when, why), the due date, the officer's correction request
 * with the way to make it (`<egov-application-form application="…">` in correction mode),
 * withdrawal with a confirmation, the decision and its reasons, the certificate issued, and
 * the archival record sealed by the agency (Art. 30–31, 33).
 *
 * @fires egov-application-select - `{ id }` when an application is opened.
 * @fires egov-correction-start - `{ applicationId }`, cancelable: the applicant starts a correction. A portal
 *   that shows the form elsewhere cancels it; otherwise the form opens here.
 * @csspart application - One application in the list, and the application opened.
 * @csspart timeline - The timeline of the application's events.
 * @csspart correction - The officer's correction request and the button that starts it.
 * @csspart decision - The decision with its reasons.
 * @cssprop --egov-case-max-width - Widest the view gets (64rem).
 */
export class EgovMyApplications extends LazyShell<MyApplicationsBody> {
  static override styles = LazyShell.shellStyles('egov-my-applications-body', caseStyles);

  /** The id of an application to open at once. */
  @property({ attribute: 'application' }) applicationId = '';
  /** Where "My certificates" is, for the link from an issued certificate. */
  @property({ attribute: 'certificates-url' }) certificatesUrl = '';
  /** Who signs a correction: `local` (a browser-held key) or `remote`. */
  @property() signer: 'local' | 'remote' = 'local';

  // The list, the application and its actions (my-applications-body.ts) load when the element
  // is first connected; never prefetched.
  constructor() {
    super('egov-my-applications-body', () => import('./my-applications-body'));
  }

  /** Opens one application with its timeline, decision, certificate and record. */
  async open(id: string, options: { focus?: boolean } = {}): Promise<void> {
    await (await this.body.whenReady()).open(id, options);
  }

  protected override renderBody() {
    return html`<egov-my-applications-body ${this.passConfig()} .applicationId=${this.applicationId} .certificatesUrl=${this.certificatesUrl} .signer=${this.signer}></egov-my-applications-body>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-application-select': CustomEvent<{ id: string }>;
    'egov-correction-start': CustomEvent<{ applicationId: string }>;
  }
}
