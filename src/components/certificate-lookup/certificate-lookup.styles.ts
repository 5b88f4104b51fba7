import { css } from 'lit';

export const certificateLookupStyles = css`
  :host {
    --_ok: var(--egov-certificate-lookup-ok-color, var(--_success));
    --_bad: var(--egov-certificate-lookup-bad-color, var(--_danger));
    --_unsure: var(--egov-certificate-lookup-unsure-color, var(--_warning));
  }
  h2, h3, h4 { margin: 0 0 var(--_space); line-height: 1.3; }
  h2 { font-size: 1.375em; }
  h3 { font-size: 1.1875em; }
  h4 { font-size: 1em; }
  p { margin: 0 0 var(--_space); }
  .list { list-style: none; margin: 0; padding: 0; display: grid; gap: calc(var(--_space) * 1.5); }
  .card {
    border: 1px solid var(--_divider); border-radius: var(--_radius); background: var(--_surface);
    padding: calc(var(--_space) * 2); display: grid; gap: var(--_space);
    grid-template-columns: 1fr auto; align-items: start;
  }
  .card__title { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; margin: 0; }
  .facts { display: grid; grid-template-columns: max-content 1fr; gap: calc(var(--_space) / 2) calc(var(--_space) * 2); margin: 0; }
  .facts dt { color: var(--_muted); }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; letter-spacing: 0.02em; }
  .badge {
    display: inline-flex; align-items: center; gap: 0.3em; padding: 0 0.6em; border-radius: 999px;
    font-size: 0.875em; font-weight: 700; border: 2px solid currentColor; white-space: nowrap;
  }
  .badge--valid { color: var(--_ok); }
  .badge--revoked, .badge--tampered { color: var(--_bad); }
  .badge--expired, .badge--indeterminate, .badge--not_found { color: var(--_unsure); }
  .detail { display: grid; gap: calc(var(--_space) * 2); }
  .detail__head { display: flex; flex-wrap: wrap; gap: var(--_space); justify-content: space-between; align-items: center; }
  .panel { border: 1px solid var(--_divider); border-radius: var(--_radius); padding: calc(var(--_space) * 2); background: var(--_surface); }
  .checks { list-style: none; margin: 0; padding: 0; display: grid; gap: var(--_space); }
  .check { display: grid; grid-template-columns: 1.75em 1fr; gap: var(--_space); align-items: start; }
  .check__icon {
    inline-size: 1.5em; block-size: 1.5em; border-radius: 50%; display: inline-grid; place-items: center;
    font-weight: 700; color: var(--_surface); line-height: 1;
  }
  .check--pass .check__icon { background: var(--_ok); }
  .check--fail .check__icon { background: var(--_bad); }
  .check--unknown .check__icon { background: var(--_unsure); }
  .check__name { font-weight: 700; }
  .share { display: grid; grid-template-columns: 1fr auto; gap: calc(var(--_space) * 2); align-items: start; }
  .code { font-size: 1.5em; font-weight: 700; }
  .qr { inline-size: 168px; block-size: 168px; background: #fff; border: 1px solid var(--_divider); }
  .qr svg { display: block; inline-size: 100%; block-size: 100%; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); }
  form { display: grid; gap: 0; max-inline-size: 36rem; }
  .forms { display: grid; gap: calc(var(--_space) * 3); }
  .result { display: grid; gap: var(--_space); }
  .result:empty { display: none; }
  .verdict { border-inline-start: 6px solid var(--_info); background: var(--_surface-alt); padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2); border-radius: var(--_radius); }
  .verdict--valid { border-color: var(--_ok); }
  .verdict--tampered, .verdict--revoked { border-color: var(--_bad); }
  .verdict--expired, .verdict--indeterminate, .verdict--not_found { border-color: var(--_unsure); }
  .verdict__title { display: flex; gap: var(--_space); align-items: center; font-size: 1.1875em; margin: 0 0 calc(var(--_space) / 2); }
  .error-summary { border: 3px solid var(--_danger); padding: calc(var(--_space) * 1.5); border-radius: var(--_radius); }
  .error-summary ul { margin: 0; padding-inline-start: 1.25em; }
  .error-summary a { color: var(--_danger); font-weight: 600; }
  .muted { color: var(--_muted); }
  .data-heading { margin-block-start: calc(var(--_space) * 2); }
  .print-only { display: none; }

  @media (max-width: 36rem) {
    .card { grid-template-columns: 1fr; }
    .facts { grid-template-columns: 1fr; }
    .facts dd { margin-block-end: var(--_space); }
    .share { grid-template-columns: 1fr; }
  }

  @media print {
    :host { color: #000; }
    .no-print, button { display: none !important; }
    .print-only { display: block; }
    .panel, .card { border-color: #000; break-inside: avoid; }
    .check__icon { color: #000; background: none !important; border: 1px solid #000; }
    .qr { border: none; }
  }
`;
