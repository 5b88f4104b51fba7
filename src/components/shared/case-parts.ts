import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ServiceDefinition } from '../../core/service-definition';
import type { EgovLocale } from '../../services/config';
import { isOverdue, type ApplicationStatus, type CorrectionItem, type HistoryEvent } from '../../services/cases';
import { labelOf } from '../shared/field-model';
import { dataSentence } from '../../internal/lang-parts';
import { dataLangOf } from '../../core/locale';
import '../../i18n/cases';

/**
 * Pieces both case views render the same way — the status badge, the due date with its
 * overdue mark, the timeline, a correction item's label — so an officer and an applicant
 * read one case in the same words.
 */

type T = (key: string, params?: Record<string, string | number>) => string;
type DateFn = (value: string | number | Date, style?: 'date' | 'datetime') => string;

const GOOD: ApplicationStatus[] = ['approved', 'accepted'];
const BAD: ApplicationStatus[] = ['refused', 'not_accepted'];

export function statusBadge(status: ApplicationStatus, t: T) {
  const tone = GOOD.includes(status) ? 'ok' : BAD.includes(status) ? 'bad' : 'neutral';
  return html`<span class="badge badge--${tone}" data-status=${status}>${t('cases.status.' + status)}</span>`;
}

export function dueDate(item: { status: ApplicationStatus; dueAt?: string | undefined }, t: T, date: DateFn) {
  if (!item.dueAt) return html`<span class="muted">${t('cases.due.none')}</span>`;
  if (isOverdue(item)) {
    return html`<span class="overdue" data-overdue><span aria-hidden="true">⚠ </span>${t('cases.due.overdue', { date: date(item.dueAt) })}</span>`;
  }
  return html`<span>${date(item.dueAt)}</span>`;
}

/** The label of a corrected answer or material, in the reader's language. */
/** What a correction item asks for (SPEC §14 typed items): an answer, a material, a declared paper original or presence. */
function kindOf(item: CorrectionItem): 'answer' | 'material' | 'paper' | 'presence' {
  return item.kind ?? (item.material ? 'material' : 'answer');
}

export function correctionLabel(item: CorrectionItem, def: ServiceDefinition | undefined, locale: EgovLocale): string {
  const kind = kindOf(item);
  if (kind === 'paper' || kind === 'presence') {
    const p = def?.paperRequired?.find((r) => r.code === item.code);
    return (p && ((locale === 'en' && p.whatEn) || p.what)) || item.code || '';
  }
  const material = item.material ?? (kind === 'material' ? item.code : undefined);
  if (material) {
    const m = def?.materials?.find((r) => r.code === material);
    return (m && ((locale === 'en' && m.nameEn) || m.name)) || material;
  }
  const name = (item.path ?? '').split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~') ?? '';
  const schema = def?.form.schema.properties?.[name];
  return schema ? labelOf(schema, name, locale) : item.path ?? '';
}

export function renderCorrections(items: CorrectionItem[], def: ServiceDefinition | undefined, locale: EgovLocale, t: T) {
  return html`<ul class="list">
    ${items.map((item) => html`<li class="item item--flagged" data-correction=${item.path ?? kindOf(item) + ':' + (item.material ?? item.code)}>
      <strong>${t('cases.correction.' + kindOf(item))}: ${correctionLabel(item, def, locale)}</strong>
      <p>${t('cases.correction.reason')}: ${item.reason}</p>
    </li>`)}
  </ul>`;
}

/**
 * Every event of the case, oldest first: what happened, who did it, when, and why; with
 * `broken` (the server's `historyBroken`), first a warning that it was altered.
 */
export function renderTimeline(history: HistoryEvent[], def: ServiceDefinition | undefined, locale: EgovLocale, t: T, date: DateFn, broken?: { at: number }) {
  const warning = broken ? html`<div class="alert alert--warning notice" role="alert" data-history-broken=${broken.at}><p>${t('cases.history.broken')}</p></div>` : nothing;
  if (!history.length) return html`${warning}<p class="muted">${t('cases.history.empty')}</p>`;
  const sorted = [...history].sort((a, b) => a.at.localeCompare(b.at));
  return html`${warning}<ol class="timeline">
    ${sorted.map((e) => html`<li data-action=${e.action}>
      <strong>${t('cases.history.' + e.action)}</strong>
      <div><time datetime=${e.at}>${date(e.at, 'datetime')}</time> · ${actorText(e, locale, t)}</div>
      ${e.reason ? html`<div>${t('cases.decision.reason')}: <span lang=${ifDefined(dataLangOf(locale, e.reason))}>${e.reason}</span></div>` : nothing}
      ${e.legalBasis ? html`<div>${t('cases.decision.legalBasis')}: <span lang=${ifDefined(dataLangOf(locale, e.legalBasis))}>${e.legalBasis}</span></div>` : nothing}
      ${e.items?.length ? html`<ul>${e.items.map((i) => html`<li>${correctionLabel(i, def, locale)}: <span lang=${ifDefined(dataLangOf(locale, i.reason))}>${i.reason}</span></li>`)}</ul>` : nothing}
    </li>`)}
  </ol>`;
}

function actorText(e: HistoryEvent, locale: EgovLocale, t: T) {
  const i18n = { locale, t };
  const who = e.actor.agency ? dataSentence(i18n, 'cases.actor.withAgency', { name: e.actor.name, agency: e.actor.agency.name }) : e.actor.name;
  return dataSentence(i18n, 'cases.actor.line', { kind: t('cases.actor.' + e.actor.kind), who });
}
