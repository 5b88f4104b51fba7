import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { LazyShell } from '../base/lazy-shell';
import { caseStyles } from '../shared/case.styles';
import type { ReviewDecision } from '../../services/catalog-entries';
import { editorStyles } from './catalog-editor.styles';
import type { CatalogEditorBody } from './catalog-editor-body';

type Role = 'steward' | 'review';

/**
 * Cataloguing (SPEC §8, Art. 16, 22, 24–26). For a data steward: their agency's entries by
 * status, the entry form (the attributes with the Art. 22 rules explained beside them, the
 * field table, editable by keyboard), the CSV import of the entry's data with its per-line
 * problems, submission, withdrawal, the history and the difference between the published
 * version and the new one. For the data office: the queue of submitted entries, an entry
 * with that difference, the Art. 26 checklist and the decision.
 *
 * Which view shows follows the signed-in subject: a `steward` gets the steward's view, a
 * `data-office` subject the review view. `mode` forces one (`steward` or `review`); the
 * server still decides what each may do.
 *
 * @fires egov-entry-submit - `{ id }` once an entry is submitted for review.
 * @fires egov-entry-reviewed - `{ id, decision }` once the data office has published or returned an entry.
 * @csspart entry-list - The list of entries (the steward's, or the office's review queue).
 * @csspart entry-form - The form of an entry's attributes.
 * @csspart field-table - The table of the entry's fields.
 * @csspart data-import - The CSV import of the entry's data.
 * @csspart review-form - The data office's checklist and decision.
 * @csspart history - The entry's history, oldest first.
 * @cssprop --egov-catalog-editor-max-width - Widest the editor gets (64rem).
 * @cssprop --egov-case-ok-color - Published entries, a successful import.
 * @cssprop --egov-case-bad-color - Returned entries, refused lines.
 */
export class EgovCatalogEditor extends LazyShell<CatalogEditorBody> {
  static override styles = LazyShell.shellStyles('egov-catalog-editor-body', caseStyles, editorStyles);

  /** `steward` or `review`; empty: chosen by the signed-in subject's kind. */
  @property() mode: '' | Role = '';
  /** Entries per page of the list. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** The id of an entry to open at once (a deep link). */
  @property({ attribute: 'entry' }) entryId = '';
  /** Level of the element's main heading (2 by default); sub-headings one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  // The list, the entry form, the field table, the import and the review (catalog-editor-body.ts)
  // load when the element is first connected; never prefetched, so a citizen's page does not fetch them.
  constructor() {
    super('egov-catalog-editor-body', () => import('./catalog-editor-body'));
  }

  /** Starts a new draft (nothing is sent until it is saved). */
  newEntry(): void {
    const body = this.body.element;
    if (body) body.newEntry();
    else void this.body.whenReady().then((ready) => ready.newEntry(), () => undefined);
  }

  /** Opens an entry: its attributes, fields, history and versions. */
  async openEntry(id: string): Promise<void> {
    await (await this.body.whenReady()).openEntry(id);
  }

  protected override renderBody() {
    return html`<egov-catalog-editor-body ${this.passConfig()} .mode=${this.mode} .pageSize=${this.pageSize} .entryId=${this.entryId} .headingLevel=${this.headingLevel}></egov-catalog-editor-body>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-entry-submit': CustomEvent<{ id: string }>;
    'egov-entry-reviewed': CustomEvent<{ id: string; decision: ReviewDecision }>;
  }
}
