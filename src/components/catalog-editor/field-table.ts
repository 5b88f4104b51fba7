import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { FIELD_SENSITIVITIES, FIELD_TYPES, type CatalogueField } from '../../core/catalog-types';
import type { HeadingLevelController } from '../../controllers/heading-level';

export interface FieldRow {
  /** Stable across moves, so Lit keeps each row's controls (and focus) with the row. */
  key: number;
  field: CatalogueField;
}

type T = (key: string, params?: Record<string, string | number>) => string;

export interface FieldTableHost {
  t: T;
  rows: readonly FieldRow[];
  readonly: boolean;
  /** Errors by control id (`field-2-name`). */
  error: (id: string) => string | undefined;
  edit: (index: number, patch: Partial<CatalogueField>) => void;
  add: () => void;
  remove: (index: number) => void;
  move: (index: number, by: -1 | 1) => void;
  /** The editor's heading levels: the table's heading is one below the top. */
  headings?: HeadingLevelController | undefined;
}

const CELLS = ['name', 'label', 'type', 'sensitivity', 'description'] as const;

/**
 * The field table editor: one row per field, its name, label, type, sensitivity and
 * description, each control named with its row ("第 3 行 字段名") so a screen reader says
 * which row it is in; rows added, removed and moved up or down by buttons, all by keyboard.
 */
export function renderFieldTable(host: FieldTableHost) {
  const { t, rows } = host;
  const n = rows.length;
  const cell = (row: FieldRow, index: number, key: (typeof CELLS)[number]) => {
    const id = `field-${index}-${key}`;
    const error = host.error(id);
    const label = t('editor.fields.cellLabel', { row: index + 1, column: t('editor.fields.' + key) });
    const common = {
      id,
      invalid: error ? 'true' : 'false',
      describedby: error ? id + '-error' : undefined,
    };
    const onInput = (e: Event) => host.edit(index, { [key]: (e.target as HTMLInputElement).value } as Partial<CatalogueField>);
    let control;
    if (key === 'type') {
      control = html`<select id=${common.id} aria-label=${label} aria-invalid=${common.invalid} aria-describedby=${common.describedby ?? nothing} @change=${onInput}>
        ${FIELD_TYPES.map((ty) => html`<option value=${ty} ?selected=${row.field.type === ty}>${t('editor.type.' + ty)}</option>`)}
      </select>`;
    } else if (key === 'sensitivity') {
      const value = row.field.sensitivity ?? 'none';
      control = html`<select id=${common.id} aria-label=${label} aria-invalid=${common.invalid} aria-describedby=${'sensitivity-hint' + (error ? ' ' + id + '-error' : '')} @change=${onInput}>
        ${FIELD_SENSITIVITIES.map((s) => html`<option value=${s} ?selected=${value === s}>${t('editor.sensitivity.' + s)}</option>`)}
      </select>`;
    } else {
      control = html`<input id=${common.id} type="text" aria-label=${label} .value=${row.field[key] ?? ''} aria-invalid=${common.invalid}
        aria-describedby=${common.describedby ?? nothing} spellcheck=${key === 'name' ? 'false' : 'true'} autocomplete="off"
        translate=${key === 'name' ? 'no' : nothing} @input=${onInput} />`;
    }
    return html`<td data-label=${t('editor.fields.' + key)} class=${error ? 'cell--error' : ''}>
      ${control}${error ? html`<span class="error-text" id="${id}-error">${error}</span>` : nothing}
    </td>`;
  };
  const readCell = (row: FieldRow, key: (typeof CELLS)[number]) => {
    const value = key === 'type' ? t('editor.type.' + row.field.type) : key === 'sensitivity' ? t('editor.sensitivity.' + (row.field.sensitivity ?? 'none')) : row.field[key];
    return html`<td data-label=${t('editor.fields.' + key)} translate=${key === 'name' ? 'no' : nothing}>${value}</td>`;
  };
  return html`<section part="field-table" class="panel" aria-labelledby="fields-heading" id="wrap-fields">
    <h3 id="fields-heading" aria-level=${host.headings?.ariaLevel(1) ?? nothing}>${t('editor.fields.title')}</h3>
    <p class="hint" id="sensitivity-hint">${t('editor.fields.sensitivityHint')}</p>
    ${host.error('fields') ? html`<p class="error-text" id="fields-error">${host.error('fields')}</p>` : nothing}
    ${n ? html`<div class="table-scroll"><table class="stack fields-table">
      <caption class="sr-only">${t('editor.fields.caption', { count: n })}</caption>
      <thead><tr>
        <th scope="col">${t('editor.fields.row')}</th>
        ${CELLS.map((c) => html`<th scope="col">${t('editor.fields.' + c)}</th>`)}
        ${host.readonly ? nothing : html`<th scope="col">${t('editor.fields.actions')}</th>`}
      </tr></thead>
      <tbody>${repeat(rows, (r) => r.key, (row, index) => html`<tr data-row=${index + 1} data-name=${row.field.name}>
        <th scope="row" data-label=${t('editor.fields.row')}>${index + 1}</th>
        ${CELLS.map((c) => (host.readonly ? readCell(row, c) : cell(row, index, c)))}
        ${host.readonly ? nothing : html`<td data-label=${t('editor.fields.actions')} class="row-actions">
          <button type="button" class="btn btn--secondary btn--small" id="field-${index}-up" data-move="up" aria-disabled=${index === 0 ? 'true' : 'false'}
            aria-label=${t('editor.fields.upNamed', { row: index + 1 })} @click=${() => index > 0 && host.move(index, -1)}>${t('editor.fields.up')}</button>
          <button type="button" class="btn btn--secondary btn--small" id="field-${index}-down" data-move="down" aria-disabled=${index === n - 1 ? 'true' : 'false'}
            aria-label=${t('editor.fields.downNamed', { row: index + 1 })} @click=${() => index < n - 1 && host.move(index, 1)}>${t('editor.fields.down')}</button>
          <button type="button" class="btn btn--secondary btn--small" id="field-${index}-remove" data-remove
            aria-label=${t('editor.fields.removeNamed', { row: index + 1 })} @click=${() => host.remove(index)}>${t('editor.fields.remove')}</button>
        </td>`}
      </tr>`)}</tbody>
    </table></div>` : html`<p class="muted">${t('editor.fields.empty')}</p>`}
    ${host.readonly ? nothing : html`<button type="button" class="btn btn--secondary" id="field-add" @click=${() => host.add()}>${t('editor.fields.add')}</button>`}
  </section>`;
}
