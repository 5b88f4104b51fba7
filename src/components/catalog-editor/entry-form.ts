import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../../services/api-client';
import { createEntry, submitEntry, updateEntry, type CatalogueEntryDetail, type CatalogueEntryInput, type CatalogueField } from '../../services/catalog-entries';
import { OPEN_CLASSES, SHARING_CLASSES, UPDATE_FREQUENCIES } from '../../core/catalog-types';
import { hostState } from '../../controllers/host-state';
import { renderErrorSummary, type SummaryError } from '../shared/error-summary';
import { checkEntry, duplicateNames, FIELD_NAME, needsReason, controlPath, personalFields } from './entry-rules';
import { renderFieldTable, type FieldRow } from './field-table';
import { EDITABLE, SUBMITTABLE, type EditorContext } from './editor-context';

/** The attribute controls, in form order, and the server paths they answer for. */
const ATTRIBUTE_IDS: Record<string, string> = {
  id: 'entry-id', name: 'entry-name', summary: 'entry-summary', sharing: 'entry-sharing', sharingCondition: 'entry-sharingCondition',
  legalBasis: 'entry-legalBasis', open: 'entry-open', updateFrequency: 'entry-updateFrequency', formats: 'entry-formats',
  domain: 'entry-domain', tags: 'entry-tags', fields: 'field-add',
};

export const emptyInput = (): CatalogueEntryInput => ({
  name: '', summary: '', sharing: 'unconditional', sharingCondition: '', legalBasis: '', open: 'closed',
  updateFrequency: 'monthly', formats: ['csv'], domain: '', tags: [], fields: [],
});

export function inputOf(entry: CatalogueEntryDetail): CatalogueEntryInput {
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

interface EntryFormState {
  input: CatalogueEntryInput;
  rows: FieldRow[];
  /** The formats and tags as typed (the input holds them as lists). */
  formats: string;
  tags: string;
  /** The resource code a steward may choose for a new entry (SPEC §4 `id`); empty: assigned. */
  resourceCode: string;
  /** Changed since it was opened or saved. */
  dirty: boolean;
  /** Errors by control id, and the summary above the form. */
  errors: Map<string, string>;
  summary: SummaryError[];
}

/**
 * The entry form of `<egov-catalog-editor>`: the attributes with the Art. 22 rules explained
 * beside them, the field table (rows added, removed and moved by keyboard), the checks of
 * entry-rules.ts before anything is sent, saving and submitting for review.
 */
export class EntryFormController implements ReactiveController {
  readonly #ctx: EditorContext;
  readonly #s: EntryFormState;
  #nextKey = 1;

  constructor(ctx: EditorContext) {
    this.#ctx = ctx;
    this.#s = hostState<EntryFormState>(ctx.host, {
      input: emptyInput(), rows: [], formats: '', tags: '', resourceCode: '', dirty: false, errors: new Map(), summary: [],
    });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  get state(): Readonly<EntryFormState> {
    return this.#s;
  }

  /** Another entry, or none: no errors, nothing changed. */
  reset(): void {
    this.#s.errors = new Map();
    this.#s.summary = [];
    this.#s.dirty = false;
  }

  /** A new entry: empty, with no resource code chosen. */
  start(): void {
    this.edit(emptyInput());
    this.#s.resourceCode = '';
  }

  /** Shows changes kept from before (not saved when the steward left the entry). */
  restore(input: CatalogueEntryInput): void {
    this.edit(input);
    this.#s.dirty = true;
  }

  /** The entry as the server has it. */
  load(entry: CatalogueEntryDetail): void {
    this.edit(inputOf(entry));
    this.#s.dirty = false;
  }

  /** The entry read again: shown, unless the steward has changes not saved. */
  reread(entry: CatalogueEntryDetail): void {
    if (!this.#s.dirty) this.edit(inputOf(entry));
  }

  /** Shows `input` in the form (the rows keyed anew). */
  edit(input: CatalogueEntryInput): void {
    this.#s.input = input;
    this.#s.rows = input.fields.map((field) => ({ key: this.#nextKey++, field }));
    this.#s.formats = input.formats.join(', ');
    this.#s.tags = input.tags.join(this.#ctx.i18n.t('editor.sep'));
  }

  #patch(patch: Partial<CatalogueEntryInput>, clear: string[] = []): void {
    this.#s.input = { ...this.#s.input, ...patch };
    this.#s.dirty = true;
    if (clear.some((id) => this.#s.errors.has(id))) {
      const next = new Map(this.#s.errors);
      for (const id of clear) next.delete(id);
      this.#s.errors = next;
    }
  }

  #setRows(rows: FieldRow[], clear: string[] = []): void {
    this.#s.rows = rows;
    this.#patch({ fields: rows.map((r) => r.field) }, clear);
  }

  /** Duplicate names, flagged on every row that has one as soon as it is typed. */
  #duplicates(): Map<string, string> {
    const dupes = duplicateNames(this.#s.input.fields);
    const out = new Map<string, string>();
    this.#s.rows.forEach((r, i) => {
      const name = r.field.name.trim();
      if (name && FIELD_NAME.test(name) && dupes.has(name.toLowerCase())) out.set(`field-${i}-name`, this.#ctx.i18n.t('editor.rule.fieldNameDuplicate', { row: i + 1, name }));
    });
    return out;
  }

  #editRow(index: number, patch: Partial<CatalogueField>): void {
    const rows = this.#s.rows.map((r, i) => (i === index ? { key: r.key, field: { ...r.field, ...patch } } : r));
    this.#setRows(rows, Object.keys(patch).map((k) => `field-${index}-${k}`).concat(patch.sensitivity ? ['entry-open'] : []));
  }

  #addRow(): void {
    const rows = [...this.#s.rows, { key: this.#nextKey++, field: { name: '', label: '', type: 'string' as const, sensitivity: 'none' as const, description: '' } }];
    this.#setRows(rows, ['fields']);
    const n = rows.length;
    this.#ctx.announce(this.#ctx.i18n.t('editor.fields.added', { row: n, count: n }));
    this.#ctx.focus(`#field-${n - 1}-name`);
  }

  #removeRow(index: number): void {
    const removed = this.#s.rows[index];
    if (!removed) return;
    const rows = this.#s.rows.filter((_, i) => i !== index);
    this.#setRows(rows, [...this.#s.errors.keys()].filter((id) => id.startsWith('field-')));
    this.#ctx.announce(this.#ctx.i18n.t('editor.fields.removed', { row: index + 1, name: removed.field.label || removed.field.name || '—', count: rows.length }));
    // Focus the row that took its place, else the one above, else the add button.
    this.#ctx.focus(rows.length ? `#field-${Math.min(index, rows.length - 1)}-name` : '#field-add');
  }

  #moveRow(index: number, by: -1 | 1): void {
    const to = index + by;
    if (to < 0 || to >= this.#s.rows.length) return;
    const rows = [...this.#s.rows];
    const [row] = rows.splice(index, 1);
    rows.splice(to, 0, row!);
    this.#setRows(rows, [...this.#s.errors.keys()].filter((id) => id.startsWith('field-')));
    this.#ctx.announce(this.#ctx.i18n.t('editor.fields.moved', { name: row!.field.label || row!.field.name || '—', from: index + 1, to: to + 1 }));
    // The same button on the row's new line, or its other move button at the top or bottom.
    const edge = (by < 0 && to === 0) || (by > 0 && to === rows.length - 1);
    const button = by < 0 ? (edge ? 'down' : 'up') : edge ? 'up' : 'down';
    this.#ctx.focus(`#field-${to}-${button}`);
  }

  #problemsToErrors(problems: Array<{ path: string; message: string }>): Array<{ id: string; message: string }> {
    return problems.map((p) => {
      const path = controlPath(p.path);
      const cell = /^fields\/(\d+)\/(\w+)$/.exec(path);
      if (cell) return { id: `field-${cell[1]}-${cell[2]}`, message: p.message };
      const head = path.split('/')[0] ?? '';
      return { id: ATTRIBUTE_IDS[head] ?? 'entry-name', message: p.message };
    });
  }

  #showErrors(errors: Array<{ id: string; message: string }>): void {
    this.#s.errors = new Map(errors.map((e) => [e.id === 'field-add' ? 'fields' : e.id, e.message]));
    this.#s.summary = errors.map((e) => ({ fieldId: e.id.startsWith('field-') ? 'wrap-fields' : 'wrap-' + e.id, controlId: e.id, message: e.message }));
    if (errors.length) this.#ctx.focus('[part=error-summary]');
  }

  #validate(submission = false): boolean {
    const { t } = this.#ctx.i18n;
    const code = this.#s.resourceCode.trim();
    const resourceCode = !this.#ctx.current && code && this.#ctx.agencyCode ? { code, agencyCode: this.#ctx.agencyCode } : undefined;
    const problems = checkEntry(this.#s.input, t('editor.sep'), { submission, resourceCode }).map((p) => ({ path: p.path, message: t(p.key, p.params) }));
    this.#showErrors(this.#problemsToErrors(problems));
    return !problems.length;
  }

  /** A refusal about the entry's answers: shown at the answers; true when it was one. */
  refused(error: unknown): boolean {
    const api = error instanceof ApiError ? error : undefined;
    if (api && (api.status === 422 || api.status === 400) && api.fields.length) {
      this.#showErrors(this.#problemsToErrors(api.fields));
      this.#ctx.announce(this.#ctx.i18n.t('editor.form.refused', { count: api.fields.length }));
      return true;
    }
    if (api?.code === 'ID_TAKEN') {
      this.#showErrors([{ id: 'entry-id', message: this.#ctx.i18n.t('editor.rule.idTaken', { id: this.#s.resourceCode.trim() }) }]);
      this.#ctx.announce(this.#ctx.i18n.t('editor.form.refused', { count: 1 }));
      return true;
    }
    return false;
  }

  /** Saves the draft (creating it the first time); true when it is saved. */
  async #save(submission = false): Promise<CatalogueEntryDetail | undefined> {
    if (this.#ctx.busy) return undefined;
    if (!this.#validate(submission)) {
      this.#ctx.announce(this.#ctx.i18n.t('editor.form.fix', { count: this.#s.summary.length }));
      return undefined;
    }
    this.#ctx.busy = 'save';
    this.#ctx.actionError = undefined;
    this.#ctx.notice = '';
    try {
      const current = this.#ctx.current;
      const input = cleanInput(this.#s.input);
      const code = this.#s.resourceCode.trim();
      const saved = current ? await updateEntry(this.#ctx.client, current.id, input) : await createEntry(this.#ctx.client, code ? { ...input, id: code } : input);
      // What the steward typed stays as typed; the entry's status, version and history are the server's.
      this.#ctx.saved(saved);
      this.#s.dirty = false;
      this.#ctx.notice = this.#ctx.i18n.t('editor.form.saved', { version: saved.version });
      this.#ctx.announce(this.#ctx.notice);
      return saved;
    } catch (error) {
      this.#ctx.failed(error);
      return undefined;
    } finally {
      this.#ctx.busy = '';
    }
  }

  async #onSave(event: Event): Promise<void> {
    event.preventDefault();
    const saved = await this.#save();
    if (saved) this.#ctx.focus('#notice');
  }

  async #onSubmit(): Promise<void> {
    if (this.#ctx.busy) return;
    let entry = this.#ctx.current;
    if (!entry || this.#s.dirty) entry = await this.#save(true);
    else if (!this.#validate(true)) {
      this.#ctx.announce(this.#ctx.i18n.t('editor.form.fix', { count: this.#s.summary.length }));
      return;
    }
    if (!entry) return;
    this.#ctx.busy = 'submit';
    this.#ctx.actionError = undefined;
    try {
      const submitted = await submitEntry(this.#ctx.client, entry.id);
      const id = entry.id;
      this.#ctx.acted({ ...entry, ...submitted }, this.#ctx.i18n.t('editor.submit.done'), () => this.#ctx.emit('egov-entry-submit', { id }));
    } catch (error) {
      this.#ctx.failed(error);
    } finally {
      this.#ctx.busy = '';
    }
  }

  /** The steward's form: the attributes with the Art. 22 rules beside them, the field table, save and submit. */
  render(entry: CatalogueEntryDetail | undefined) {
    const { t } = this.#ctx.i18n;
    const dupes = this.#duplicates();
    const editable = !entry || EDITABLE.includes(entry.status);
    const input = this.#s.input;
    const err = (id: string) => this.#s.errors.get(id) ?? '';
    const personal = personalFields(input.fields);
    const reason = needsReason(input.sharing);
    const sub = this.#ctx.headings.ariaLevel(1);
    const option = (prefix: string) => (v: string) => ({ value: v, label: t(prefix + v) });
    return html`<form part="entry-form" novalidate aria-labelledby="form-heading" @submit=${(e: Event) => void this.#onSave(e)}>
      <h3 id="form-heading" aria-level=${ifDefined(sub)}>${t('editor.form.title')}</h3>
      ${renderErrorSummary(this.#s.summary, t('editor.form.errorSummary'), () => this.#ctx.host.getRootNode() as ShadowRoot, this.#ctx.headings.level(2))}
      ${!editable ? html`<p class="alert notice">${t('editor.form.locked.' + entry!.status)}</p>` : nothing}
      ${entry?.status === 'published' ? html`<p class="hint">${t('editor.form.newVersionHint')}</p>` : nothing}
      <fieldset ?disabled=${!editable || !!this.#ctx.busy} class="attributes">
        <legend class="sr-only">${t('editor.form.attributes')}</legend>
        ${entry ? nothing : html`<div id="wrap-entry-id"><egov-input id="entry-id" label=${t('editor.id')} hint=${t('editor.idHint')} .value=${this.#s.resourceCode}
          error=${err('entry-id')} spellcheck="false" autocomplete="off" translate="no"
          @input=${(e: Event) => { this.#s.resourceCode = (e.target as HTMLInputElement).value; this.#patch({}, ['entry-id']); }}></egov-input></div>`}
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
          <div id="wrap-entry-formats"><egov-input id="entry-formats" label=${t('editor.attr.formats')} hint=${t('editor.attr.listHint')} .value=${this.#s.formats} error=${err('entry-formats')}
            @input=${(e: Event) => { this.#s.formats = (e.target as HTMLInputElement).value; this.#patch({ formats: splitList(this.#s.formats).map((f) => f.toLowerCase()) }, ['entry-formats']); }}></egov-input></div>
        </div>
        <div id="wrap-entry-tags"><egov-input id="entry-tags" label=${t('editor.attr.tags')} hint=${t('editor.attr.listHint')} .value=${this.#s.tags} error=${err('entry-tags')}
          @input=${(e: Event) => { this.#s.tags = (e.target as HTMLInputElement).value; this.#patch({ tags: splitList(this.#s.tags) }, ['entry-tags']); }}></egov-input></div>
      </fieldset>
      ${renderFieldTable({
        t, rows: this.#s.rows, readonly: !editable || !!this.#ctx.busy, headings: this.#ctx.headings,
        error: (id) => this.#s.errors.get(id) ?? dupes.get(id),
        edit: (i, patch) => this.#editRow(i, patch),
        add: () => this.#addRow(),
        remove: (i) => this.#removeRow(i),
        move: (i, by) => this.#moveRow(i, by),
      })}
      ${editable ? html`<div class="actions">
        <button type="submit" class="btn ${entry && SUBMITTABLE.includes(entry.status) ? 'btn--secondary' : ''}" id="save" aria-disabled=${this.#ctx.busy ? 'true' : 'false'}>
          ${this.#ctx.busy === 'save' ? t('editor.form.saving') : t(entry?.status === 'published' ? 'editor.form.saveVersion' : 'editor.form.save')}</button>
        ${!entry || SUBMITTABLE.includes(entry.status) ? html`<button type="button" class="btn" id="submit" aria-disabled=${this.#ctx.busy ? 'true' : 'false'}
          aria-describedby="submit-hint" @click=${() => void this.#onSubmit()}>${this.#ctx.busy === 'submit' ? t('editor.submit.sending') : t('editor.submit.button')}</button>` : nothing}
      </div>
      ${!entry || SUBMITTABLE.includes(entry.status) ? html`<p class="hint" id="submit-hint">${t('editor.submit.hint')}</p>` : nothing}` : nothing}
    </form>`;
  }

  /** The data office's view of the attributes and fields. */
  renderReadOnly(entry: CatalogueEntryDetail) {
    const { t } = this.#ctx.i18n;
    const sub = this.#ctx.headings.ariaLevel(1);
    const dl = (key: string, value: string | undefined, data = false) => html`<dt>${t('editor.attr.' + key)}</dt>
      <dd data-attr=${key} lang=${ifDefined(data ? this.#ctx.i18n.dataLang(value) : undefined)}>${value || t('editor.diff.empty')}</dd>`;
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
      ${renderFieldTable({ t, rows: this.#s.rows, readonly: true, headings: this.#ctx.headings, error: () => undefined, edit: () => undefined, add: () => undefined, remove: () => undefined, move: () => undefined })}`;
  }

}
