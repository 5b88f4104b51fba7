import { css } from 'lit';

/** Inputs as wide as their answers (GOV.UK fixed-width inputs), never wider than the screen. */
export const fieldInputStyles = css`
  input.width-id { --_field-width: 24ch; font-variant-numeric: tabular-nums; letter-spacing: 0.04em; }
  input.width-phone { --_field-width: 18ch; font-variant-numeric: tabular-nums; }
  input.width-postcode { --_field-width: 10ch; font-variant-numeric: tabular-nums; }
  input[type='date'] { --_field-width: 20ch; }
`;
