import { css } from 'lit';

/** Layout shared by the views of a case: the officer's workbench, the applicant's progress view, the catalogue editor. */
export const caseStyles = css`
  :host {
    --_ok: var(--egov-case-ok-color, var(--_success));
    --_bad: var(--egov-case-bad-color, var(--_danger));
    --_late: var(--egov-case-overdue-color, var(--_danger));
    max-inline-size: var(--egov-case-max-width, 64rem);
  }
  h2 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 calc(var(--_space) * 2); }
  h2:focus { outline: none; }
  h2:focus-visible { outline: 3px solid var(--_focus); }
  h3 { font-size: 1.125rem; margin: calc(var(--_space) * 2) 0 var(--_space); }
  h4 { font-size: 1rem; margin: var(--_space) 0 calc(var(--_space) / 2); }
  p { margin: 0 0 var(--_space); }
  .muted { color: var(--_muted); }
  .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); margin-block: calc(var(--_space) * 2); }
  .panel { border: 1px solid var(--_divider); border-radius: var(--_radius); padding: calc(var(--_space) * 2); margin-block-end: calc(var(--_space) * 2); }
  .filters { display: flex; flex-wrap: wrap; gap: calc(var(--_space) * 2); align-items: end; margin-block-end: calc(var(--_space) * 2); }
  .filters .field { margin: 0; min-inline-size: 12rem; flex: 1 1 12rem; }
  .table-scroll { overflow-x: auto; max-inline-size: 100%; }
  table { border-collapse: collapse; inline-size: 100%; }
  th, td { text-align: start; padding: var(--_space); border-block-end: 1px solid var(--_divider); vertical-align: top; }
  th { font-weight: 700; }
  .pager { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin-block: calc(var(--_space) * 2); }
  .badge {
    display: inline-flex; align-items: center; gap: 0.25em; padding: 0 0.5em; border-radius: 999px;
    border: 2px solid currentColor; font-size: 0.875em; font-weight: 700; white-space: nowrap;
  }
  .badge--ok { color: var(--_ok); }
  .badge--bad { color: var(--_bad); }
  .badge--neutral { color: var(--_muted); }
  .overdue { color: var(--_late); font-weight: 700; }
  .facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: calc(var(--_space) / 2) calc(var(--_space) * 2); margin: 0; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); }
  .item { border: 1px solid var(--_divider); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); }
  .item--flagged { border-inline-start: 5px solid var(--_warning); }
  .check { display: flex; gap: var(--_space); align-items: flex-start; }
  .check--pass { color: var(--_ok); }
  .check--fail { color: var(--_bad); }
  .check--unknown { color: var(--_muted); }
  .check span { color: var(--_text); }
  .check .check__icon { color: inherit; font-weight: 700; }
  .timeline { list-style: none; margin: 0; padding: 0; border-inline-start: 3px solid var(--_divider); }
  .timeline li { padding: 0 0 calc(var(--_space) * 1.5) calc(var(--_space) * 2); position: relative; }
  .timeline li::before {
    content: ''; position: absolute; inset-inline-start: -8px; inset-block-start: 0.4em;
    inline-size: 13px; block-size: 13px; border-radius: 50%; background: var(--_primary);
  }
  .timeline time { color: var(--_muted); }
  .error-summary {
    border: 4px solid var(--_danger); padding: calc(var(--_space) * 2); margin-block-end: calc(var(--_space) * 3);
    border-radius: var(--_radius);
  }
  .error-summary:focus { outline: 3px solid var(--_focus); }
  .error-summary__title { margin: 0 0 var(--_space); font-size: 1.25rem; }
  .error-summary__list { margin: 0; padding-inline-start: 1.25em; }
  .error-summary__list a { color: var(--_danger); font-weight: 700; }
  .field--error { border-inline-start: 5px solid var(--_danger); padding-inline-start: calc(var(--_space) * 1.5); }
  fieldset { border: 0; margin: 0 0 calc(var(--_space) * 2); padding: 0; min-inline-size: 0; }
  legend { font-weight: 600; padding: 0; margin-block-end: calc(var(--_space) / 2); }
  .choice { display: flex; gap: var(--_space); align-items: center; min-block-size: var(--_target); }
  .choice input { inline-size: 1.5rem; block-size: 1.5rem; min-block-size: 0; margin: 0; flex: none; }
  .choice label { font-weight: 400; }
  .correction-item { display: grid; gap: calc(var(--_space) / 2); margin-block-end: var(--_space); }
  .correction-item .field { margin-inline-start: calc(1.5rem + var(--_space)); }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; max-block-size: 24rem; overflow: auto; background: var(--_surface-alt); padding: var(--_space); border-radius: var(--_radius); }
  .notice { margin-block-end: calc(var(--_space) * 2); }
  @media (max-width: 40rem) {
    .facts { grid-template-columns: 1fr; }
    .facts dd { margin-block-end: var(--_space); }
    table.stack thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    table.stack tr { display: block; border-block-end: 2px solid var(--_divider); padding-block: var(--_space); }
    table.stack td, table.stack th[scope='row'] { display: grid; grid-template-columns: 7rem 1fr; gap: var(--_space); border: 0; padding: calc(var(--_space) / 4) 0; }
    table.stack td::before, table.stack th[scope='row']::before { content: attr(data-label); font-weight: 700; }
  }
`;
