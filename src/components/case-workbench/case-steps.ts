import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { LocaleController } from '../../controllers/locale-controller';
import type { ApplicationDetail, CaseStep, DecisionAction } from '../../services/cases';
import '../../i18n/case-workbench';

/**
 * The steps of a case as the officer's workbench shows them (SPEC §14): the step it is at, in
 * the queue and on the case, who took which step with what decision, and `approve` said as
 * passing the case on before the last step.
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
