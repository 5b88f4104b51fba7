import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { FocusController } from '../../controllers/focus-controller';
import { HeadingLevelController } from '../../controllers/heading-level';
import { ApiError, isAbortError } from '../../services/api-client';
import { currentSubject as currentViewer } from '../../services/session';
import {
  CATALOGUE_ENTRY_STATUSES,
  countEntries,
  getEntry,
  listEntries,
  type CatalogueEntryDetail,
  type CatalogueEntryInput,
  type CatalogueEntryPage,
  type CatalogueEntryStatus,
} from '../../services/catalog-entries';
import { entryStatusBadge, publishedVersion, renderDiff, renderHistory } from './entry-parts';
import { EDITABLE, type Busy, type EditorContext } from './editor-context';
import { EntryFormController } from './entry-form';
import { ImportController } from './entry-import';
import { WithdrawController } from './entry-withdraw';
import { ReviewController } from './entry-review';
import { formatNumber } from '../../core/i18n';
// The element's entry (src/catalog-editor.ts) registers the async state, the alert and the fields it renders.
import '../../i18n/catalog';
import '../../i18n/catalog-editor';

type Load<T> = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };
type Role = 'steward' | 'review';

/**
 * The body of `<egov-catalog-editor>` (catalog-editor.ts): its rendering and logic, loaded
 * when the element is first connected (src/controllers/lazy-body.ts). Rendered into the
 * element's shadow root without a shadow root of its own, so the element's styles, parts and
 * focus apply; its events bubble out of the element as the element's.
 * @internal
 */
export class CatalogEditorBody extends EgovElement {
  /** No shadow root: the content is the element's, in its shadow root. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** `steward` or `review`; empty: chosen by the signed-in subject's kind. */
  @property() mode: '' | Role = '';
  /** Entries per page of the list. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** The id of an entry to open at once (a deep link). */
  @property({ attribute: 'entry' }) entryId = '';
  /** Level of the element's main heading (2 by default); sub-headings one below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private _access: 'checking' | 'signed-out' | 'forbidden' | 'ready' = 'checking';
  @state() private _role: Role = 'steward';
  @state() private _status: CatalogueEntryStatus | '' = '';
  @state() private _page = 1;
  @state() private _list: Load<CatalogueEntryPage> = { state: 'idle' };
  @state() private _counts: Record<string, number> | undefined;

  /** The entry open: undefined = the list; 'new' = a draft not yet saved. */
  @state() private _entry: Load<CatalogueEntryDetail> | 'new' | undefined;
  @state() private _busy: Busy = '';
  @state() private _actionError: unknown;
  @state() private _notice = '';

  readonly #announcer = new AnnounceController(this);
  readonly #focus = new FocusController(this);
  readonly #headings = new HeadingLevelController(this);
  #abort?: AbortController;
  #lastRow = '';
  /** Changes not yet saved, by entry id ('new' for a draft never saved): leaving an entry keeps them for its return. */
  readonly #unsaved = new Map<string, CatalogueEntryInput>();
  /** The signed-in subject's agency. */
  #agencyCode: string | null = null;

  /** What the parts of an open entry share with the body. */
  readonly #ctx: EditorContext = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessors below reach the body's protected and private members
    const body = this;
    return {
      host: body,
      get client() { return body.config.client; },
      get i18n() { return body.i18n; },
      headings: body.#headings,
      get current() { return body.#current; },
      get agencyCode() { return body.#agencyCode; },
      get busy() { return body._busy; },
      set busy(value: Busy) { body._busy = value; },
      get actionError() { return body._actionError; },
      set actionError(value: unknown) { body._actionError = value; },
      get notice() { return body._notice; },
      set notice(value: string) { body._notice = value; },
      announce: (message) => body.#announcer.announce(message),
      focus: (selector) => body.#focus.focus(selector),
      emit: (type, detail) => body.emit(type, detail),
      saved: (entry) => body.#saved(entry),
      acted: (entry, notice, tell) => body.#acted(entry, notice, tell),
      failed: (error) => body.#failed(error),
      refresh: (id) => body.#refresh(id),
    };
  })();

  readonly #form = new EntryFormController(this.#ctx);
  readonly #import = new ImportController(this.#ctx);
  readonly #withdraw = new WithdrawController(this.#ctx);
  readonly #review = new ReviewController(this.#ctx);

  constructor() {
    super();
    this.config.onChange(() => void this.#init());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._access === 'checking') void this.#init();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('entryId') && changed.get('entryId') !== undefined && this._access === 'ready') {
      if (this.entryId) void this.openEntry(this.entryId);
      else this.#closeEntry();
    }
    if (changed.has('mode') && changed.get('mode') !== undefined) void this.#init();
  }

  async #init(): Promise<void> {
    const client = this.config.client;
    // Whoever signs in next sees nothing of the last person's work.
    this.#abort?.abort();
    this._entry = undefined;
    this._list = { state: 'idle' };
    this._counts = undefined;
    this.#unsaved.clear();
    this._access = 'checking';
    try {
      const subject = await currentViewer(client);
      const role: Role | undefined = this.mode || (subject.kind === 'steward' ? 'steward' : subject.kind === 'data-office' ? 'review' : undefined);
      const allowed = role === 'steward' ? subject.kind === 'steward' : role === 'review' ? subject.kind === 'data-office' : false;
      if (!role || !allowed) {
        this._access = 'forbidden';
        return;
      }
      this._role = role;
      this.#agencyCode = subject.agencyCode;
      this._status = role === 'review' ? 'submitted' : '';
      this._access = 'ready';
    } catch (error) {
      this._access = error instanceof ApiError && error.status === 401 ? 'signed-out' : 'ready';
      if (this._access !== 'ready') return;
    }
    if (this.entryId) void this.openEntry(this.entryId);
    await this.#loadList();
  }

  async #loadList(options: { quiet?: boolean } = {}): Promise<void> {
    const client = this.config.client;
    if (!options.quiet || this._list.state !== 'ready') this._list = { state: 'loading' };
    try {
      const [page, counts] = await Promise.all([
        listEntries(client, { status: this._status, page: this._page, pageSize: this.pageSize }),
        this._role === 'steward' ? countEntries(client, CATALOGUE_ENTRY_STATUSES).catch(() => undefined) : Promise.resolve(undefined),
      ]);
      this._list = { state: 'ready', value: page };
      this._counts = counts;
      if (!this._entry) this.#announcer.announce(this.i18n.t(this._role === 'review' ? 'editor.queue.loaded' : 'editor.list.loaded', { count: page.total }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this._access = 'signed-out';
      else if (error instanceof ApiError && error.status === 403) this._access = 'forbidden';
      this._list = { state: 'error', error };
    }
  }

  #setStatus(status: CatalogueEntryStatus | ''): void {
    this._status = status;
    this._page = 1;
    void this.#loadList({ quiet: true });
  }

  #goPage(page: number): void {
    this._page = page;
    this.#focus.focus('#list-heading');
    void this.#loadList();
  }

  // ---- opening an entry ----

  #resetEntryState(): void {
    this.#form.reset();
    this._actionError = undefined;
    this._notice = '';
    this.#import.reset();
    this.#withdraw.reset();
    this.#review.reset();
  }

  /** Starts a new draft (nothing is sent until it is saved). */
  newEntry(): void {
    this.#abort?.abort();
    this.#resetEntryState();
    this.#form.start();
    this._entry = 'new';
    this.#restoreUnsaved('new');
    this.#focus.focus('#entry-heading');
  }

  /** Opens an entry: its attributes, fields, history and versions. */
  async openEntry(id: string): Promise<void> {
    this.#abort?.abort();
    const { signal } = (this.#abort = new AbortController());
    this.#resetEntryState();
    this.#lastRow = id;
    this._entry = { state: 'loading' };
    this.#focus.focus('#entry-heading');
    try {
      const entry = await getEntry(this.config.client, id, signal);
      if (signal.aborted) return;
      this.#show(entry);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) this._access = 'signed-out';
      this._entry = { state: 'error', error };
      this.#announcer.announce(this.i18n.error(error));
    }
  }

  #show(entry: CatalogueEntryDetail): void {
    this._entry = { state: 'ready', value: entry };
    this.#form.load(entry);
    if (EDITABLE.includes(entry.status) && this._role === 'steward') this.#restoreUnsaved(entry.id);
  }

  #restoreUnsaved(key: string): void {
    const kept = this.#unsaved.get(key);
    if (!kept) return;
    this.#form.restore(kept);
    this._notice = this.i18n.t('editor.form.restored');
    this.#announcer.announce(this._notice);
  }

  #closeEntry(): void {
    this.#abort?.abort();
    const key = this.#current?.id ?? (this._entry === 'new' ? 'new' : undefined);
    if (key && this.#form.state.dirty) this.#unsaved.set(key, this.#form.state.input);
    this._entry = undefined;
    void this.#loadList({ quiet: true });
    this.#focus.focus(this.#lastRow ? `[data-open="${CSS.escape(this.#lastRow)}"]` : '#list-heading');
  }

  get #current(): CatalogueEntryDetail | undefined {
    const e = this._entry;
    return e && e !== 'new' && e.state === 'ready' ? e.value : undefined;
  }

  // ---- what the parts of an entry report ----

  #saved(entry: CatalogueEntryDetail): void {
    this._entry = { state: 'ready', value: entry };
    this.#unsaved.delete('new');
    this.#unsaved.delete(entry.id);
  }

  #acted(entry: CatalogueEntryDetail, notice: string, tell?: () => void): void {
    this._entry = { state: 'ready', value: entry };
    this._notice = notice;
    tell?.();
    this.#announcer.announce(notice);
    this.#focus.focus('#notice');
    void this.#refresh(entry.id);
  }

  #failed(error: unknown): void {
    if (this.#form.refused(error)) return;
    const api = error instanceof ApiError ? error : undefined;
    if (api?.status === 401) this._access = 'signed-out';
    this._actionError = error;
    this.#announcer.announce(this.i18n.error(error));
    this.#focus.focus('#action-error');
    // The entry moved on meanwhile (submitted, reviewed, withdrawn elsewhere): show it as it is now.
    const id = this.#current?.id;
    if (api?.status === 409 && id) void this.#refresh(id);
  }

  /** Reads the entry again (its history and versions), keeping what is shown meanwhile. */
  async #refresh(id: string): Promise<void> {
    try {
      const fresh = await getEntry(this.config.client, id);
      if (this.#current?.id !== id) return;
      this._entry = { state: 'ready', value: fresh };
      this.#form.reread(fresh);
    } catch {
      // The entry shown stays; the next action reads it again.
    }
  }

  // ---- rendering ----

  override render() {
    return html`<div lang=${this.i18n.locale}>${this.#announcer.region()}${this.#body()}</div>`;
  }

  #body() {
    const { t } = this.i18n;
    if (this._access === 'checking') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (this._access === 'signed-out') return html`<egov-alert variant="info" heading=${t('editor.signIn.title')}>${t('editor.signIn.body')}</egov-alert>`;
    if (this._access === 'forbidden') {
      return html`<egov-alert variant="warning" heading=${t('editor.forbidden.title')}>${t(this.mode === 'review' ? 'editor.forbidden.review' : 'editor.forbidden.body')}</egov-alert>`;
    }
    if (this._entry) return this.#renderEntry(this._entry);
    return this.#renderList();
  }

  #renderList() {
    const { t, date } = this.i18n;
    const list = this._list;
    const review = this._role === 'review';
    const statuses: Array<CatalogueEntryStatus | ''> = ['', ...CATALOGUE_ENTRY_STATUSES];
    const total = this._counts ? Object.values(this._counts).reduce((a, b) => a + b, 0) : undefined;
    return html`<section part="entry-list" aria-labelledby="list-heading">
      <h2 id="list-heading" tabindex="-1" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${t(review ? 'editor.queue.title' : 'editor.list.title')}</h2>
      ${review ? html`<p class="muted">${t('editor.queue.intro')}</p>` : html`<div class="actions">
        <button type="button" class="btn" id="new-entry" @click=${() => this.newEntry()}>${t('editor.list.new')}</button>
      </div>
      <div class="status-filter" role="group" aria-label=${t('editor.list.byStatus')}>
        ${statuses.map((s) => {
          const count = s ? this._counts?.[s] : total;
          return html`<button type="button" class="btn btn--secondary btn--small" data-status-filter=${s || 'all'} aria-pressed=${this._status === s ? 'true' : 'false'}
            @click=${() => this.#setStatus(s)}>${t(s ? 'editor.status.' + s : 'editor.list.all')}${count === undefined ? nothing : html` <span class="count">(${count})</span>`}</button>`;
        })}
      </div>`}
      ${list.state === 'error'
        ? html`<egov-async-state state="error" message=${this.i18n.error(list.error)} @egov-retry=${() => void this.#loadList()}></egov-async-state>`
        : list.state !== 'ready'
          ? html`<egov-async-state state="loading"></egov-async-state>`
          : !list.value.items.length
            ? html`<egov-async-state state="empty" message=${t(review ? 'editor.queue.empty' : this._status ? 'editor.list.emptyStatus' : 'editor.list.empty', { status: this._status ? t('editor.status.' + this._status) : '' })}></egov-async-state>`
            : html`<div class="table-scroll"><table class="stack">
                <caption class="sr-only">${t(review ? 'editor.queue.caption' : 'editor.list.caption', { count: list.value.total })}</caption>
                <thead><tr>
                  <th scope="col">${t('editor.attr.name')}</th>
                  ${review ? html`<th scope="col">${t('editor.agency')}</th>` : nothing}
                  <th scope="col">${t('editor.status')}</th><th scope="col">${t('editor.version')}</th><th scope="col">${t('editor.updatedAt')}</th>
                </tr></thead>
                <tbody>${list.value.items.map((e) => html`<tr data-entry=${e.id} data-status=${e.status}>
                  <th scope="row" data-label=${t('editor.attr.name')}>
                    <button type="button" class="btn btn--link" data-open=${e.id} lang=${ifDefined(this.i18n.dataLang(e.name))}
                      @click=${() => { this.#lastRow = e.id; void this.openEntry(e.id); }}>${e.name || t('editor.untitled')}</button>
                    <div class="mono muted" translate="no">${e.id}</div>
                  </th>
                  ${review ? html`<td data-label=${t('editor.agency')} lang=${ifDefined(this.i18n.dataLang(e.agency?.name))}>${e.agency?.name ?? ''}</td>` : nothing}
                  <td data-label=${t('editor.status')}>${entryStatusBadge(e.status, t)}</td>
                  <td data-label=${t('editor.version')}>${e.version}</td>
                  <td data-label=${t('editor.updatedAt')}>${e.updatedAt ? date(e.updatedAt, 'datetime') : ''}</td>
                </tr>`)}</tbody>
              </table></div>
              ${this.#renderPager(list.value)}`}
    </section>`;
  }

  #renderPager(page: CatalogueEntryPage) {
    const { t } = this.i18n;
    const pages = Math.max(1, Math.ceil(page.total / (page.pageSize || this.pageSize)));
    if (pages <= 1) return nothing;
    return html`<nav class="pager" aria-label=${t('editor.list.paging')}>
      <button type="button" class="btn btn--secondary" ?disabled=${page.page <= 1} @click=${() => this.#goPage(page.page - 1)}>${t('editor.list.previous')}</button>
      <span aria-current="page">${t('editor.list.page', { page: page.page, pages })}</span>
      <button type="button" class="btn btn--secondary" ?disabled=${page.page >= pages} @click=${() => this.#goPage(page.page + 1)}>${t('editor.list.next')}</button>
    </nav>`;
  }

  #renderEntry(load: Load<CatalogueEntryDetail> | 'new') {
    const { t, date } = this.i18n;
    const back = html`<button type="button" class="btn btn--link" id="back" @click=${() => this.#closeEntry()}><span aria-hidden="true">← </span>${t(this._role === 'review' ? 'editor.backQueue' : 'editor.back')}</button>`;
    if (load !== 'new' && load.state !== 'ready') {
      return html`${back}<h2 id="entry-heading" tabindex="-1" class="sr-only" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${t('editor.entry')}</h2>
        ${load.state === 'error'
          ? html`<egov-async-state state="error" message=${this.i18n.error(load.error)} @egov-retry=${() => void this.openEntry(this.#lastRow || this.entryId)}></egov-async-state>`
          : html`<egov-async-state state="loading"></egov-async-state>`}`;
    }
    const entry = load === 'new' ? undefined : load.value;
    const published = entry ? publishedVersion(entry) : undefined;
    const returned = entry?.status === 'returned' ? entry.reason ?? [...(entry.history ?? [])].reverse().find((h) => h.action === 'returned')?.reason : undefined;
    const sub = this.#headings.ariaLevel(1);
    return html`${back}
      <article class="entry" aria-labelledby="entry-heading" data-status=${entry?.status ?? 'new'}>
        <h2 id="entry-heading" tabindex="-1" aria-level=${ifDefined(this.#headings.ariaLevel(0))} lang=${ifDefined(entry ? this.i18n.dataLang(entry.name) : undefined)}>${entry ? entry.name || t('editor.untitled') : t('editor.new.title')}</h2>
        ${this._notice ? html`<div id="notice" class="alert alert--success notice" role="status" tabindex="-1"><p>${this._notice}</p></div>` : nothing}
        ${this._actionError ? html`<div id="action-error" class="alert alert--error notice" role="alert" tabindex="-1"><p class="alert__title">${t('error.title')}</p><p>${this.i18n.error(this._actionError)}</p></div>` : nothing}
        ${entry ? html`<dl class="facts panel">
          <dt>${t('editor.id')}</dt><dd class="mono" translate="no">${entry.id}</dd>
          <dt>${t('editor.agency')}</dt><dd lang=${ifDefined(this.i18n.dataLang(entry.agency?.name))}>${entry.agency?.name ?? ''}</dd>
          <dt>${t('editor.status')}</dt><dd>${entryStatusBadge(entry.status, t)}</dd>
          <dt>${t('editor.version')}</dt><dd>${entry.version}</dd>
          ${entry.updatedAt ? html`<dt>${t('editor.updatedAt')}</dt><dd>${date(entry.updatedAt, 'datetime')}</dd>` : nothing}
          <dt>${t('editor.rowCount')}</dt><dd>${formatNumber(this.i18n.locale, entry.rowCount ?? 0)}${entry.importedRows !== null && entry.importedRows !== undefined
            ? html`<br /><span class="muted" data-imported-rows=${entry.importedRows}>${t('editor.importedRows', { rows: formatNumber(this.i18n.locale, entry.importedRows), count: entry.importedRows })}</span>` : nothing}</dd>
        </dl>` : html`<p class="muted">${t('editor.new.intro')}</p>`}
        ${returned ? html`<div class="alert alert--warning notice"><p class="alert__title">${t('editor.returned.title')}</p><p lang=${ifDefined(this.i18n.dataLang(returned))}>${returned}</p></div>` : nothing}
        ${this._role === 'review' ? this.#form.renderReadOnly(entry!) : this.#form.render(entry)}
        ${entry && published ? renderDiff(published, { ...this.#form.state.input }, t, sub) : nothing}
        ${entry && !published && this._role === 'review' ? html`<p class="muted" data-first-version>${t('editor.diff.firstVersion')}</p>` : nothing}
        ${entry && this._role === 'steward' ? this.#import.render(entry) : nothing}
        ${entry && this._role === 'steward' ? this.#withdraw.render(entry) : nothing}
        ${entry && this._role === 'review' ? this.#review.render(entry) : nothing}
        ${entry ? renderHistory(entry.history ?? [], t, date, sub, this.i18n.dataLang) : nothing}
      </article>`;
  }

}

if (!customElements.get('egov-catalog-editor-body')) customElements.define('egov-catalog-editor-body', CatalogEditorBody);
