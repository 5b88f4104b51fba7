import { css } from 'lit';

export const signatureStyles = css`
  :host {
    --_pad-height: var(--egov-signature-pad-height, 200px);
    --_ink: var(--egov-signature-ink, var(--_text));
    --_pad-bg: var(--egov-signature-pad-background, var(--_surface));
  }
  .sig { display: grid; gap: calc(var(--_space) * 2); }
  .h2, .h3 { margin: 0; line-height: 1.3; font-weight: 700; }
  .h2 { font-size: 1.375em; }
  .h3 { font-size: 1.125em; }
  p { margin: 0; }
  .summary {
    border: 2px solid var(--_divider); border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2); display: grid; gap: var(--_space);
  }
  /* No scroll box by default: a box that cuts the last line hides what is signed. */
  .summary__scroll { max-height: var(--egov-signature-summary-max-height, none); overflow: auto; }
  .exact__json { margin: var(--_space) 0 0; padding: var(--_space); background: var(--_surface-alt); white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.875rem; }
  .summary__list {
    margin: 0;
    display: grid; grid-template-columns: minmax(6rem, max-content) 1fr; gap: calc(var(--_space) / 2) calc(var(--_space) * 2);
  }
  .summary__list dt { font-weight: 600; color: var(--_muted); overflow-wrap: anywhere; }
  .summary__list dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
  .summary__scalar { overflow-wrap: anywhere; white-space: pre-wrap; }
  .fingerprint { white-space: nowrap; font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 1.0625em; letter-spacing: 0.02em; }
  .full-digest { font-family: ui-monospace, monospace; overflow-wrap: anywhere; font-size: 0.875em; }
  details summary { cursor: pointer; color: var(--_primary); min-height: 24px; }
  .who { display: flex; flex-wrap: wrap; }
  .who__label { font-weight: 600; }
  .field .statement { font-weight: 400; }
  .statement { display: grid; grid-template-columns: auto 1fr; gap: var(--_space); align-items: start; }
  .statement input { width: 24px; height: 24px; min-height: 0; margin: 2px 0 0; accent-color: var(--_primary); }
  fieldset { border: 2px solid var(--_divider); border-radius: var(--_radius); margin: 0; padding: var(--_space) calc(var(--_space) * 2) calc(var(--_space) * 2); min-width: 0; }
  legend { font-weight: 700; padding: 0 calc(var(--_space) / 2); }
  .modes { display: flex; flex-wrap: wrap; gap: var(--_space); margin-block-end: var(--_space); }
  .modes .btn[aria-pressed='true'] { background: var(--_primary); color: var(--_on-primary); }
  .pad-wrap { position: relative; }
  canvas {
    display: block; width: 100%; height: var(--_pad-height);
    border: 2px dashed var(--_border); border-radius: var(--_radius); background: var(--_pad-bg);
    touch-action: none; cursor: crosshair; user-select: none; -webkit-user-select: none;
  }
  .pad-wrap[data-invalid] canvas { border-color: var(--_danger); border-style: solid; }
  .pad-baseline { position: absolute; inset-inline: 10%; bottom: 28%; border-bottom: 1px solid var(--_divider); pointer-events: none; }
  .pad-tools { display: flex; flex-wrap: wrap; gap: var(--_space); margin-block-start: var(--_space); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--_space); align-items: center; }
  .via { color: var(--_muted); font-size: 0.9375em; }
  .problem { display: grid; gap: var(--_space); }
  .problem .actions { margin-block-start: calc(var(--_space) / 2); }
  .result { display: grid; gap: var(--_space); }
  .spinner {
    width: 1em; height: 1em; border-radius: 50%; border: 3px solid currentColor; border-right-color: transparent;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; border-right-color: currentColor; opacity: 0.6; } }
  @media (max-width: 480px) {
    .summary__list { grid-template-columns: 1fr; gap: 0; }
    .summary__list dd { margin-block-end: var(--_space); }
    .actions .btn { flex: 1 1 100%; }
  }
  @media (forced-colors: active) {
    canvas { border-color: CanvasText; }
    /* The chosen way of signing keeps its fill and gains an underline: visible without colour. */
    .modes .btn[aria-pressed='true'] {
      forced-color-adjust: none; background: Highlight; color: HighlightText; border-color: Highlight;
      text-decoration: underline 3px; text-underline-offset: 0.2em;
    }
  }
`;
