import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';

const meta: Meta = {
  title: 'Foundation/Shared pieces',
  tags: ['autodocs'],
};
export default meta;

export const Loading: StoryObj = {
  render: () => html`<egov-async-state state="loading"><p>上一次的结果仍然显示 · Previous results stay visible</p></egov-async-state>`,
};

export const Empty: StoryObj = {
  render: () => html`<egov-async-state state="empty"></egov-async-state>`,
};

export const ErrorWithRetry: StoryObj = {
  render: () => html`<egov-async-state state="error" message="无法连接服务器。请稍后重试，已填写的内容不会丢失。"></egov-async-state>`,
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('egov-async-state')!;
    await waitFor(() => expect(el.shadowRoot!.querySelector('button')).toBeTruthy());
  },
};

export const Alerts: StoryObj = {
  render: () => html`
    <egov-alert variant="info" heading="提示">材料可由平台提供，无需上传。</egov-alert>
    <br /><egov-alert variant="success" heading="已提交">受理编号 ZJ-2026-000001</egov-alert>
    <br /><egov-alert variant="warning" heading="注意">证照将于 30 日内到期。</egov-alert>
    <br /><egov-alert variant="error" heading="出错了">签名验证失败。</egov-alert>`,
};

export const ProviderWithSignedInUser: StoryObj = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-async-state state="idle"><p>Provider: api-base=/api, token of citizen-001</p></egov-async-state>`,
};
