import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../../services/api-client';
import { reviewEntry, type CatalogueEntryDetail, type ReviewChecks, type ReviewDecision } from '../../services/catalog-entries';
import { hostState } from '../../controllers/host-state';
import { renderErrorSummary, type SummaryError } from '../shared/error-summary';
import { controlPath } from './entry-rules';
import type { EditorContext } from './editor-context';
import { ReviewRowsController } from './entry-review-rows';

const CHECKS: Array<keyof ReviewChecks> = ['legality', 'privacy', 'security'];

interface ReviewState {
  checks: ReviewChecks;
  decision: ReviewDecision | '';
  reviewReason: string;
  reviewErrors: Map<string, string>;
  reviewSummary: SummaryError[];
}

/** The data office's review of a submitted entry (Art. 26): the checklist, the decision and its reason. */
export class ReviewController implements ReactiveController {
  readonly #ctx: EditorContext;
  readonly #s: ReviewState;
  readonly #rows: ReviewRowsController;

  constructor(ctx: EditorContext) {
    this.#ctx = ctx;
    this.#rows = new ReviewRowsController(ctx);
    this.#s = hostState<ReviewState>(ctx.host, {
      checks: { legality: false, privacy: false, security: false }, decision: '', reviewReason: '', reviewErrors: new Map(), reviewSummary: [],
    });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  reset(): void {
    this.#rows.reset();
    this.#s.checks = { legality: false, privacy: false, security: false };
    this.#s.decision = '';
    this.#s.reviewReason = '';
    this.#s.reviewErrors = new Map();
    this.#s.reviewSummary = [];
  }

  async #onReview(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#ctx.current;
    const { t } = this.#ctx.i18n;
    if (!entry || this.#ctx.busy) return;
    const errors: Array<{ id: string; message: string }> = [];
    if (!this.#s.decision) errors.push({ id: 'review-decision-publish', message: t('editor.review.decisionRequired') });
    if (this.#s.decision === 'publish') {
      for (const c of CHECKS) if (!this.#s.checks[c]) errors.push({ id: 'check-' + c, message: t('editor.review.checkRequired', { check: t('editor.check.' + c) }) });
    }
    if (this.#s.decision === 'return' && !this.#s.reviewReason.trim()) errors.push({ id: 'review-reason', message: t('editor.review.reasonRequired') });
    this.#showReviewErrors(errors);
    if (errors.length) return;
    const decision = this.#s.decision as ReviewDecision;
    this.#ctx.busy = 'review';
    this.#ctx.actionError = undefined;
    try {
      const input: { decision: ReviewDecision; reason?: string; checks: ReviewChecks } = { decision, checks: this.#s.checks };
      if (this.#s.reviewReason.trim()) input.reason = this.#s.reviewReason.trim();
      const updated = await reviewEntry(this.#ctx.client, entry.id, input);
      this.#s.decision = '';
      this.#s.reviewReason = '';
      const id = entry.id;
      this.#ctx.acted({ ...entry, ...updated }, t(decision === 'publish' ? 'editor.review.published' : 'editor.review.returned'),
        () => this.#ctx.emit('egov-entry-reviewed', { id, decision }));
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      if (api && api.fields.length) {
        this.#showReviewErrors(api.fields.map((f) => {
          const path = controlPath(f.path);
          const check = /^checks\/(\w+)$/.exec(path);
          return { id: check ? 'check-' + check[1] : path === 'reason' ? 'review-reason' : 'review-decision-publish', message: f.message };
        }));
      } else {
        this.#ctx.failed(error);
      }
    } finally {
      this.#ctx.busy = '';
    }
  }

  #showReviewErrors(errors: Array<{ id: string; message: string }>): void {
    this.#s.reviewErrors = new Map(errors.map((e) => [e.id, e.message]));
    this.#s.reviewSummary = errors.map((e) => ({ fieldId: 'wrap-' + e.id, controlId: e.id, message: e.message }));
    if (errors.length) this.#ctx.focus('#review [part=error-summary]');
  }

  render(entry: CatalogueEntryDetail) {
    const { t } = this.#ctx.i18n;
    if (entry.status !== 'submitted') {
      return html`<section class="panel" aria-labelledby="review-heading"><h3 id="review-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(1))}>${t('editor.review.title')}</h3>
        <p>${t('editor.review.notWaiting', { status: t('editor.status.' + entry.status) })}</p></section>`;
    }
    const err = (id: string) => this.#s.reviewErrors.get(id) ?? '';
    const setCheck = (c: keyof ReviewChecks, on: boolean) => {
      this.#s.checks = { ...this.#s.checks, [c]: on };
      if (this.#s.reviewErrors.has('check-' + c)) { const next = new Map(this.#s.reviewErrors); next.delete('check-' + c); this.#s.reviewErrors = next; }
    };
    return html`<section class="panel" id="review" aria-labelledby="review-heading">
      <h3 id="review-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(1))}>${t('editor.review.title')}</h3>
      ${this.#rows.render(entry)}
      ${renderErrorSummary(this.#s.reviewSummary, t('editor.review.errorSummary'), () => this.#ctx.host.getRootNode() as ShadowRoot, this.#ctx.headings.level(2))}
      <form part="review-form" novalidate aria-labelledby="review-heading" @submit=${(e: Event) => void this.#onReview(e)}>
        <fieldset class="checklist">
          <legend>${t('editor.review.checklist')}</legend>
          <p class="hint">${t('editor.review.checklistHint')}</p>
          ${CHECKS.map((c) => html`<div id="wrap-check-${c}"><egov-checkbox id="check-${c}" data-check=${c} label=${t('editor.check.' + c)} hint=${t('editor.check.' + c + '.hint')}
            .checked=${this.#s.checks[c]} error=${err('check-' + c)} @change=${(e: Event) => setCheck(c, (e.target as HTMLInputElement).checked)}></egov-checkbox></div>`)}
        </fieldset>
        <fieldset id="wrap-review-decision-publish" class=${err('review-decision-publish') ? 'field--error' : ''} aria-describedby=${err('review-decision-publish') ? 'decision-error' : nothing}>
          <legend>${t('editor.review.decision')}</legend>
          ${err('review-decision-publish') ? html`<span class="error-text" id="decision-error">${err('review-decision-publish')}</span>` : nothing}
          ${(['publish', 'return'] as const).map((d) => html`<div class="choice">
            <input type="radio" name="decision" id="review-decision-${d}" value=${d} .checked=${this.#s.decision === d}
              @change=${() => { this.#s.decision = d; this.#s.reviewErrors = new Map(); this.#s.reviewSummary = []; }} />
            <label for="review-decision-${d}">${t('editor.review.' + d)}</label>
          </div>`)}
        </fieldset>
        <div class="field ${err('review-reason') ? 'field--error' : ''}" id="wrap-review-reason">
          <label for="review-reason">${t(this.#s.decision === 'return' ? 'editor.review.reason' : 'editor.review.reasonOptional')}</label>
          ${err('review-reason') ? html`<span class="error-text" id="review-reason-error">${err('review-reason')}</span>` : nothing}
          <textarea id="review-reason" rows="3" .value=${this.#s.reviewReason} aria-invalid=${err('review-reason') ? 'true' : 'false'}
            aria-describedby=${err('review-reason') ? 'review-reason-error' : nothing}
            @input=${(e: Event) => { this.#s.reviewReason = (e.target as HTMLTextAreaElement).value; }}></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="btn" id="review-submit" aria-disabled=${this.#ctx.busy ? 'true' : 'false'}>${this.#ctx.busy === 'review' ? t('editor.review.sending') : t('editor.review.submit')}</button>
        </div>
      </form>
    </section>`;
  }
}
