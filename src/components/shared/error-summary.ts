import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

export interface SummaryError {
  /** Id of the wrapper whose label is scrolled into view. */
  fieldId: string;
  /** Id of the control that receives focus. */
  controlId: string;
  message: string;
}

/**
 * GOV.UK error summary: at the top of the step, announced as an alert, focused when it
 * appears; each error is a link that brings the field's label into view and focuses the
 * field (the label, not the input, so the question is visible above the answer).
 */
export function renderErrorSummary(
  errors: SummaryError[],
  title: string,
  root: () => Pick<DocumentFragment, 'getElementById'> | null,
  level?: number,
) {
  if (!errors.length) return nothing;
  const go = (event: Event, error: SummaryError) => {
    event.preventDefault();
    const shadow = root();
    const wrapper = shadow?.getElementById(error.fieldId);
    const control = shadow?.getElementById(error.controlId) as HTMLElement | null;
    (wrapper?.querySelector('label, legend, h3') ?? wrapper ?? control)?.scrollIntoView({ block: 'start' });
    control?.focus({ preventScroll: true });
  };
  return html`<div part="error-summary" class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 aria-level=${ifDefined(level)} class="error-summary__title" id="error-summary-title">${title}</h2>
    <ul class="error-summary__list">
      ${errors.map((error) => html`<li><a href="#${error.controlId}" @click=${(e: Event) => go(e, error)}>${error.message}</a></li>`)}
    </ul>
  </div>`;
}
