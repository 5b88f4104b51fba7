import { html, nothing, type TemplateResult } from 'lit';
import { ApiError } from '../../services/api-client';
import type { AccessRequest } from '../../core/catalog-types';
import type { AccessController } from './access-controller';
import '../../i18n/catalog-review';

const REASON_MAX = 500;

/**
 * A reviewer's queue of access requests (Art. 22–23): each request's facts and the decision
 * form (reason, a copy allowed, valid until), loaded by AccessController when a reviewer
 * first opens it.
 */
export class ReviewQueue {
  readonly #access: AccessController;
  #reasons = new Map<string, string>();
  #allowCopy = new Set<string>();
  #validUntil = new Map<string, string>();
  #reasonErrors = new Map<string, string>();
  #decideErrors = new Map<string, unknown>();
  #deciding = new Set<string>();

  constructor(access: AccessController) {
    this.#access = access;
  }

  async #decide(request: AccessRequest, decision: 'approve' | 'reject'): Promise<void> {
    if (this.#deciding.has(request.id)) return;
    const reason = (this.#reasons.get(request.id) ?? '').trim();
    this.#decideErrors.delete(request.id);
    if (decision === 'reject' && !reason) {
      this.#reasonErrors.set(request.id, this.#access.api.t('catalog.review.reasonRequired'));
      this.#access.host.requestUpdate();
      await this.#access.host.updateComplete;
      this.#access.host.renderRoot.querySelector<HTMLElement>(`#reason-${cssId(request.id)}`)?.focus();
      return;
    }
    this.#reasonErrors.delete(request.id);
    const until = decision === 'approve' ? (this.#validUntil.get(request.id) ?? '') : '';
    if (until && !withinYear(until)) {
      this.#reasonErrors.set(request.id + '#until', this.#access.api.t('catalog.review.validUntilInvalid', { max: this.#access.api.date(dateInput(yearAhead())) }));
      this.#access.host.requestUpdate();
      await this.#access.host.updateComplete;
      this.#access.host.renderRoot.querySelector<HTMLElement>(`#until-${cssId(request.id)}`)?.focus();
      return;
    }
    this.#reasonErrors.delete(request.id + '#until');
    const source = this.#access.api.source();
    if (!source?.decide) return;
    this.#deciding.add(request.id);
    this.#access.host.requestUpdate();
    try {
      const updated = await source.decide(request.id, {
        decision,
        reason,
        // Art. 23: a copy of the whole data set only when asked for and explicitly allowed.
        ...(decision === 'approve' && request.copy ? { allowCopy: this.#allowCopy.has(request.id) } : {}),
        ...(until ? { validUntil: endOfDay(until) } : {}),
      });
      const merged: AccessRequest = { ...request, ...updated };
      this.#access.requests = (this.#access.requests ?? []).map((r) => (r.id === request.id ? merged : r));
      this.#access.api.announce(this.#access.api.t(decision === 'approve' ? 'catalog.review.approved' : 'catalog.review.rejected', { item: request.itemName }));
    } catch (error) {
      this.#decideErrors.set(request.id, error);
      if (error instanceof ApiError && error.status === 409) void this.#access.loadRequests();
    } finally {
      this.#deciding.delete(request.id);
      this.#access.host.requestUpdate();
    }
    await this.#access.host.updateComplete;
    this.#access.host.renderRoot.querySelector<HTMLElement>(`#decision-${cssId(request.id)}`)?.focus();
  }

  /** The queue inside its section: requests waiting for a decision, then those decided. */
  render(level: number): TemplateResult {
    const { t } = this.#access.api;
    const all = this.#access.requests ?? [];
    const pending = all.filter((r) => r.status === 'pending');
    const decided = all.filter((r) => r.status !== 'pending');
    return this.#access.requestsState('catalog.review.empty') ??
      html`${pending.length
          ? html`<ul class="review-list review-list--pending">${pending.map((r) => this.#reviewCard(r, level + 1))}</ul>`
          : html`<p class="review-none">${t('catalog.review.nonePending')}</p>`}
        ${decided.length
          ? html`<section class="review-decided" aria-labelledby="decided-heading">
              ${this.#access.api.heading(level + 1, t('catalog.review.decidedHeading'), 'decided-heading')}
              <ul class="review-list review-list--decided">${decided.map((r) => this.#reviewCard(r, level + 2))}</ul>
            </section>`
          : nothing}`;
  }

  #reviewCard(r: AccessRequest, level: number): TemplateResult {
    const { t } = this.#access.api;
    const id = cssId(r.id);
    const reasonError = this.#reasonErrors.get(r.id);
    const untilError = this.#reasonErrors.get(r.id + '#until');
    const decideError = this.#decideErrors.get(r.id);
    const busy = this.#deciding.has(r.id);
    return html`<li class="card" aria-labelledby="rq-${id}">
      ${this.#access.api.heading(level, this.#access.api.sentence('catalog.review.request', { item: r.itemName }), 'rq-' + id)}
      <dl class="facts">
        ${r.requesterName && r.requesterName !== r.requesterAgency?.name
          ? html`<div><dt>${t('catalog.review.requesterName')}</dt><dd class="requester-name">${r.requesterName}</dd></div>`
          : nothing}
        <div><dt>${t(r.requesterAgency?.code ? 'catalog.review.requester' : 'catalog.review.requesterPerson')}</dt><dd class="requester-agency">${r.requesterAgency?.name ?? ''}</dd></div>
        <div><dt>${t('catalog.requests.submitted')}</dt><dd>${this.#access.api.date(r.createdAt, 'datetime')}</dd></div>
        <div><dt>${t('catalog.review.purpose')}</dt><dd>${r.purpose}</dd></div>
        <div><dt>${t('catalog.review.legalBasis')}</dt><dd>${r.legalBasis}</dd></div>
        <div><dt>${t('catalog.review.fields')}</dt><dd class="requested-fields">${r.fields?.length ? this.#access.fieldNames(r) : t('catalog.review.allFields')}${r.desensitized ? html` · ${t('catalog.review.desensitized')}` : nothing}</dd></div>
        ${r.copy ? html`<div><dt>${t('catalog.review.copy')}</dt><dd class="copy-requested">${t('catalog.review.copyRequested')}</dd></div>` : nothing}
        <div><dt>${t('catalog.requests.statusCol')}</dt><dd><span class="badge badge--${r.status}">${this.#access.statusLabel(r.status)}</span></dd></div>
      </dl>
      ${r.status === 'pending'
        ? html`<div class="decision" id="decision-${id}" tabindex="-1">
            ${decideError ? html`<div class="alert alert--error" role="alert"><p>${this.#access.api.error(decideError)}</p></div>` : nothing}
            <div class="field">
              <label for="reason-${id}">${t('catalog.review.reason')}</label>
              <span class="hint" id="reason-hint-${id}">${t('catalog.review.reasonHint')}</span>
              ${reasonError ? html`<span class="error-text" id="reason-error-${id}">${reasonError}</span>` : nothing}
              <textarea id="reason-${id}" rows="2" maxlength=${REASON_MAX}
                aria-describedby=${reasonError ? `reason-hint-${id} reason-error-${id}` : `reason-hint-${id}`}
                aria-invalid=${reasonError ? 'true' : 'false'}
                .value=${this.#reasons.get(r.id) ?? ''}
                @input=${(e: Event) => this.#reasons.set(r.id, (e.target as HTMLTextAreaElement).value)}></textarea>
            </div>
            ${r.copy
              ? html`<div class="field">
                  <label class="check">
                    <input id="allow-copy-${id}" type="checkbox" aria-describedby="allow-copy-hint-${id}" .checked=${this.#allowCopy.has(r.id)}
                      @change=${(e: Event) => {
                        if ((e.target as HTMLInputElement).checked) this.#allowCopy.add(r.id);
                        else this.#allowCopy.delete(r.id);
                      }} />
                    <span>${t('catalog.review.allowCopy')}</span>
                  </label>
                  <span class="hint" id="allow-copy-hint-${id}">${t('catalog.review.allowCopyHint')}</span>
                </div>`
              : nothing}
            <div class="field">
              <label for="until-${id}">${t('catalog.review.validUntil')}</label>
              <span class="hint" id="until-hint-${id}">${t('catalog.review.validUntilHint')}</span>
              ${untilError ? html`<span class="error-text" id="until-error-${id}">${untilError}</span>` : nothing}
              <input id="until-${id}" type="date" class="valid-until" min=${dateInput(Date.now() + 86_400_000)} max=${dateInput(yearAhead())}
                aria-describedby=${untilError ? `until-hint-${id} until-error-${id}` : `until-hint-${id}`}
                aria-invalid=${untilError ? 'true' : 'false'}
                .value=${this.#validUntil.get(r.id) ?? ''}
                @input=${(e: Event) => this.#validUntil.set(r.id, (e.target as HTMLInputElement).value)} />
            </div>
            <div class="actions">
              <button class="btn" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#decide(r, 'approve')}>${t('catalog.review.approve')}</button>
              <button class="btn btn--secondary" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => void this.#decide(r, 'reject')}>${t('catalog.review.reject')}</button>
            </div>
          </div>`
        : html`<div class="decision" id="decision-${id}" tabindex="-1">
            <p>${t('catalog.review.decided')}${r.decision ? html` · ${t('catalog.review.decidedBy', { date: this.#access.api.date(r.decision.decidedAt, 'datetime') })}` : nothing}</p>
            ${r.decision?.reason ? html`<p>${t('catalog.review.reasonLine', { reason: r.decision.reason })}</p>` : nothing}
          </div>`}
    </li>`;
  }
}

/** `YYYY-MM-DD` of a moment in China Standard Time, as a date input holds it. */
function dateInput(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
}

function yearAhead(): number {
  return Date.now() + 365 * 86_400_000;
}

/** A grant ends at most one year after approval and after today (SPEC §7). */
function withinYear(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && value > dateInput(Date.now()) && value <= dateInput(yearAhead());
}

/** The end of that day in China Standard Time, as ISO 8601. */
function endOfDay(value: string): string {
  return new Date(`${value}T23:59:59+08:00`).toISOString();
}

/** An id usable inside a shadow root's id attributes and selectors. */
function cssId(value: string): string {
  return value.replace(/[^\w-]/g, '_');
}
