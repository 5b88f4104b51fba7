import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { isAbortError } from '../../services/api-client';
import type { AccessRequest, AccessRequestStatus, CatalogItem } from '../../core/catalog-types';
import type { CatalogSource } from '../../services/catalog-sources/source';
import type { Subject } from '../../services/session';
import { FieldLabels } from './field-labels';
import { LazyPart } from './lazy-part';

type T = (key: string, params?: Record<string, string | number>) => string;

export interface AccessHost {
  t: T;
  date: (value: string, style?: 'date' | 'datetime') => string;
  error: (error: unknown) => string;
  list: (items: string[]) => string;
  announce: (message: string) => void;
  heading: (level: number, text: unknown, id?: string, focusable?: boolean) => TemplateResult;
  /** A sentence with data in it, its Chinese values marked zh-CN in an English page. */
  sentence: (key: string, params: Record<string, string | number>) => string | TemplateResult;
  level: () => number;
  onRequested: (detail: { itemId: string; requestId: string; status: AccessRequestStatus }) => void;
  source: () => CatalogSource | undefined;
  openItem: (id: string) => void;
  /** The terms of the grant an approved request made (SPEC §7), shown in the list of my requests. */
  grantLine?: (request: AccessRequest) => string | undefined;
}

interface RequestForm {
  purpose: string;
  legalBasis: string;
  fields: Set<string>;
  desensitized: boolean;
  copy: boolean;
  errors: Partial<Record<'purpose' | 'legalBasis', string>>;
  submitting: boolean;
  error: unknown;
  result: AccessRequest | undefined;
}

const PURPOSE_MIN = 5;
const PURPOSE_MAX = 500;
const BASIS_MAX = 300;

/**
 * Access requests of the sharing catalog (Art. 22–23): the request form of the detail
 * view, the signed-in staff member's own requests, and a reviewer's queue.
 */
export class AccessController implements ReactiveController {
  readonly #host: ReactiveElement & { renderRoot: HTMLElement | DocumentFragment };
  readonly #api: AccessHost;
  viewer: Subject | undefined;
  requests: AccessRequest[] | undefined;
  requestsStatus: 'idle' | 'loading' | 'error' = 'idle';
  requestsError: unknown;
  #form: RequestForm | undefined;
  #formItem = '';
  /** A reviewer's queue with its decision forms, loaded when first shown. */
  readonly #review = new LazyPart({ requestUpdate: () => this.#host.requestUpdate() }, () => import('./review-queue').then(({ ReviewQueue }) => new ReviewQueue(this)));
  #abort: AbortController | undefined;

  constructor(host: ReactiveElement & { renderRoot: HTMLElement | DocumentFragment }, api: AccessHost) {
    this.#host = host;
    this.#api = api;
    host.addController(this);
  }

  /** The element and what it offers, for the parts loaded later (ReviewQueue). */
  get host(): ReactiveElement & { renderRoot: HTMLElement | DocumentFragment } {
    return this.#host;
  }

  get api(): AccessHost {
    return this.#api;
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  get isReviewer(): boolean {
    return this.viewer?.kind === 'reviewer';
  }

  reset(): void {
    this.#abort?.abort();
    this.viewer = undefined;
    this.requests = undefined;
    this.requestsStatus = 'idle';
    this.#form = undefined;
    this.#formItem = '';
  }

  async loadRequests(): Promise<void> {
    const source = this.#api.source();
    if (!source?.listAccessRequests) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.requestsStatus = 'loading';
    this.#host.requestUpdate();
    try {
      const list = await source.listAccessRequests({ role: this.isReviewer ? 'reviewer' : 'requester' }, abort.signal);
      this.requests = [...list].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
      void this.#loadFieldLabels(this.requests, abort.signal);
      this.requestsStatus = 'idle';
    } catch (error) {
      if (isAbortError(error)) return;
      this.requestsError = error;
      this.requestsStatus = 'error';
    }
    this.#host.requestUpdate();
  }

  /** The labels of the field codes the requests name, read from their entries (xm → 姓名). */
  readonly fieldLabels = new FieldLabels();

  /** Reads the labels of these entries' fields (once each), for the access log too. */
  async loadFieldLabels(itemIds: string[], signal?: AbortSignal): Promise<boolean> {
    const source = this.#api.source();
    return !!source && (await this.fieldLabels.load(source, itemIds, signal));
  }

  async #loadFieldLabels(requests: AccessRequest[], signal: AbortSignal): Promise<void> {
    const source = this.#api.source();
    if (source && (await this.fieldLabels.load(source, requests.filter((r) => r.fields?.length).map((r) => r.itemId), signal))) this.#host.requestUpdate();
  }

  /** A field code with its label, as the page language writes it: 姓名（xm） / 姓名 (xm). */
  fieldName(itemId: string, code: string): string {
    return this.fieldLabels.name(itemId, code, (label, c) => this.#api.t('catalog.review.fieldWithCode', { label, code: c }));
  }

  /** The fields a request names, with their labels. */
  fieldNames(r: AccessRequest): string {
    return this.#api.list(r.fields.map((code) => this.fieldName(r.itemId, code)));
  }

  #formFor(item: CatalogItem): RequestForm {
    if (this.#formItem !== item.id || !this.#form) {
      this.#formItem = item.id;
      // A non-shared entry is given only desensitised (Art. 22): that box starts ticked.
      this.#form = { purpose: '', legalBasis: '', fields: new Set(), desensitized: item.sharing === 'none', copy: false, errors: {}, submitting: false, error: undefined, result: undefined };
    }
    return this.#form;
  }

  #validate(form: RequestForm): boolean {
    const { t } = this.#api;
    const errors: RequestForm['errors'] = {};
    const purpose = form.purpose.trim();
    const basis = form.legalBasis.trim();
    const purposeLabel = t('catalog.request.purpose');
    const basisLabel = t('catalog.request.legalBasis');
    if (!purpose) errors.purpose = t('catalog.request.required', { label: purposeLabel });
    else if ([...purpose].length < PURPOSE_MIN) errors.purpose = t('catalog.request.tooShort', { label: purposeLabel, min: PURPOSE_MIN });
    else if ([...purpose].length > PURPOSE_MAX) errors.purpose = t('catalog.request.tooLong', { label: purposeLabel, max: PURPOSE_MAX });
    if (!basis) errors.legalBasis = t('catalog.request.required', { label: basisLabel });
    else if ([...basis].length > BASIS_MAX) errors.legalBasis = t('catalog.request.tooLong', { label: basisLabel, max: BASIS_MAX });
    form.errors = errors;
    return Object.keys(errors).length === 0;
  }

  async #submit(event: Event, item: CatalogItem, context: 'sharing' | 'open'): Promise<void> {
    event.preventDefault();
    const form = this.#formFor(item);
    // A second click while the first is on its way does nothing: one request, not two.
    if (form.submitting) return;
    form.error = undefined;
    if (!this.#validate(form)) {
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>('.request-errors')?.focus();
      return;
    }
    const source = this.#api.source();
    if (!source?.requestAccess) return;
    form.submitting = true;
    this.#host.requestUpdate();
    try {
      const result = await source.requestAccess(item.id, {
        purpose: form.purpose.trim(),
        legalBasis: form.legalBasis.trim(),
        ...(form.fields.size ? { fields: [...form.fields] } : {}),
        // Non-shared data goes out only desensitised (Art. 22); in the open catalog that is the only way it is asked for.
        ...(item.sharing === 'none' ? { desensitized: context === 'open' || form.desensitized } : {}),
        ...(form.copy ? { copy: true } : {}),
      });
      form.result = result;
      this.#api.announce(this.#statusText(result.status));
      this.#api.onRequested({ itemId: item.id, requestId: result.id, status: result.status });
      void this.loadRequests();
    } catch (error) {
      form.error = error;
    } finally {
      form.submitting = false;
      this.#host.requestUpdate();
    }
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>('.request-outcome')?.focus();
  }

  #statusText(status: AccessRequestStatus): string {
    return this.#api.t('catalog.request.' + status);
  }

  statusLabel(status: AccessRequestStatus): string {
    return this.#api.t('catalog.status.' + status);
  }

  /**
   * The request form inside the detail view (part `access-request-form`): in the sharing
   * catalog for staff, and in the open catalog for a conditionally open entry (SPEC §7).
   */
  renderForm(item: CatalogItem, context: 'sharing' | 'open' = 'sharing'): TemplateResult | typeof nothing {
    const source = this.#api.source();
    if (!source?.requestAccess) return nothing;
    const { t } = this.#api;
    const form = this.#formFor(item);
    const level = this.#api.level() + 1;
    const errorList = Object.entries(form.errors) as Array<[string, string]>;
    const previous = (this.requests ?? []).filter((r) => r.itemId === item.id && r.id !== form.result?.id);
    const notice = context === 'open' ? 'catalog.request.conditionalNotice' : item.sharing === 'none' ? 'catalog.request.noneNotice' : item.sharing === 'restricted' ? 'catalog.request.restrictedNotice' : 'catalog.request.unconditionalNotice';
    const update = (patch: Partial<RequestForm>) => {
      Object.assign(form, patch);
      this.#host.requestUpdate();
    };
    return html`<section class="request" aria-labelledby="request-heading">
      ${this.#api.heading(level, t('catalog.request.heading'), 'request-heading')}
      <p class="hint">${t(notice)}</p>
      ${previous.length
        ? html`<p>${t('catalog.request.existing')}
            ${previous.map((r) => html`<span class="badge badge--${r.status}">${this.statusLabel(r.status)} · ${this.#api.date(r.createdAt)}</span> `)}</p>`
        : nothing}
      ${form.result
        ? html`<div class="alert alert--${form.result.status === 'approved' ? 'success' : form.result.status === 'rejected' ? 'error' : 'info'} request-outcome" tabindex="-1" role="status">
            <p class="alert__title">${t('catalog.request.status', { status: this.statusLabel(form.result.status) })}</p>
            <p>${this.#statusText(form.result.status)}</p>
          </div>`
        : html`<form part="access-request-form" class="request-form" novalidate @submit=${(e: Event) => void this.#submit(e, item, context)}>
            ${errorList.length
              ? html`<div class="alert alert--error request-errors" tabindex="-1" role="alert">
                  <p class="alert__title">${t('catalog.request.errorSummary')}</p>
                  <ul>${errorList.map(([key, message]) => html`<li><a href="#req-${key}" @click=${(e: Event) => this.#focusField(e, key)}>${message}</a></li>`)}</ul>
                </div>`
              : nothing}
            ${form.error
              ? html`<div class="alert alert--error request-outcome" tabindex="-1" role="alert"><p class="alert__title">${t('error.title')}</p><p>${this.#api.error(form.error)}</p></div>`
              : nothing}
            <div class="field">
              <label for="req-purpose">${t('catalog.request.purpose')}</label>
              <span class="hint" id="req-purpose-hint">${t('catalog.request.purposeHint')}</span>
              ${form.errors.purpose ? html`<span class="error-text" id="req-purpose-error">${form.errors.purpose}</span>` : nothing}
              <textarea id="req-purpose" name="purpose" rows="3" maxlength=${PURPOSE_MAX} required
                aria-describedby=${form.errors.purpose ? 'req-purpose-hint req-purpose-error' : 'req-purpose-hint'}
                aria-invalid=${form.errors.purpose ? 'true' : 'false'}
                .value=${form.purpose}
                @input=${(e: Event) => update({ purpose: (e.target as HTMLTextAreaElement).value })}></textarea>
            </div>
            <div class="field">
              <label for="req-legalBasis">${t('catalog.request.legalBasis')}</label>
              <span class="hint" id="req-legalBasis-hint">${t('catalog.request.legalBasisHint')}</span>
              ${form.errors.legalBasis ? html`<span class="error-text" id="req-legalBasis-error">${form.errors.legalBasis}</span>` : nothing}
              <input id="req-legalBasis" name="legalBasis" type="text" maxlength=${BASIS_MAX} required autocomplete="off"
                aria-describedby=${form.errors.legalBasis ? 'req-legalBasis-hint req-legalBasis-error' : 'req-legalBasis-hint'}
                aria-invalid=${form.errors.legalBasis ? 'true' : 'false'}
                .value=${form.legalBasis}
                @input=${(e: Event) => update({ legalBasis: (e.target as HTMLInputElement).value })} />
            </div>
            ${item.fields?.length
              ? html`<fieldset class="field checks">
                  <legend>${t('catalog.request.fields')}</legend>
                  <span class="hint">${t('catalog.request.fieldsHint')}</span>
                  ${item.fields.map((f) => html`<label class="check">
                    <input type="checkbox" name="fields" .value=${f.name} .checked=${form.fields.has(f.name)}
                      @change=${(e: Event) => {
                        if ((e.target as HTMLInputElement).checked) form.fields.add(f.name);
                        else form.fields.delete(f.name);
                        this.#host.requestUpdate();
                      }} />
                    <span>${f.label} <span class="code" translate="no">${f.name}</span></span>
                  </label>`)}
                </fieldset>`
              : nothing}
            ${item.sharing === 'none' && context === 'sharing'
              ? html`<div class="field">
                  <label class="check">
                    <input id="req-desensitized" type="checkbox" name="desensitized" aria-describedby="req-desensitized-hint" .checked=${form.desensitized}
                      @change=${(e: Event) => update({ desensitized: (e.target as HTMLInputElement).checked })} />
                    <span>${t('catalog.request.desensitized')}</span>
                  </label>
                  <span class="hint" id="req-desensitized-hint">${t('catalog.request.desensitizedHint')}</span>
                </div>`
              : nothing}
            <div class="field">
              <label class="check">
                <input id="req-copy" type="checkbox" name="copy" aria-describedby="req-copy-hint" .checked=${form.copy}
                  @change=${(e: Event) => update({ copy: (e.target as HTMLInputElement).checked })} />
                <span>${t('catalog.request.copy')}</span>
              </label>
              <span class="hint" id="req-copy-hint">${t('catalog.request.copyHint')}</span>
            </div>
            <button class="btn" type="submit" aria-disabled=${form.submitting ? 'true' : 'false'}>
              ${form.submitting ? t('catalog.request.submitting') : t('catalog.request.submit')}
            </button>
          </form>`}
    </section>`;
  }

  #focusField(event: Event, key: string): void {
    event.preventDefault();
    const field = this.#host.renderRoot.querySelector<HTMLElement>('#req-' + key);
    field?.scrollIntoView({ block: 'center' });
    field?.focus();
  }

  /** The requests' loading, error or empty state, or undefined when there are some to show. */
  requestsState(emptyKey: string): TemplateResult | undefined {
    if (this.requestsStatus === 'loading' && !this.requests) return html`<egov-async-state state="loading"></egov-async-state>`;
    if (this.requestsStatus === 'error') {
      return html`<egov-async-state state="error" .message=${this.#api.error(this.requestsError)} @egov-retry=${() => void this.loadRequests()}></egov-async-state>`;
    }
    if (this.requests && !this.requests.length) return html`<egov-async-state state="empty" .message=${this.#api.t(emptyKey)}></egov-async-state>`;
    return undefined;
  }

  /** The signed-in staff member's own requests with their status. */
  renderMine(): TemplateResult {
    const { t } = this.#api;
    const level = this.#api.level();
    return html`<section class="requests" aria-labelledby="requests-heading">
      ${this.#api.heading(level, t('catalog.requests.heading'), 'requests-heading', true)}
      ${this.requestsState('catalog.requests.empty') ??
      html`<div class="table-wrap"><table class="table">
        <caption class="sr-only">${t('catalog.requests.caption')}</caption>
        <thead><tr>
          <th scope="col">${t('catalog.requests.item')}</th>
          <th scope="col">${t('catalog.requests.submitted')}</th>
          <th scope="col">${t('catalog.requests.statusCol')}</th>
          <th scope="col">${t('catalog.requests.reason')}</th>
          <th scope="col">${t('catalog.requests.grant')}</th>
        </tr></thead>
        <tbody>${(this.requests ?? []).map((r) => html`<tr>
          <th scope="row"><a href="#" class="item-ref" @click=${(e: Event) => { e.preventDefault(); this.#api.openItem(r.itemId); }}>${r.itemName}</a>
            ${r.desensitized ? html` <span class="hint">${t('catalog.requests.desensitizedTag')}</span>` : nothing}</th>
          <td>${this.#api.date(r.createdAt, 'datetime')}</td>
          <td><span class="badge badge--${r.status}">${this.statusLabel(r.status)}</span></td>
          <td>${r.decision?.reason || '—'}</td>
          <td class="grant-line">${(r.status === 'approved' && this.#api.grantLine?.(r)) || '—'}</td>
        </tr>`)}</tbody>
      </table></div>`}
    </section>`;
  }

  /** A reviewer's queue: requests for their agency's entries waiting for a decision, then those decided (loaded when first shown). */
  renderReview(): TemplateResult {
    const { t } = this.#api;
    const level = this.#api.level();
    return html`<section class="review" aria-labelledby="review-heading">
      ${this.#api.heading(level, t('catalog.review.heading'), 'review-heading', true)}
      ${this.#review.render((queue) => queue.render(level), this.#api.error)}
    </section>`;
  }

  /** Waits while the review queue's code loads; true if it was loading. */
  settled(): Promise<boolean> {
    return this.#review.settled();
  }
}
