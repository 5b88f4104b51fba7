import { html, nothing } from 'lit';
import type { RemediesNotice } from '../../core/remedies';
import '../../i18n/cases';

/**
 * The notice of remedies on a refusal or a non-acceptance (SPEC §14; 行政许可法 Art. 38): the
 * bodies and the time limits as the decision stored them, said in the reader's language.
 */

type T = (key: string, params?: Record<string, string | number>) => string;

export function renderRemedies(remedies: RemediesNotice | undefined, t: T) {
  if (!remedies) return nothing;
  const { review, litigation } = remedies;
  return html`<div part="remedies" class="remedies">
    <h4>${t('cases.remedies.title')}</h4>
    <p data-remedy="review">${t('cases.remedies.review', { days: review.withinDays })} <span lang="zh-CN">${review.body}</span>
      <span class="muted">(<span lang="zh-CN">${review.legalBasis}</span>)</span></p>
    <p data-remedy="litigation">${t('cases.remedies.litigation', { months: litigation.withinMonths })} <span lang="zh-CN">${litigation.body}</span>
      <span class="muted">(<span lang="zh-CN">${litigation.legalBasis}</span>)</span></p>
  </div>`;
}
