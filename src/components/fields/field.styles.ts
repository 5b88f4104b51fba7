import { css } from 'lit';

/**
 * The look of every field (GOV.UK proportions: a bold label, a muted hint, a red bar and
 * bold message beside a field in error, 44 px targets). Restyle with `--egov-*` properties
 * and the parts `label`, `hint`, `error-message`, `control`.
 */
export const formFieldStyles = css`
  :host { margin-block-end: calc(var(--_space) * 3); }
  :host(:state(user-invalid)) .field {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: calc(var(--_space) * 1.5);
  }
  .field { display: grid; gap: calc(var(--_space) / 2); min-width: 0; }
  .label { font-weight: 600; overflow-wrap: anywhere; }
  .optional { font-weight: 400; color: var(--_muted); }
  .hint { color: var(--_muted); font-size: 0.9375em; overflow-wrap: anywhere; }
  .error-text { color: var(--_danger); font-weight: 600; margin: 0; overflow-wrap: anywhere; }
  input:not([type='checkbox']):not([type='radio']):not([type='file']), select, textarea {
    min-height: var(--_target);
    padding: calc(var(--_space) / 2) var(--_space);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    width: var(--egov-field-width, var(--_field-width, 100%));
    max-width: 100%;
  }
  textarea { min-height: calc(var(--_target) * 2); resize: vertical; }
  [aria-invalid='true'] { border-color: var(--_danger) !important; }
  :disabled, .is-disabled { opacity: 0.6; cursor: not-allowed; }
  input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
`;
