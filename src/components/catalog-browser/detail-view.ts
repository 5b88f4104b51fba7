import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, isAbortError } from '../../services/api-client';
import type { CatalogSource } from '../../services/catalog-sources/source';
import type { CatalogItem, CatalogScope } from '../../core/catalog-types';
import type { HeadingLevelController } from '../../controllers/heading-level';
import type { LocaleController } from '../../controllers/locale-controller';
import { dataSentence } from '../../internal/lang-parts';
import { badges } from './results-view';

/** What the detail view needs from `<egov-catalog-browser>`. */
export interface DetailHost {
  readonly i18n: LocaleController;
  readonly headings: HeadingLevelController;
  renderRoot(): HTMLElement | DocumentFragment;
  requestUpdate(): void;
  updateComplete(): Promise<boolean>;
  announce(message: string): void;
  source(): CatalogSource | undefined;
  scope(): CatalogScope;
  /** The id of the entry open (in the element's state and link). */
  openId(): string | undefined;
  heading(level: number, text: unknown, id?: string, focusable?: boolean): TemplateResult;
  /** Back to the results (the way back, Escape). */
  close(): void;
  download(kind: 'dcat'): Promise<void>;
  /** The entry's data, and the way to ask for it. */
  renderData(item: CatalogItem, level: number): unknown;
  renderComments(item: CatalogItem, level: number): unknown;
}

/**
 * The detail view of `<egov-catalog-browser>` (part `detail`): an entry's attributes, its
 * DCAT-AP download and its fields, then its data and its comments (from the element). Loads
 * the entry, a newer request superseding an older one.
 */
export class CatalogDetailView {
  readonly #host: DetailHost;
  #abort: AbortController | undefined;
  /** The entry last loaded. */
  item: CatalogItem | undefined;
  status: 'idle' | 'loading' | 'error' = 'idle';
  error: unknown;

  constructor(host: DetailHost) {
    this.#host = host;
  }

  /** Stops a load in flight and leaves the loading state. */
  stop(): void {
    this.#abort?.abort();
    this.status = 'idle';
    this.#host.requestUpdate();
  }

  /** Stops a load in flight (the entry stays, for a quick return). */
  abort(): void {
    this.#abort?.abort();
  }

  #retry(): void {
    const id = this.#host.openId();
    if (id) this.load(id);
  }

  /** Loads an entry (superseding one loading); focus goes to its heading, or to the way back after a failure. */
  load(id: string): void {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (this.item?.id !== id) this.item = undefined;
    this.status = 'loading';
    this.error = undefined;
    this.#host.requestUpdate();
    const source = this.#host.source();
    if (!source) return;
    source.get(id, abort.signal, this.#host.scope()).then(
      async (item) => {
        if (abort.signal.aborted) return;
        this.item = item;
        this.status = 'idle';
        this.#host.requestUpdate();
        this.#host.announce(this.#host.i18n.t('catalog.detail.opened', { name: item.name }));
        await this.#host.updateComplete();
        this.#host.renderRoot().querySelector<HTMLElement>('#detail-heading')?.focus();
      },
      async (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        this.error = error;
        this.status = 'error';
        this.#host.requestUpdate();
        await this.#host.updateComplete();
        this.#host.renderRoot().querySelector<HTMLElement>('.detail .back')?.focus();
      },
    );
  }

  #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.#host.close();
  };

  /** The detail view of the entry open (part `detail`): loading, its error, or the entry. */
  render() {
    const { t } = this.#host.i18n;
    const item = this.item?.id === this.#host.openId() ? this.item : undefined;
    const level = this.#host.headings.level(1);
    const notFound = this.error instanceof ApiError && this.error.status === 404;
    return html`<section part="detail" class="detail" aria-labelledby="detail-heading" @keydown=${this.#onKey}>
      <button type="button" class="btn btn--link back" @click=${() => this.#host.close()}><span aria-hidden="true">←</span> ${t('catalog.detail.back')}</button>
      ${this.status === 'error'
        ? html`${this.#host.heading(level, t('error.title'), 'detail-heading')}
            ${notFound
              ? html`<div class="alert alert--warning not-found" role="alert"><p>${t('catalog.detail.notFound')}</p></div>`
              : html`<egov-async-state state="error" .message=${this.#host.i18n.error(this.error)}
                  @egov-retry=${() => this.#retry()}></egov-async-state>`}`
        : !item
          ? html`${this.#host.heading(level, t('catalog.detail.loading'), 'detail-heading')}<egov-async-state state="loading" .message=${t('catalog.detail.loading')}></egov-async-state>`
          : this.#renderBody(item, level)}
    </section>`;
  }

  #renderBody(item: CatalogItem, level: number) {
    const { t } = this.#host.i18n;
    const none = t('catalog.detail.none');
    const fact = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const landing = item.landingPage && /^https?:\/\//i.test(item.landingPage) ? item.landingPage : undefined;
    return html`${this.#host.heading(level, item.name, 'detail-heading', true)}
      <p class="detail__summary">${item.summary}</p>
      <p class="result__meta">${badges(this.#host.i18n, item)}</p>
      <dl class="facts">
        ${fact(t('catalog.detail.id'), html`<span class="code" translate="no">${item.id}</span>`)}
        ${fact(t('catalog.detail.agency'), item.agency?.name ?? none)}
        ${item.domain ? fact(t('catalog.detail.domain'), item.domain) : nothing}
        ${fact(t('catalog.detail.sharing'), t('catalog.sharing.' + item.sharing))}
        ${item.sharingCondition ? fact(t('catalog.detail.sharingCondition'), item.sharingCondition) : nothing}
        ${fact(t('catalog.detail.legalBasis'), item.legalBasis || none)}
        ${fact(t('catalog.detail.open'), t('catalog.open.' + item.open))}
        ${fact(t('catalog.detail.frequency'), t('catalog.frequency.' + item.updateFrequency))}
        ${fact(t('catalog.detail.formats'), item.formats?.length ? item.formats.join(', ') : none)}
        ${typeof item.rowCount === 'number' ? fact(t('catalog.detail.rowCount'), t('catalog.detail.rows', { count: this.#host.i18n.number(item.rowCount) })) : nothing}
        ${item.licence?.name
          ? fact(t('catalog.detail.licence'), /^https?:\/\//i.test(item.licence.url ?? '')
            ? html`<a class="licence" href=${item.licence.url} rel="license noopener noreferrer" target="_blank">${item.licence.name}</a>`
            : item.licence.name)
          : nothing}
        ${item.tags?.length ? fact(t('catalog.detail.tags'), item.tags.join(', ')) : nothing}
        ${item.publishedAt ? fact(t('catalog.detail.published'), this.#host.i18n.date(item.publishedAt)) : nothing}
        ${item.updatedAt ? fact(t('catalog.detail.updated'), this.#host.i18n.date(item.updatedAt)) : nothing}
        ${landing ? fact(t('catalog.detail.landingPage'), html`<a href=${landing} rel="noopener noreferrer" target="_blank">${landing}</a>`) : nothing}
      </dl>
      <div class="exports">
        <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#host.download('dcat')}>${t('catalog.export.dcat')}</button>
      </div>
      ${this.#host.heading(level + 1, t('catalog.detail.fields'), 'fields-heading')}
      ${item.fields?.length
        ? html`<div class="table-wrap"><table class="table">
            <caption>${dataSentence(this.#host.i18n, 'catalog.detail.fieldsCaption', { name: item.name })}</caption>
            <thead><tr>
              <th scope="col">${t('catalog.detail.fieldName')}</th>
              <th scope="col">${t('catalog.detail.fieldLabel')}</th>
              <th scope="col">${t('catalog.detail.fieldType')}</th>
              <th scope="col">${t('catalog.detail.fieldDescription')}</th>
            </tr></thead>
            <tbody>${item.fields.map((f) => html`<tr>
              <th scope="row"><span class="code" translate="no">${f.name}</span></th>
              <td>${f.label}</td>
              <td><span class="code" translate="no">${f.type}</span></td>
              <td>${f.description}</td>
            </tr>`)}</tbody>
          </table></div>`
        : html`<p class="hint">${t('catalog.detail.noFields')}</p>`}
      ${this.#host.renderData(item, level + 1)}
      ${this.#host.renderComments(item, level + 1)}`;
  }
}
