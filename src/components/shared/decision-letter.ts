import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EgovElement } from '../base/egov-element';
import { getDecisionLetter, trustListOrNothing, verifyRecordSeal, type DecisionLetter } from '../../services/cases';
import { renderRemedies } from './case-remedies';
import { printAlone } from './print-alone';
import { alertStyles, buttonStyles, hostStyles } from './shared.styles';
import { caseStyles } from './case.styles';
import './async-state';
import '../../i18n/cases';
import '../../i18n/decision-letter';

/**
 * The decision letter (决定书, SPEC §14) of a decided case, for the applicant (my applications)
 * and the agency's officers (the workbench): fetched when asked for, its seal checked in this
 * browser against the trust list like a certificate's, and printed on its own. A part of
 * those two elements, not a tag for portals: it is registered when their bodies load, and
 * is not in the manifest.
 *
 * @internal
 * @csspart decision-letter - The letter.
 */
export class EgovDecisionLetter extends EgovElement {
  static override styles = [hostStyles, buttonStyles, alertStyles, caseStyles, css`
    @media print { button { display: none; } }
  `];

  /** The id of the decided case. */
  @property() application = '';

  @state() private _letter: { letter: DecisionLetter; seal: boolean | null } | 'loading' | undefined;
  @state() private _error: unknown;
  #stopPrinting: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopPrinting = printAlone(this, () => typeof this._letter === 'object');
  }

  override disconnectedCallback(): void {
    this.#stopPrinting?.();
    super.disconnectedCallback();
  }

  async #open(): Promise<void> {
    this._letter = 'loading';
    this._error = undefined;
    try {
      const client = this.config.client;
      const [letter, trust] = await Promise.all([getDecisionLetter(client, this.application), trustListOrNothing(client)]);
      this._letter = { letter, seal: await verifyRecordSeal(letter, trust) };
    } catch (error) {
      this._letter = undefined;
      this._error = error;
    }
  }

  override render() {
    const { t, date } = this.i18n;
    if (this._error) return html`<egov-async-state state="error" message=${this.i18n.error(this._error)} @egov-retry=${() => void this.#open()}></egov-async-state>`;
    if (this._letter === 'loading') return html`<egov-async-state state="loading" message=${t('letter.loading')}></egov-async-state>`;
    if (!this._letter) return html`<button type="button" class="btn btn--secondary" data-letter-open @click=${() => void this.#open()}>${t('letter.open')}</button>`;
    const { letter: l, seal } = this._letter;
    return html`<article part="decision-letter" class="panel" aria-labelledby="letter-heading" data-seal=${String(seal)}>
      <h3 id="letter-heading">${t('letter.title')}</h3>
      <p class="check check--${seal === true ? 'pass' : seal === false ? 'fail' : 'unknown'}">
        <span class="check__icon" aria-hidden="true">${seal === true ? '✓' : seal === false ? '✕' : '?'}</span>
        <span>${t(seal === true ? 'letter.sealOk' : seal === false ? 'letter.sealBad' : 'letter.sealUnknown')}</span></p>
      <dl class="facts">
        <dt>${t('letter.number')}</dt><dd class="mono" translate="no">${l.number}</dd>
        <dt>${t('letter.applicant')}</dt><dd lang="zh-CN">${l.applicant.name}</dd>
        <dt>${t('letter.service')}</dt><dd lang="zh-CN">${l.service.name}</dd>
        <dt>${t('letter.decision')}</dt><dd>${t('cases.action.' + l.decision)}</dd>
        ${l.reasons ? html`<dt>${t('letter.reasons')}</dt><dd lang="zh-CN">${l.reasons}</dd>` : nothing}
        <dt>${t('letter.legalBasis')}</dt><dd lang="zh-CN">${l.legalBasis}</dd>
        <dt>${t('letter.decidedAt')}</dt><dd>${date(l.decidedAt, 'date')}</dd>
        <dt>${t('letter.agency')}</dt><dd lang="zh-CN">${l.agency.name}</dd>
      </dl>
      ${renderRemedies(l.remedies, t)}
      <div class="actions"><button type="button" class="btn" data-letter-print @click=${() => window.print()}>${t('letter.print')}</button></div>
    </article>`;
  }
}

/** The letter's element for a decided case, signed in as the view around it is. */
export function decisionLetterFor(id: string, view: Pick<EgovElement, 'apiBase' | 'token' | 'tokenProvider' | 'locale'>) {
  return html`<egov-decision-letter application=${id} .apiBase=${view.apiBase} .token=${view.token} .tokenProvider=${view.tokenProvider} .locale=${view.locale}></egov-decision-letter>`;
}

if (!customElements.get('egov-decision-letter')) customElements.define('egov-decision-letter', EgovDecisionLetter);

declare global {
  interface HTMLElementTagNameMap {
    'egov-decision-letter': EgovDecisionLetter;
  }
}
