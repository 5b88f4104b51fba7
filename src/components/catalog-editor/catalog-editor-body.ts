import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { FocusController } from '../../controllers/focus-controller';
import { ApiError, isAbortError, type FieldError } from '../../services/api-client';
import { currentSubject as currentViewer } from '../../services/session';
import {
  CATALOGUE_ENTRY_STATUSES,
  CATALOGUE_LIMITS,
  countEntries,
  createEntry,
  getEntry,
  importEntryData,
  listEntries,
  reviewEntry,
  submitEntry,
  updateEntry,
  withdrawEntry,
  type CatalogueEntryDetail,
  type CatalogueEntryInput,
  type CatalogueField,
  type CatalogueEntryPage,
  type CatalogueEntryStatus,
  type ReviewChecks,
  type ReviewDecision,
} from '../../services/catalog-entries';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../core/catalog-types';
import { renderErrorSummary, type SummaryError } from '../application-form/error-summary';
import { checkEntry, duplicateNames, FIELD_NAME, needsReason, normalisePath, personalFields } from './entry-rules';
import { renderFieldTable, type FieldRow } from './field-table';
import { entryStatusBadge, publishedVersion, renderDiff, renderHistory } from './entry-parts';
import { formatBytes, formatNumber } from '../../core/i18n';
// The element's entry (src/catalog-editor.ts) registers the async state, the alert and the fields it renders.
import '../../i18n/catalog';
import '../../i18n/catalog-editor';

type Load<T> = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };
type Role = 'steward' | 'review';

/** Statuses whose entry the steward may change (a published one: as a new version). */
const EDITABLE: CatalogueEntryStatus[] = ['draft', 'returned', 'published'];
const SUBMITTABLE: CatalogueEntryStatus[] = ['draft', 'returned'];
/** The server reads at most this much of an import; larger files are refused here at once. */
const MAX_IMPORT_BYTES = CATALOGUE_LIMITS.csvBytes;
const MAX_LISTED_PROBLEMS = CATALOGUE_LIMITS.csvProblems;
/** The import goes with the working version while it can still change (SPEC §8). */
const IMPORTABLE: CatalogueEntryStatus[] = ['draft', 'returned'];
const CHECKS: Array<keyof ReviewChecks> = ['legality', 'privacy', 'security'];

/** The attribute controls, in form order, and the server paths they answer for. */
const ATTRIBUTE_IDS: Record<string, string> = {
  id: 'entry-id', name: 'entry-name', summary: 'entry-summary', sharing: 'entry-sharing', sharingCondition: 'entry-sharingCondition',
  legalBasis: 'entry-legalBasis', open: 'entry-open', updateFrequency: 'entry-updateFrequency', formats: 'entry-formats',
  domain: 'entry-domain', tags: 'entry-tags', fields: 'field-add',
};

const emptyInput = (): CatalogueEntryInput => ({
  name: '', summary: '', sharing: 'unconditional', sharingCondition: '', legalBasis: '', open: 'closed',
  updateFrequency: 'monthly', formats: ['csv'], domain: '', tags: [], fields: [],
});

function inputOf(entry: CatalogueEntryDetail): CatalogueEntryInput {
  return {
    name: entry.name ?? '', summary: entry.summary ?? '', sharing: entry.sharing, sharingCondition: entry.sharingCondition ?? '',
    legalBasis: entry.legalBasis ?? '', open: entry.open, updateFrequency: entry.updateFrequency, formats: [...(entry.formats ?? [])],
    domain: entry.domain ?? '', tags: [...(entry.tags ?? [])], fields: (entry.fields ?? []).map((f) => ({ ...f, sensitivity: f.sensitivity ?? 'none' })),
  };
}

/** What is sent: trimmed, with the reason and basis left out where Art. 22 does not ask for them and none was given. */
function cleanInput(input: CatalogueEntryInput): CatalogueEntryInput {
  const out: CatalogueEntryInput = {
    ...input,
    name: input.name.trim(), summary: input.summary.trim(), domain: input.domain.trim(),
    fields: input.fields.map((f) => ({ name: f.name.trim(), label: f.label.trim(), type: f.type, sensitivity: f.sensitivity ?? 'none', description: f.description.trim() })),
  };
  const condition = input.sharingCondition?.trim() ?? '';
  const basis = input.legalBasis?.trim() ?? '';
  if (condition) out.sharingCondition = condition; else delete out.sharingCondition;
  if (basis) out.legalBasis = basis; else delete out.legalBasis;
  return out;
}

const splitList = (value: string) => value.split(/[,，、;；\s]+/).map((s) => s.trim()).filter(Boolean);

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
  @state() private _input: CatalogueEntryInput = emptyInput();
  @state() private _rows: FieldRow[] = [];
  @state() private _formats = '';
  /** The resource code a steward may choose for a new entry (SPEC §4 `id`); empty: assigned. */
  @state() private _resourceCode = '';
  @state() private _tags = '';
  @state() private _dirty = false;
  @state() private _errors = new Map<string, string>();
  @state() private _summary: SummaryError[] = [];
  @state() private _busy: '' | 'save' | 'submit' | 'withdraw' | 'import' | 'review' = '';
  @state() private _actionError: unknown;
  @state() private _notice = '';

  @state() private _file: File | undefined;
  @state() private _importProblems: FieldError[] | undefined;
  @state() private _importError = '';
  @state() private _imported: number | undefined;

  @state() private _withdrawReason = '';
  @state() private _withdrawError = '';

  @state() private _checks: ReviewChecks = { legality: false, privacy: false, security: false };
  @state() private _decision: ReviewDecision | '' = '';
  @state() private _reviewReason = '';
  @state() private _reviewErrors = new Map<string, string>();
  @state() private _reviewSummary: SummaryError[] = [];

  readonly #announcer = new AnnounceController(this);
  readonly #focus = new FocusController(this);
  #abort?: AbortController;
  #nextKey = 1;
  #lastRow = '';
  /** Changes not yet saved, by entry id ('new' for a draft never saved): leaving an entry keeps them for its return. */
  readonly #unsaved = new Map<string, CatalogueEntryInput>();

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

  #level(offset: number): number | undefined {
    const level = this.#absolute(offset);
    return level === 2 + offset ? undefined : level;
  }

  /** The level itself, for headings whose tag says nothing (the error summary's h2). */
  #absolute(offset: number): number {
    const base = Number.isInteger(this.headingLevel) ? Math.min(6, Math.max(1, this.headingLevel)) : 2;
    return Math.min(6, base + offset);
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
    this._errors = new Map();
    this._summary = [];
    this._actionError = undefined;
    this._notice = '';
    this._file = undefined;
    this._importProblems = undefined;
    this._importError = '';
    this._imported = undefined;
    this._withdrawReason = '';
    this._withdrawError = '';
    this._checks = { legality: false, privacy: false, security: false };
    this._decision = '';
    this._reviewReason = '';
    this._reviewErrors = new Map();
    this._reviewSummary = [];
    this._dirty = false;
  }

  #edit(input: CatalogueEntryInput): void {
    this._input = input;
    this._rows = input.fields.map((field) => ({ key: this.#nextKey++, field }));
    this._formats = input.formats.join(', ');
    this._tags = input.tags.join(this.i18n.t('editor.sep'));
  }

  /** Starts a new draft (nothing is sent until it is saved). */
  newEntry(): void {
    this.#abort?.abort();
    this.#resetEntryState();
    this.#edit(emptyInput());
    this._resourceCode = '';
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
    this.#edit(inputOf(entry));
    this._dirty = false;
    if (EDITABLE.includes(entry.status) && this._role === 'steward') this.#restoreUnsaved(entry.id);
  }

  #restoreUnsaved(key: string): void {
    const kept = this.#unsaved.get(key);
    if (!kept) return;
    this.#edit(kept);
    this._dirty = true;
    this._notice = this.i18n.t('editor.form.restored');
    this.#announcer.announce(this._notice);
  }

  #closeEntry(): void {
    this.#abort?.abort();
    const key = this.#current?.id ?? (this._entry === 'new' ? 'new' : undefined);
    if (key && this._dirty) this.#unsaved.set(key, this._input);
    this._entry = undefined;
    void this.#loadList({ quiet: true });
    this.#focus.focus(this.#lastRow ? `[data-open="${CSS.escape(this.#lastRow)}"]` : '#list-heading');
  }

  get #current(): CatalogueEntryDetail | undefined {
    const e = this._entry;
    return e && e !== 'new' && e.state === 'ready' ? e.value : undefined;
  }

  // ---- the entry form ----

  #patch(patch: Partial<CatalogueEntryInput>, clear: string[] = []): void {
    this._input = { ...this._input, ...patch };
    this._dirty = true;
    if (clear.some((id) => this._errors.has(id))) {
      const next = new Map(this._errors);
      for (const id of clear) next.delete(id);
      this._errors = next;
    }
  }

  #setRows(rows: FieldRow[], clear: string[] = []): void {
    this._rows = rows;
    this.#patch({ fields: rows.map((r) => r.field) }, clear);
  }

  /** Duplicate names, flagged on every row that has one as soon as it is typed. */
  #duplicates(): Map<string, string> {
    const dupes = duplicateNames(this._input.fields);
    const out = new Map<string, string>();
    this._rows.forEach((r, i) => {
      const name = r.field.name.trim();
      if (name && FIELD_NAME.test(name) && dupes.has(name.toLowerCase())) out.set(`field-${i}-name`, this.i18n.t('editor.rule.fieldNameDuplicate', { row: i + 1, name }));
    });
    return out;
  }

  #editRow(index: number, patch: Partial<CatalogueField>): void {
    const rows = this._rows.map((r, i) => (i === index ? { key: r.key, field: { ...r.field, ...patch } } : r));
    this.#setRows(rows, Object.keys(patch).map((k) => `field-${index}-${k}`).concat(patch.sensitivity ? ['entry-open'] : []));
  }

  #addRow(): void {
    const rows = [...this._rows, { key: this.#nextKey++, field: { name: '', label: '', type: 'string' as const, sensitivity: 'none' as const, description: '' } }];
    this.#setRows(rows, ['fields']);
    const n = rows.length;
    this.#announcer.announce(this.i18n.t('editor.fields.added', { row: n, count: n }));
    this.#focus.focus(`#field-${n - 1}-name`);
  }

  #removeRow(index: number): void {
    const removed = this._rows[index];
    if (!removed) return;
    const rows = this._rows.filter((_, i) => i !== index);
    this.#setRows(rows, [...this._errors.keys()].filter((id) => id.startsWith('field-')));
    this.#announcer.announce(this.i18n.t('editor.fields.removed', { row: index + 1, name: removed.field.label || removed.field.name || '—', count: rows.length }));
    // Focus the row that took its place, else the one above, else the add button.
    this.#focus.focus(rows.length ? `#field-${Math.min(index, rows.length - 1)}-name` : '#field-add');
  }

  #moveRow(index: number, by: -1 | 1): void {
    const to = index + by;
    if (to < 0 || to >= this._rows.length) return;
    const rows = [...this._rows];
    const [row] = rows.splice(index, 1);
    rows.splice(to, 0, row!);
    this.#setRows(rows, [...this._errors.keys()].filter((id) => id.startsWith('field-')));
    this.#announcer.announce(this.i18n.t('editor.fields.moved', { name: row!.field.label || row!.field.name || '—', from: index + 1, to: to + 1 }));
    // The same button on the row's new line, or its other move button at the top or bottom.
    const edge = (by < 0 && to === 0) || (by > 0 && to === rows.length - 1);
    const button = by < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
    this.#focus.focus(`#field-${to}-${button}`);
  }

  #problemsToErrors(problems: Array<{ path: string; message: string }>): Array<{ id: string; message: string }> {
    return problems.map((p) => {
      const path = normalisePath(p.path);
      const cell = /^fields\/(\d+)\/(\w+)$/.exec(path);
      if (cell) return { id: `field-${cell[1]}-${cell[2]}`, message: p.message };
      const head = path.split('/')[0] ?? '';
      return { id: ATTRIBUTE_IDS[head] ?? 'entry-name', message: p.message };
    });
  }

  #showErrors(errors: Array<{ id: string; message: string }>): void {
    this._errors = new Map(errors.map((e) => [e.id === 'field-add' ? 'fields' : e.id, e.message]));
    this._summary = errors.map((e) => ({ fieldId: e.id.startsWith('field-') ? 'wrap-fields' : 'wrap-' + e.id, controlId: e.id, message: e.message }));
    if (errors.length) this.#focus.focus('[part=error-summary]');
  }

  #validate(submission = false): boolean {
    const { t } = this.i18n;
    const problems = checkEntry(this._input, t('editor.sep'), { submission }).map((p) => ({ path: p.path, message: t(p.key, p.params) }));
    this.#showErrors(this.#problemsToErrors(problems));
    return !problems.length;
  }

  /** Saves the draft (creating it the first time); true when it is saved. */
  async #save(submission = false): Promise<CatalogueEntryDetail | undefined> {
    if (this._busy) return undefined;
    if (!this.#validate(submission)) {
      this.#announcer.announce(this.i18n.t('editor.form.fix', { count: this._summary.length }));
      return undefined;
    }
    this._busy = 'save';
    this._actionError = undefined;
    this._notice = '';
    try {
      const current = this.#current;
      const input = cleanInput(this._input);
      const code = this._resourceCode.trim();
      const saved = current ? await updateEntry(this.config.client, current.id, input) : await createEntry(this.config.client, code ? { ...input, id: code } : input);
      // What the steward typed stays as typed; the entry's status, version and history are the server's.
      this._entry = { state: 'ready', value: saved };
      this._dirty = false;
      this.#unsaved.delete('new');
      this.#unsaved.delete(saved.id);
      this._notice = this.i18n.t('editor.form.saved', { version: saved.version });
      this.#announcer.announce(this._notice);
      return saved;
    } catch (error) {
      this.#failed(error);
      return undefined;
    } finally {
      this._busy = '';
    }
  }

  #failed(error: unknown): void {
    const api = error instanceof ApiError ? error : undefined;
    if (api && (api.status === 422 || api.status === 400) && api.fields.length) {
      this.#showErrors(this.#problemsToErrors(api.fields));
      this.#announcer.announce(this.i18n.t('editor.form.refused', { count: api.fields.length }));
      return;
    }
    if (api?.code === 'ID_TAKEN') {
      this.#showErrors([{ id: 'entry-id', message: this.i18n.t('editor.rule.idTaken', { id: this._resourceCode.trim() }) }]);
      this.#announcer.announce(this.i18n.t('editor.form.refused', { count: 1 }));
      return;
    }
    if (api?.status === 401) this._access = 'signed-out';
    this._actionError = error;
    this.#announcer.announce(this.i18n.error(error));
    this.#focus.focus('#action-error');
    // The entry moved on meanwhile (submitted, reviewed, withdrawn elsewhere): show it as it is now.
    const id = this.#current?.id;
    if (api?.status === 409 && id) void this.#refresh(id);
  }

  async #onSave(event: Event): Promise<void> {
    event.preventDefault();
    const saved = await this.#save();
    if (saved) this.#focus.focus('#notice');
  }

  async #onSubmit(): Promise<void> {
    if (this._busy) return;
    let entry = this.#current;
    if (!entry || this._dirty) entry = await this.#save(true);
    else if (!this.#validate(true)) {
      this.#announcer.announce(this.i18n.t('editor.form.fix', { count: this._summary.length }));
      return;
    }
    if (!entry) return;
    this._busy = 'submit';
    this._actionError = undefined;
    try {
      const submitted = await submitEntry(this.config.client, entry.id);
      this._entry = { state: 'ready', value: { ...entry, ...submitted } };
      this._notice = this.i18n.t('editor.submit.done');
      this.emit('egov-entry-submit', { id: entry.id });
      this.#announcer.announce(this._notice);
      this.#focus.focus('#notice');
      void this.#refresh(entry.id);
    } catch (error) {
      this.#failed(error);
    } finally {
      this._busy = '';
    }
  }

  /** Reads the entry again (its history and versions), keeping what is shown meanwhile. */
  async #refresh(id: string): Promise<void> {
    try {
      const fresh = await getEntry(this.config.client, id);
      if (this.#current?.id !== id) return;
      this._entry = { state: 'ready', value: fresh };
      if (!this._dirty) this.#edit(inputOf(fresh));
    } catch {
      // The entry shown stays; the next action reads it again.
    }
  }

  async #onWithdraw(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#current;
    if (!entry || this._busy) return;
    if (!this._withdrawReason.trim()) {
      this._withdrawError = this.i18n.t('editor.withdraw.reasonRequired');
      this.#focus.focus('#withdraw-reason');
      return;
    }
    this._busy = 'withdraw';
    this._actionError = undefined;
    try {
      const updated = await withdrawEntry(this.config.client, entry.id, this._withdrawReason.trim());
      this._entry = { state: 'ready', value: { ...entry, ...updated } };
      this._withdrawReason = '';
      this._notice = this.i18n.t('editor.withdraw.done');
      this.#announcer.announce(this._notice);
      this.#focus.focus('#notice');
      void this.#refresh(entry.id);
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      if (api?.fields.length) this._withdrawError = api.fields[0]!.message;
      else this.#failed(error);
    } finally {
      this._busy = '';
    }
  }

  // ---- the CSV import ----

  #chooseFile(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0];
    this._file = file;
    this._importError = '';
    this._importProblems = undefined;
    this._imported = undefined;
  }

  async #onImport(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#current;
    const { t } = this.i18n;
    if (!entry || this._busy) return;
    this._importProblems = undefined;
    this._imported = undefined;
    if (!this._file) {
      this._importError = t('editor.import.chooseFirst');
      this.#focus.focus('#import-file');
      return;
    }
    if (this._file.size >= MAX_IMPORT_BYTES) {
      this._importError = t('editor.import.tooLarge', { size: formatBytes(this.i18n.locale, this._file.size), max: formatBytes(this.i18n.locale, MAX_IMPORT_BYTES) });
      this.#announcer.announce(this._importError);
      this.#focus.focus('#import-file');
      return;
    }
    this._importError = '';
    this._busy = 'import';
    this.#announcer.announce(t('editor.import.sending'));
    try {
      const { rows } = await importEntryData(this.config.client, entry.id, this._file);
      this._imported = rows;
      this.#announcer.announce(t('editor.import.done', { rows: formatNumber(this.i18n.locale, rows), count: rows }));
      this.#focus.focus('#import-result');
      void this.#refresh(entry.id);
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      const fileProblem = api?.fields.find((f) => f.path === 'file');
      if (fileProblem) {
        // Not UTF-8, or no header: about the whole file, not a line.
        this._importError = /utf-?8|encod|gbk/i.test(fileProblem.message) ? t('editor.import.notUtf8') : fileProblem.message;
      } else if (api && api.fields.length) {
        this._importProblems = api.fields.slice(0, MAX_LISTED_PROBLEMS);
        this.#announcer.announce(t('editor.import.problems', { count: api.fields.length }));
      } else if (api?.status === 413) {
        this._importError = t('editor.import.tooLargeServer', { max: formatBytes(this.i18n.locale, MAX_IMPORT_BYTES) });
      } else {
        this._importError = this.i18n.error(error);
      }
      if (this._importError) this.#announcer.announce(this._importError);
      this.#focus.focus('#import-result');
    } finally {
      this._busy = '';
    }
  }

  // ---- the data office's review ----

  async #onReview(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#current;
    const { t } = this.i18n;
    if (!entry || this._busy) return;
    const errors: Array<{ id: string; message: string }> = [];
    if (!this._decision) errors.push({ id: 'review-decision-publish', message: t('editor.review.decisionRequired') });
    if (this._decision === 'publish') {
      for (const c of CHECKS) if (!this._checks[c]) errors.push({ id: 'check-' + c, message: t('editor.review.checkRequired', { check: t('editor.check.' + c) }) });
    }
    if (this._decision === 'return' && !this._reviewReason.trim()) errors.push({ id: 'review-reason', message: t('editor.review.reasonRequired') });
    this.#showReviewErrors(errors);
    if (errors.length) return;
    const decision = this._decision as ReviewDecision;
    this._busy = 'review';
    this._actionError = undefined;
    try {
      const input: { decision: ReviewDecision; reason?: string; checks: ReviewChecks } = { decision, checks: this._checks };
      if (this._reviewReason.trim()) input.reason = this._reviewReason.trim();
      const updated = await reviewEntry(this.config.client, entry.id, input);
      this._entry = { state: 'ready', value: { ...entry, ...updated } };
      this._notice = t(decision === 'publish' ? 'editor.review.published' : 'editor.review.returned');
      this._decision = '';
      this._reviewReason = '';
      this.emit('egov-entry-reviewed', { id: entry.id, decision });
      this.#announcer.announce(this._notice);
      this.#focus.focus('#notice');
      void this.#refresh(entry.id);
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      if (api && api.fields.length) {
        this.#showReviewErrors(api.fields.map((f) => {
          const path = normalisePath(f.path);
          const check = /^checks\/(\w+)$/.exec(path);
          return { id: check ? 'check-' + check[1] : path === 'reason' ? 'review-reason' : 'review-decision-publish', message: f.message };
        }));
      } else {
        this.#failed(error);
      }
    } finally {
      this._busy = '';
    }
  }

  #showReviewErrors(errors: Array<{ id: string; message: string }>): void {
    this._reviewErrors = new Map(errors.map((e) => [e.id, e.message]));
    this._reviewSummary = errors.map((e) => ({ fieldId: 'wrap-' + e.id, controlId: e.id, message: e.message }));
    if (errors.length) this.#focus.focus('#review [part=error-summary]');
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
      <h2 id="list-heading" tabindex="-1" aria-level=${ifDefined(this.#level(0))}>${t(review ? 'editor.queue.title' : 'editor.list.title')}</h2>
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
      return html`${back}<h2 id="entry-heading" tabindex="-1" class="sr-only" aria-level=${ifDefined(this.#level(0))}>${t('editor.entry')}</h2>
        ${load.state === 'error'
          ? html`<egov-async-state state="error" message=${this.i18n.error(load.error)} @egov-retry=${() => void this.openEntry(this.#lastRow || this.entryId)}></egov-async-state>`
          : html`<egov-async-state state="loading"></egov-async-state>`}`;
    }
    const entry = load === 'new' ? undefined : load.value;
    const published = entry ? publishedVersion(entry) : undefined;
    const returned = entry?.status === 'returned' ? entry.reason ?? [...(entry.history ?? [])].reverse().find((h) => h.action === 'returned')?.reason : undefined;
    const sub = this.#level(1);
    return html`${back}
      <article class="entry" aria-labelledby="entry-heading" data-status=${entry?.status ?? 'new'}>
        <h2 id="entry-heading" tabindex="-1" aria-level=${ifDefined(this.#level(0))} lang=${ifDefined(entry ? this.i18n.dataLang(entry.name) : undefined)}>${entry ? entry.name || t('editor.untitled') : t('editor.new.title')}</h2>
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
        ${this._role === 'review' ? this.#renderReadOnly(entry!) : this.#renderForm(entry)}
        ${entry && published ? renderDiff(published, { ...this._input }, t, sub) : nothing}
        ${entry && !published && this._role === 'review' ? html`<p class="muted" data-first-version>${t('editor.diff.firstVersion')}</p>` : nothing}
        ${entry && this._role === 'steward' ? this.#renderImport(entry) : nothing}
        ${entry && this._role === 'steward' ? this.#renderWithdraw(entry) : nothing}
        ${entry && this._role === 'review' ? this.#renderReview(entry) : nothing}
        ${entry ? renderHistory(entry.history ?? [], t, date, sub, this.i18n.dataLang) : nothing}
      </article>`;
  }

  #renderForm(entry: CatalogueEntryDetail | undefined) {
    const { t } = this.i18n;
    const dupes = this.#duplicates();
    const editable = !entry || EDITABLE.includes(entry.status);
    const input = this._input;
    const err = (id: string) => this._errors.get(id) ?? '';
    const personal = personalFields(input.fields);
    const reason = needsReason(input.sharing);
    const sub = this.#level(1);
    const option = (prefix: string) => (v: string) => ({ value: v, label: t(prefix + v) });
    return html`<form part="entry-form" novalidate aria-labelledby="form-heading" @submit=${(e: Event) => void this.#onSave(e)}>
      <h3 id="form-heading" aria-level=${ifDefined(sub)}>${t('editor.form.title')}</h3>
      ${renderErrorSummary(this._summary, t('editor.form.errorSummary'), () => this.shadowRoot, this.#absolute(2))}
      ${!editable ? html`<p class="alert notice">${t('editor.form.locked.' + entry!.status)}</p>` : nothing}
      ${entry?.status === 'published' ? html`<p class="hint">${t('editor.form.newVersionHint')}</p>` : nothing}
      <fieldset ?disabled=${!editable || !!this._busy} class="attributes">
        <legend class="sr-only">${t('editor.form.attributes')}</legend>
        ${entry ? nothing : html`<div id="wrap-entry-id"><egov-input id="entry-id" label=${t('editor.id')} hint=${t('editor.idHint')} .value=${this._resourceCode}
          error=${err('entry-id')} spellcheck="false" autocomplete="off" translate="no"
          @input=${(e: Event) => { this._resourceCode = (e.target as HTMLInputElement).value; this.#patch({}, ['entry-id']); }}></egov-input></div>`}
        <div id="wrap-entry-name"><egov-input id="entry-name" required label=${t('editor.attr.name')} .value=${input.name} error=${err('entry-name')}
          @input=${(e: Event) => this.#patch({ name: (e.target as HTMLInputElement).value }, ['entry-name'])}></egov-input></div>
        <div id="wrap-entry-summary"><egov-textarea id="entry-summary" required rows="3" label=${t('editor.attr.summary')} .value=${input.summary} error=${err('entry-summary')}
          @input=${(e: Event) => this.#patch({ summary: (e.target as HTMLTextAreaElement).value }, ['entry-summary'])}></egov-textarea></div>
        <div class="rule-group" id="wrap-entry-sharing">
          <egov-select id="entry-sharing" required label=${t('editor.attr.sharing')} .options=${SHARING_CLASSES.map(option('catalog.sharing.'))} .value=${input.sharing}
            error=${err('entry-sharing')} hint=${t('editor.rule.sharingHint')}
            @change=${(e: Event) => this.#patch({ sharing: (e.target as HTMLSelectElement).value as CatalogueEntryInput['sharing'] }, ['entry-sharing', 'entry-sharingCondition', 'entry-legalBasis'])}></egov-select>
          <aside class="rule" id="rule-art22" aria-label=${t('editor.rule.art22Title')}>
            <p class="rule__title">${t('editor.rule.art22Title')}</p>
            <p>${t(reason ? 'editor.rule.art22Needed' : 'editor.rule.art22Optional', { sharing: t('catalog.sharing.' + input.sharing) })}</p>
          </aside>
        </div>
        <div id="wrap-entry-sharingCondition"><egov-textarea id="entry-sharingCondition" rows="3" ?required=${reason}
          label=${t('editor.attr.sharingCondition')} hint=${t('editor.rule.conditionHint')} .value=${input.sharingCondition ?? ''} error=${err('entry-sharingCondition')}
          @input=${(e: Event) => this.#patch({ sharingCondition: (e.target as HTMLTextAreaElement).value }, ['entry-sharingCondition'])}></egov-textarea></div>
        <div id="wrap-entry-legalBasis"><egov-input id="entry-legalBasis" ?required=${reason}
          label=${t('editor.attr.legalBasis')} hint=${t('editor.rule.legalBasisHint')} .value=${input.legalBasis ?? ''} error=${err('entry-legalBasis')}
          @input=${(e: Event) => this.#patch({ legalBasis: (e.target as HTMLInputElement).value }, ['entry-legalBasis'])}></egov-input></div>
        <div class="rule-group" id="wrap-entry-open">
          <egov-select id="entry-open" required label=${t('editor.attr.open')} .options=${OPEN_CLASSES.map(option('catalog.open.'))} .value=${input.open}
            error=${err('entry-open')} hint=${t('editor.rule.openHint')}
            @change=${(e: Event) => this.#patch({ open: (e.target as HTMLSelectElement).value as CatalogueEntryInput['open'] }, ['entry-open'])}></egov-select>
          <aside class="rule" id="rule-personal" aria-label=${t('editor.rule.personalTitle')} data-personal=${personal.length}>
            <p class="rule__title">${t('editor.rule.personalTitle')}</p>
            <p>${personal.length
              ? t('editor.rule.personalPresent', { fields: personal.map((f) => f.label || f.name).join(t('editor.sep')), count: personal.length })
              : t('editor.rule.personalNone')}</p>
          </aside>
        </div>
        <div id="wrap-entry-updateFrequency"><egov-select id="entry-updateFrequency" required label=${t('editor.attr.updateFrequency')}
          .options=${UPDATE_FREQUENCIES.map(option('catalog.frequency.'))} .value=${input.updateFrequency} error=${err('entry-updateFrequency')}
          @change=${(e: Event) => this.#patch({ updateFrequency: (e.target as HTMLSelectElement).value as CatalogueEntryInput['updateFrequency'] }, ['entry-updateFrequency'])}></egov-select></div>
        <div class="two-up">
          <div id="wrap-entry-domain"><egov-input id="entry-domain" required label=${t('editor.attr.domain')} .value=${input.domain} error=${err('entry-domain')}
            @input=${(e: Event) => this.#patch({ domain: (e.target as HTMLInputElement).value }, ['entry-domain'])}></egov-input></div>
          <div id="wrap-entry-formats"><egov-input id="entry-formats" label=${t('editor.attr.formats')} hint=${t('editor.attr.listHint')} .value=${this._formats} error=${err('entry-formats')}
            @input=${(e: Event) => { this._formats = (e.target as HTMLInputElement).value; this.#patch({ formats: splitList(this._formats).map((f) => f.toLowerCase()) }, ['entry-formats']); }}></egov-input></div>
        </div>
        <div id="wrap-entry-tags"><egov-input id="entry-tags" label=${t('editor.attr.tags')} hint=${t('editor.attr.listHint')} .value=${this._tags} error=${err('entry-tags')}
          @input=${(e: Event) => { this._tags = (e.target as HTMLInputElement).value; this.#patch({ tags: splitList(this._tags) }, ['entry-tags']); }}></egov-input></div>
      </fieldset>
      ${renderFieldTable({
        t, rows: this._rows, readonly: !editable || !!this._busy, headingLevel: sub,
        error: (id) => this._errors.get(id) ?? dupes.get(id),
        edit: (i, patch) => this.#editRow(i, patch),
        add: () => this.#addRow(),
        remove: (i) => this.#removeRow(i),
        move: (i, by) => this.#moveRow(i, by),
      })}
      ${editable ? html`<div class="actions">
        <button type="submit" class="btn ${entry && SUBMITTABLE.includes(entry.status) ? 'btn--secondary' : ''}" id="save" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${this._busy === 'save' ? t('editor.form.saving') : t(entry?.status === 'published' ? 'editor.form.saveVersion' : 'editor.form.save')}</button>
        ${!entry || SUBMITTABLE.includes(entry.status) ? html`<button type="button" class="btn" id="submit" aria-disabled=${this._busy ? 'true' : 'false'}
          aria-describedby="submit-hint" @click=${() => void this.#onSubmit()}>${this._busy === 'submit' ? t('editor.submit.sending') : t('editor.submit.button')}</button>` : nothing}
      </div>
      ${!entry || SUBMITTABLE.includes(entry.status) ? html`<p class="hint" id="submit-hint">${t('editor.submit.hint')}</p>` : nothing}` : nothing}
    </form>`;
  }

  #renderReadOnly(entry: CatalogueEntryDetail) {
    const { t } = this.i18n;
    const sub = this.#level(1);
    const dl = (key: string, value: string | undefined, data = false) => html`<dt>${t('editor.attr.' + key)}</dt>
      <dd data-attr=${key} lang=${ifDefined(data ? this.i18n.dataLang(value) : undefined)}>${value || t('editor.diff.empty')}</dd>`;
    return html`<section class="panel" aria-labelledby="attributes-heading">
        <h3 id="attributes-heading" aria-level=${ifDefined(sub)}>${t('editor.form.attributes')}</h3>
        <dl class="facts">
          ${dl('summary', entry.summary, true)}
          ${dl('sharing', t('catalog.sharing.' + entry.sharing))}
          ${dl('sharingCondition', entry.sharingCondition, true)}
          ${dl('legalBasis', entry.legalBasis, true)}
          ${dl('open', t('catalog.open.' + entry.open))}
          ${dl('updateFrequency', t('catalog.frequency.' + entry.updateFrequency))}
          ${dl('domain', entry.domain, true)}
          ${dl('formats', (entry.formats ?? []).join(t('editor.sep')))}
          ${dl('tags', (entry.tags ?? []).join(t('editor.sep')), true)}
        </dl>
      </section>
      ${renderFieldTable({ t, rows: this._rows, readonly: true, headingLevel: sub, error: () => undefined, edit: () => undefined, add: () => undefined, remove: () => undefined, move: () => undefined })}`;
  }

  #renderImport(entry: CatalogueEntryDetail) {
    const { t } = this.i18n;
    if (!IMPORTABLE.includes(entry.status)) {
      return html`<section part="data-import" class="panel" aria-labelledby="import-heading">
        <h3 id="import-heading" aria-level=${ifDefined(this.#level(1))}>${t('editor.import.title')}</h3>
        <p class="muted">${t(entry.status === 'published' ? 'editor.import.afterEdit' : 'editor.import.notNow', { status: t('editor.status.' + entry.status) })}</p>
      </section>`;
    }
    const problems = this._importProblems;
    return html`<section part="data-import" class="panel" aria-labelledby="import-heading">
      <h3 id="import-heading" aria-level=${ifDefined(this.#level(1))}>${t('editor.import.title')}</h3>
      <p class="hint" id="import-hint">${t('editor.import.hint', { fields: entry.fields.map((f) => f.name).join(',') || '—' })}</p>
      <form novalidate @submit=${(e: Event) => void this.#onImport(e)}>
        <div class="field ${this._importError && !problems ? 'field--error' : ''}">
          <label for="import-file">${t('editor.import.file')}</label>
          <input type="file" id="import-file" accept=".csv,text/csv" aria-describedby="import-hint" @change=${(e: Event) => this.#chooseFile(e)} />
        </div>
        <div class="actions">
          <button type="submit" class="btn" id="import" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === 'import' ? t('editor.import.sending') : t('editor.import.button')}</button>
        </div>
      </form>
      <div id="import-result" tabindex="-1" class="import-result">
        ${this._imported !== undefined ? html`<div class="alert alert--success" data-imported=${this._imported}><p>${t('editor.import.done', { rows: formatNumber(this.i18n.locale, this._imported), count: this._imported })}</p></div>` : nothing}
        ${this._importError ? html`<div class="alert alert--error" data-import-error><p class="alert__title">${t('editor.import.failed')}</p><p>${this._importError}</p><p>${t('editor.import.nothingChanged')}</p></div>` : nothing}
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
    if (p.path === 'header') return this.i18n.t('editor.import.header', { message: p.message });
    if (!match) return `${p.path}: ${p.message}`;
    return this.i18n.t(match[2] ? 'editor.import.lineField' : 'editor.import.line', { line: match[1]!, field: match[2] ?? '', message: p.message });
  }

  #renderWithdraw(entry: CatalogueEntryDetail) {
    const { t } = this.i18n;
    const canWithdraw = entry.status === 'published' || !!entry.publishedVersion;
    if (!canWithdraw || entry.status === 'withdrawn') return nothing;
    return html`<section class="panel" aria-labelledby="withdraw-heading">
      <h3 id="withdraw-heading" aria-level=${ifDefined(this.#level(1))}>${t('editor.withdraw.title')}</h3>
      <p class="hint">${t('editor.withdraw.hint')}</p>
      <form novalidate @submit=${(e: Event) => void this.#onWithdraw(e)}>
        <div class="field ${this._withdrawError ? 'field--error' : ''}">
          <label for="withdraw-reason">${t('editor.withdraw.reason')}</label>
          ${this._withdrawError ? html`<span class="error-text" id="withdraw-error">${this._withdrawError}</span>` : nothing}
          <textarea id="withdraw-reason" rows="3" .value=${this._withdrawReason} aria-invalid=${this._withdrawError ? 'true' : 'false'}
            aria-describedby=${this._withdrawError ? 'withdraw-error' : nothing}
            @input=${(e: Event) => { this._withdrawReason = (e.target as HTMLTextAreaElement).value; this._withdrawError = ''; }}></textarea>
        </div>
        <button type="submit" class="btn btn--danger" id="withdraw" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === 'withdraw' ? t('editor.withdraw.sending') : t('editor.withdraw.button')}</button>
      </form>
    </section>`;
  }

  #renderReview(entry: CatalogueEntryDetail) {
    const { t } = this.i18n;
    if (entry.status !== 'submitted') {
      return html`<section class="panel" aria-labelledby="review-heading"><h3 id="review-heading" aria-level=${ifDefined(this.#level(1))}>${t('editor.review.title')}</h3>
        <p>${t('editor.review.notWaiting', { status: t('editor.status.' + entry.status) })}</p></section>`;
    }
    const err = (id: string) => this._reviewErrors.get(id) ?? '';
    const setCheck = (c: keyof ReviewChecks, on: boolean) => {
      this._checks = { ...this._checks, [c]: on };
      if (this._reviewErrors.has('check-' + c)) { const next = new Map(this._reviewErrors); next.delete('check-' + c); this._reviewErrors = next; }
    };
    return html`<section class="panel" id="review" aria-labelledby="review-heading">
      <h3 id="review-heading" aria-level=${ifDefined(this.#level(1))}>${t('editor.review.title')}</h3>
      ${renderErrorSummary(this._reviewSummary, t('editor.review.errorSummary'), () => this.shadowRoot, this.#absolute(2))}
      <form part="review-form" novalidate aria-labelledby="review-heading" @submit=${(e: Event) => void this.#onReview(e)}>
        <fieldset class="checklist">
          <legend>${t('editor.review.checklist')}</legend>
          <p class="hint">${t('editor.review.checklistHint')}</p>
          ${CHECKS.map((c) => html`<div id="wrap-check-${c}"><egov-checkbox id="check-${c}" data-check=${c} label=${t('editor.check.' + c)} hint=${t('editor.check.' + c + '.hint')}
            .checked=${this._checks[c]} error=${err('check-' + c)} @change=${(e: Event) => setCheck(c, (e.target as HTMLInputElement).checked)}></egov-checkbox></div>`)}
        </fieldset>
        <fieldset id="wrap-review-decision-publish" class=${err('review-decision-publish') ? 'field--error' : ''} aria-describedby=${err('review-decision-publish') ? 'decision-error' : nothing}>
          <legend>${t('editor.review.decision')}</legend>
          ${err('review-decision-publish') ? html`<span class="error-text" id="decision-error">${err('review-decision-publish')}</span>` : nothing}
          ${(['publish', 'return'] as const).map((d) => html`<div class="choice">
            <input type="radio" name="decision" id="review-decision-${d}" value=${d} .checked=${this._decision === d}
              @change=${() => { this._decision = d; this._reviewErrors = new Map(); this._reviewSummary = []; }} />
            <label for="review-decision-${d}">${t('editor.review.' + d)}</label>
          </div>`)}
        </fieldset>
        <div class="field ${err('review-reason') ? 'field--error' : ''}" id="wrap-review-reason">
          <label for="review-reason">${t(this._decision === 'return' ? 'editor.review.reason' : 'editor.review.reasonOptional')}</label>
          ${err('review-reason') ? html`<span class="error-text" id="review-reason-error">${err('review-reason')}</span>` : nothing}
          <textarea id="review-reason" rows="3" .value=${this._reviewReason} aria-invalid=${err('review-reason') ? 'true' : 'false'}
            aria-describedby=${err('review-reason') ? 'review-reason-error' : nothing}
            @input=${(e: Event) => { this._reviewReason = (e.target as HTMLTextAreaElement).value; }}></textarea>
        </div>
        <div class="actions">
          <button type="submit" class="btn" id="review-submit" aria-disabled=${this._busy ? 'true' : 'false'}>${this._busy === 'review' ? t('editor.review.sending') : t('editor.review.submit')}</button>
        </div>
      </form>
    </section>`;
  }
}

if (!customElements.get('egov-catalog-editor-body')) customElements.define('egov-catalog-editor-body', CatalogEditorBody);
