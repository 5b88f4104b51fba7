import { css } from 'lit';

/** Inputs as wide as their answers (GOV.UK fixed-width inputs), never wider than the screen. */
export const fieldInputStyles = css`
  input.width-id { width: var(--egov-field-width, 24ch); font-variant-numeric: tabular-nums; letter-spacing: 0.04em; }
  input.width-phone { width: var(--egov-field-width, 18ch); font-variant-numeric: tabular-nums; }
  input.width-postcode { width: var(--egov-field-width, 10ch); font-variant-numeric: tabular-nums; }
  input[type='date'] { width: var(--egov-field-width, 18ch); }
`;
