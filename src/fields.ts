import { define } from './internal/define';
import { EgovInput } from './components/field-input/field-input';
import { EgovIdNumber } from './components/field-id-number/field-id-number';
import { EgovCreditCode } from './components/field-credit-code/field-credit-code';
import { EgovPhone } from './components/field-phone/field-phone';
import { EgovTextarea } from './components/field-textarea/field-textarea';
import { EgovSelect } from './components/field-select/field-select';
import { EgovRadioGroup } from './components/field-radio-group/field-radio-group';
import { EgovCheckbox } from './components/field-checkbox/field-checkbox';
import { EgovCheckboxGroup } from './components/field-checkbox-group/field-checkbox-group';
import { EgovFileInput } from './components/field-file-input/field-file-input';

// The form fields: form-associated custom elements that work in any <form>.
define('egov-input', EgovInput);
define('egov-id-number', EgovIdNumber);
define('egov-credit-code', EgovCreditCode);
define('egov-phone', EgovPhone);
define('egov-textarea', EgovTextarea);
define('egov-select', EgovSelect);
define('egov-radio-group', EgovRadioGroup);
define('egov-checkbox', EgovCheckbox);
define('egov-checkbox-group', EgovCheckboxGroup);
define('egov-file-input', EgovFileInput);

export { EgovInput, EgovIdNumber, EgovCreditCode, EgovPhone, EgovTextarea, EgovSelect, EgovRadioGroup, EgovCheckbox, EgovCheckboxGroup, EgovFileInput };
export { EgovFormControl, EgovValueControl, type EgovChangeDetail } from './components/fields/form-control';
export { ChoiceOptionsController, type ChoiceOption } from './components/fields/choice-control';
export type { InputType } from './components/field-input/field-input';

declare global {
  interface HTMLElementTagNameMap {
    'egov-input': EgovInput;
    'egov-id-number': EgovIdNumber;
    'egov-credit-code': EgovCreditCode;
    'egov-phone': EgovPhone;
    'egov-textarea': EgovTextarea;
    'egov-select': EgovSelect;
    'egov-radio-group': EgovRadioGroup;
    'egov-checkbox': EgovCheckbox;
    'egov-checkbox-group': EgovCheckboxGroup;
    'egov-file-input': EgovFileInput;
  }
}
