import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { JsonSchema } from '../src/core/service-definition';
import type { EgovFileInput, EgovInput } from '../src/fields';
import { BUSINESS_LICENCE_CHANGE } from '../server/seed/data/services';

/**
 * The form fields on their own and inside a portal's plain `<form>`: every element in its
 * normal, error and disabled states. Each story is checked with axe.
 */
const meta: Meta = {
  title: 'Elements/Form fields',
  tags: ['autodocs'],
};
export default meta;

const sexSchema: JsonSchema = {
  type: 'string',
  enum: ['male', 'female'],
  'x-egov-enum-labels': { male: { 'zh-CN': '男', en: 'Male' }, female: { 'zh-CN': '女', en: 'Female' } },
};

const field = (el: Element | null) => el as EgovInput;

export const TextInput: StoryObj = {
  render: () => html`<egov-input name="fullName" label="姓名" hint="与居民身份证一致" autocomplete="name" required></egov-input>`,
};

export const TextInputWithError: StoryObj = {
  render: () => html`<egov-input name="fullName" label="姓名" hint="与居民身份证一致" required maxlength="4" value="欧阳诸葛慕容"></egov-input>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-input'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const TextInputDisabled: StoryObj = {
  render: () => html`<egov-input name="fullName" label="姓名" value="张三" disabled></egov-input>`,
};

export const NumberInput: StoryObj = {
  render: () => html`<egov-input name="household" type="number" label="家庭人口数" min="1" max="20" required></egov-input>`,
};

export const DateInput: StoryObj = {
  render: () => html`<egov-input name="birthDate" type="date" label="出生日期" min="1900-01-01" max="2026-12-31" required></egov-input>`,
};

export const EmailInput: StoryObj = {
  render: () => html`<egov-input name="email" type="email" label="电子邮箱" hint="用于接收办理结果通知"></egov-input>`,
};

export const IdNumber: StoryObj = {
  render: () => html`<egov-id-number name="idNumber" label="公民身份号码" required></egov-id-number>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-id-number'));
    await userEvent.type(el.shadowRoot!.querySelector('input')!, '11010519491231002x');
    await expect(el.value).toBe('11010519491231002X');
    await expect(el.validity.valid).toBe(true);
  },
};

export const IdNumberWrongCheckDigit: StoryObj = {
  render: () => html`<egov-id-number name="idNumber" label="公民身份号码" required value="110105194912310021"></egov-id-number>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-id-number'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')!.textContent).toContain('校验位'));
  },
};

export const IdNumberDisabled: StoryObj = {
  render: () => html`<egov-id-number name="idNumber" label="公民身份号码" value="11010519491231002X" disabled></egov-id-number>`,
};

export const CreditCode: StoryObj = {
  render: () => html`<egov-credit-code name="creditCode" label="统一社会信用代码" required value="91350100M000100Y43"></egov-credit-code>`,
};

export const CreditCodeWithError: StoryObj = {
  render: () => html`<egov-credit-code name="creditCode" label="统一社会信用代码" required value="91350100M000100Y44"></egov-credit-code>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-credit-code'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const Phone: StoryObj = {
  render: () => html`<egov-phone name="mobile" label="手机号码" required></egov-phone>`,
};

export const PhoneWithError: StoryObj = {
  render: () => html`<egov-phone name="mobile" label="手机号码" required value="1381234"></egov-phone>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-phone'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const Postcode: StoryObj = {
  render: () => html`<egov-input name="postcode" format="cn-postcode" label="邮政编码" autocomplete="postal-code"></egov-input>`,
};

export const Textarea: StoryObj = {
  render: () => html`<egov-textarea name="reason" label="申请事由" hint="请简要说明" maxlength="200" required></egov-textarea>`,
};

export const TextareaOverLimit: StoryObj = {
  render: () => html`<egov-textarea name="reason" label="申请事由" maxlength="10" required value="因工作调动需要在杭州长期居住生活"></egov-textarea>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-textarea'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const TextareaDisabled: StoryObj = {
  render: () => html`<egov-textarea name="reason" label="申请事由" value="已提交，不能修改" disabled></egov-textarea>`,
};

export const Select: StoryObj = {
  render: () => html`<egov-select name="district" label="所在区县" required>
    <option value="330102">上城区</option><option value="330105">拱墅区</option><option value="330106">西湖区</option><option value="330108">滨江区</option>
  </egov-select>`,
};

export const SelectWithError: StoryObj = {
  render: () => html`<egov-select name="district" label="所在区县" required>
    <option value="330102">上城区</option><option value="330106">西湖区</option>
  </egov-select>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-select'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const SelectDisabled: StoryObj = {
  render: () => html`<egov-select name="district" label="所在区县" value="330106" disabled>
    <option value="330102">上城区</option><option value="330106">西湖区</option>
  </egov-select>`,
};

export const RadioGroupFromSchema: StoryObj = {
  render: () => html`<egov-radio-group name="sex" label="性别" .schema=${sexSchema} required inline></egov-radio-group>`,
};

export const RadioGroupWithError: StoryObj = {
  render: () => html`<egov-radio-group name="married" label="父母是否已登记结婚" hint="以结婚证为准" required>
    <option value="true">是</option><option value="false">否</option>
  </egov-radio-group>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-radio-group'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const RadioGroupDisabled: StoryObj = {
  render: () => html`<egov-radio-group name="sex" label="性别" .schema=${sexSchema} value="female" disabled></egov-radio-group>`,
};

export const Checkbox: StoryObj = {
  render: () => html`<egov-checkbox name="declare" label="本人承诺所填信息真实有效" hint="提供虚假信息须承担法律责任" required></egov-checkbox>`,
};

export const CheckboxWithError: StoryObj = {
  render: () => html`<egov-checkbox name="declare" label="本人承诺所填信息真实有效" required></egov-checkbox>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-checkbox'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

export const CheckboxDisabled: StoryObj = {
  render: () => html`<egov-checkbox name="declare" label="本人承诺所填信息真实有效" checked disabled></egov-checkbox>`,
};

/** The seeded business-licence-change question, as the application form renders it. */
const changeItemsSchema: JsonSchema = BUSINESS_LICENCE_CHANGE.form.schema.properties!.changeItems!;

export const CheckboxGroupFromSchema: StoryObj = {
  render: () => html`<egov-checkbox-group name="changeItems" label="变更事项" hint="可多选" .schema=${changeItemsSchema} required></egov-checkbox-group>`,
};

export const CheckboxGroupWithError: StoryObj = {
  render: () => html`<egov-checkbox-group name="changeItems" label="变更事项" hint="可多选" .schema=${changeItemsSchema} required></egov-checkbox-group>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-checkbox-group'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')!.textContent).toContain('变更事项'));
  },
};

export const CheckboxGroupDisabled: StoryObj = {
  render: () => html`<egov-checkbox-group name="changeItems" label="变更事项" .schema=${changeItemsSchema} .value=${['address']} disabled></egov-checkbox-group>`,
};

export const FileInput: StoryObj = {
  render: () => html`<egov-file-input name="proof" label="出生医学证明" accept="application/pdf,image/png,image/jpeg" max-size="10485760" required></egov-file-input>`,
};

export const FileInputTooLarge: StoryObj = {
  render: () => html`<egov-file-input name="proof" label="出生医学证明" accept="application/pdf" max-size="1048576" required></egov-file-input>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('egov-file-input') as EgovFileInput;
    el.file = new File([new Uint8Array(3 * 1024 * 1024)], 'scan.pdf', { type: 'application/pdf' });
    await el.checked;
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')!.textContent).toContain('3 MB'));
  },
};

export const FileInputChosen: StoryObj = {
  render: () => html`<egov-file-input name="proof" label="出生医学证明" accept="application/pdf"></egov-file-input>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('egov-file-input') as EgovFileInput;
    el.file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], '出生医学证明.pdf', { type: 'application/pdf' });
    await el.checked;
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=remove-button]')).toBeTruthy());
  },
};

export const FileInputDisabled: StoryObj = {
  render: () => html`<egov-file-input name="proof" label="出生医学证明" accept="application/pdf" disabled></egov-file-input>`,
};

/** The fields in a portal's own form, without the application form: submit shows the errors, reset clears them. */
export const InAPlainForm: StoryObj = {
  render: () => html`<form novalidate @submit=${(e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const out = form.querySelector('output')!;
    out.textContent = form.checkValidity() ? JSON.stringify(Object.fromEntries(new FormData(form))) : '';
  }}>
    <egov-input name="fullName" label="姓名" autocomplete="name" required></egov-input>
    <egov-id-number name="idNumber" label="公民身份号码" required></egov-id-number>
    <egov-phone name="mobile" label="手机号码" required></egov-phone>
    <egov-radio-group name="sex" label="性别" .schema=${sexSchema} required inline></egov-radio-group>
    <fieldset style="border:0;padding:0;margin:0" disabled>
      <egov-input name="office" label="受理窗口（由系统分配）" value="西湖区行政服务中心"></egov-input>
    </fieldset>
    <egov-checkbox name="declare" label="本人承诺所填信息真实有效" required></egov-checkbox>
    <button class="submit" type="submit">提交</button> <button type="reset">重置</button>
    <output aria-live="polite"></output>
  </form>`,
  play: async ({ canvasElement }) => {
    const form = canvasElement.querySelector('form')!;
    form.querySelector<HTMLButtonElement>('button.submit')!.click();
    const name = field(form.querySelector('egov-input'));
    await waitFor(() => expect(name.shadowRoot!.querySelector('[part=error-message]')).toBeTruthy());
  },
};

/** English, as a reader with `lang="en"` sees it. */
export const English: StoryObj = {
  render: () => html`<div lang="en">
    <egov-id-number name="idNumber" label="ID number" required value="11010519490231002X"></egov-id-number>
    <egov-file-input name="proof" label="Birth certificate" accept="application/pdf" max-size="10485760"></egov-file-input>
  </div>`,
  play: async ({ canvasElement }) => {
    const el = field(canvasElement.querySelector('egov-id-number'));
    el.reportValidity();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[part=error-message]')!.textContent).toContain('date of birth'));
  },
};
