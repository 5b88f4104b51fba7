import type { XEgovFormat } from '../../core/service-definition';
import { EgovInput } from '../field-input/field-input';

/**
 * `<egov-input format="cn-id">` under its own name: a citizen ID number (GB 11643), with its check digit, date of birth and region checked; a typed x becomes X.
 *
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires input - On every edit.
 * @fires change - When the person commits a change.
 * @fires egov-change - `{ name, value, valid }`, `value` normalised.
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint (a default one describes the format).
 * @csspart error-message - The error message.
 * @csspart control - The input.
 * @cssprop --egov-field-width - Width of the input.
 */
export class EgovIdNumber extends EgovInput {
  override format: XEgovFormat = 'cn-id';
}
