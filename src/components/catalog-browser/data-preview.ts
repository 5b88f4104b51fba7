import { html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import { isAbortError, type ApiClient } from '../../services/api-client';
import { fetchRows, type RowsQuery } from '../../services/catalog-data';
import type { CatalogField, CatalogItem, DataPage } from '../../core/catalog-types';

type T = (key: string, params?: Record<string, string | number>) => string;

/** What the data parts need from `<egov-catalog-browser>`: words, numbers, headings, the API. */
export interface DataHost {
  t: T;
  number: (value: number) => string;
  date: (value: string, style?: 'date' | 'datetime') => string;
  error: (error: unknown) => string;
  list: (items: string[]) => string;
  announce: (message: string) => void;
  heading: (level: number, text: unknown, id?: string, focusable?: boolean) => TemplateResult;
  /** A sentence with data in it, its Chinese values marked zh-CN in an English page. */
  sentence: (key: string, params: Record<string, string | number>) => string | TemplateResult;
  level: () => number;
  client: () => ApiClient;
}

export type HostElement = ReactiveElement & { renderRoot: HTMLElement | DocumentFragment };

/** Rows per page of the preview: enough to see the data's shape, little enough for a phone. */
export const PREVIEW_PAGE_SIZE = 10;

/** The columns of an answer, with their labels and whether the grant masks them (Art. 22). */
export function columnsOf(page: DataPage, item: CatalogItem): Array<{ name: string; label: string; masked: boolean }> {
  const byName = new Map<string, CatalogField>((item.fields ?? []).map((f) => [f.name, f]));
  return page.fields.map((name) => {
    const field = byName.get(name);
    return { name, label: field?.label || name, masked: page.desensitized && !!field?.sensitivity && field.sensitivity !== 'none' };
  });
}

/**
 * The data preview of an entry's detail (part `data-preview`, SPEC §7): one page of rows as
 * a table with caption and column headers, in its own scrolling region (phones), paged by
 * buttons whose result is announced. A request-response call ("try it") shows its answer here.
 */
export class DataPreviewController implements ReactiveController {
  readonly #host: HostElement;
  readonly #api: DataHost;
  itemId: string | undefined;
  query: RowsQuery = { page: 1, pageSize: PREVIEW_PAGE_SIZE };
  status: 'idle' | 'loading' | 'error' = 'idle';
  page: DataPage | undefined;
  error: unknown;
  #abort: AbortController | undefined;

  constructor(host: HostElement, api: DataHost) {
    this.#host = host;
    this.#api = api;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  reset(): void {
    this.#abort?.abort();
    this.itemId = undefined;
    this.query = { page: 1, pageSize: PREVIEW_PAGE_SIZE };
    this.status = 'idle';
    this.page = undefined;
    this.error = undefined;
  }

  get filtered(): boolean {
    return Object.values(this.query.filter ?? {}).some((v) => v !== '');
  }

  /** Loads a page of an entry's rows; the answer (or the failure) replaces what is shown. */
  async load(itemId: string, query: RowsQuery = {}, announce?: (page: DataPage) => string): Promise<DataPage | undefined> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (this.itemId !== itemId) this.page = undefined;
    this.itemId = itemId;
    this.query = { page: 1, pageSize: PREVIEW_PAGE_SIZE, ...query };
    this.status = 'loading';
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const page = await fetchRows(this.#api.client(), itemId, this.query, abort.signal);
      if (abort.signal.aborted) return undefined;
      this.page = page;
      this.status = 'idle';
      if (announce) this.#api.announce(announce(page));
      return page;
    } catch (error) {
      if (abort.signal.aborted || isAbortError(error)) return undefined;
      this.error = error;
      this.status = 'error';
      return undefined;
    } finally {
      if (this.#abort === abort) this.#host.requestUpdate();
    }
  }

  #range(page: DataPage): { from: string; to: string; total: string } {
    const size = page.pageSize > 0 ? page.pageSize : PREVIEW_PAGE_SIZE;
    const from = page.rows.length ? (page.page - 1) * size + 1 : 0;
    return { from: this.#api.number(from), to: this.#api.number(from + Math.max(0, page.rows.length - 1)), total: this.#api.number(page.total) };
  }

  #pages(page: DataPage): number {
    const size = page.pageSize > 0 ? page.pageSize : PREVIEW_PAGE_SIZE;
    return Math.max(1, Math.ceil(page.total / size));
  }

  async #goTo(target: number, which: 'previous' | 'next'): Promise<void> {
    if (!this.itemId || this.status === 'loading') return;
    await this.load(this.itemId, { ...this.query, page: target }, (page) => this.#api.t('catalog.preview.status', this.#range(page)));
    await this.#host.updateComplete;
    // Focus stays on the button pressed; at either end (now disabled) it moves to the other one.
    const root = this.#host.renderRoot;
    const own = root.querySelector<HTMLButtonElement>(`.data-pager .pager-${which}`);
    const other = root.querySelector<HTMLButtonElement>(`.data-pager .pager-${which === 'next' ? 'previous' : 'next'}`);
    (own && !own.disabled ? own : other && !other.disabled ? other : root.querySelector<HTMLElement>('#preview-region'))?.focus();
  }

  /** `pageable` false: one page only (a grant without copy answers only its first page unfiltered, Art. 23). */
  render(item: CatalogItem, level: number, onShowAll?: () => void, pageable = true): TemplateResult {
    const { t } = this.#api;
    const page = this.itemId === item.id ? this.page : undefined;
    const state = this.status === 'loading' ? 'loading' : this.status === 'error' ? 'error' : 'idle';
    const columns = page ? columnsOf(page, item) : [];
    const filter = Object.entries(this.query.filter ?? {}).filter(([, v]) => v !== '');
    const labelOf = (name: string) => item.fields?.find((f) => f.name === name)?.label ?? name;
    return html`<section part="data-preview" class="data-preview" aria-labelledby="preview-heading">
      ${this.#api.heading(level, t('catalog.preview.heading'), 'preview-heading')}
      ${page?.desensitized ? html`<p class="hint masked-notice">${t('catalog.preview.maskedNotice')}</p>` : nothing}
      ${filter.length
        ? html`<p class="preview-query">${t('catalog.preview.filtered', { filter: filter.map(([k, v]) => `${labelOf(k)} = ${v}`).join('; ') })}
            ${onShowAll ? html`<button type="button" class="btn btn--link" @click=${onShowAll}>${t('catalog.preview.showAll')}</button>` : nothing}</p>`
        : nothing}
      <egov-async-state state=${state} .message=${state === 'loading' ? t('catalog.preview.loading') : state === 'error' ? this.#api.error(this.error) : ''}
        @egov-retry=${() => void this.load(item.id, this.query)}>
        ${page && page.rows.length
          ? html`<div class="table-scroll" id="preview-region" role="region" tabindex="0" aria-labelledby="preview-caption">
              <table class="table data-table">
                <caption id="preview-caption">${this.#api.sentence('catalog.preview.caption', { name: item.name, ...this.#range(page) })}</caption>
                <thead><tr>${columns.map((c) => html`<th scope="col" class=${typeof page.rows[0]?.[c.name] === 'number' ? 'num' : ''}>${c.label}${c.masked ? html` <span class="masked-tag">${t('catalog.preview.masked')}</span>` : nothing}</th>`)}</tr></thead>
                <tbody>${page.rows.map((row) => html`<tr>${columns.map((c, i) => {
                  const value = row[c.name];
                  const cell = value === null || value === undefined || value === '' ? html`<span class="hint">${t('catalog.preview.nullValue')}</span>` : String(value);
                  // Measurements line up by their digits.
                  const kind = typeof value === 'number' ? 'num' : '';
                  return i === 0 ? html`<th scope="row" class=${kind}>${cell}</th>` : html`<td class=${kind}>${cell}</td>`;
                })}</tr>`)}</tbody>
              </table>
            </div>`
          : page && state !== 'error'
            ? html`<p class="hint preview-empty">${this.filtered ? t('catalog.preview.emptyFiltered') : t('catalog.preview.empty')}</p>`
            : nothing}
      </egov-async-state>
      ${page && pageable && this.#pages(page) > 1 ? this.#renderPager(page) : nothing}
    </section>`;
  }

  #renderPager(page: DataPage): TemplateResult {
    const { t } = this.#api;
    const pages = this.#pages(page);
    const busy = this.status === 'loading';
    return html`<nav class="data-pager" aria-label=${t('catalog.preview.pager')}>
      <button type="button" class="btn btn--secondary btn--small pager-previous" ?disabled=${page.page <= 1} aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => void this.#goTo(page.page - 1, 'previous')}><span aria-hidden="true">‹</span> ${t('catalog.preview.previous')}</button>
      <span class="data-pager__status">${t('catalog.preview.status', this.#range(page))}</span>
      <button type="button" class="btn btn--secondary btn--small pager-next" ?disabled=${page.page >= pages} aria-disabled=${busy ? 'true' : 'false'}
        @click=${() => void this.#goTo(page.page + 1, 'next')}>${t('catalog.preview.next')} <span aria-hidden="true">›</span></button>
    </nav>`;
  }
}
