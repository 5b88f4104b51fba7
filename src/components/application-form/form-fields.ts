import { define } from '../../internal/define';
import { EgovInput } from '../field-input/field-input';
import { EgovIdNumber } from '../field-id-number/field-id-number';
import { EgovCreditCode } from '../field-credit-code/field-credit-code';
import { EgovPhone } from '../field-phone/field-phone';
import { EgovTextarea } from '../field-textarea/field-textarea';
import { EgovSelect } from '../field-select/field-select';
import { EgovRadioGroup } from '../field-radio-group/field-radio-group';
import { EgovCheckbox } from '../field-checkbox/field-checkbox';
import { EgovCheckboxGroup } from '../field-checkbox-group/field-checkbox-group';

// The field elements a section of the form renders (section-renderer.ts), registered as
// src/fields.ts does; the documents step uploads with its own control, so the file field
// is not among them.
define('egov-input', EgovInput);
define('egov-id-number', EgovIdNumber);
define('egov-credit-code', EgovCreditCode);
define('egov-phone', EgovPhone);
define('egov-textarea', EgovTextarea);
define('egov-select', EgovSelect);
define('egov-radio-group', EgovRadioGroup);
define('egov-checkbox', EgovCheckbox);
define('egov-checkbox-group', EgovCheckboxGroup);
