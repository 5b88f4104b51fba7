import { css } from 'lit';

export const applicationFormStyles = css`
  :host { max-inline-size: var(--egov-application-form-max-width, 48rem); }
  .service { color: var(--_muted); margin: 0; font-weight: 600; }
  .caption { color: var(--_muted); margin: 0; }
  .step-heading { font-size: 1.5rem; line-height: 1.3; margin: calc(var(--_space) / 2) 0 calc(var(--_space) * 2); }
  .step-heading:focus { outline: none; }
  .step-heading:focus-visible { outline: 3px solid var(--_focus); }
  h3 { font-size: 1.125rem; margin: calc(var(--_space) * 2) 0 var(--_space); }

  .steps {
    display: flex; flex-wrap: wrap; gap: calc(var(--_space) / 2) var(--_space);
    list-style: none; margin: 0 0 calc(var(--_space) * 2); padding: 0;
    border-block-end: 1px solid var(--_divider); padding-block-end: var(--_space);
    counter-reset: step;
  }
  .steps li {
    counter-increment: step; display: inline-flex; align-items: center; gap: calc(var(--_space) / 2);
    color: var(--_muted); font-size: 0.9375rem;
  }
  .steps li::before {
    content: counter(step); display: inline-grid; place-items: center;
    inline-size: 1.75em; block-size: 1.75em; border-radius: 50%;
    border: 2px solid var(--_border); font-weight: 700; font-size: 0.875em;
  }
  .steps li[data-done]::before { background: var(--_success); border-color: var(--_success); color: var(--_on-primary); }
  .steps li[aria-current='step'] { color: var(--_text); font-weight: 700; }
  .steps li[aria-current='step']::before { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); }
  @media (forced-colors: active) {
    /* The current step keeps its filled number and its title is underlined: visible without colour. */
    .steps li[aria-current='step'] { text-decoration: underline 3px; text-underline-offset: 0.2em; }
    .steps li[aria-current='step']::before { forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight; }
    .steps li[data-done]::before { border-color: CanvasText; }
  }

  .correction-requests { border-inline-start: 5px solid var(--_warning); padding-inline-start: calc(var(--_space) * 1.5); margin-block-end: calc(var(--_space) * 2); }
  .correction-requests .list { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) / 2); }
  .correction-requests .list p { margin: 0; }
  .error-summary {
    border: 4px solid var(--_danger); padding: calc(var(--_space) * 2); margin-block-end: calc(var(--_space) * 3);
    border-radius: var(--_radius);
  }
  .error-summary:focus { outline: 3px solid var(--_focus); outline-offset: 0; }
  .error-summary__title { margin: 0 0 var(--_space); font-size: 1.25rem; }
  .error-summary__list { margin: 0; padding-inline-start: 1.25em; }
  .error-summary__list a { color: var(--_danger); font-weight: 700; }

  .field--error { border-inline-start: 5px solid var(--_danger); padding-inline-start: calc(var(--_space) * 1.5); }
  .optional { font-weight: 400; color: var(--_muted); }
  .input--code { font-variant-numeric: tabular-nums; letter-spacing: 0.05em; max-inline-size: 24rem; }
  fieldset.choices { border: 0; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) / 2); }
  fieldset.choices legend { padding: 0; margin-block-end: calc(var(--_space) / 2); }
  .choice { display: flex; align-items: center; gap: var(--_space); min-block-size: var(--_target); font-weight: 400; cursor: pointer; }
  .choice input { inline-size: 1.5rem; block-size: 1.5rem; min-height: 0; margin: 0; flex: none; }

  .field--bound { margin-block-end: calc(var(--_space) * 2); }
  .field--bound p { margin: 0; }
  .bound__label { font-weight: 700; }
  .bound__value { padding-block: calc(var(--_space) / 2); font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  .guide__list, .guide__materials { margin: 0; padding-inline-start: 1.25em; }
  .guide__materials li { margin-block-end: var(--_space); }
  .guide__material-name { font-weight: 600; margin-inline-end: var(--_space); }
  .guide__held { display: block; color: var(--_success); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin-block-start: calc(var(--_space) * 2); }
  .muted { color: var(--_muted); }
  .save-status { color: var(--_muted); font-size: 0.875rem; margin: var(--_space) 0 0; }
  .notice { margin-block-end: calc(var(--_space) * 2); }

  dl.summary { margin: 0 0 calc(var(--_space) * 2); display: grid; grid-template-columns: minmax(8rem, 1fr) 2fr auto; }
  dl.summary > div { display: contents; }
  dl.summary dt, dl.summary dd { margin: 0; padding: var(--_space) var(--_space) var(--_space) 0; border-block-end: 1px solid var(--_divider); }
  dl.summary dt { font-weight: 600; }
  dl.summary dd { overflow-wrap: anywhere; white-space: pre-wrap; }
  dl.summary dd.change { text-align: end; }
  dl.summary .btn--link { min-height: 0; min-width: 0; padding: 0; }

  .materials { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) * 2); }
  .material { border: 1px solid var(--_divider); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5); }
  .material.field--error { border-inline-start: 5px solid var(--_danger); }
  .material__name { margin: 0 0 var(--_space); display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; }
  .material__file { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; }
  .tag { font-size: 0.8125rem; font-weight: 600; padding: 0 0.5em; border-radius: var(--_radius); background: var(--_surface-alt); color: var(--_muted); }
  .tag--required { color: var(--_text); }
  .upload { display: grid; gap: calc(var(--_space) / 2); justify-items: start; margin-block-end: var(--_space); }
  .upload progress { inline-size: 100%; block-size: 1rem; accent-color: var(--_primary); }
  input[type='file'] { padding: var(--_space); }

  .receipt { border: 4px solid var(--_success); border-radius: var(--_radius); padding: calc(var(--_space) * 2); margin-block-end: calc(var(--_space) * 3); }
  .receipt__panel { background: var(--_success); color: var(--_on-primary); padding: calc(var(--_space) * 2); border-radius: var(--_radius); text-align: center; }
  .receipt__panel p { margin: 0; }
  .receipt__number { font-size: 1.75rem; font-weight: 700; letter-spacing: 0.04em; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
  table.mine { inline-size: 100%; border-collapse: collapse; }
  table.mine th, table.mine td { text-align: start; padding: calc(var(--_space) / 2) var(--_space) calc(var(--_space) / 2) 0; border-block-end: 1px solid var(--_divider); vertical-align: top; }
  .table-scroll { overflow-x: auto; }

  @media (max-width: 40rem) {
    dl.summary { grid-template-columns: 1fr auto; }
    dl.summary dt { grid-column: 1 / -1; border-block-end: 0; padding-block-end: 0; }
    .step-heading { font-size: 1.25rem; }
    .steps li:not([aria-current='step']) .step-title { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  }

  @media print {
    :host { max-inline-size: none; color: #000; }
    .steps, .actions, .no-print, .save-status, .caption, egov-alert { display: none !important; }
    .receipt { break-inside: avoid; }
    .receipt { border-color: #000; }
    .receipt__panel { background: none; color: #000; border: 2px solid #000; }
  }
`;
