import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, type FieldError } from '../../services/api-client';
import { CATALOGUE_LIMITS, importEntryData, type CatalogueEntryDetail, type CatalogueEntryStatus } from '../../services/catalog-entries';
import { formatBytes, formatNumber } from '../../core/i18n';
import { hostState } from '../../controllers/host-state';
import type { EditorContext } from './editor-context';

/** The server reads at most this much of an import; larger files are refused here at once. */
const MAX_IMPORT_BYTES = CATALOGUE_LIMITS.csvBytes;
const MAX_LISTED_PROBLEMS = CATALOGUE_LIMITS.csvProblems;
/** The import goes with the working version while it can still change (SPEC §8). */
const IMPORTABLE: CatalogueEntryStatus[] = ['draft', 'returned'];

interface ImportState {
  file: File | undefined;
  /** The lines the server refused (the first of them). */
  importProblems: FieldError[] | undefined;
  /** What was wrong with the whole file, or the call. */
  importError: string;
  /** Rows imported by the last import. */
  imported: number | undefined;
}

/**
 * The CSV import of an entry's data (SPEC §8): the file chosen, refused here when too large,
 * sent, and the server's answer: the rows imported, or each refused line in the reader's words.
 */
export class ImportController implements ReactiveController {
  readonly #ctx: EditorContext;
  readonly #s: ImportState;

  constructor(ctx: EditorContext) {
    this.#ctx = ctx;
    this.#s = hostState<ImportState>(ctx.host, { file: undefined, importProblems: undefined, importError: '', imported: undefined });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  /** Another entry: no file, no result. */
  reset(): void {
    this.#s.file = undefined;
    this.#s.importProblems = undefined;
    this.#s.importError = '';
    this.#s.imported = undefined;
  }

  #chooseFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    this.#s.file = file;
    this.#s.importError = '';
    this.#s.importProblems = undefined;
    this.#s.imported = undefined;
  }

  async #onImport(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#ctx.current;
    const { t } = this.#ctx.i18n;
    if (!entry || this.#ctx.busy) return;
    this.#s.importProblems = undefined;
    this.#s.imported = undefined;
    if (!this.#s.file) {
      this.#s.importError = t('editor.import.chooseFirst');
      this.#ctx.focus('#import-file');
      return;
    }
    if (this.#s.file.size >= MAX_IMPORT_BYTES) {
      this.#s.importError = t('editor.import.tooLarge', { size: formatBytes(this.#ctx.i18n.locale, this.#s.file.size), max: formatBytes(this.#ctx.i18n.locale, MAX_IMPORT_BYTES) });
      this.#ctx.announce(this.#s.importError);
      this.#ctx.focus('#import-file');
      return;
    }
    this.#s.importError = '';
    this.#ctx.busy = 'import';
    this.#ctx.announce(t('editor.import.sending'));
    try {
      const { rows } = await importEntryData(this.#ctx.client, entry.id, this.#s.file);
      this.#s.imported = rows;
      this.#ctx.announce(t('editor.import.done', { rows: formatNumber(this.#ctx.i18n.locale, rows), count: rows }));
      this.#ctx.focus('#import-result');
      void this.#ctx.refresh(entry.id);
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      const fileProblem = api?.fields.find((f) => f.path === 'file');
      if (fileProblem) {
        // Not UTF-8, or no header: about the whole file, not a line.
        this.#s.importError = /utf-?8|encod|gbk/i.test(fileProblem.message) ? t('editor.import.notUtf8') : fileProblem.message;
      } else if (api && api.fields.length) {
        this.#s.importProblems = api.fields.slice(0, MAX_LISTED_PROBLEMS);
        this.#ctx.announce(t('editor.import.problems', { count: api.fields.length }));
      } else if (api?.status === 413) {
        this.#s.importError = t('editor.import.tooLargeServer', { max: formatBytes(this.#ctx.i18n.locale, MAX_IMPORT_BYTES) });
      } else {
        this.#s.importError = this.#ctx.i18n.error(error);
      }
      if (this.#s.importError) this.#ctx.announce(this.#s.importError);
      this.#ctx.focus('#import-result');
    } finally {
      this.#ctx.busy = '';
    }
  }

  render(entry: CatalogueEntryDetail) {
    const { t } = this.#ctx.i18n;
    if (!IMPORTABLE.includes(entry.status)) {
      return html`<section part="data-import" class="panel" aria-labelledby="import-heading">
        <h3 id="import-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(1))}>${t('editor.import.title')}</h3>
        <p class="muted">${t(entry.status === 'published' ? 'editor.import.afterEdit' : 'editor.import.notNow', { status: t('editor.status.' + entry.status) })}</p>
      </section>`;
    }
    const problems = this.#s.importProblems;
    return html`<section part="data-import" class="panel" aria-labelledby="import-heading">
      <h3 id="import-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(1))}>${t('editor.import.title')}</h3>
      <p class="hint" id="import-hint">${t('editor.import.hint', { fields: entry.fields.map((f) => f.name).join(',') || '—' })}</p>
      <form novalidate @submit=${(e: Event) => void this.#onImport(e)}>
        <div class="field ${this.#s.importError && !problems ? 'field--error' : ''}">
          <label for="import-file">${t('editor.import.file')}</label>
          <input type="file" id="import-file" accept=".csv,text/csv" aria-describedby="import-hint" @change=${(e: Event) => this.#chooseFile(e)} />
        </div>
        <div class="actions">
          <button type="submit" class="btn" id="import" aria-disabled=${this.#ctx.busy ? 'true' : 'false'}>${this.#ctx.busy === 'import' ? t('editor.import.sending') : t('editor.import.button')}</button>
        </div>
      </form>
      <div id="import-result" tabindex="-1" class="import-result">
        ${this.#s.imported !== undefined ? html`<div class="alert alert--success" data-imported=${this.#s.imported}><p>${t('editor.import.done', { rows: formatNumber(this.#ctx.i18n.locale, this.#s.imported), count: this.#s.imported })}</p></div>` : nothing}
        ${this.#s.importError ? html`<div class="alert alert--error" data-import-error><p class="alert__title">${t('editor.import.failed')}</p><p>${this.#s.importError}</p><p>${t('editor.import.nothingChanged')}</p></div>` : nothing}
        ${problems ? html`<div class="alert alert--error" data-import-problems=${problems.length}>
          <p class="alert__title">${t('editor.import.problemsTitle', { count: problems.length })}</p>
          <p>${t('editor.import.nothingChanged')}</p>
          ${problems.length >= MAX_LISTED_PROBLEMS ? html`<p>${t('editor.import.firstProblems', { count: MAX_LISTED_PROBLEMS })}</p>` : nothing}
          <ul class="problems">${problems.map((p) => html`<li>${this.#problemText(p)}</li>`)}</ul>
        </div>` : nothing}
      </div>
    </section>`;
  }

  /** "line 17 / 出生日期" in the reader's words: 第 17 行 / 出生日期. */
  #problemText(p: FieldError): string {
    const match = /^line\s+(\d+)\s*(?:\/\s*(.+))?$/i.exec(p.path.trim());
    if (p.path === 'header') return this.#ctx.i18n.t('editor.import.header', { message: p.message });
    if (!match) return `${p.path}: ${p.message}`;
    return this.#ctx.i18n.t(match[2] ? 'editor.import.lineField' : 'editor.import.line', { line: match[1]!, field: match[2] ?? '', message: p.message });
  }
}
