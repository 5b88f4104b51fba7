import { css } from 'lit';

/** The editor's own layout, over the case views' shared one (facts, tables, timeline, badges). */
export const editorStyles = css`
  :host { max-inline-size: var(--egov-catalog-editor-max-width, 64rem); }
  .status-filter { display: flex; flex-wrap: wrap; gap: calc(var(--_space) / 2); margin-block-end: calc(var(--_space) * 2); }
  .status-filter [aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  .btn--small { min-block-size: var(--_target); padding-inline: var(--_space); font-size: 0.9375em; }
  .badge--info { color: var(--_info); }
  .rule-group { display: grid; gap: var(--_space); grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; margin-block-end: var(--_space); }
  .rule { border-inline-start: 4px solid var(--_info); background: var(--_surface-alt); padding: var(--_space) calc(var(--_space) * 1.5); border-radius: var(--_radius); font-size: 0.9375em; }
  .rule p { margin: 0; }
  .rule__title { font-weight: 700; }
  .rule[data-personal]:not([data-personal='0']) { border-color: var(--_warning); }
  .two-up { display: grid; gap: calc(var(--_space) * 2); grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); }
  .fields-table input, .fields-table select { min-inline-size: 7rem; }
  .fields-table td, .fields-table th { padding: calc(var(--_space) / 2); }
  .row-actions { white-space: nowrap; }
  .row-actions .btn { margin-block: 2px; }
  .cell--error input, .cell--error select { border-color: var(--_danger); }
  .cell--error .error-text { display: block; font-size: 0.875em; }
  .problems { margin: var(--_space) 0 0; padding-inline-start: 1.25em; max-block-size: 24rem; overflow: auto; }
  .import-result:focus { outline: none; }
  .import-result:focus-visible { outline: 3px solid var(--_focus); }
  del { color: var(--_bad); }
  ins { color: var(--_ok); text-decoration: none; font-weight: 600; }
  .checklist egov-checkbox { margin-block-end: var(--_space); }
  .review-rows { margin-block-end: calc(var(--_space) * 2); }
  .review-rows th { vertical-align: top; text-align: start; }
  .review-rows th .btn { display: block; margin-block-start: calc(var(--_space) / 2); white-space: nowrap; }
  .review-rows td { white-space: nowrap; }
  .review-rows [aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  @media (max-width: 40rem) {
    .rule-group { grid-template-columns: 1fr; }
    .row-actions { white-space: normal; }
    .fields-table input, .fields-table select { min-inline-size: 0; }
    .fields-table td .error-text { grid-column: 2; }
    .fields-table td.row-actions { display: flex; flex-wrap: wrap; gap: calc(var(--_space) / 2); align-items: center; }
    .fields-table td.row-actions::before { flex-basis: 100%; }
  }
  @media (forced-colors: active) {
    .status-filter [aria-pressed='true'], .review-rows [aria-pressed='true'] { border: 3px solid CanvasText; }
    .rule { border-inline-start-color: CanvasText; }
    del, ins { color: CanvasText; }
  }
`;
