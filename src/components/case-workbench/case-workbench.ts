import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { LazyShell } from '../base/lazy-shell';
import type { ApplicationStatus, DecisionAction } from '../../services/cases';
import { caseStyles } from '../shared/case.styles';
import type { CaseWorkbenchBody } from './case-workbench-body';

/**
 * The officer's workbench (Art. 30–31, 33): the queue of the agency's cases, oldest due
 * first, with filters and overdue marks; a case with the answers under their questions,
 * each certificate's seal and the applicant's signature checked in this browser against the
 * exact payload (a changed answer shows as not matching the signature), the uploads to open
 * and the history; and the decision form, with itemised correction requests.
 *
 * @fires egov-case-decided - `{ applicationId, action, status }` once a decision is recorded.
 * @csspart queue - The queue of cases (filters, table, paging).
 * @csspart case - The case opened from the queue.
 * @csspart answers - The applicant's answers under their questions' labels.
 * @csspart material - One supporting document, with its seal check or its download.
 * @csspart signature-check - The browser's check of the applicant's signature.
 * @csspart history - The case's history, oldest first.
 * @csspart decision-form - The form of the officer's decision.
 * @cssprop --egov-case-max-width - Widest the workbench gets (64rem).
 * @cssprop --egov-case-ok-color - Passed checks, approvals.
 * @cssprop --egov-case-bad-color - Failed checks, refusals.
 * @cssprop --egov-case-overdue-color - Overdue due dates.
 */
export class EgovCaseWorkbench extends LazyShell<CaseWorkbenchBody> {
  static override styles = LazyShell.shellStyles('egov-case-workbench-body', caseStyles);

  /** Cases per page of the queue. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** The id of a case to open at once (a deep link); the queue is one click away. */
  @property({ attribute: 'case' }) caseId = '';

  // The queue, the case and the decision form (case-workbench-body.ts) load when the element
  // is first connected; never prefetched, so a citizen's page does not fetch them.
  constructor() {
    super('egov-case-workbench-body', () => import('./case-workbench-body'));
  }

  /** Opens a case: loads it, then checks the signature and every seal in this browser. */
  async openCase(id: string): Promise<void> {
    await (await this.body.whenReady()).openCase(id);
  }

  protected override renderBody() {
    return html`<egov-case-workbench-body ${this.passConfig()} .pageSize=${this.pageSize} .caseId=${this.caseId}></egov-case-workbench-body>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-case-decided': CustomEvent<{ applicationId: string; action: DecisionAction; status: ApplicationStatus }>;
  }
}
