import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { isAbortError } from '../../services/api-client';
import { listAccessLog, verifyAccessLog } from '../../services/catalog-data';
import type { AccessLogPage, AccessLogVerification } from '../../core/catalog-types';
import type { DataHost, HostElement } from './data-preview';
import '../../i18n/catalog-log';

/** What the log needs beyond the data views: field codes shown with their labels. */
export interface LogHost extends DataHost {
  /** Reads the labels of these entries' fields (once each). */
  loadFieldLabels: (itemIds: string[]) => Promise<void>;
  fieldName: (itemId: string, code: string) => string;
}

export const LOG_PAGE_SIZE = 20;

/** A hash as a person compares it: the first and last characters. */
const shortHash = (hash: string) => (hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-8)}` : hash);

/**
 * A reviewer's view of the access log (part `access-log`, SPEC §7, Art. 21 and 36): every
 * call made under a grant on the agency's entries, newest first, paged, and
 * the check of the SM3 hash chain (intact, or broken at record N).
 */
export class AccessLogController implements ReactiveController {
  readonly #host: HostElement;
  readonly #api: LogHost;
  page: AccessLogPage | undefined;
  status: 'idle' | 'loading' | 'error' = 'idle';
  error: unknown;
  verification: AccessLogVerification | undefined;
  verifyStatus: 'idle' | 'loading' | 'error' = 'idle';
  verifyError: unknown;
  #abort: AbortController | undefined;
  #verifyAbort: AbortController | undefined;
  #current = 1;
  /** The entry the log is narrowed to (`itemId`), and what is typed in the filter box. */
  itemId = '';
  #draft = '';

  constructor(host: HostElement, api: LogHost) {
    this.#host = host;
    this.#api = api;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#verifyAbort?.abort();
  }

  reset(): void {
    this.#abort?.abort();
    this.#verifyAbort?.abort();
    this.page = undefined;
    this.status = 'idle';
    this.verification = undefined;
    this.verifyStatus = 'idle';
    this.#current = 1;
    this.itemId = '';
    this.#draft = '';
  }

  /** Opens the view: the current page (or the first page of one entry's calls) and a fresh check of the chain. */
  open(itemId?: string): void {
    if (itemId !== undefined && itemId !== this.itemId) {
      this.itemId = itemId;
      this.#draft = itemId;
      this.#current = 1;
    }
    void this.load(this.#current);
    void this.verify();
  }

  #applyFilter(event: Event, value: string): void {
    event.preventDefault();
    this.itemId = value.trim();
    this.#draft = this.itemId;
    void this.load(1, true);
  }

  async load(page: number, announce = false): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#current = page;
    this.status = 'loading';
    this.#host.requestUpdate();
    try {
      this.page = await listAccessLog(this.#api.client(), { page, pageSize: LOG_PAGE_SIZE, ...(this.itemId ? { itemId: this.itemId } : {}) }, abort.signal);
      this.status = 'idle';
      const loaded = this.page;
      void this.#api.loadFieldLabels(loaded.items.filter((r) => r.fields.length).map((r) => r.itemId)).then(() => {
        if (this.page === loaded) this.#host.requestUpdate();
      });
      if (announce) this.#api.announce(this.#api.t('catalog.log.status', this.#range(this.page)));
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    }
    this.#host.requestUpdate();
  }

  async verify(announce = false): Promise<void> {
    this.#verifyAbort?.abort();
    const abort = (this.#verifyAbort = new AbortController());
    this.verifyStatus = 'loading';
    this.#host.requestUpdate();
    try {
      this.verification = await verifyAccessLog(this.#api.client(), abort.signal);
      this.verifyStatus = 'idle';
      if (announce) this.#api.announce(this.#chainTitle(this.verification));
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      this.verifyError = error;
      this.verifyStatus = 'error';
    }
    this.#host.requestUpdate();
  }

  #chainTitle(v: AccessLogVerification): string {
    return v.ok ? this.#api.t('catalog.log.chainOk') : `${this.#api.t('catalog.log.chainBroken')}: ${this.#api.t('catalog.log.chainBrokenDetail', { seq: v.brokenAt ?? '?' })}`;
  }

  #range(page: AccessLogPage): { from: string; to: string; total: string } {
    const size = page.pageSize > 0 ? page.pageSize : LOG_PAGE_SIZE;
    const from = page.items.length ? (page.page - 1) * size + 1 : 0;
    return { from: this.#api.number(from), to: this.#api.number(from + Math.max(0, page.items.length - 1)), total: this.#api.number(page.total) };
  }

  async #goTo(target: number, which: 'previous' | 'next'): Promise<void> {
    if (this.status === 'loading') return;
    await this.load(target, true);
    await this.#host.updateComplete;
    const root = this.#host.renderRoot;
    const own = root.querySelector<HTMLButtonElement>(`.log-pager .pager-${which}`);
    const other = root.querySelector<HTMLButtonElement>(`.log-pager .pager-${which === 'next' ? 'previous' : 'next'}`);
    (own && !own.disabled ? own : other && !other.disabled ? other : root.querySelector<HTMLElement>('#log-region'))?.focus();
  }

  #renderChain(): TemplateResult {
    const { t } = this.#api;
    const v = this.verification;
    const busy = this.verifyStatus === 'loading';
    return html`<div class="chain">
      ${this.verifyStatus === 'error'
        ? html`<egov-async-state state="error" .message=${this.#api.error(this.verifyError)} @egov-retry=${() => void this.verify(true)}></egov-async-state>`
        : v && !busy
          ? v.ok
            ? html`<div class="alert alert--success chain-status chain-status--ok" role="status">
                <p class="alert__title">${t('catalog.log.chainOk')}</p>
                <p>${t('catalog.log.chainOkDetail', { length: this.#api.number(v.length), head: shortHash(v.head) })}</p>
              </div>`
            : html`<div class="alert alert--error chain-status chain-status--broken" role="alert">
                <p class="alert__title">${t('catalog.log.chainBroken')}</p>
                <p>${t('catalog.log.chainBrokenDetail', { seq: v.brokenAt ?? '?' })}</p>
              </div>`
          : nothing}
      <button type="button" class="btn btn--secondary verify-chain" aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => !busy && void this.verify(true)}>${busy ? t('catalog.log.verifying') : t('catalog.log.verify')}</button>
    </div>`;
  }

  render(): TemplateResult {
    const { t } = this.#api;
    const level = this.#api.level();
    const page = this.page;
    const state = this.status === 'loading' && !page ? 'loading' : this.status === 'error' ? 'error' : page && !page.items.length ? 'empty' : 'idle';
    const pages = page ? Math.max(1, Math.ceil(page.total / (page.pageSize > 0 ? page.pageSize : LOG_PAGE_SIZE))) : 1;
    return html`<section part="access-log" class="access-log" aria-labelledby="log-heading">
      ${this.#api.heading(level, t('catalog.log.heading'), 'log-heading', true)}
      <p class="hint">${t('catalog.log.intro')}</p>
      ${this.#renderChain()}
      <form class="log-filter" role="search" aria-label=${t('catalog.log.filterItem')} @submit=${(e: Event) => this.#applyFilter(e, this.#draft)}>
        <div class="field">
          <label for="log-item">${t('catalog.log.filterItem')}</label>
          <span class="hint" id="log-item-hint">${t('catalog.log.filterHint')}</span>
          <div class="search__row">
            <input id="log-item" type="search" autocomplete="off" spellcheck="false" translate="no" maxlength="200" aria-describedby="log-item-hint"
              .value=${this.#draft} @input=${(e: Event) => (this.#draft = (e.target as HTMLInputElement).value)} />
            <button class="btn btn--secondary" type="submit">${t('catalog.log.filterApply')}</button>
          </div>
        </div>
        ${this.itemId
          ? html`<p class="log-filtered">${t('catalog.log.filtered', { item: this.itemId })}
              <button type="button" class="btn btn--link" @click=${(e: Event) => this.#applyFilter(e, '')}>${t('catalog.log.filterClear')}</button></p>`
          : nothing}
      </form>
      <egov-async-state state=${state} .message=${state === 'error' ? this.#api.error(this.error) : state === 'empty' ? t('catalog.log.empty') : ''}
        @egov-retry=${() => void this.load(this.#current)}>
        ${page && page.items.length
          ? html`<div class="table-scroll" id="log-region" role="region" tabindex="0" aria-labelledby="log-caption">
              <table class="table log-table">
                <caption id="log-caption">${t('catalog.log.caption', this.#range(page))}</caption>
                <thead><tr>
                  <th scope="col">${t('catalog.log.seq')}</th>
                  <th scope="col">${t('catalog.log.at')}</th>
                  <th scope="col">${t('catalog.log.subject')}</th>
                  <th scope="col">${t('catalog.log.item')}</th>
                  <th scope="col">${t('catalog.log.purpose')}</th>
                  <th scope="col">${t('catalog.log.route')}</th>
                  <th scope="col">${t('catalog.log.fields')}</th>
                  <th scope="col">${t('catalog.log.rows')}</th>
                  <th scope="col">${t('catalog.log.hash')}</th>
                </tr></thead>
                <tbody>${page.items.map((r) => html`<tr data-seq=${r.seq}>
                  <th scope="row">${r.seq}</th>
                  <td>${this.#api.date(r.at, 'datetime')}</td>
                  <td><span class="code" translate="no">${r.subjectId}</span>${r.agency ? html` <span class="hint">${r.agency}</span>` : nothing}</td>
                  <td><span class="code" translate="no">${r.itemId}</span></td>
                  <td>${r.purpose}</td>
                  <td><span class="code" translate="no">${r.route}</span></td>
                  <td class="log-fields">${r.fields.length ? this.#api.list(r.fields.map((code) => this.#api.fieldName(r.itemId, code))) : '—'}</td>
                  <td>${this.#api.number(r.rows)}</td>
                  <td><span class="code" translate="no" title=${r.hash}>${shortHash(r.hash)}</span></td>
                </tr>`)}</tbody>
              </table>
            </div>`
          : nothing}
      </egov-async-state>
      ${page && pages > 1
        ? html`<nav class="data-pager log-pager" aria-label=${t('catalog.log.pager')}>
            <button type="button" class="btn btn--secondary btn--small pager-previous" ?disabled=${page.page <= 1}
              @click=${() => void this.#goTo(page.page - 1, 'previous')}><span aria-hidden="true">‹</span> ${t('catalog.log.previous')}</button>
            <span class="data-pager__status">${t('catalog.log.status', this.#range(page))}</span>
            <button type="button" class="btn btn--secondary btn--small pager-next" ?disabled=${page.page >= pages}
              @click=${() => void this.#goTo(page.page + 1, 'next')}>${t('catalog.log.next')} <span aria-hidden="true">›</span></button>
          </nav>`
        : nothing}
    </section>`;
  }
}
