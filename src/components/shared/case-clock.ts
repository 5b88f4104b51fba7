import { html, nothing } from 'lit';
import type { ClockEvent } from '../../core/case-types';
import '../../i18n/cases';

/**
 * The clock of a case as both case views show it (SPEC §14): stopped, restarted or extended,
 * each with its reason, legal basis and the due date it left, so the officer and the
 * applicant read the same account of the time limit.
 */

type T = (key: string, params?: Record<string, string | number>) => string;
type DateFn = (value: string | number | Date, style?: 'date' | 'datetime') => string;

export function renderClock(c: { clock?: ClockEvent[] | undefined; suspended?: boolean | undefined }, t: T, date: DateFn) {
  if (!c.clock?.length) return nothing;
  return html`<section part="clock" class="panel" aria-labelledby="clock-heading" ?data-suspended=${!!c.suspended}>
    <h3 id="clock-heading">${t('cases.clock.title')}</h3>
    ${c.suspended ? html`<p class="alert alert--warning" data-suspended>${t('cases.clock.stopped')}</p>` : nothing}
    <ol class="timeline">${c.clock.map((e) => html`<li data-clock=${e.action}>
      <strong>${e.action === 'suspended' && e.kind ? t('cases.clock.suspended', { kind: t('cases.clock.kind.' + e.kind) }) : e.action === 'extended' ? t('cases.clock.extended', { days: e.days ?? 0 }) : t('cases.clock.resumed', { days: e.days ?? 0 })}</strong>
      · <time datetime=${e.at}>${date(e.at, 'datetime')}</time>
      ${e.reason ? html`<br /><span>${t('cases.clock.reason')}${e.reason}</span>` : nothing}
      ${e.legalBasis ? html`<br /><span>${t('cases.clock.legalBasis')}${e.legalBasis}</span>` : nothing}
      ${e.dueAt && e.action !== 'suspended' ? html`<br /><span>${t('cases.clock.dueAt', { date: date(e.dueAt, 'date') })}</span>` : nothing}
    </li>`)}</ol>
  </section>`;
}
