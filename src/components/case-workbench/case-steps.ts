import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LocaleController } from '../../controllers/locale-controller';
import { QUEUE_HOLDER_FILTERS, isFinal, type ApplicationDetail, type CasePage, type CaseStep, type CaseSummary, type DecisionAction, type QueueHolderFilter } from '../../services/cases';
import '../../i18n/case-workbench';

export { renderClock } from '../shared/case-clock';
export { decisionLetterFor } from '../shared/decision-letter';

/**
 * Steps, claims and the queue's paging as the officer's workbench shows them (SPEC §14): the
 * step a case is at, in the queue and on the case, who took which step with what decision,
 * `approve` said as passing the case on before the last step; who holds the case, the claim
 * button and the queue filter by holder.
 */

type T = LocaleController['t'];

/** The decision's label at this step: an approval before the last step passes the case on. */
export function actionLabel(action: DecisionAction, step: CaseStep | undefined, t: T): string {
  return action === 'approve' && step && step.number < step.of ? t('cases.step.passOn') : t('cases.action.' + action);
}

/** "Step 2 of 3 · review", or nothing for a one-step service. */
export function stepText(step: CaseStep | undefined, t: T) {
  if (!step) return nothing;
  return html`<span class="step" data-step=${step.number}>${t('cases.step.of', { number: step.number, of: step.of, name: t('cases.step.name.' + step.name) })}</span>`;
}

/** The step among the case's facts. */
export function stepFacts(c: ApplicationDetail, t: T) {
  return c.step ? html`<dt>${t('cases.step.title')}</dt><dd>${stepText(c.step, t)}</dd>` : nothing;
}

/** Who took which step, and what they decided there. */
export function renderStepsTaken(c: ApplicationDetail, i18n: LocaleController) {
  const { t, date } = i18n;
  if (!c.step) return nothing;
  const taken = c.steps ?? [];
  return html`<section part="steps" aria-labelledby="steps-heading">
    <h3 id="steps-heading">${t('cases.step.taken')}</h3>
    ${taken.length
      ? html`<ol class="timeline">${taken.map((s) => html`<li data-step=${s.step} data-action=${s.action}>
          <strong>${t('cases.step.name.' + s.name)}</strong> · ${actionLabel(s.action, s.action === 'approve' && s.step < c.step!.of ? { ...c.step!, number: s.step } : undefined, t)}
          · <span lang=${ifDefined(i18n.dataLang(s.officer.name))}>${s.officer.name}</span> · <time datetime=${s.at}>${date(s.at, 'datetime')}</time>
        </li>`)}</ol>`
      : html`<p class="muted">${t('cases.step.none')}</p>`}
  </section>`;
}

/** The step and the holder of a row of the queue. */
export function queueNotes(c: CaseSummary, t: T) {
  return html`${stepText(c.step, t)}${c.holder ? html` <span class="holder muted" data-holder=${c.holder.id}>${t('cases.claim.heldBy', { name: c.holder.name })}</span>` : nothing}`;
}

/** Who holds the case among its facts, and the claim button for anyone else while it is open. */
export function holderFacts(c: ApplicationDetail, me: string, t: T, claim: () => void) {
  const mine = c.holder?.id === me;
  return html`<dt>${t('cases.claim.holder')}</dt><dd data-holder=${c.holder?.id ?? ''}>${c.holder ? (mine ? t('cases.claim.you') : c.holder.name) : t('cases.claim.nobody')}
    ${!mine && !isFinal(c.status) ? html` <button type="button" class="btn btn--secondary" data-claim @click=${claim}>${t('cases.claim.button')}</button>` : nothing}</dd>`;
}

/** The queue filter by holder: all, mine, nobody's. */
export function holderFilter(value: QueueHolderFilter | '', t: T, change: (value: QueueHolderFilter | '') => void) {
  return html`<div class="field">
    <label for="filter-holder">${t('cases.claim.filter')}</label>
    <select id="filter-holder" @change=${(e: Event) => change((e.target as HTMLSelectElement).value as QueueHolderFilter | '')}>
      <option value="" ?selected=${!value}>${t('cases.claim.filter.all')}</option>
      ${QUEUE_HOLDER_FILTERS.map((f) => html`<option value=${f} ?selected=${value === f}>${t('cases.claim.filter.' + f)}</option>`)}
    </select>
  </div>`;
}

/** The queue's pages, when there is more than one. */
export function renderPager(page: CasePage, pageSize: number, t: T, go: (page: number) => void) {
  const pages = Math.max(1, Math.ceil(page.total / (page.pageSize || pageSize)));
  if (pages <= 1) return nothing;
  return html`<nav class="pager" aria-label=${t('cases.queue.paging')}>
    <button type="button" class="btn btn--secondary" ?disabled=${page.page <= 1} @click=${() => go(page.page - 1)}>${t('cases.queue.previous')}</button>
    <span aria-current="page">${t('cases.queue.page', { page: page.page, pages })}</span>
    <button type="button" class="btn btn--secondary" ?disabled=${page.page >= pages} @click=${() => go(page.page + 1)}>${t('cases.queue.next')}</button>
  </nav>`;
}
