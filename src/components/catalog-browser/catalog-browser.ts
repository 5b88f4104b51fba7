import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { HeadingLevelController } from '../../controllers/heading-level';
import { MediaQueryController } from '../../controllers/media-query';
import { ApiError } from '../../services/api-client';
import { createCatalogSource, type CatalogSource, type CatalogSourceKind } from '../../services/catalog-sources/source';
import { currentSubject } from '../../services/session';
import type { AccessRequestStatus, CatalogItem, CatalogPage, CatalogQuery } from '../../core/catalog-types';
import { boundPageSize, cutQueryText, defaultCatalogQuery, isCatalogSort, MAX_QUERY_CHARS } from '../../core/catalog-query';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { catalogBrowserStyles } from './catalog-browser.styles';
import { AccessController } from './access-controller';
import { SearchController } from './search-controller';
import { CatalogResultsView, pagesOf } from './results-view';
import { CatalogDetailView } from './detail-view';
import { downloadFile, exportFile, type ExportKind } from './catalog-download';
import { searchKey, UrlStateController, type CatalogUrlState, type FilterKey, type HistoryMode } from './url-state';
import { DataAccessController } from './data-access';
import { LazyAccessLog } from './lazy-log';
import { CatalogCommentsController, catalogCommentsStyles } from './catalog-comments';
import type { DataHost } from './data-preview';
import { dataSentence } from '../../internal/lang-parts';
import '../../i18n/catalog';
import '../../i18n/catalog-data';

/** Longest search text sent to the server; longer input is cut and the user told so. */
export const MAX_QUERY_LENGTH = MAX_QUERY_CHARS;
const NARROW = '(max-width: 640px)';
const { scope: _scope, pageSize: _pageSize, ...DEFAULT_QUERY } = defaultCatalogQuery();
const EMPTY_STATE: CatalogUrlState = { ...DEFAULT_QUERY, item: undefined };

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
  @state() private _view: 'catalog' | 'requests' | 'review' | 'log' = 'catalog';
  @state() private _signedIn = false;
  @state() private _signIn = false;
  @state() private _truncated = false;

  readonly #announcer = new AnnounceController(this);
  readonly #url = new UrlStateController(this, () => this.#onPopState());
  #source: CatalogSource | undefined;
  #startGen = 0;
  #typingEntry = false;
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
    level: () => this.#headings.base,
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

  readonly #headings = new HeadingLevelController(this, { max: 5 });
  readonly #narrow = new MediaQueryController(this, NARROW);

  readonly #results = new CatalogResultsView({
    i18n: this.i18n,
    headings: this.#headings,
    search: this.#search,
    renderRoot: () => this.renderRoot,
    requestUpdate: () => this.requestUpdate(),
    state: () => this._state,
    text: () => this._text,
    truncated: () => this._truncated,
    narrow: () => this.#narrow.matches,
    mode: () => this.mode,
    query: () => this.#queryOf(this._state),
    heading: (level, text, id, focusable) => this.#heading(level, text, id, focusable),
    renderDetail: () => this.#detail.render(),
    requestBadge: (id) => this.#requestBadge(id),
    onInput: (event) => this.#onInput(event),
    onSubmit: (event) => this.#onSubmit(event),
    onSort: (event) => this.#onSort(event),
    toggle: (key, value, on) => this.#toggle(key, value, on),
    removeChip: (key, value, index) => this.#removeChip(key, value, index),
    clearFilters: () => this.#clearFilters(),
    clearSearch: () => this.#clearSearch(),
    goToPage: (page) => this.#goToPage(page),
    openItem: (id) => this.#openDetail(id, 'push'),
    itemHref: (id) => this.#itemHref(id),
    download: (kind) => this.#download(kind),
  });

  readonly #detail = new CatalogDetailView({
    i18n: this.i18n,
    headings: this.#headings,
    renderRoot: () => this.renderRoot,
    requestUpdate: () => this.requestUpdate(),
    updateComplete: () => this.updateComplete,
    announce: (message) => this.#announcer.announce(message),
    source: () => this.#source,
    scope: () => (this.mode === 'sharing' ? 'sharing' : 'open'),
    openId: () => this._state.item,
    heading: (level, text, id, focusable) => this.#heading(level, text, id, focusable),
    close: () => this.#closeDetail(),
    download: (kind) => this.#download(kind),
    renderData: (item, level) => this.#renderData(item, level),
    renderComments: (item, level) => this.#comments.render(item, level),
  });

  /** The entry whose detail is on screen, in the catalog view. */
  #openItem(): CatalogItem | undefined {
    const item = this.#detail.item;
    return this._state.item && item?.id === this._state.item && this._view === 'catalog' ? item : undefined;
  }

  readonly #dataHost: DataHost = {
    t: (key, params) => this.i18n.t(key, params),
    number: (value) => this.i18n.number(value),
    date: (value, style) => this.i18n.date(value, style),
    error: (error) => this.i18n.error(error),
    list: (items) => new Intl.ListFormat(this.i18n.locale, { type: 'conjunction' }).format(items),
    announce: (message) => this.#announcer.announce(message),
    heading: (level, text, id, focusable) => this.#heading(level, text, id, focusable),
    sentence: (key, params) => dataSentence(this.i18n, key, params),
    level: () => this.#headings.base,
    client: () => this.config.client,
  };

  readonly #data = new DataAccessController(this, {
    ...this.#dataHost,
    item: () => this.#openItem(),
    hasData: () => this.#source?.kind === 'egov',
  });

  readonly #log = new LazyAccessLog(this, {
    ...this.#dataHost,
    loadFieldLabels: async (itemIds) => void (await this.#access.loadFieldLabels(itemIds)),
    fieldName: (itemId, code) => this.#access.fieldName(itemId, code),
  });

  readonly #comments = new CatalogCommentsController(this, {
    ...this.#dataHost,
    item: () => this.#openItem(),
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
    } else {
      this.#setText(this.query);
      this._state = { ...EMPTY_STATE, q: this._text };
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#detail.abort();
  }

  /** Waits for the staff views' code too while it loads, so `updateComplete` means what is on screen. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    const waited = [await this.#log.settled(), await this.#access.settled()];
    return waited.some(Boolean) ? super.getUpdateComplete() : done;
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

  #onPopState = () => {
    this.#typingEntry = false;
    const before = this._state;
    this.#applyUrl();
    const after = this._state;
    if (searchKey(before) !== searchKey(after)) void this.#search.run(this.#queryOf(after));
    if (after.item !== before.item) {
      if (after.item) this.#detail.load(after.item);
      else this.#afterDetailClosed(before.item);
    }
  };

  #applyUrl(): void {
    const next = this.#url.read();
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
    if (this._state.item) this.#detail.load(this._state.item);
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

  /** Applies a change of search, filters, sort or page and searches at once. */
  #searchNow(patch: Partial<CatalogUrlState>, history: HistoryMode): void {
    this._state = { ...this._state, ...patch };
    this.#url.write(this._state, history);
    if (this.#source && !this._signIn) void this.#search.run(this.#queryOf(this._state));
  }

  #onResult(page: CatalogPage, query: CatalogQuery): void {
    const pages = pagesOf(page);
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

  // ---- search box -------------------------------------------------------------------

  #onInput = (event: Event) => {
    this.#setText((event.target as HTMLInputElement).value);
    const text = this._text;
    const history: HistoryMode = this.#typingEntry ? 'replace' : 'push';
    const query = this.#queryOf({ ...this._state, q: text, page: 1 });
    if (!this.#source || this._signIn) return;
    this.#search.schedule(query, () => {
      this._state = { ...this._state, q: text, page: 1 };
      this.#url.write(this._state, history);
      this.#typingEntry = true;
    });
  };

  #onSubmit = (event: Event) => {
    event.preventDefault();
    const history: HistoryMode = this.#typingEntry ? 'replace' : 'push';
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

  #openDetail(id: string, history: HistoryMode): void {
    this.#typingEntry = false;
    this.#returnFocusTo = id;
    this._state = { ...this._state, item: id };
    this.#url.write(this._state, history);
    this.emit('egov-item-select', { id });
    this.#detail.load(id);
  }


  #closeDetail = () => {
    const id = this._state.item;
    this.#detail.abort();
    this._state = { ...this._state, item: undefined };
    this.#url.write(this._state, 'push');
    this.#afterDetailClosed(id);
  };

  #afterDetailClosed(id: string | undefined): void {
    this.#detail.stop();
    const target = this.#returnFocusTo ?? id;
    this.#returnFocusTo = undefined;
    void this.updateComplete.then(() => {
      const link = target ? [...this.renderRoot.querySelectorAll<HTMLElement>('.item-link')].find((a) => a.dataset.id === target) : undefined;
      (link ?? this.renderRoot.querySelector<HTMLElement>('#results-heading'))?.focus();
    });
  }


  #itemHref(id: string): string {
    return this.#url.href({ ...this._state, item: id });
  }

  // ---- downloads (Art. 27) ----------------------------------------------------------

  async #download(kind: ExportKind): Promise<void> {
    const items = kind === 'dcat' ? (this.#detail.item ? [this.#detail.item] : []) : (this.#search.result?.items ?? []);
    if (!items.length) return;
    // An entry of this catalog is described with its API's links, as GET /catalog/dcat.jsonld does.
    const file = await exportFile(kind, items, this.#source?.kind === 'egov' ? { apiBase: this.config.client.url('') } : {});
    downloadFile(this.renderRoot as ShadowRoot, file);
    this.#announcer.announce(this.i18n.t('catalog.export.done', { file: file.name }));
  }

  // ---- rendering --------------------------------------------------------------------

  #heading(level: number, text: unknown, id?: string, focusable = false): TemplateResult {
    return html`<div role="heading" aria-level=${Math.min(6, level)} class="h h${Math.min(6, level)}" id=${ifDefined(id)} tabindex=${ifDefined(focusable ? '-1' : undefined)}>${text}</div>`;
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
              : this.#results.render()}
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

  /** In the sharing catalog: where my latest request for this entry stands. */
  #requestBadge(id: string) {
    if (this.mode !== 'sharing' || this.#access.isReviewer) return nothing;
    const latest = (this.#access.requests ?? []).find((r) => r.itemId === id);
    return latest ? html` <span class="badge badge--${latest.status}">${this.i18n.t('catalog.requests.badge', { status: this.#access.statusLabel(latest.status) })}</span>` : nothing;
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
