import { html, nothing } from 'lit';
import type { CatalogueEntryDetail, CatalogueEntryInput, CatalogueEntryStatus, CatalogueEntryVersion, CatalogueField, CatalogueHistoryEvent } from '../../core/catalog-types';
import { diffEntries, isEmptyDiff, type AttributeKey } from './entry-rules';

type T = (key: string, params?: Record<string, string | number>) => string;
type DateFn = (value: string | number | Date, style?: 'date' | 'datetime') => string;

const TONE: Partial<Record<CatalogueEntryStatus, string>> = { published: 'ok', returned: 'bad', withdrawn: 'neutral', submitted: 'info' };

export function entryStatusBadge(status: CatalogueEntryStatus, t: T) {
  return html`<span class="badge badge--${TONE[status] ?? 'neutral'}" data-status=${status}>${t('editor.status.' + status)}</span>`;
}

/** An attribute's value as the reader reads it: the Measures' labels, not the codes. */
export function attributeText(key: AttributeKey, value: string, t: T): string {
  if (!value) return t('editor.diff.empty');
  if (key === 'sharing') return t('catalog.sharing.' + value);
  if (key === 'open') return t('catalog.open.' + value);
  if (key === 'updateFrequency') return t('catalog.frequency.' + value);
  return value;
}

/** The version now published, when the entry has one other than the version being edited. */
export function publishedVersion(entry: CatalogueEntryDetail): CatalogueEntryVersion | undefined {
  if (!entry.publishedVersion || entry.publishedVersion === entry.version) return undefined;
  return (entry.versions ?? []).find((v) => v.version === entry.publishedVersion);
}

const fieldLine = (f: CatalogueField, t: T) =>
  t('editor.diff.fieldLine', { label: f.label || f.name, name: f.name, type: t('editor.type.' + f.type), sensitivity: t('editor.sensitivity.' + (f.sensitivity ?? 'none')) });

/** The difference between the published version and the new one, in words: old → new. */
export function renderDiff(before: CatalogueEntryVersion, after: Partial<CatalogueEntryInput>, t: T, level?: number) {
  const diff = diffEntries(before, after);
  return html`<section class="panel diff" aria-labelledby="diff-heading" data-diff>
    <h3 id="diff-heading" aria-level=${level ?? nothing}>${t('editor.diff.title', { version: before.version })}</h3>
    ${isEmptyDiff(diff) ? html`<p class="muted">${t('editor.diff.none')}</p>` : html`
      ${diff.attributes.length ? html`<h4>${t('editor.diff.attributes')}</h4><dl class="facts">
        ${diff.attributes.map((a) => html`<dt>${t('editor.attr.' + a.key)}</dt>
          <dd data-attr=${a.key}><del>${attributeText(a.key, a.before, t)}</del> <span aria-hidden="true">→</span><span class="sr-only">${t('editor.diff.becomes')}</span> <ins>${attributeText(a.key, a.after, t)}</ins></dd>`)}
      </dl>` : nothing}
      ${diff.added.length ? html`<h4>${t('editor.diff.added', { count: diff.added.length })}</h4><ul data-fields="added">${diff.added.map((f) => html`<li>${fieldLine(f, t)}</li>`)}</ul>` : nothing}
      ${diff.removed.length ? html`<h4>${t('editor.diff.removed', { count: diff.removed.length })}</h4><ul data-fields="removed">${diff.removed.map((f) => html`<li>${fieldLine(f, t)}</li>`)}</ul>` : nothing}
      ${diff.changed.length ? html`<h4>${t('editor.diff.changed', { count: diff.changed.length })}</h4><ul data-fields="changed">${diff.changed.map((c) => html`<li><span translate="no">${c.name}</span>${t('editor.diff.colon')}
        ${c.changes.map((ch, i) => html`${i ? t('editor.diff.then') : ''}${t('editor.fields.' + ch.key)} ${fieldValue(ch.key, ch.before, t)} <span aria-hidden="true">→</span><span class="sr-only">${t('editor.diff.becomes')}</span> ${fieldValue(ch.key, ch.after, t)}`)}</li>`)}</ul>` : nothing}
    `}
  </section>`;
}

function fieldValue(key: string, value: string, t: T): string {
  if (key === 'type') return t('editor.type.' + value);
  if (key === 'sensitivity') return t('editor.sensitivity.' + value);
  return value || t('editor.diff.empty');
}

/** Every event of the entry, oldest first, with the time in Asia/Shanghai. */
export function renderHistory(history: readonly CatalogueHistoryEvent[], t: T, date: DateFn, level?: number, dataLang?: (v: unknown) => string | undefined) {
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return html`<section part="history" class="panel" aria-labelledby="history-heading">
    <h3 id="history-heading" aria-level=${level ?? nothing}>${t('editor.history.title')}</h3>
    ${!sorted.length ? html`<p class="muted">${t('editor.history.empty')}</p>` : html`<ol class="timeline">
      ${sorted.map((e) => html`<li data-action=${e.action}>
        <strong>${t('editor.history.' + e.action)}</strong> · ${t('editor.history.version', { version: e.version })}
        <div><time datetime=${e.at}>${date(e.at, 'datetime')}</time> · ${t('editor.actor.' + e.actorRole)} <span lang=${dataLang?.(e.actor) ?? nothing}>${e.actor}</span></div>
        ${e.rows !== undefined ? html`<div>${t('editor.history.rows', { rows: e.rows, count: e.rows })}</div>` : nothing}
        ${e.checks ? html`<div>${t('editor.history.checks', { checks: (['legality', 'privacy', 'security'] as const).map((c) => `${t('editor.check.' + c)} ${e.checks![c] ? '✓' : '✕'}`).join(t('editor.sep')) })}</div>` : nothing}
        ${e.reason ? html`<div>${t('editor.history.reason')}: <span lang=${dataLang?.(e.reason) ?? nothing}>${e.reason}</span></div>` : nothing}
      </li>`)}
    </ol>`}
  </section>`;
}
