import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { isAbortError } from '../../services/api-client';
import { entryRows, type CatalogueEntryDetail } from '../../services/catalog-entries';
import type { DataPage } from '../../core/catalog-types';
import { maskingKinds } from '../../core/personal-data';
import { hostState } from '../../controllers/host-state';
import type { EditorContext } from './editor-context';

/** Rows the review shows: enough to see what the fields hold, not the data set. */
const REVIEW_ROWS = 10;

interface RowsState {
  /** The entry whose rows are shown (or being read). */
  entryId: string;
  /** Fields the reviewer asked to see unmasked. */
  unmask: string[];
  page: DataPage | undefined;
  loading: boolean;
  error: unknown;
}

/**
 * The data a submitted entry would publish, as the data office's privacy check sees it (Art.
 * 26): the first rows, personal fields masked as desensitised data is (Art. 22), and for each
 * personal column a toggle that reads the rows again with that field unmasked — the server
 * records every such read in the access log (Art. 36), and the reviewer is told so.
 */
export class ReviewRowsController implements ReactiveController {
  readonly #ctx: EditorContext;
  readonly #s: RowsState;
  #abort: AbortController | undefined;
  /** An entry to read once this update is done. */
  #wanted: string | undefined;

  constructor(ctx: EditorContext) {
    this.#ctx = ctx;
    this.#s = hostState<RowsState>(ctx.host, { entryId: '', unmask: [], page: undefined, loading: false, error: undefined });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  hostUpdated(): void {
    const id = this.#wanted;
    this.#wanted = undefined;
    // After the update, not inside it: reading sets state that renders again.
    if (id) queueMicrotask(() => void this.#load(id, []));
  }

  reset(): void {
    this.#abort?.abort();
    this.#wanted = undefined;
    this.#s.entryId = '';
    this.#s.unmask = [];
    this.#s.page = undefined;
    this.#s.loading = false;
    this.#s.error = undefined;
  }

  async #load(id: string, unmask: string[], said?: string): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#s.entryId = id;
    this.#s.loading = true;
    this.#s.error = undefined;
    try {
      const page = await entryRows(this.#ctx.client, id, { page: 1, pageSize: REVIEW_ROWS, unmask }, abort.signal);
      if (abort.signal.aborted) return;
      this.#s.page = page;
      this.#s.unmask = unmask;
      if (said) this.#ctx.announce(said);
    } catch (error) {
      if (isAbortError(error) || abort.signal.aborted) return;
      this.#s.error = error;
    } finally {
      if (!abort.signal.aborted) this.#s.loading = false;
    }
  }

  #toggle(id: string, name: string, label: string): void {
    if (this.#s.loading) return;
    const on = !this.#s.unmask.includes(name);
    const next = on ? [...this.#s.unmask, name] : this.#s.unmask.filter((n) => n !== name);
    void this.#load(id, next, this.#ctx.i18n.t(on ? 'editor.review.rows.unmasked' : 'editor.review.rows.masked', { field: label }));
  }

  render(entry: CatalogueEntryDetail) {
    const { t } = this.#ctx.i18n;
    if (this.#s.entryId !== entry.id && this.#wanted !== entry.id) {
      this.#wanted = entry.id;
      this.#s.page = undefined;
      this.#s.unmask = [];
    }
    const kinds = maskingKinds(entry);
    const labelOf = (name: string) => entry.fields.find((f) => f.name === name)?.label || name;
    const page = this.#s.page;
    const unmasked = this.#s.unmask.map(labelOf);
    let body;
    if (this.#s.error) {
      body = html`<egov-async-state state="error" message=${this.#ctx.i18n.error(this.#s.error)} @egov-retry=${() => void this.#load(entry.id, this.#s.unmask)}></egov-async-state>`;
    } else if (!page) {
      body = html`<egov-async-state state="loading"></egov-async-state>`;
    } else if (!page.total) {
      body = html`<p class="muted">${t('editor.review.rows.empty')}</p>`;
    } else {
      body = html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="review-rows-caption"><table>
        <caption id="review-rows-caption">${t('editor.review.rows.caption', { shown: this.#ctx.i18n.number(page.rows.length), total: this.#ctx.i18n.number(page.total) })}</caption>
        <thead><tr>${entry.fields.map((f, i) => {
          const on = this.#s.unmask.includes(f.name);
          return html`<th scope="col"><span lang=${ifDefined(this.#ctx.i18n.dataLang(f.label))}>${f.label || f.name}</span>
            <span class="mono muted" translate="no">${f.name}</span>
            ${kinds[i] !== 'none'
              ? html`<button type="button" class="btn btn--secondary btn--small" data-unmask=${f.name} aria-pressed=${on ? 'true' : 'false'}
                  aria-label=${t('editor.review.rows.showLabel', { field: f.label || f.name })} aria-disabled=${this.#s.loading ? 'true' : 'false'}
                  @click=${() => this.#toggle(entry.id, f.name, f.label || f.name)}>${t('editor.review.rows.show')}</button>`
              : nothing}</th>`;
        })}</tr></thead>
        <tbody>${page.rows.map((row) => html`<tr>${entry.fields.map((f) => html`<td data-field=${f.name}>${row[f.name] ?? ''}</td>`)}</tr>`)}</tbody>
      </table></div>`;
    }
    return html`<section class="review-rows" data-review-rows aria-labelledby="review-rows-heading">
      <h4 id="review-rows-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(2))}>${t('editor.review.rows.title')}</h4>
      <p class="hint">${t('editor.review.rows.intro')}</p>
      ${unmasked.length ? html`<p class="alert alert--info" data-unmask-notice>${t('editor.review.rows.logged', { fields: new Intl.ListFormat(this.#ctx.i18n.locale).format(unmasked) })}</p>` : nothing}
      ${body}
    </section>`;
  }
}
