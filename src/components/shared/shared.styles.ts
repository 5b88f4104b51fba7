import { css } from 'lit';

/**
 * The default theme: a calm provincial-portal blue, high contrast (WCAG AA at least),
 * touch targets of 44 px. Every value is a `--egov-*` custom property a portal can set
 * on any ancestor (they inherit through shadow roots).
 */
export const hostStyles = css`
  :host {
    --_primary: var(--egov-color-primary, #0f4c9c);
    --_primary-hover: var(--egov-color-primary-hover, #0b3b7a);
    --_on-primary: var(--egov-color-on-primary, #ffffff);
    --_text: var(--egov-color-text, #1b2430);
    --_muted: var(--egov-color-muted, #4a5868);
    --_border: var(--egov-color-border, #6b7a8a);
    --_divider: var(--egov-color-divider, #d5dde6);
    --_surface: var(--egov-color-surface, #ffffff);
    --_surface-alt: var(--egov-color-surface-alt, #f2f5f9);
    --_danger: var(--egov-color-danger, #b3261e);
    --_success: var(--egov-color-success, #1b6e3a);
    --_warning: var(--egov-color-warning, #7a4d00);
    --_info: var(--egov-color-info, #0f4c9c);
    --_focus: var(--egov-color-focus, #ffbf47);
    --_radius: var(--egov-radius, 4px);
    --_space: var(--egov-space, 8px);
    --_target: var(--egov-touch-target, 44px);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--egov-font-family, system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif);
    font-size: var(--egov-font-size, 1rem);
    line-height: 1.6;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .sr-only {
    position: absolute !important;
    width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
  a { color: var(--_primary); }
  a:hover { color: var(--_primary-hover); }
`;

export const buttonStyles = css`
  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: calc(var(--_space) / 2);
    min-height: var(--_target); min-width: var(--_target);
    padding: 0 calc(var(--_space) * 2);
    border: 2px solid var(--_primary); border-radius: var(--_radius);
    background: var(--_primary); color: var(--_on-primary);
    font: inherit; font-weight: 600; cursor: pointer; text-decoration: none;
  }
  .btn:hover { background: var(--_primary-hover); border-color: var(--_primary-hover); }
  .btn[disabled], .btn[aria-disabled='true'] { opacity: 0.6; cursor: not-allowed; }
  .btn--secondary { background: var(--_surface); color: var(--_primary); }
  .btn--secondary:hover { background: var(--_surface-alt); color: var(--_primary-hover); }
  .btn--danger { background: var(--_danger); border-color: var(--_danger); }
  .btn--link {
    background: none; border-color: transparent; color: var(--_primary);
    text-decoration: underline; padding: 0 calc(var(--_space) / 2); font-weight: 400;
  }
  .btn--link:hover { background: none; border-color: transparent; color: var(--_primary-hover); }
`;

export const fieldStyles = css`
  .field { display: grid; gap: calc(var(--_space) / 2); margin-block-end: calc(var(--_space) * 2); }
  .field label, .field legend { font-weight: 600; }
  .hint { color: var(--_muted); font-size: 0.9375em; }
  .error-text { color: var(--_danger); font-weight: 600; }
  input, select, textarea {
    min-height: var(--_target); padding: calc(var(--_space) / 2) var(--_space);
    border: 2px solid var(--_border); border-radius: var(--_radius);
    font: inherit; color: var(--_text); background: var(--_surface); width: 100%;
  }
  [aria-invalid='true'] { border-color: var(--_danger); }
`;

export const alertStyles = css`
  .alert {
    border-inline-start: 6px solid var(--_info); background: var(--_surface-alt);
    padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2); border-radius: var(--_radius);
  }
  .alert--error { border-color: var(--_danger); }
  .alert--success { border-color: var(--_success); }
  .alert--warning { border-color: var(--_warning); }
  .alert__title { font-weight: 700; margin: 0 0 calc(var(--_space) / 2); }
`;
