import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../../services/api-client';
import type { CatalogItem, CatalogPage, CatalogQuery, FacetValue } from '../../core/catalog-types';
import { CATALOG_SORTS, FILTER_KEYS, MAX_QUERY_CHARS, type FilterKey } from '../../core/catalog-query';
import type { HeadingLevelController } from '../../controllers/heading-level';
import type { LocaleController } from '../../controllers/locale-controller';
import { dataSentence } from '../../internal/lang-parts';
import type { ExportKind } from './catalog-download';
import type { SearchController } from './search-controller';
import type { CatalogUrlState } from './url-state';

type Translator = Pick<LocaleController, 't'>;

/** Options of a facet group shown before "show all". */
const FACET_PREVIEW = 8;

/** What the results view needs from `<egov-catalog-browser>`: its state, its search, and what its controls do. */
export interface ResultsHost {
  readonly i18n: LocaleController;
  readonly headings: HeadingLevelController;
  readonly search: SearchController<CatalogQuery, CatalogPage>;
  renderRoot(): HTMLElement | DocumentFragment;
  requestUpdate(): void;
  state(): CatalogUrlState;
  /** The text in the search box, and whether it was cut to its longest. */
  text(): string;
  truncated(): boolean;
  /** A narrow screen: the filters are in a drawer. */
  narrow(): boolean;
  mode(): 'open' | 'sharing';
  query(): CatalogQuery;
  heading(level: number, text: unknown, id?: string, focusable?: boolean): TemplateResult;
  renderDetail(): unknown;
  requestBadge(id: string): unknown;
  onInput(event: Event): void;
  onSubmit(event: Event): void;
  onSort(event: Event): void;
  toggle(key: FilterKey, value: string, on: boolean): void;
  removeChip(key: FilterKey, value: string, index: number): void;
  clearFilters(): void;
  clearSearch(): void;
  goToPage(page: number): void;
  /** Opens an entry's detail (a new history entry). */
  openItem(id: string): void;
  itemHref(id: string): string;
  download(kind: ExportKind): Promise<void>;
}

/**
 * The catalog view of `<egov-catalog-browser>`: the search box, the facets (a column, or a
 * drawer on a narrow screen), the active filters as chips, the sort, the result list with
 * its exports, and the pages.
 */
export class CatalogResultsView {
  readonly #host: ResultsHost;
  #expanded = new Set<FilterKey>();

  constructor(host: ResultsHost) {
    this.#host = host;
  }


  #openDrawer = () => {
    this.#host.renderRoot().querySelector<HTMLDialogElement>('#filter-drawer')?.showModal();
  };

  #closeDrawer = () => {
    this.#host.renderRoot().querySelector<HTMLDialogElement>('#filter-drawer')?.close();
  };

  /** The link before the facets: past them to the results heading (fragments do not reach into a shadow root). */
  #skipToResults = (event: Event) => {
    event.preventDefault();
    this.#host.renderRoot().querySelector<HTMLElement>('#results-heading')?.focus();
  };

  /**
   * The drawer's footer is sticky: a focused option that would sit under it (or above the
   * top of the drawer) is scrolled clear of it, whatever the footer's height at this zoom
   * (WCAG 2.4.11).
   */
  #keepClearOfFooter = (event: FocusEvent) => {
    const drawer = event.currentTarget as HTMLElement;
    const target = event.target as HTMLElement;
    const foot = drawer.querySelector<HTMLElement>('.drawer__foot');
    if (!foot || foot.contains(target)) return;
    const control = target.closest<HTMLElement>('label, button, a') ?? target;
    const box = control.getBoundingClientRect();
    const margin = 8;
    const limit = foot.getBoundingClientRect().top - margin;
    const top = drawer.getBoundingClientRect().top + margin;
    if (box.bottom > limit) drawer.scrollTop += box.bottom - limit;
    else if (box.top < top) drawer.scrollTop -= top - box.top;
  };

  #onDrawerClose = () => {
    this.#host.renderRoot().querySelector<HTMLElement>('#filters-button')?.focus();
  };

  #label(key: FilterKey, value: string, fallback?: string): string {
    if (key === 'agency') return fallback || value;
    const messageKey = `catalog.${key === 'frequency' ? 'frequency' : key}.${value}`;
    const text = this.#host.i18n.t(messageKey);
    return text === messageKey ? fallback || value : text;
  }

  #authError(): string | undefined {
    const error = this.#host.search.error;
    if (this.#host.mode() !== 'sharing' || this.#host.search.status !== 'error' || !(error instanceof ApiError)) return undefined;
    if (error.status === 401) return this.#host.i18n.t('catalog.sharing.unauthenticated');
    if (error.status === 403) return this.#host.i18n.t('catalog.sharing.forbidden');
    return undefined;
  }

  #onItemClick(event: MouseEvent, id: string): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#host.openItem(id);
  }

  #onItemKey(event: KeyboardEvent, id: string): void {
    // A link answers Enter by itself (as a click); Space is added so it acts like the button it also is.
    if (event.key === ' ') {
      event.preventDefault();
      this.#host.openItem(id);
    }
  }

  /** The search, the filters and the results (and above them the open entry's detail). */
  render() {
    const { t } = this.#host.i18n;
    const inDetail = !!this.#host.state().item;
    const authError = this.#authError();
    return html`${inDetail ? this.#host.renderDetail() : nothing}
      <div class="catalog" ?hidden=${inDetail}>
        <form role="search" class="search" aria-label=${t(this.#host.mode() === 'sharing' ? 'catalog.title.sharing' : 'catalog.title.open')} @submit=${(e: Event) => this.#host.onSubmit(e)}>
          <label for="search-input" class="search__label">${t('catalog.search.label')}</label>
          <span class="hint" id="search-hint">${t('catalog.search.hint')}</span>
          <div class="search__row">
            <input id="search-input" part="search-input" type="search" name="q" maxlength=${MAX_QUERY_CHARS}
              autocomplete="off" spellcheck="false" enterkeyhint="search" aria-describedby="search-hint"
              .value=${this.#host.text()} @input=${(e: Event) => this.#host.onInput(e)} />
            <button class="btn" type="submit">${t('catalog.search.button')}</button>
          </div>
          ${this.#host.truncated() ? html`<p class="hint" role="status">${t('catalog.search.tooLong', { max: MAX_QUERY_CHARS })}</p>` : nothing}
        </form>
        ${authError
          ? html`<div class="alert alert--error" role="alert"><p class="alert__title">${t('catalog.sharing.signInTitle')}</p><p>${authError}</p></div>`
          : html`${this.#renderToolbar()}
            <div class="layout ${this.#host.narrow() ? 'layout--narrow' : ''}">
              ${this.#host.narrow() ? this.#renderDrawer() : html`<aside class="facets" aria-labelledby="facets-heading">
                <a class="skip-link" href="#results-heading" @click=${this.#skipToResults}>${t('catalog.facets.skip')}</a>
                ${this.#host.heading(this.#host.headings.level(1), t('catalog.facets.heading'), 'facets-heading')}
                ${this.#renderFacets()}
              </aside>`}
              ${this.#renderResults()}
            </div>`}
      </div>`;
  }

  #activeFilters(): Array<{ key: FilterKey; value: string; label: string }> {
    const facets = this.#host.search.result?.facets;
    return FILTER_KEYS.flatMap((key) =>
      this.#host.state()[key].map((value) => ({ key, value, label: this.#label(key, value, facets?.[key]?.find((f) => f.value === value)?.label) })),
    );
  }

  #renderToolbar() {
    const { t } = this.#host.i18n;
    const active = this.#activeFilters();
    return html`<div class="toolbar">
      ${this.#host.narrow()
        ? html`<button id="filters-button" class="btn btn--secondary" type="button" aria-haspopup="dialog" @click=${this.#openDrawer}>
            ${active.length ? t('catalog.filters.openCount', { count: active.length }) : t('catalog.filters.open')}
          </button>`
        : nothing}
      <div class="sort">
        <label for="sort-select">${t('catalog.sort.label')}</label>
        <select id="sort-select" .value=${this.#host.state().sort} @change=${(e: Event) => this.#host.onSort(e)}>
          ${CATALOG_SORTS.map((s) => html`<option value=${s} ?selected=${this.#host.state().sort === s}>${t('catalog.sort.' + s)}</option>`)}
        </select>
      </div>
    </div>
    ${active.length
      ? html`<div class="chips" role="group" aria-label=${t('catalog.chips.label')}>
          <ul>${active.map((chip, index) => html`<li>
            <button type="button" class="chip" aria-label=${t('catalog.chips.remove', { group: t('catalog.facet.' + chip.key), label: chip.label })}
              @click=${() => this.#host.removeChip(chip.key, chip.value, index)}>
              <span>${chip.label}</span><span aria-hidden="true" class="chip__x">×</span>
            </button>
          </li>`)}</ul>
          <button type="button" class="btn btn--link" @click=${() => this.#host.clearFilters()}>${t('catalog.chips.clear')}</button>
        </div>`
      : nothing}`;
  }

  #renderFacets() {
    const { t } = this.#host.i18n;
    const facets = this.#host.search.result?.facets;
    return FILTER_KEYS.map((key) => {
      const values: FacetValue[] = [...(facets?.[key] ?? [])];
      // A chosen value stays on screen (and can be unticked) even when it counts nothing now.
      for (const value of this.#host.state()[key]) if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
      if (!values.length && !facets) return nothing;
      // Long groups (the agencies) show the largest few until asked; ticked options always show.
      const long = values.length > FACET_PREVIEW + 2;
      const expanded = this.#expanded.has(key);
      const shown = long && !expanded ? values.filter((v, i) => i < FACET_PREVIEW || this.#host.state()[key].includes(v.value)) : values;
      return html`<fieldset part="facet" class="facet" data-facet=${key}>
        <legend>${t('catalog.facet.' + key)}</legend>
        ${shown.length
          ? shown.map((v) => {
              const label = this.#label(key, v.value, v.label);
              const checked = this.#host.state()[key].includes(v.value);
              return html`<label part="facet-option" class="check facet-option">
                <input type="checkbox" name=${key} .value=${v.value} .checked=${checked}
                  @change=${(e: Event) => this.#host.toggle(key, v.value, (e.target as HTMLInputElement).checked)} />
                <span class="facet-option__label">${label}</span>
                <span class="facet-option__count"><span aria-hidden="true">${this.#host.i18n.number(v.count)}</span><span class="sr-only">${t('catalog.facet.count', { count: v.count })}</span></span>
              </label>`;
            })
          : html`<p class="hint">${t('catalog.facet.none')}</p>`}
        ${long
          ? html`<button type="button" class="btn btn--link facet-more" aria-expanded=${expanded ? 'true' : 'false'}
              @click=${() => {
                const next = new Set(this.#expanded);
                if (expanded) next.delete(key);
                else next.add(key);
                this.#expanded = next;
                this.#host.requestUpdate();
              }}>${expanded ? t('catalog.facet.showFewer') : t('catalog.facet.showAll', { count: values.length })}</button>`
          : nothing}
      </fieldset>`;
    });
  }

  #renderDrawer() {
    const { t } = this.#host.i18n;
    return html`<dialog id="filter-drawer" class="drawer" aria-labelledby="drawer-heading" @close=${this.#onDrawerClose}
      @focusin=${this.#keepClearOfFooter}>
      <div class="drawer__head">
        ${this.#host.heading(this.#host.headings.level(1), t('catalog.facets.heading'), 'drawer-heading')}
        <button type="button" class="btn btn--secondary" @click=${this.#closeDrawer}>${t('catalog.filters.close')}</button>
      </div>
      ${this.#renderFacets()}
      <div class="drawer__foot">
        <button type="button" class="btn" @click=${this.#closeDrawer}>${t('catalog.filters.apply')}${this.#host.search.result ? html` · ${this.#host.i18n.number(this.#host.search.result.total)}` : nothing}</button>
      </div>
    </dialog>`;
  }

  #renderResults() {
    const { t } = this.#host.i18n;
    const result = this.#host.search.result;
    const status = this.#host.search.status;
    const pages = result ? pagesOf(result) : 1;
    const stateValue = status === 'loading' ? 'loading' : status === 'error' ? 'error' : 'idle';
    const hasFilters = FILTER_KEYS.some((k) => this.#host.state()[k].length);
    return html`<section class="results" aria-labelledby="results-heading">
      <div class="results__head">
        ${this.#host.heading(this.#host.headings.level(1), t('catalog.results.heading'), 'results-heading', true)}
        ${result
          ? html`<p class="count">${result.total === 0 ? t('catalog.results.empty') : pages > 1 ? t('catalog.results.countPage', { count: this.#host.i18n.number(result.total), page: result.page, pages }) : t('catalog.results.count', { count: this.#host.i18n.number(result.total) })}</p>`
          : nothing}
        ${result?.items.length
          ? html`<div class="exports">
              <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#host.download('csv')}>${t('catalog.export.csv')}</button>
              <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#host.download('json')}>${t('catalog.export.json')}</button>
            </div>`
          : nothing}
      </div>
      <egov-async-state state=${stateValue} .message=${status === 'loading' && result ? t('catalog.results.updating') : status === 'error' ? this.#host.i18n.error(this.#host.search.error) : ''}
        @egov-retry=${() => void this.#host.search.run(this.#host.query())}>
        ${result && result.total === 0 && status !== 'error'
          ? html`<div class="empty">
              <p class="empty__title">${t('catalog.results.empty')}</p>
              <p class="hint">${t('catalog.results.emptyHint')}</p>
              <div class="actions">
                ${hasFilters ? html`<button type="button" class="btn btn--secondary" @click=${() => this.#host.clearFilters()}>${t('catalog.results.clearFilters')}</button>` : nothing}
                ${this.#host.state().q ? html`<button type="button" class="btn btn--secondary" @click=${() => this.#host.clearSearch()}>${t('catalog.results.clearSearch')}</button>` : nothing}
              </div>
            </div>`
          : nothing}
        ${result?.items.length
          ? html`<ul part="result-list" class="result-list" aria-labelledby="results-heading">${result.items.map((item) => this.#renderItem(item))}</ul>`
          : nothing}
      </egov-async-state>
      ${result && pages > 1 ? this.#renderPagination(result.page, pages) : nothing}
    </section>`;
  }


  #renderItem(item: CatalogItem) {
    const { t } = this.#host.i18n;
    return html`<li part="result-item" class="result">
      ${this.#host.heading(this.#host.headings.level(2), html`<a class="item-link" data-id=${item.id} href=${this.#host.itemHref(item.id)}
        @click=${(e: MouseEvent) => this.#onItemClick(e, item.id)} @keydown=${(e: KeyboardEvent) => this.#onItemKey(e, item.id)} lang=${ifDefined(this.#host.i18n.dataLang(item.name))}>${item.name}</a>`)}
      <p class="result__summary" lang=${ifDefined(this.#host.i18n.dataLang(item.summary))}>${item.summary}</p>
      <p class="result__meta">${badges(this.#host.i18n, item)}${this.#host.requestBadge(item.id)}</p>
      <p class="result__meta hint">
        <span>${dataSentence(this.#host.i18n, 'catalog.results.agencyLine', { name: item.agency?.name ?? '' })}</span>
        ${item.updatedAt ? html`<span>${t('catalog.results.updated', { date: this.#host.i18n.date(item.updatedAt) })}</span>` : nothing}
      </p>
    </li>`;
  }

  #renderPagination(current: number, pages: number) {
    const { t } = this.#host.i18n;
    const shown = new Set([1, pages, current - 1, current, current + 1].filter((p) => p >= 1 && p <= pages));
    const list = [...shown].sort((a, b) => a - b);
    const cells: Array<number | 'gap'> = [];
    list.forEach((p, i) => {
      if (i && p - list[i - 1]! > 1) cells.push('gap');
      cells.push(p);
    });
    return html`<nav part="pagination" class="pagination" aria-label=${t('catalog.pagination.label')}>
      <ul>
        <li><button type="button" class="btn btn--secondary" ?disabled=${current <= 1} @click=${() => this.#host.goToPage(current - 1)}>${t('catalog.pagination.previous')}</button></li>
        ${cells.map((cell) =>
          cell === 'gap'
            ? html`<li class="gap" aria-hidden="true">…</li>`
            : html`<li><button type="button" class="page ${cell === current ? 'page--current' : ''}" aria-label=${t('catalog.pagination.page', { page: cell })}
                aria-current=${ifDefined(cell === current ? 'page' : undefined)} @click=${() => cell !== current && this.#host.goToPage(cell)}>${cell}</button></li>`,
        )}
        <li><button type="button" class="btn btn--secondary" ?disabled=${current >= pages} @click=${() => this.#host.goToPage(current + 1)}>${t('catalog.pagination.next')}</button></li>
      </ul>
      <p class="sr-only">${t('catalog.pagination.status', { page: current, pages })}</p>
    </nav>`;
  }
}

export function badges(i18n: Translator, item: Pick<CatalogItem, 'sharing' | 'open' | 'updateFrequency'>) {
  const { t } = i18n;
  return html`<span class="badge badge--sharing badge--${item.sharing}">${t('catalog.sharing.' + item.sharing)}</span>
    <span class="badge badge--open-${item.open}">${t('catalog.open.' + item.open)}</span>
    <span class="badge badge--frequency">${t('catalog.frequency.' + item.updateFrequency)}</span>`;
}

export function pagesOf(page: CatalogPage): number {
  const size = page.pageSize > 0 ? page.pageSize : 20;
  return Math.max(1, Math.ceil(page.total / size));
}
