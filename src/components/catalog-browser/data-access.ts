import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { isAbortError } from '../../services/api-client';
import { downloadGranted, downloadUrl, grantFor, grantValid, listGrants, openToAll, rowsUrl, type DataFormat } from '../../services/catalog-data';
import type { AccessRequest, CatalogItem, DataPage, Grant } from '../../core/catalog-types';
import { DataPreviewController, PREVIEW_PAGE_SIZE, type DataHost, type HostElement } from './data-preview';
import { saveBlob } from '../../services/save-blob';

interface DataAccessHost extends DataHost {
  /** The entry whose detail is shown, once loaded. */
  item: () => CatalogItem | undefined;
  /** Whether the source has data behind its entries (our API does; CKAN and DCAT catalogues are described only). */
  hasData: () => boolean;
}

interface CallForm {
  itemId: string;
  fields: Set<string>;
  filterField: string;
  filterValue: string;
  seeded: boolean;
  error: string | undefined;
  running: boolean;
}

const FORMATS: readonly DataFormat[] = ['csv', 'json'];

/**
 * The data behind an entry for whoever may see it (SPEC §7): everyone for data open to all
 * (Art. 24–27), a grant holder otherwise (Art. 23) — the preview, the downloads (part
 * `data-download`), the grant and its request-response call with a filled example.
 */
export class DataAccessController implements ReactiveController {
  readonly #host: HostElement;
  readonly #api: DataAccessHost;
  readonly preview: DataPreviewController;
  grants: Grant[] | undefined;
  grantsStatus: 'idle' | 'loading' | 'error' = 'idle';
  grantsError: unknown;
  #grantsAbort: AbortController | undefined;
  #opening: string | undefined;
  #call: CallForm | undefined;
  #downloading: DataFormat | undefined;
  #downloadError: unknown;

  constructor(host: HostElement, api: DataAccessHost) {
    this.#host = host;
    this.#api = api;
    this.preview = new DataPreviewController(host, api);
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#grantsAbort?.abort();
  }

  /** Forget the last person's grants and what was shown to them. */
  reset(): void {
    this.#grantsAbort?.abort();
    this.grants = undefined;
    this.grantsStatus = 'idle';
    this.preview.reset();
    this.#opening = undefined;
    this.#call = undefined;
    this.#downloadError = undefined;
  }

  async loadGrants(): Promise<void> {
    this.#grantsAbort?.abort();
    const abort = (this.#grantsAbort = new AbortController());
    this.grantsStatus = 'loading';
    try {
      this.grants = await listGrants(this.#api.client(), abort.signal);
      this.grantsStatus = 'idle';
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      // Without the list the entry still shows; only a grant holder's data waits for a retry.
      this.grantsError = error;
      this.grantsStatus = 'error';
    }
    this.#host.requestUpdate();
  }

  /** How the signed-in person reaches this entry's data: open to all, under a grant, or not at all. */
  accessOf(item: CatalogItem): { kind: 'open' } | { kind: 'grant'; grant: Grant } | { kind: 'none' } {
    if (!this.#api.hasData()) return { kind: 'none' };
    if (openToAll(item)) return { kind: 'open' };
    const grant = grantFor(this.grants, item.id);
    return grant ? { kind: 'grant', grant } : { kind: 'none' };
  }

  /** The grant an approved request made, for the list of my requests. */
  grantOfRequest(request: AccessRequest): Grant | undefined {
    return (this.grants ?? []).find((g) => g.requestId === request.id || (request.grantId !== undefined && g.id === request.grantId));
  }

  hostUpdated(): void {
    const item = this.#api.item();
    if (!item || this.accessOf(item).kind === 'none') return;
    if (this.preview.itemId === item.id || this.#opening === item.id) return;
    this.#opening = item.id;
    // After this update, not inside it: loading sets state that renders again.
    queueMicrotask(() => void this.#openPreview(item));
  }

  async #openPreview(item: CatalogItem): Promise<void> {
    const page = await this.preview.load(item.id, { page: 1, pageSize: PREVIEW_PAGE_SIZE });
    if (this.#opening === item.id) this.#opening = undefined;
    if (page) this.#seedCall(item, page);
  }

  // ---- the request-response call (Art. 23) --------------------------------------------

  #grantedFields(item: CatalogItem, grant: Grant): string[] {
    return grant.fields.length ? grant.fields : (item.fields ?? []).map((f) => f.name);
  }

  /** Fields a filter may use: a masked field cannot be matched (SPEC §7). */
  #filterable(item: CatalogItem, grant: Grant): string[] {
    const granted = this.#grantedFields(item, grant);
    if (!grant.desensitized) return granted;
    return granted.filter((name) => {
      const sensitivity = item.fields?.find((f) => f.name === name)?.sensitivity;
      return !sensitivity || sensitivity === 'none';
    });
  }

  #callFor(item: CatalogItem, grant: Grant): CallForm {
    if (this.#call?.itemId !== item.id) {
      this.#call = { itemId: item.id, fields: new Set(this.#grantedFields(item, grant)), filterField: '', filterValue: '', seeded: false, error: undefined, running: false };
    }
    return this.#call;
  }

  /** The filled example: a filter on the first unmasked field with the value of the first row shown. */
  #seedCall(item: CatalogItem, page: DataPage): void {
    const access = this.accessOf(item);
    if (access.kind !== 'grant') return;
    const form = this.#callFor(item, access.grant);
    if (form.seeded) return;
    const first = page.rows[0];
    const field = first ? this.#filterable(item, access.grant).find((name) => first[name] !== null && first[name] !== undefined && first[name] !== '') : undefined;
    form.seeded = true;
    if (field && first) {
      form.filterField = field;
      form.filterValue = String(first[field]);
    }
    this.#host.requestUpdate();
  }

  #callQuery(form: CallForm) {
    return {
      fields: [...form.fields],
      ...(form.filterField ? { filter: { [form.filterField]: form.filterValue } } : {}),
      pageSize: PREVIEW_PAGE_SIZE,
    };
  }

  async #tryCall(event: Event, item: CatalogItem, form: CallForm): Promise<void> {
    event.preventDefault();
    if (form.running) return;
    form.error = form.filterField && !form.filterValue.trim() ? this.#api.t('catalog.call.valueRequired') : undefined;
    if (form.error) {
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      this.#host.renderRoot.querySelector<HTMLElement>('#call-value')?.focus();
      return;
    }
    form.running = true;
    this.#host.requestUpdate();
    await this.preview.load(item.id, { ...this.#callQuery(form), page: 1 }, (page) => this.#api.t('catalog.call.answered', { count: this.#api.number(page.total) }));
    form.running = false;
    this.#host.requestUpdate();
  }

  #showAll(item: CatalogItem): void {
    void this.preview.load(item.id, { page: 1, pageSize: PREVIEW_PAGE_SIZE }, (page) => this.#api.t('catalog.preview.status', {
      from: this.#api.number(page.rows.length ? 1 : 0), to: this.#api.number(page.rows.length), total: this.#api.number(page.total),
    }));
  }

  // ---- downloads (Art. 23, 27) --------------------------------------------------------

  async #downloadGranted(item: CatalogItem, format: DataFormat): Promise<void> {
    if (this.#downloading) return;
    this.#downloading = format;
    this.#downloadError = undefined;
    this.#host.requestUpdate();
    try {
      const file = await downloadGranted(this.#api.client(), item.id, format);
      saveBlob(file.blob, file.name, this.#host.renderRoot);
      this.#api.announce(this.#api.t('catalog.download.done', { file: file.name }));
    } catch (error) {
      this.#downloadError = error;
    } finally {
      this.#downloading = undefined;
      this.#host.requestUpdate();
    }
  }

  #rowCount(item: CatalogItem): number | undefined {
    if (typeof item.rowCount === 'number') return item.rowCount;
    const page = this.preview.itemId === item.id ? this.preview.page : undefined;
    return page && !this.preview.filtered ? page.total : undefined;
  }

  #renderDownloads(item: CatalogItem, level: number, grant: Grant | undefined): TemplateResult {
    const { t } = this.#api;
    const count = this.#rowCount(item);
    const shown = count === undefined ? '—' : this.#api.number(count);
    const label = (format: DataFormat) => t(format === 'csv' ? 'catalog.download.csvLabel' : 'catalog.download.jsonLabel', { count: shown });
    return html`<section part="data-download" class="data-download" aria-labelledby="download-heading">
      ${this.#api.heading(level, t('catalog.download.heading'), 'download-heading')}
      ${count === undefined ? nothing : html`<p class="download-count">${t('catalog.download.count', { count: shown })}</p>`}
      ${!grant
        ? // Open to all: plain links, so the browser streams even 100,000 rows straight to disk.
          html`<div class="actions">${FORMATS.map((format) => html`<a class="btn btn--secondary btn--small download-link" data-format=${format}
              href=${downloadUrl(this.#api.client(), item.id, format)} download aria-label=${label(format)}>${t('catalog.download.' + format)}</a>`)}</div>`
        : grant.copy
          ? html`${grant.desensitized ? html`<p class="hint">${t('catalog.download.masked')}</p>` : nothing}
              ${this.#downloadError ? html`<div class="alert alert--error" role="alert"><p>${this.#api.error(this.#downloadError)}</p></div>` : nothing}
              <div class="actions">${FORMATS.map((format) => html`<button type="button" class="btn btn--secondary btn--small download-button" data-format=${format}
                aria-label=${label(format)} aria-disabled=${this.#downloading ? 'true' : 'false'}
                @click=${() => void this.#downloadGranted(item, format)}>${this.#downloading === format ? t('catalog.download.working') : t('catalog.download.' + format)}</button>`)}</div>`
          : html`<p class="hint no-copy">${t('catalog.download.noCopy')}</p>`}
    </section>`;
  }

  /** The grant's terms: fields, masked or not, copy, valid until. */
  grantFacts(item: CatalogItem | undefined, grant: Grant): TemplateResult {
    const { t } = this.#api;
    const all = !grant.fields.length || (!!item?.fields?.length && item.fields.every((f) => grant.fields.includes(f.name)));
    const labels = all ? [] : grant.fields.map((name) => item?.fields?.find((f) => f.name === name)?.label ?? name);
    return html`<dl class="facts grant-facts">
      <div><dt>${t('catalog.grant.fields')}</dt><dd>${labels.length ? this.#api.list(labels) : t('catalog.grant.allFields')}</dd></div>
      <div><dt>${t('catalog.grant.masked')}</dt><dd>${grant.desensitized ? t('catalog.grant.maskedYes') : t('catalog.grant.maskedNo')}</dd></div>
      <div><dt>${t('catalog.grant.copy')}</dt><dd>${grant.copy ? t('catalog.grant.copyYes') : t('catalog.grant.copyNo')}</dd></div>
      <div><dt>${t('catalog.grant.validUntil')}</dt><dd>${this.#api.date(grant.validUntil)}</dd></div>
      ${grant.purpose ? html`<div><dt>${t('catalog.grant.purpose')}</dt><dd>${grant.purpose}</dd></div>` : nothing}
    </dl>`;
  }

  /** One line for the table of my requests, where an approval used to say only "approved". */
  grantSummary(grant: Grant, fieldName: (code: string) => string = (code) => code): string {
    const { t } = this.#api;
    const expired = grantValid(grant) ? '' : t('catalog.grant.expiredTag');
    return t('catalog.grant.summary', {
      fields: grant.fields.length ? this.#api.list(grant.fields.map(fieldName)) : t('catalog.grant.allFields'),
      masked: grant.desensitized ? t('catalog.grant.maskedYes') : t('catalog.grant.maskedNo'),
      copy: grant.copy ? t('catalog.grant.copyYes') : t('catalog.grant.copyNo'),
      date: this.#api.date(grant.validUntil),
    }) + expired;
  }

  #renderCall(item: CatalogItem, level: number, grant: Grant): TemplateResult {
    const { t } = this.#api;
    const form = this.#callFor(item, grant);
    const granted = this.#grantedFields(item, grant);
    const filterable = this.#filterable(item, grant);
    const labelOf = (name: string) => item.fields?.find((f) => f.name === name)?.label ?? name;
    const url = rowsUrl(this.#api.client(), item.id, this.#callQuery(form));
    return html`<section class="data-call" aria-labelledby="call-heading">
      ${this.#api.heading(level, t('catalog.call.heading'), 'call-heading')}
      <p class="hint">${t('catalog.call.intro')}</p>
      <p class="call-label" id="call-example-label">${t('catalog.call.example')}</p>
      <pre class="call-example" role="region" tabindex="0" aria-labelledby="call-example-label"><code translate="no"><span class="call-url">GET ${url}</span>
${t('catalog.call.header')}: Authorization: Bearer ${t('catalog.call.tokenPlaceholder')}</code></pre>
      <form class="call-form" novalidate @submit=${(e: Event) => void this.#tryCall(e, item, form)}>
        <fieldset class="field checks">
          <legend>${t('catalog.call.fields')}</legend>
          ${granted.map((name) => html`<label class="check">
            <input type="checkbox" name="call-fields" .value=${name} .checked=${form.fields.has(name)}
              @change=${(e: Event) => {
                if ((e.target as HTMLInputElement).checked) form.fields.add(name);
                else if (form.fields.size > 1) form.fields.delete(name);
                else (e.target as HTMLInputElement).checked = true;
                this.#host.requestUpdate();
              }} />
            <span>${labelOf(name)} <span class="code" translate="no">${name}</span></span>
          </label>`)}
        </fieldset>
        <div class="call-filter">
          <div class="field">
            <label for="call-field">${t('catalog.call.filterField')}</label>
            ${grant.desensitized ? html`<span class="hint" id="call-field-hint">${t('catalog.call.filterHint')}</span>` : nothing}
            <select id="call-field" aria-describedby=${grant.desensitized ? 'call-field-hint' : nothing}
              @change=${(e: Event) => {
                form.filterField = (e.target as HTMLSelectElement).value;
                form.error = undefined;
                this.#host.requestUpdate();
              }}>
              <option value="" ?selected=${!form.filterField}>${t('catalog.call.filterNone')}</option>
              ${filterable.map((name) => html`<option value=${name} ?selected=${form.filterField === name}>${labelOf(name)} (${name})</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="call-value">${t('catalog.call.filterValue')}</label>
            ${form.error ? html`<span class="error-text" id="call-value-error">${form.error}</span>` : nothing}
            <input id="call-value" type="text" autocomplete="off" spellcheck="false" maxlength="200" ?disabled=${!form.filterField}
              aria-invalid=${form.error ? 'true' : 'false'} aria-describedby=${form.error ? 'call-value-error' : nothing}
              .value=${form.filterValue}
              @input=${(e: Event) => {
                form.filterValue = (e.target as HTMLInputElement).value;
                this.#host.requestUpdate();
              }} />
          </div>
        </div>
        <button class="btn call-try" type="submit" aria-disabled=${form.running ? 'true' : 'false'}>${form.running ? t('catalog.call.trying') : t('catalog.call.try')}</button>
      </form>
    </section>`;
  }

  // ---- the detail view ----------------------------------------------------------------

  /**
   * What the detail view shows of the data: for data open to all, the preview and the
   * downloads; for a grant holder first the grant and its call, whose answer the preview
   * below shows; otherwise a word on how to
   * get access (`signInNeeded` when a sign-in would let the person ask for it).
   */
  render(item: CatalogItem, level: number, options: { signInNeeded?: boolean; noGrantNotice?: boolean } = {}): TemplateResult | typeof nothing {
    const { t } = this.#api;
    if (!this.#api.hasData()) return nothing;
    const access = this.accessOf(item);
    if (access.kind === 'none') {
      if (options.signInNeeded) return html`<div class="alert alert--info data-sign-in" role="status"><p>${t('catalog.preview.signIn')}</p></div>`;
      if (options.noGrantNotice && this.grantsStatus === 'error') {
        return html`<egov-async-state class="grants-error" state="error" .message=${this.#api.error(this.grantsError)} @egov-retry=${() => void this.loadGrants()}></egov-async-state>`;
      }
      if (options.noGrantNotice && this.grantsStatus !== 'loading') return html`<p class="hint data-no-grant">${t('catalog.preview.noGrant')}</p>`;
      return nothing;
    }
    const grant = access.kind === 'grant' ? access.grant : undefined;
    return html`<div class="data">
      ${grant
        ? html`<section class="grant" aria-labelledby="grant-heading">
            ${this.#api.heading(level, t('catalog.grant.heading'), 'grant-heading')}
            ${this.grantFacts(item, grant)}
          </section>`
        : nothing}
      ${grant ? this.#renderCall(item, level, grant) : nothing}
      ${this.preview.render(item, level, this.preview.filtered ? () => this.#showAll(item) : undefined, !grant || grant.copy || this.preview.filtered)}
      ${this.#renderDownloads(item, level, grant)}
    </div>`;
  }
}
