import { css } from 'lit';

export const catalogBrowserStyles = css`
  :host {
    --_facet-width: var(--egov-catalog-browser-facet-width, 16rem);
    --_gap: var(--egov-catalog-browser-gap, 24px);
    --_item-bg: var(--egov-catalog-browser-item-background, var(--_surface));
    --_item-border: var(--egov-catalog-browser-item-border, var(--_divider));
    --_badge-unconditional: var(--egov-catalog-browser-badge-unconditional, var(--_success));
    --_badge-restricted: var(--egov-catalog-browser-badge-restricted, var(--_warning));
    --_badge-none: var(--egov-catalog-browser-badge-none, var(--_danger));
    --_drawer-width: var(--egov-catalog-browser-drawer-width, 90vw);
  }
  [hidden] { display: none !important; }
  .h { font-weight: 700; line-height: 1.3; margin: 0 0 var(--_space); }
  .h2 { font-size: 1.5em; }
  .h3 { font-size: 1.25em; }
  .h4 { font-size: 1.125em; }
  .h5, .h6 { font-size: 1em; }
  .h:focus { outline: none; }
  .h:focus-visible { outline: 3px solid var(--_focus); }
  ul { margin: 0; padding: 0; list-style: none; }
  p { margin: 0 0 var(--_space); }
  .hint { color: var(--_muted); font-size: 0.9375em; }
  .code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; overflow-wrap: anywhere; }

  .views ul { display: flex; gap: var(--_space); border-block-end: 2px solid var(--_divider); margin-block-end: calc(var(--_space) * 2); }
  .view-tab {
    min-height: var(--_target); padding: 0 calc(var(--_space) * 2); font: inherit; cursor: pointer;
    background: none; border: 0; border-block-end: 4px solid transparent; color: var(--_primary);
  }
  .view-tab[aria-current='page'] { border-color: var(--_primary); font-weight: 700; color: var(--_text); }
  .count-badge { display: inline-block; min-width: 1.5em; padding: 0 0.4em; border-radius: 1em; background: var(--_primary); color: var(--_on-primary); font-size: 0.8125em; text-align: center; }

  .search { display: grid; gap: calc(var(--_space) / 2); margin-block-end: calc(var(--_space) * 2); }
  .search__label { font-weight: 700; font-size: 1.125em; }
  .search__row { display: flex; gap: var(--_space); }
  .search__row input { flex: 1; min-width: 0; }

  .toolbar { display: flex; flex-wrap: wrap; align-items: end; justify-content: space-between; gap: var(--_space); margin-block-end: var(--_space); }
  .sort { display: flex; align-items: center; gap: var(--_space); margin-inline-start: auto; }
  .sort select { width: auto; }

  .chips { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); margin-block-end: calc(var(--_space) * 2); }
  .chips ul { display: flex; flex-wrap: wrap; gap: var(--_space); }
  .chip {
    display: inline-flex; align-items: center; gap: calc(var(--_space) / 2); min-height: var(--_target);
    padding: 0 var(--_space) 0 calc(var(--_space) * 1.5); border: 2px solid var(--_primary); border-radius: 999px;
    background: var(--_surface-alt); color: var(--_text); font: inherit; cursor: pointer;
  }
  .chip:hover { background: var(--_surface); }
  .chip__x { font-size: 1.25em; line-height: 1; color: var(--_primary); }

  .layout { display: grid; grid-template-columns: var(--_facet-width) minmax(0, 1fr); gap: var(--_gap); align-items: start; }
  .layout--narrow { grid-template-columns: minmax(0, 1fr); }
  .facet { border: 0; padding: 0; margin: 0 0 calc(var(--_space) * 2); min-width: 0; }
  .facet legend { font-weight: 700; padding: 0; margin-block-end: calc(var(--_space) / 2); }
  .check { display: flex; align-items: center; gap: var(--_space); min-height: var(--_target); cursor: pointer; }
  label.check { font-weight: 400; }
  .check input { width: 1.25em; height: 1.25em; min-height: 0; flex: none; margin: 0; accent-color: var(--_primary); }
  .facet-option__label { flex: 1; }
  .facet-option__count { color: var(--_muted); font-variant-numeric: tabular-nums; }

  .results__head { display: flex; flex-wrap: wrap; align-items: baseline; gap: var(--_space) calc(var(--_space) * 2); margin-block-end: var(--_space); }
  .results__head .h { margin: 0; }
  .count { margin: 0; color: var(--_muted); }
  .exports { display: flex; flex-wrap: wrap; gap: var(--_space); margin-inline-start: auto; }
  .detail .exports { margin: 0 0 calc(var(--_space) * 2); }
  .btn--small { min-height: var(--_target); padding: 0 var(--_space); font-weight: 400; font-size: 0.9375em; }
  .result-list { display: grid; gap: var(--_space); }
  .result { background: var(--_item-bg); border: 1px solid var(--_item-border); border-radius: var(--_radius); padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2); }
  .result .h { margin-block-end: calc(var(--_space) / 2); }
  .item-link { overflow-wrap: anywhere; }
  .result__summary { overflow-wrap: anywhere; }
  .result__meta { display: flex; flex-wrap: wrap; gap: calc(var(--_space) / 2) var(--_space); }
  .badge { display: inline-block; padding: 0 var(--_space); border: 1px solid currentColor; border-radius: var(--_radius); font-size: 0.875em; color: var(--_muted); }
  .badge--unconditional { color: var(--_badge-unconditional); }
  .badge--restricted { color: var(--_badge-restricted); }
  .badge--none { color: var(--_badge-none); }
  .badge--approved { color: var(--_success); }
  .badge--pending { color: var(--_warning); }
  .badge--rejected { color: var(--_danger); }
  .empty { padding: calc(var(--_space) * 2) 0; }
  .empty__title { font-weight: 700; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); }

  .pagination { margin-block-start: calc(var(--_space) * 2); }
  .pagination ul { display: flex; flex-wrap: wrap; align-items: center; gap: calc(var(--_space) / 2); }
  .page {
    min-width: var(--_target); min-height: var(--_target); border: 2px solid var(--_border); border-radius: var(--_radius);
    background: var(--_surface); color: var(--_primary); font: inherit; cursor: pointer;
  }
  .page--current { background: var(--_primary); border-color: var(--_primary); color: var(--_on-primary); font-weight: 700; }
  .gap { padding: 0 calc(var(--_space) / 2); }
  @media (forced-colors: active) {
    /* The current page keeps its fill and gains an underline and a thicker frame: visible without colour. */
    .page--current {
      forced-color-adjust: none; background: Highlight; color: HighlightText; border: 4px solid CanvasText;
      text-decoration: underline 3px; text-underline-offset: 0.2em;
    }
  }

  .detail .back { margin-block-end: var(--_space); padding-inline: 0; }
  .detail__summary { overflow-wrap: anywhere; }
  .facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: calc(var(--_space) / 2) calc(var(--_space) * 2); margin: 0 0 calc(var(--_space) * 2); }
  .facts > div { display: contents; }
  .facts dt { font-weight: 600; }
  .facts dd { margin: 0; overflow-wrap: anywhere; }
  .table-wrap { overflow-x: auto; margin-block-end: calc(var(--_space) * 2); }
  .table { border-collapse: collapse; width: 100%; }
  .table caption { text-align: start; font-weight: 600; padding-block-end: calc(var(--_space) / 2); }
  .table th, .table td { border-block-end: 1px solid var(--_divider); padding: calc(var(--_space) / 2) var(--_space); text-align: start; vertical-align: top; }
  .table thead th { border-block-end: 2px solid var(--_border); }

  .request { border-block-start: 2px solid var(--_divider); padding-block-start: calc(var(--_space) * 2); margin-block-start: calc(var(--_space) * 2); }
  .request-form { max-width: 40rem; }
  .request-form .checks { border: 0; padding: 0; margin-inline: 0; }
  .alert { margin-block-end: calc(var(--_space) * 2); }
  .alert:focus { outline: 3px solid var(--_focus); }
  .alert ul { list-style: disc; padding-inline-start: 1.5em; }
  .review-list { display: grid; gap: calc(var(--_space) * 2); }
  .card { border: 1px solid var(--_item-border); border-radius: var(--_radius); padding: calc(var(--_space) * 2); background: var(--_item-bg); }
  .decision:focus { outline: 3px solid var(--_focus); }

  .drawer {
    margin: 0 0 0 auto; height: 100%; max-height: 100%; width: var(--_drawer-width); max-width: 28rem;
    border: 0; padding: calc(var(--_space) * 2); background: var(--_surface); color: var(--_text);
  }
  .drawer::backdrop { background: rgb(0 0 0 / 0.5); }
  .drawer__head { display: flex; align-items: center; justify-content: space-between; gap: var(--_space); margin-block-end: calc(var(--_space) * 2); }
  .drawer__head .h { margin: 0; }
  .skip-link {
    position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
  .skip-link:focus {
    position: static; width: auto; height: auto; margin: 0 0 var(--_space); overflow: visible; clip: auto; white-space: normal;
    display: inline-block; padding: calc(var(--_space) / 2) var(--_space); min-height: var(--_target);
    background: var(--_focus); color: var(--_text); outline: 3px solid var(--_focus); box-shadow: 0 0 0 5px var(--_text);
  }
  .drawer__foot { position: sticky; bottom: 0; background: var(--_surface); padding-block: var(--_space); }
  .drawer__foot .btn { width: 100%; }

  .data, .access-log { margin-block-start: calc(var(--_space) * 2); }
  .data-preview, .data-download, .data-call, .grant { border-block-start: 2px solid var(--_divider); padding-block-start: calc(var(--_space) * 2); margin-block-start: calc(var(--_space) * 2); }
  /* The table scrolls inside its own region, so a wide data set never widens the page (phones). */
  .table-scroll { overflow-x: auto; max-width: 100%; margin-block-end: var(--_space); border: 1px solid var(--_divider); border-radius: var(--_radius); }
  .table-scroll:focus-visible { outline: 3px solid var(--_focus); }
  .data-table, .log-table { width: max-content; min-width: 100%; }
  .data-table td, .data-table th, .log-table td, .log-table th { white-space: nowrap; }
  .data-table caption, .log-table caption { padding: var(--_space); }
  .data-table .num { text-align: end; font-variant-numeric: tabular-nums; }
  .masked-tag { display: inline-block; padding: 0 0.4em; border: 1px solid currentColor; border-radius: var(--_radius); font-size: 0.8125em; font-weight: 400; color: var(--_warning); }
  .data-pager { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); margin-block-end: calc(var(--_space) * 2); }
  .data-pager__status { color: var(--_muted); font-variant-numeric: tabular-nums; }
  .call-example { overflow-x: auto; max-width: 100%; margin: 0 0 calc(var(--_space) * 2); padding: var(--_space); background: var(--_surface-alt); border: 1px solid var(--_divider); border-radius: var(--_radius); white-space: pre; }
  .call-example:focus-visible { outline: 3px solid var(--_focus); }
  .call-label { font-weight: 600; margin-block-end: calc(var(--_space) / 2); }
  .call-form { max-width: 40rem; }
  .call-form .checks { border: 0; padding: 0; margin-inline: 0; }
  .call-filter { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 0 calc(var(--_space) * 2); }
  .chain { display: grid; gap: var(--_space); justify-items: start; margin-block-end: calc(var(--_space) * 2); }
  .chain .alert { margin: 0; }
  .log-filter { max-width: 40rem; }
  .log-filter .field { margin-block-end: var(--_space); }

  @media (max-width: 640px) {
    .search__row { flex-direction: column; }
    .facts { grid-template-columns: minmax(0, 1fr); }
    .facts dd { margin-block-end: var(--_space); }
    .exports { margin-inline-start: 0; }
    .sort { margin-inline-start: 0; }
  }
`;
