import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { CERTIFICATE_SEEDS } from '../server/seed/data/certificates';
import { STORY_RATE_LIMITED_CODE, STORY_TAMPERED } from './mocks/certificates';

/**
 * `<egov-certificate-lookup>`: a citizen's electronic certificates (`mine`) and the public
 * check of a certificate (`verify`), one story per state. Seals are made in the browser by
 * the mocked API with keys generated when it loads, and checked for real by the element.
 */
const meta: Meta = {
  title: 'Elements/Certificate lookup',
  component: 'egov-certificate-lookup',
  tags: ['autodocs'],
};
export default meta;

type Story = StoryObj;
const seed = (id: string) => CERTIFICATE_SEEDS.find((s) => s.id === id)!;
const TIMEOUT = { timeout: 10_000 };

function lookup(canvas: HTMLElement): HTMLElement & { shadowRoot: ShadowRoot } {
  return canvas.querySelector('egov-certificate-lookup') as HTMLElement & { shadowRoot: ShadowRoot };
}

async function openDetail(canvas: HTMLElement, number: string): Promise<void> {
  const el = lookup(canvas);
  await waitFor(() => expect(el.shadowRoot.querySelectorAll('[part=certificate]').length).toBeGreaterThan(0), TIMEOUT);
  const card = [...el.shadowRoot.querySelectorAll('[part=certificate]')].find((c) => c.textContent!.includes(number))!;
  card.querySelector('button')!.click();
  await waitFor(() => expect(el.shadowRoot.querySelector('.verdict')).toBeTruthy(), TIMEOUT);
}

function fill(el: HTMLElement & { shadowRoot: ShadowRoot }, id: string, value: string): void {
  const input = el.shadowRoot.querySelector<HTMLInputElement>('#' + id)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

async function verify(canvas: HTMLElement, number: string, code: string, expected: string): Promise<void> {
  const el = lookup(canvas);
  await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-form]')).toBeTruthy(), TIMEOUT);
  fill(el, 'verify-number', number);
  fill(el, 'verify-code', code);
  el.shadowRoot.querySelector<HTMLFormElement>('[part=verify-form]')!.requestSubmit();
  await waitFor(() => expect(el.shadowRoot.querySelector<HTMLElement>('[part=verify-result] [data-status]')?.dataset.status).toBe(expected), TIMEOUT);
}

// ---- mine ----

export const MineNotSignedIn: Story = {
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lookup(canvasElement).shadowRoot.querySelector('egov-alert')).toBeTruthy(), TIMEOUT);
  },
};

export const MineLoading: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-certificate-lookup mode="mine" api-base="/story-slow/api"></egov-certificate-lookup>`,
};

export const MineList: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lookup(canvasElement).shadowRoot.querySelectorAll('[part=certificate]').length).toBe(3), TIMEOUT);
  },
};

export const MineRevokedAndExpired: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lookup(canvasElement).shadowRoot.querySelectorAll('[part=certificate]').length).toBe(3), TIMEOUT);
  },
};

export const MineEmpty: Story = {
  parameters: { egov: { subject: 'staff-001' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lookup(canvasElement).shadowRoot.querySelector('egov-async-state[state=empty]')).toBeTruthy(), TIMEOUT);
  },
};

export const MineServerError: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-certificate-lookup mode="mine" api-base="/story-broken/api"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(lookup(canvasElement).shadowRoot.querySelector('egov-async-state[state=error]')).toBeTruthy(), { timeout: 15_000 });
  },
};

export const MineDetailValid: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, seed('cert-hukou-001').number);
    const el = lookup(canvasElement);
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=qr] svg')).toBeTruthy(), TIMEOUT);
    expect(el.shadowRoot.querySelector('.verdict--valid')).toBeTruthy();
  },
};

export const MineDetailBusinessLicence: Story = {
  parameters: { egov: { subject: 'org-001' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, seed('cert-licence-001').number);
  },
};

export const MineDetailIndeterminate: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, seed('cert-hukou-002').number);
    expect(lookup(canvasElement).shadowRoot.querySelector('.verdict--indeterminate')).toBeTruthy();
  },
};

export const MineDetailRevoked: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  render: () => html`<egov-certificate-lookup mode="mine"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, seed('cert-marriage-002').number);
    expect(lookup(canvasElement).shadowRoot.querySelector('.verdict--revoked')).toBeTruthy();
  },
};

export const MineDetailTrustListUnreachable: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-certificate-lookup mode="mine" trust-base="/story-broken/api"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    await openDetail(canvasElement, seed('cert-hukou-001').number);
    expect(lookup(canvasElement).shadowRoot.querySelector('.verdict--indeterminate')).toBeTruthy();
  },
};

// ---- verify ----

export const VerifyForm: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
};

export const VerifyValid: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-hukou-001').number, seed('cert-hukou-001').verificationCode, 'valid'),
};

export const VerifyValidEnglish: Story = {
  render: () => html`<egov-certificate-lookup mode="verify" locale="en"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-licence-001').number, seed('cert-licence-001').verificationCode, 'valid'),
};

export const VerifyTampered: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, STORY_TAMPERED.number, STORY_TAMPERED.verificationCode, 'tampered'),
};

export const VerifyRevoked: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-marriage-002').number, seed('cert-marriage-002').verificationCode, 'revoked'),
};

export const VerifyExpired: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-idcard-002').number, seed('cert-idcard-002').verificationCode, 'expired'),
};

export const VerifyNotFound: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-hukou-001').number, 'AAAABBBBCCCC', 'not_found'),
};

export const VerifyIndeterminate: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-hukou-002').number, seed('cert-hukou-002').verificationCode, 'indeterminate'),
};

export const VerifyTrustListUnreachable: Story = {
  render: () => html`<egov-certificate-lookup mode="verify" trust-base="/story-broken/api"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => verify(canvasElement, seed('cert-hukou-001').number, seed('cert-hukou-001').verificationCode, 'indeterminate'),
};

export const VerifyMissingInput: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    const el = lookup(canvasElement);
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-form]')).toBeTruthy(), TIMEOUT);
    el.shadowRoot.querySelector<HTMLFormElement>('[part=verify-form]')!.requestSubmit();
    await waitFor(() => expect(el.shadowRoot.querySelector('.error-summary')).toBeTruthy(), TIMEOUT);
  },
};

export const VerifyMalformedQr: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    const el = lookup(canvasElement);
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-qr-form]')).toBeTruthy(), TIMEOUT);
    fill(el, 'verify-qr', 'https://example.org/not-a-certificate');
    el.shadowRoot.querySelector<HTMLFormElement>('[part=verify-qr-form]')!.requestSubmit();
    await waitFor(() => expect(el.shadowRoot.querySelector('#verify-qr')!.getAttribute('aria-invalid')).toBe('true'), TIMEOUT);
  },
};

export const VerifyByQr: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    const el = lookup(canvasElement);
    const s = seed('cert-idcard-001');
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-qr-form]')).toBeTruthy(), TIMEOUT);
    fill(el, 'verify-qr', `EGOVCERT:1:${s.number}:${s.verificationCode}`);
    el.shadowRoot.querySelector<HTMLFormElement>('[part=verify-qr-form]')!.requestSubmit();
    await waitFor(() => expect(el.shadowRoot.querySelector<HTMLElement>('[part=verify-result] [data-status]')?.dataset.status).toBe('valid'), TIMEOUT);
  },
};

export const VerifyRateLimited: Story = {
  render: () => html`<egov-certificate-lookup mode="verify"></egov-certificate-lookup>`,
  play: async ({ canvasElement }) => {
    const el = lookup(canvasElement);
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-form]')).toBeTruthy(), TIMEOUT);
    fill(el, 'verify-number', seed('cert-hukou-001').number);
    fill(el, 'verify-code', STORY_RATE_LIMITED_CODE);
    el.shadowRoot.querySelector<HTMLFormElement>('[part=verify-form]')!.requestSubmit();
    await waitFor(() => expect(el.shadowRoot.querySelector('[part=verify-result] .alert--error')).toBeTruthy(), TIMEOUT);
  },
};
