import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { ApiError, isAbortError } from '../../services/api-client';
import { createCatalogSource, type CatalogSource, type CatalogSourceKind } from '../../services/catalog-sources/source';
import { currentSubject } from '../../services/session';
import type { AccessRequestStatus, CatalogItem, CatalogPage, CatalogQuery, FacetValue } from '../../core/catalog-types';
import { boundPageSize, CATALOG_SORTS, cutQueryText, defaultCatalogQuery, isCatalogSort, MAX_QUERY_CHARS } from '../../core/catalog-query';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { catalogBrowserStyles } from './catalog-browser.styles';
import { AccessController } from './access-controller';
import { SearchController } from './search-controller';
import { downloadFile, exportFile, type ExportKind } from './catalog-download';
import { FILTER_KEYS, readUrlState, writeUrlState, type CatalogUrlState, type FilterKey } from './url-state';
import { DataAccessController } from './data-access';
import { AccessLogController } from './access-log';
import { CatalogCommentsController, catalogCommentsStyles } from './catalog-comments';
import type { DataHost } from './data-preview';
import { dataSentence } from '../../internal/lang-parts';
import '../../i18n/catalog';
import '../../i18n/catalog-data';

/** Longest search text sent to the server; longer input is cut and the user told so. */
export const MAX_QUERY_LENGTH = MAX_QUERY_CHARS;
const NARROW = '(max-width: 640px)';
/** Options of a facet group shown before "show all". */
const FACET_PREVIEW = 8;
const { scope: _scope, pageSize: _pageSize, ...DEFAULT_QUERY } = defaultCatalogQuery();
const EMPTY_STATE: CatalogUrlState = { ...DEFAULT_QUERY, item: undefined };

type History = 'push' | 'replace' | 'none';

/**
 * The unified public data catalog (Measures Art. 16): the open catalog for everyone
 * (Art. 24–27) and, for agency staff, the sharing catalog with access requests and their
 * review (Art. 21–23).
 *
 * @fires egov-item-select - An entry was opened; detail `{ id }`.
 * @fires egov-access-request - An access request was sent; detail `{ itemId, requestId, status }`.
 * @csspart search-input - The search box.
 * @csspart facet - A facet group (fieldset).
 * @csspart facet-option - One option of a facet group (label with checkbox and count).
 * @csspart result-list - The list of results.
 * @csspart result-item - One result.
 * @csspart pagination - The page navigation.
 * @csspart detail - The detail view of an entry.
 * @csspart access-request-form - The access request form in the detail view (sharing mode, and conditionally open entries in open mode).
 * @csspart data-preview - The data preview of an entry: a page of its rows as a table, pageable.
 * @csspart data-download - The downloads of an entry's whole data set (CSV, JSON) with its row count.
 * @csspart access-log - A reviewer's access log of the agency's entries with the hash chain's check.
 * @csspart comments - An open entry's public comments with the providing agency's answers, and the form to add one (signed in).
 * @cssprop --egov-catalog-browser-facet-width - Width of the facet column on wide screens (default 16rem).
 * @cssprop --egov-catalog-browser-gap - Space between the facet column and the results (default 24px).
 * @cssprop --egov-catalog-browser-item-background - Background of a result (default the surface colour).
 * @cssprop --egov-catalog-browser-item-border - Border colour of a result (default the divider colour).
 * @cssprop --egov-catalog-browser-badge-unconditional - Colour of the 无条件共享 badge.
 * @cssprop --egov-catalog-browser-badge-restricted - Colour of the 受限共享 badge.
 * @cssprop --egov-catalog-browser-badge-none - Colour of the 非共享 badge.
 * @cssprop --egov-catalog-browser-drawer-width - Width of the filter drawer on narrow screens (default 90vw).
 */
export class EgovCatalogBrowser extends EgovElement {
  static override styles = [hostStyles, buttonStyles, fieldStyles, alertStyles, catalogBrowserStyles, catalogCommentsStyles];

  /** `open` (the public open catalog) or `sharing` (the inter-agency sharing catalog; needs a token). */
  @property({ reflect: true }) mode: 'open' | 'sharing' = 'open';
  /** Results per page; the server may cap it. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** Initial search text. */
  @property() query = '';
  /** Mirror the search, filters, sort, page and open entry in the page URL. */
  @property({ type: Boolean, attribute: 'sync-url' }) syncUrl = false;
  /** Where the catalog comes from: `egov` (this API), `ckan` (a CKAN Action API), `dcat` (a DCAT-AP JSON-LD catalog). */
  @property({ reflect: true }) source: CatalogSourceKind = 'egov';
  /** Level of the element's top headings, to fit the portal's heading outline. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  @state() private _state: CatalogUrlState = { ...EMPTY_STATE };
  @state() private _text = '';
  @state() private _narrow = false;
  @state() private _view: 'catalog' | 'requests' | 'review' | 'log' = 'catalog';
  @state() private _signedIn = false;
  @state() private _signIn = false;
  @state() private _detail: CatalogItem | undefined;
  @state() private _detailStatus: 'idle' | 'loading' | 'error' = 'idle';
  @state() private _detailError: unknown;
  @state() private _truncated = false;
  @state() private _expanded = new Set<FilterKey>();

  readonly #announcer = new AnnounceController(this);
  #source: CatalogSource | undefined;
  #startGen = 0;
  #detailAbort: AbortController | undefined;
  #typingEntry = false;
  #media: MediaQueryList | undefined;
  #returnFocusTo: string | undefined;
  #lastToken: string | undefined;

  readonly #search = new SearchController<CatalogQuery, CatalogPage>(this, {
    fetch: (query, signal) => {
      if (!this.#source) return Promise.reject(new ApiError({ code: 'UNKNOWN', status: 0, message: 'No catalog source' }));
      return this.#source.search(query, signal);
    },
    onResult: (page, query) => this.#onResult(page, query),
  });

  readonly #access: AccessController = new AccessController(this, {
    t: (key, params) => this.i18n.t(key, params),
    date: (value, style) => this.i18n.date(value, style),
    error: (error) => this.i18n.error(error),
    list: (items) => new Intl.ListFormat(this.i18n.locale, { type: 'conjunction' }).format(items),
    announce: (message) => this.#announcer.announce(message),
    heading: (level, text, id, focusable) => this.#heading(level, text, id, focusable),
    sentence: (key, params) => dataSentence(this.i18n, key, params),
    level: () => this.#level,
    source: () => this.#source,
    onRequested: (detail) => {
      this.emit('egov-access-request', detail);
      // An approval at once (unconditional entries) is a grant: its data shows without a reload.
      if (detail.status === 'approved') void this.#data.loadGrants();
    },
    openItem: (id) => this.openItem(id),
    grantLine: (request): string | undefined => {
      const grant = this.#data.grantOfRequest(request);
      return grant ? this.#data.grantSummary(grant, (code) => this.#access.fieldName(grant.itemId, code)) : undefined;
    },
  });

  readonly #dataHost: DataHost = {
    t: (key, params) => this.i18n.t(key, params),
    number: (value) => this.i18n.number(value),
    date: (value, style) => this.i18n.date(value, style),
    error: (error) => this.i18n.error(error),
    list: (items) => new Intl.ListFormat(this.i18n.locale, { type: 'conjunction' }).format(items),
    announce: (message) => this.#announcer.announce(message),
    heading: (level, text, id, focusable) => this.#heading(level, text, id, focusable),
    sentence: (key, params) => dataSentence(this.i18n, key, params),
    level: () => this.#level,
    client: () => this.config.client,
  };

  readonly #data = new DataAccessController(this, {
    ...this.#dataHost,
    item: () => (this._state.item && this._detail?.id === this._state.item && this._view === 'catalog' ? this._detail : undefined),
    hasData: () => this.#source?.kind === 'egov',
  });

  readonly #log = new AccessLogController(this, {
    ...this.#dataHost,
    loadFieldLabels: async (itemIds) => void (await this.#access.loadFieldLabels(itemIds)),
    fieldName: (itemId, code) => this.#access.fieldName(itemId, code),
  });

  readonly #comments = new CatalogCommentsController(this, {
    ...this.#dataHost,
    item: () => (this._state.item && this._detail?.id === this._state.item && this._view === 'catalog' ? this._detail : undefined),
    enabled: () => this.#source?.kind === 'egov',
    viewer: () => this.#access.viewer,
    signedIn: () => this._signedIn,
    dataLang: (value) => this.i18n.dataLang(value),
  });

  constructor() {
    super();
    this.config.onChange(() => void this.#start());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.syncUrl) {
      this.#applyUrl();
      // A link without a search of its own starts from the `query` attribute.
      if (!this._state.q && this.query && !new URLSearchParams(location.search).has('q')) {
        this.#setText(this.query);
        this._state = { ...this._state, q: this._text };
      }
      window.addEventListener('popstate', this.#onPopState);
    } else {
      this.#setText(this.query);
      this._state = { ...EMPTY_STATE, q: this._text };
    }
    this.#media = window.matchMedia?.(NARROW);
    this._narrow = this.#media?.matches ?? false;
    this.#media?.addEventListener('change', this.#onMedia);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onPopState);
    this.#media?.removeEventListener('change', this.#onMedia);
    this.#detailAbort?.abort();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('mode') || changed.has('source') || changed.has('pageSize')) {
      if (changed.has('mode') && changed.get('mode') !== undefined) {
        this.#search.reset();
        this.#access.reset();
        this.#data.reset();
        this.#log.reset();
        this._view = 'catalog';
      }
      // After this update, not inside it: starting sets state that renders again.
      void this.updateComplete.then(() => this.#start());
    } else if (changed.has('query') && changed.get('query') !== undefined && !this.syncUrl) {
      this.#setText(this.query);
      this.#searchNow({ q: this._text, page: 1 }, 'none');
    }
  }

  get #level(): number {
    return Math.min(5, Math.max(1, Math.trunc(this.headingLevel) || 2));
  }

  #onMedia = (event: MediaQueryListEvent) => {
    this._narrow = event.matches;
  };

  #onPopState = () => {
    this.#typingEntry = false;
    const before = this._state;
    this.#applyUrl();
    const after = this._state;
    if (this.#searchKey(before) !== this.#searchKey(after)) void this.#search.run(this.#queryOf(after));
    if (after.item !== before.item) {
      if (after.item) this.#loadDetail(after.item);
      else this.#afterDetailClosed(before.item);
    }
  };

  #applyUrl(): void {
    const next = readUrlState(location.search);
    this._state = next;
    this._text = next.q;
  }

  #setText(value: string): void {
    this._truncated = value.length > MAX_QUERY_LENGTH;
    this._text = cutQueryText(value);
  }

  /** (Re)connects to the source: on start, and when the mode, source or sign-in changes. */
  async #start(): Promise<void> {
    if (!this.isConnected) return;
    const gen = ++this.#startGen;
    const kind: CatalogSourceKind = this.source === 'ckan' || this.source === 'dcat' ? this.source : 'egov';
    this.#source = createCatalogSource(kind, this.config.client);
    const token = this.mode === 'sharing' || kind === 'egov' ? await this.config.client.token() : undefined;
    if (gen !== this.#startGen) return;
    // Another sign-in: the last person's grants, data and log go at once, not when the new person is known.
    if (token !== this.#lastToken) {
      this.#data.reset();
      this.#log.reset();
      this.#comments.forgetDrafts();
      // A fresh token of the same person keeps the log on screen (someone else is sent back to the catalog).
      if (this._view === 'log' && token) this.#log.open();
    }
    this.#lastToken = token;
    this._signedIn = !!token;
    if (this.mode === 'sharing') {
      // Art. 21: the sharing catalog is for agency staff; no token, no request.
      if (!token) {
        this._signIn = true;
        this.#search.reset();
        this.#access.reset();
        this.#data.reset();
        return;
      }
      this._signIn = false;
      void this.#loadViewer(gen);
    } else {
      this._signIn = false;
      // In the open catalog a signed-in citizen or organisation may ask for conditionally open data (SPEC §7).
      if (token) void this.#loadViewer(gen);
      else if (this.#access.viewer) {
        this.#access.reset();
        this.#data.reset();
      }
    }
    void this.#search.run(this.#queryOf(this._state));
    if (this._state.item) this.#loadDetail(this._state.item);
  }

  async #loadViewer(gen: number): Promise<void> {
    try {
      const viewer = await currentSubject(this.config.client);
      if (gen !== this.#startGen) return;
      if (this.#access.viewer && this.#access.viewer.id !== viewer.id) {
        // Someone else signed in: forget the last person's requests, form, queue, grants and log.
        this.#access.reset();
        this.#data.reset();
        this.#log.reset();
        this._view = 'catalog';
      }
      this.#access.viewer = viewer;
      if (this.#source?.kind === 'egov') void this.#data.loadGrants();
      // In the open catalog a citizen's or organisation's own requests say what they already asked for.
      const requester = this.mode === 'sharing' || viewer.kind === 'citizen' || viewer.kind === 'organisation';
      if (this.#source?.listAccessRequests && requester) await this.#access.loadRequests();
    } catch {
      // Without knowing who is signed in the catalog still works; only the review queue is hidden.
    }
    this.requestUpdate();
  }

  #queryOf(s: CatalogUrlState): CatalogQuery {
    const { item: _item, ...query } = s;
    // A page size below one is no size at all: the default.
    const pageSize = boundPageSize(this.pageSize >= 1 ? this.pageSize : undefined);
    return { ...query, scope: this.mode === 'sharing' ? 'sharing' : 'open', q: s.q.trim(), pageSize };
  }

  #searchKey(s: CatalogUrlState): string {
    return JSON.stringify([s.q.trim(), s.agency, s.sharing, s.open, s.frequency, s.sort, s.page]);
  }

  #writeUrl(history: History): void {
    if (!this.syncUrl || history === 'none') return;
    const href = writeUrlState(location.href, this._state);
    if (href === location.href) return;
    if (history === 'push') window.history.pushState(window.history.state, '', href);
    else window.history.replaceState(window.history.state, '', href);
  }

  /** Applies a change of search, filters, sort or page and searches at once. */
  #searchNow(patch: Partial<CatalogUrlState>, history: History): void {
    this._state = { ...this._state, ...patch };
    this.#writeUrl(history);
    if (this.#source && !this._signIn) void this.#search.run(this.#queryOf(this._state));
  }

  #onResult(page: CatalogPage, query: CatalogQuery): void {
    const pages = this.#pages(page);
    // A link or a back-navigation to a page beyond the end lands on the last page.
    if (!page.items.length && page.total > 0 && query.page > pages) {
      this.#searchNow({ page: pages }, 'replace');
      return;
    }
    const { t } = this.i18n;
    this.#announcer.announce(
      page.total === 0 ? t('catalog.results.empty') : pages > 1 ? t('catalog.results.countPage', { count: page.total, page: page.page, pages }) : t('catalog.results.count', { count: page.total }),
    );
  }

  #pages(page: CatalogPage): number {
    const size = page.pageSize > 0 ? page.pageSize : 20;
    return Math.max(1, Math.ceil(page.total / size));
  }

  // ---- search box -------------------------------------------------------------------

  #onInput = (event: Event) => {
    this.#setText((event.target as HTMLInputElement).value);
    const text = this._text;
    const history: History = this.#typingEntry ? 'replace' : 'push';
    const query = this.#queryOf({ ...this._state, q: text, page: 1 });
    if (!this.#source || this._signIn) return;
    this.#search.schedule(query, () => {
      this._state = { ...this._state, q: text, page: 1 };
      this.#writeUrl(history);
      this.#typingEntry = true;
    });
  };

  #onSubmit = (event: Event) => {
    event.preventDefault();
    const history: History = this.#typingEntry ? 'replace' : 'push';
    this.#typingEntry = false;
    this.#searchNow({ q: this._text, page: 1 }, history);
  };

  // ---- filters, sort, paging --------------------------------------------------------

  #toggle(key: FilterKey, value: string, on: boolean): void {
    this.#typingEntry = false;
    const current = this._state[key];
    const next = on ? [...new Set([...current, value])] : current.filter((v) => v !== value);
    this.#searchNow({ [key]: next, page: 1 }, 'push');
  }

  #removeChip(key: FilterKey, value: string, index: number): void {
    this.#toggle(key, value, false);
    void this.updateComplete.then(() => {
      const chips = [...this.renderRoot.querySelectorAll<HTMLElement>('.chip')];
      (chips[index] ?? chips[index - 1] ?? this.renderRoot.querySelector<HTMLElement>('#search-input'))?.focus();
    });
  }

  #clearFilters = () => {
    this.#typingEntry = false;
    this.#searchNow({ agency: [], sharing: [], open: [], frequency: [], page: 1 }, 'push');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#search-input')?.focus());
  };

  #clearSearch = () => {
    this.#typingEntry = false;
    this._text = '';
    this.#searchNow({ q: '', page: 1 }, 'push');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#search-input')?.focus());
  };

  #onSort = (event: Event) => {
    this.#typingEntry = false;
    const value = (event.target as HTMLSelectElement).value;
    this.#searchNow({ sort: isCatalogSort(value) ? value : 'relevance', page: 1 }, 'push');
  };

  #goToPage(page: number): void {
    this.#typingEntry = false;
    this.#searchNow({ page }, 'push');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus());
  }

  // ---- detail -----------------------------------------------------------------------

  /** Opens an entry's detail view, as a click on it would (fires `egov-item-select`). */
  openItem(id: string): void {
    this._view = 'catalog';
    this.#openDetail(id, 'push');
  }

  /** Closes the detail view and returns to the results. */
  closeItem(): void {
    if (this._state.item) this.#closeDetail();
  }

  #openDetail(id: string, history: History): void {
    this.#typingEntry = false;
    this.#returnFocusTo = id;
    this._state = { ...this._state, item: id };
    this.#writeUrl(history);
    this.emit('egov-item-select', { id });
    this.#loadDetail(id);
  }

  #loadDetail(id: string): void {
    this.#detailAbort?.abort();
    const abort = (this.#detailAbort = new AbortController());
    if (this._detail?.id !== id) this._detail = undefined;
    this._detailStatus = 'loading';
    this._detailError = undefined;
    const source = this.#source;
    if (!source) return;
    source.get(id, abort.signal, this.mode === 'sharing' ? 'sharing' : 'open').then(
      async (item) => {
        if (abort.signal.aborted) return;
        this._detail = item;
        this._detailStatus = 'idle';
        this.#announcer.announce(this.i18n.t('catalog.detail.opened', { name: item.name }));
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('#detail-heading')?.focus();
      },
      async (error: unknown) => {
        if (abort.signal.aborted || isAbortError(error)) return;
        this._detailError = error;
        this._detailStatus = 'error';
        await this.updateComplete;
        this.renderRoot.querySelector<HTMLElement>('.detail .back')?.focus();
      },
    );
  }

  #closeDetail = () => {
    const id = this._state.item;
    this.#detailAbort?.abort();
    this._state = { ...this._state, item: undefined };
    this.#writeUrl('push');
    this.#afterDetailClosed(id);
  };

  #afterDetailClosed(id: string | undefined): void {
    this.#detailAbort?.abort();
    this._detailStatus = 'idle';
    const target = this.#returnFocusTo ?? id;
    this.#returnFocusTo = undefined;
    void this.updateComplete.then(() => {
      const link = target ? [...this.renderRoot.querySelectorAll<HTMLElement>('.item-link')].find((a) => a.dataset.id === target) : undefined;
      (link ?? this.renderRoot.querySelector<HTMLElement>('#results-heading'))?.focus();
    });
  }

  #onDetailKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    this.#closeDetail();
  };

  #onItemClick(event: MouseEvent, id: string): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#openDetail(id, 'push');
  }

  #onItemKey(event: KeyboardEvent, id: string): void {
    // A link answers Enter by itself (as a click); Space is added so it acts like the button it also is.
    if (event.key === ' ') {
      event.preventDefault();
      this.#openDetail(id, 'push');
    }
  }

  #itemHref(id: string): string {
    return writeUrlState(location.href, { ...this._state, item: id });
  }

  // ---- downloads (Art. 27) ----------------------------------------------------------

  async #download(kind: ExportKind): Promise<void> {
    const items = kind === 'dcat' ? (this._detail ? [this._detail] : []) : (this.#search.result?.items ?? []);
    if (!items.length) return;
    // An entry of this catalog is described with its API's links, as GET /catalog/dcat.jsonld does.
    const file = await exportFile(kind, items, this.#source?.kind === 'egov' ? { apiBase: this.config.client.url('') } : {});
    downloadFile(this.renderRoot as ShadowRoot, file);
    this.#announcer.announce(this.i18n.t('catalog.export.done', { file: file.name }));
  }

  // ---- mobile drawer ----------------------------------------------------------------

  #openDrawer = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('#filter-drawer')?.showModal();
  };

  #closeDrawer = () => {
    this.renderRoot.querySelector<HTMLDialogElement>('#filter-drawer')?.close();
  };

  /** The link before the facets: past them to the results heading (fragments do not reach into a shadow root). */
  #skipToResults = (event: Event) => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#results-heading')?.focus();
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
    this.renderRoot.querySelector<HTMLElement>('#filters-button')?.focus();
  };

  // ---- rendering --------------------------------------------------------------------

  #heading(level: number, text: unknown, id?: string, focusable = false): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, level)} class="h h${Math.min(6, level)}" id=${ifDefined(id)} tabindex=${ifDefined(focusable ? '-1' : undefined)}>${text}</div>`;
  }

  #label(key: FilterKey, value: string, fallback?: string): string {
    if (key === 'agency') return fallback || value;
    const messageKey = `catalog.${key === 'frequency' ? 'frequency' : key}.${value}`;
    const text = this.i18n.t(messageKey);
    return text === messageKey ? fallback || value : text;
  }

  override render() {
    const { t } = this.i18n;
    const sharing = this.mode === 'sharing';
    // The sections appear once it is known who is signed in: staff get their requests, a reviewer the queue.
    const canRequest = sharing && !!this.#source?.listAccessRequests && !this._signIn && !!this.#access.viewer;
    const reviewer = this.#access.isReviewer;
    return html`${this.#announcer.region()}
      <div class="browser" lang=${this.i18n.locale}>
        ${this._signIn
          ? html`<div class="alert alert--warning sign-in" role="status">
              <p class="alert__title">${t('catalog.sharing.signInTitle')}</p>
              <p>${t('catalog.sharing.signIn')}</p>
            </div>`
          : nothing}
        ${canRequest ? this.#renderViews() : nothing}
        ${this._signIn
          ? nothing
          : this._view !== 'catalog' && canRequest
            ? this._view === 'log' && reviewer
              ? this.#log.render()
              : reviewer
                ? this.#access.renderReview()
                : this.#access.renderMine()
              : this.#renderCatalog()}
      </div>`;
  }

  #renderViews() {
    const { t } = this.i18n;
    // A reviewer's queue stays the last tab, where it always was; the access log sits before it.
    const views: Array<['catalog' | 'requests' | 'review' | 'log', string]> = [
      ['catalog', t('catalog.view.catalog')],
      ...(this.#access.isReviewer && this.#source?.kind === 'egov' ? [['log', t('catalog.view.log')] as ['log', string]] : []),
      this.#access.isReviewer ? ['review', t('catalog.view.review')] : ['requests', t('catalog.view.requests')],
    ];
    const pending = (this.#access.requests ?? []).filter((r) => r.status === 'pending').length;
    return html`<nav class="views" aria-label=${t('catalog.view.label')}>
      <ul>${views.map(([view, label]) => html`<li>
        <button type="button" class="view-tab" data-view=${view} aria-current=${ifDefined(this._view === view ? 'page' : undefined)}
          @click=${() => {
            if (this._view === view) return;
            this._view = view;
            if (view === 'log') this.#log.open('');
            else if (view !== 'catalog') void this.#access.loadRequests();
            // Focus follows to the section's heading, so a screen reader hears where it is.
            const heading = { catalog: '#results-heading', review: '#review-heading', requests: '#requests-heading', log: '#log-heading' }[view];
            void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(heading)?.focus());
          }}>${label}${(view === 'review' || view === 'requests') && pending ? html` <span class="count-badge">${pending}</span>` : nothing}</button>
      </li>`)}</ul>
    </nav>`;
  }

  #authError(): string | undefined {
    const error = this.#search.error;
    if (this.mode !== 'sharing' || this.#search.status !== 'error' || !(error instanceof ApiError)) return undefined;
    if (error.status === 401) return this.i18n.t('catalog.sharing.unauthenticated');
    if (error.status === 403) return this.i18n.t('catalog.sharing.forbidden');
    return undefined;
  }

  #renderCatalog() {
    const { t } = this.i18n;
    const inDetail = !!this._state.item;
    const authError = this.#authError();
    return html`${inDetail ? this.#renderDetail() : nothing}
      <div class="catalog" ?hidden=${inDetail}>
        <form role="search" class="search" aria-label=${t(this.mode === 'sharing' ? 'catalog.title.sharing' : 'catalog.title.open')} @submit=${this.#onSubmit}>
          <label for="search-input" class="search__label">${t('catalog.search.label')}</label>
          <span class="hint" id="search-hint">${t('catalog.search.hint')}</span>
          <div class="search__row">
            <input id="search-input" part="search-input" type="search" name="q" maxlength=${MAX_QUERY_LENGTH}
              autocomplete="off" spellcheck="false" enterkeyhint="search" aria-describedby="search-hint"
              .value=${this._text} @input=${this.#onInput} />
            <button class="btn" type="submit">${t('catalog.search.button')}</button>
          </div>
          ${this._truncated ? html`<p class="hint" role="status">${t('catalog.search.tooLong', { max: MAX_QUERY_LENGTH })}</p>` : nothing}
        </form>
        ${authError
          ? html`<div class="alert alert--error" role="alert"><p class="alert__title">${t('catalog.sharing.signInTitle')}</p><p>${authError}</p></div>`
          : html`${this.#renderToolbar()}
            <div class="layout ${this._narrow ? 'layout--narrow' : ''}">
              ${this._narrow ? this.#renderDrawer() : html`<aside class="facets" aria-labelledby="facets-heading">
                <a class="skip-link" href="#results-heading" @click=${this.#skipToResults}>${t('catalog.facets.skip')}</a>
                ${this.#heading(this.#level + 1, t('catalog.facets.heading'), 'facets-heading')}
                ${this.#renderFacets()}
              </aside>`}
              ${this.#renderResults()}
            </div>`}
      </div>`;
  }

  #activeFilters(): Array<{ key: FilterKey; value: string; label: string }> {
    const facets = this.#search.result?.facets;
    return FILTER_KEYS.flatMap((key) =>
      this._state[key].map((value) => ({ key, value, label: this.#label(key, value, facets?.[key]?.find((f) => f.value === value)?.label) })),
    );
  }

  #renderToolbar() {
    const { t } = this.i18n;
    const active = this.#activeFilters();
    return html`<div class="toolbar">
      ${this._narrow
        ? html`<button id="filters-button" class="btn btn--secondary" type="button" aria-haspopup="dialog" @click=${this.#openDrawer}>
            ${active.length ? t('catalog.filters.openCount', { count: active.length }) : t('catalog.filters.open')}
          </button>`
        : nothing}
      <div class="sort">
        <label for="sort-select">${t('catalog.sort.label')}</label>
        <select id="sort-select" .value=${this._state.sort} @change=${this.#onSort}>
          ${CATALOG_SORTS.map((s) => html`<option value=${s} ?selected=${this._state.sort === s}>${t('catalog.sort.' + s)}</option>`)}
        </select>
      </div>
    </div>
    ${active.length
      ? html`<div class="chips" role="group" aria-label=${t('catalog.chips.label')}>
          <ul>${active.map((chip, index) => html`<li>
            <button type="button" class="chip" aria-label=${t('catalog.chips.remove', { group: t('catalog.facet.' + chip.key), label: chip.label })}
              @click=${() => this.#removeChip(chip.key, chip.value, index)}>
              <span>${chip.label}</span><span aria-hidden="true" class="chip__x">×</span>
            </button>
          </li>`)}</ul>
          <button type="button" class="btn btn--link" @click=${this.#clearFilters}>${t('catalog.chips.clear')}</button>
        </div>`
      : nothing}`;
  }

  #renderFacets() {
    const { t } = this.i18n;
    const facets = this.#search.result?.facets;
    return FILTER_KEYS.map((key) => {
      const values: FacetValue[] = [...(facets?.[key] ?? [])];
      // A chosen value stays on screen (and can be unticked) even when it counts nothing now.
      for (const value of this._state[key]) if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
      if (!values.length && !facets) return nothing;
      // Long groups (the agencies) show the largest few until asked; ticked options always show.
      const long = values.length > FACET_PREVIEW + 2;
      const expanded = this._expanded.has(key);
      const shown = long && !expanded ? values.filter((v, i) => i < FACET_PREVIEW || this._state[key].includes(v.value)) : values;
      return html`<fieldset part="facet" class="facet" data-facet=${key}>
        <legend>${t('catalog.facet.' + key)}</legend>
        ${shown.length
          ? shown.map((v) => {
              const label = this.#label(key, v.value, v.label);
              const checked = this._state[key].includes(v.value);
              return html`<label part="facet-option" class="check facet-option">
                <input type="checkbox" name=${key} .value=${v.value} .checked=${checked}
                  @change=${(e: Event) => this.#toggle(key, v.value, (e.target as HTMLInputElement).checked)} />
                <span class="facet-option__label">${label}</span>
                <span class="facet-option__count"><span aria-hidden="true">${this.i18n.number(v.count)}</span><span class="sr-only">${t('catalog.facet.count', { count: v.count })}</span></span>
              </label>`;
            })
          : html`<p class="hint">${t('catalog.facet.none')}</p>`}
        ${long
          ? html`<button type="button" class="btn btn--link facet-more" aria-expanded=${expanded ? 'true' : 'false'}
              @click=${() => {
                const next = new Set(this._expanded);
                if (expanded) next.delete(key);
                else next.add(key);
                this._expanded = next;
              }}>${expanded ? t('catalog.facet.showFewer') : t('catalog.facet.showAll', { count: values.length })}</button>`
          : nothing}
      </fieldset>`;
    });
  }

  #renderDrawer() {
    const { t } = this.i18n;
    return html`<dialog id="filter-drawer" class="drawer" aria-labelledby="drawer-heading" @close=${this.#onDrawerClose}
      @focusin=${this.#keepClearOfFooter}>
      <div class="drawer__head">
        ${this.#heading(this.#level + 1, t('catalog.facets.heading'), 'drawer-heading')}
        <button type="button" class="btn btn--secondary" @click=${this.#closeDrawer}>${t('catalog.filters.close')}</button>
      </div>
      ${this.#renderFacets()}
      <div class="drawer__foot">
        <button type="button" class="btn" @click=${this.#closeDrawer}>${t('catalog.filters.apply')}${this.#search.result ? html` · ${this.i18n.number(this.#search.result.total)}` : nothing}</button>
      </div>
    </dialog>`;
  }

  #renderResults() {
    const { t } = this.i18n;
    const result = this.#search.result;
    const status = this.#search.status;
    const pages = result ? this.#pages(result) : 1;
    const stateValue = status === 'loading' ? 'loading' : status === 'error' ? 'error' : 'idle';
    const hasFilters = FILTER_KEYS.some((k) => this._state[k].length);
    return html`<section class="results" aria-labelledby="results-heading">
      <div class="results__head">
        ${this.#heading(this.#level + 1, t('catalog.results.heading'), 'results-heading', true)}
        ${result
          ? html`<p class="count">${result.total === 0 ? t('catalog.results.empty') : pages > 1 ? t('catalog.results.countPage', { count: this.i18n.number(result.total), page: result.page, pages }) : t('catalog.results.count', { count: this.i18n.number(result.total) })}</p>`
          : nothing}
        ${result?.items.length
          ? html`<div class="exports">
              <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#download('csv')}>${t('catalog.export.csv')}</button>
              <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#download('json')}>${t('catalog.export.json')}</button>
            </div>`
          : nothing}
      </div>
      <egov-async-state state=${stateValue} .message=${status === 'loading' && result ? t('catalog.results.updating') : status === 'error' ? this.i18n.error(this.#search.error) : ''}
        @egov-retry=${() => void this.#search.run(this.#queryOf(this._state))}>
        ${result && result.total === 0 && status !== 'error'
          ? html`<div class="empty">
              <p class="empty__title">${t('catalog.results.empty')}</p>
              <p class="hint">${t('catalog.results.emptyHint')}</p>
              <div class="actions">
                ${hasFilters ? html`<button type="button" class="btn btn--secondary" @click=${this.#clearFilters}>${t('catalog.results.clearFilters')}</button>` : nothing}
                ${this._state.q ? html`<button type="button" class="btn btn--secondary" @click=${this.#clearSearch}>${t('catalog.results.clearSearch')}</button>` : nothing}
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

  #badges(item: Pick<CatalogItem, 'sharing' | 'open' | 'updateFrequency'>) {
    const { t } = this.i18n;
    return html`<span class="badge badge--sharing badge--${item.sharing}">${t('catalog.sharing.' + item.sharing)}</span>
      <span class="badge badge--open-${item.open}">${t('catalog.open.' + item.open)}</span>
      <span class="badge badge--frequency">${t('catalog.frequency.' + item.updateFrequency)}</span>`;
  }

  #renderItem(item: CatalogItem) {
    const { t } = this.i18n;
    return html`<li part="result-item" class="result">
      ${this.#heading(this.#level + 2, html`<a class="item-link" data-id=${item.id} href=${this.#itemHref(item.id)}
        @click=${(e: MouseEvent) => this.#onItemClick(e, item.id)} @keydown=${(e: KeyboardEvent) => this.#onItemKey(e, item.id)} lang=${ifDefined(this.i18n.dataLang(item.name))}>${item.name}</a>`)}
      <p class="result__summary" lang=${ifDefined(this.i18n.dataLang(item.summary))}>${item.summary}</p>
      <p class="result__meta">${this.#badges(item)}${this.#requestBadge(item.id)}</p>
      <p class="result__meta hint">
        <span>${dataSentence(this.i18n, 'catalog.results.agencyLine', { name: item.agency?.name ?? '' })}</span>
        ${item.updatedAt ? html`<span>${t('catalog.results.updated', { date: this.i18n.date(item.updatedAt) })}</span>` : nothing}
      </p>
    </li>`;
  }

  /** In the sharing catalog: where my latest request for this entry stands. */
  #requestBadge(id: string) {
    if (this.mode !== 'sharing' || this.#access.isReviewer) return nothing;
    const latest = (this.#access.requests ?? []).find((r) => r.itemId === id);
    return latest ? html` <span class="badge badge--${latest.status}">${this.i18n.t('catalog.requests.badge', { status: this.#access.statusLabel(latest.status) })}</span>` : nothing;
  }

  #renderPagination(current: number, pages: number) {
    const { t } = this.i18n;
    const shown = new Set([1, pages, current - 1, current, current + 1].filter((p) => p >= 1 && p <= pages));
    const list = [...shown].sort((a, b) => a - b);
    const cells: Array<number | 'gap'> = [];
    list.forEach((p, i) => {
      if (i && p - list[i - 1]! > 1) cells.push('gap');
      cells.push(p);
    });
    return html`<nav part="pagination" class="pagination" aria-label=${t('catalog.pagination.label')}>
      <ul>
        <li><button type="button" class="btn btn--secondary" ?disabled=${current <= 1} @click=${() => this.#goToPage(current - 1)}>${t('catalog.pagination.previous')}</button></li>
        ${cells.map((cell) =>
          cell === 'gap'
            ? html`<li class="gap" aria-hidden="true">…</li>`
            : html`<li><button type="button" class="page ${cell === current ? 'page--current' : ''}" aria-label=${t('catalog.pagination.page', { page: cell })}
                aria-current=${ifDefined(cell === current ? 'page' : undefined)} @click=${() => cell !== current && this.#goToPage(cell)}>${cell}</button></li>`,
        )}
        <li><button type="button" class="btn btn--secondary" ?disabled=${current >= pages} @click=${() => this.#goToPage(current + 1)}>${t('catalog.pagination.next')}</button></li>
      </ul>
      <p class="sr-only">${t('catalog.pagination.status', { page: current, pages })}</p>
    </nav>`;
  }

  #renderDetail() {
    const { t } = this.i18n;
    const item = this._detail?.id === this._state.item ? this._detail : undefined;
    const level = this.#level + 1;
    const notFound = this._detailError instanceof ApiError && this._detailError.status === 404;
    return html`<section part="detail" class="detail" aria-labelledby="detail-heading" @keydown=${this.#onDetailKey}>
      <button type="button" class="btn btn--link back" @click=${this.#closeDetail}><span aria-hidden="true">←</span> ${t('catalog.detail.back')}</button>
      ${this._detailStatus === 'error'
        ? html`${this.#heading(level, t('error.title'), 'detail-heading')}
            ${notFound
              ? html`<div class="alert alert--warning not-found" role="alert"><p>${t('catalog.detail.notFound')}</p></div>`
              : html`<egov-async-state state="error" .message=${this.i18n.error(this._detailError)}
                  @egov-retry=${() => this._state.item && this.#loadDetail(this._state.item)}></egov-async-state>`}`
        : !item
          ? html`${this.#heading(level, t('catalog.detail.loading'), 'detail-heading')}<egov-async-state state="loading" .message=${t('catalog.detail.loading')}></egov-async-state>`
          : this.#renderDetailBody(item, level)}
    </section>`;
  }

  #renderDetailBody(item: CatalogItem, level: number) {
    const { t } = this.i18n;
    const none = t('catalog.detail.none');
    const fact = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const landing = item.landingPage && /^https?:\/\//i.test(item.landingPage) ? item.landingPage : undefined;
    return html`${this.#heading(level, item.name, 'detail-heading', true)}
      <p class="detail__summary">${item.summary}</p>
      <p class="result__meta">${this.#badges(item)}</p>
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
        ${typeof item.rowCount === 'number' ? fact(t('catalog.detail.rowCount'), t('catalog.detail.rows', { count: this.i18n.number(item.rowCount) })) : nothing}
        ${item.licence?.name
          ? fact(t('catalog.detail.licence'), /^https?:\/\//i.test(item.licence.url ?? '')
            ? html`<a class="licence" href=${item.licence.url} rel="license noopener noreferrer" target="_blank">${item.licence.name}</a>`
            : item.licence.name)
          : nothing}
        ${item.tags?.length ? fact(t('catalog.detail.tags'), item.tags.join(', ')) : nothing}
        ${item.publishedAt ? fact(t('catalog.detail.published'), this.i18n.date(item.publishedAt)) : nothing}
        ${item.updatedAt ? fact(t('catalog.detail.updated'), this.i18n.date(item.updatedAt)) : nothing}
        ${landing ? fact(t('catalog.detail.landingPage'), html`<a href=${landing} rel="noopener noreferrer" target="_blank">${landing}</a>`) : nothing}
      </dl>
      <div class="exports">
        <button type="button" class="btn btn--secondary btn--small" @click=${() => void this.#download('dcat')}>${t('catalog.export.dcat')}</button>
      </div>
      ${this.#heading(level + 1, t('catalog.detail.fields'), 'fields-heading')}
      ${item.fields?.length
        ? html`<div class="table-wrap"><table class="table">
            <caption>${dataSentence(this.i18n, 'catalog.detail.fieldsCaption', { name: item.name })}</caption>
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
      ${this.#renderData(item, level + 1)}
      ${this.#comments.render(item, level + 1)}`;
  }

  /** The data behind the entry, and the way to ask for it where it is not yet open to this person. */
  #renderData(item: CatalogItem, level: number) {
    const sharing = this.mode === 'sharing';
    const viewer = this.#access.viewer;
    // SPEC §7: conditionally open entries are requested by signed-in citizens and organisations in the open catalog.
    const conditional = !sharing && item.open === 'conditional' && this.#source?.kind === 'egov';
    const mayRequestOpen = conditional && (viewer?.kind === 'citizen' || viewer?.kind === 'organisation');
    const data = this.#data.render(item, level, {
      signInNeeded: conditional && !this._signedIn,
      noGrantNotice: sharing || mayRequestOpen,
    });
    const granted = this.#data.accessOf(item).kind === 'grant';
    // A reviewer of the providing agency goes from the entry to the calls made on it (Art. 36).
    const ownLog = sharing && this.#access.isReviewer && !!viewer?.agencyCode && viewer.agencyCode === item.agency?.code && this.#source?.kind === 'egov';
    return html`${data}
      ${ownLog
        ? html`<p class="log-link"><button type="button" class="btn btn--secondary" @click=${() => this.#openLog(item.id)}>${this.i18n.t('catalog.log.ofItem')}</button></p>`
        : nothing}
      ${sharing ? this.#access.renderForm(item) : mayRequestOpen && !granted ? this.#access.renderForm(item, 'open') : nothing}`;
  }

  #openLog(itemId?: string): void {
    this._view = 'log';
    this.#log.open(itemId);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#log-heading')?.focus());
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-item-select': CustomEvent<{ id: string }>;
    'egov-access-request': CustomEvent<{ itemId: string; requestId: string; status: AccessRequestStatus }>;
  }
}
