import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { EgovSignature, SignerAdapter } from '../src/signature';
import { SignerError } from '../src/signature';
import { verifyEnvelope } from '../src/core/crypto/envelope';
import { keyOwnedByAnotherHandlers } from './mocks/signatures';

const PAYLOAD = {
  serviceCode: 'birth-registration',
  data: {
    childName: '张小明',
    childBirthDate: '2026-10-01',
    birthPlace: '浙江大学医学院附属妇产科医院',
    father: { name: '张三', idNumber: '33010619900101123X' },
    parentsMarried: true,
  },
  materials: [{ code: 'parents-hukou', certificateId: 'cert-hukou-001' }],
};

const meta: Meta = {
  title: 'Elements/Signature',
  component: 'egov-signature',
  tags: ['autodocs'],
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-signature .payload=${PAYLOAD}></egov-signature>`,
};
export default meta;
type Story = StoryObj;

function elementIn(canvas: HTMLElement): EgovSignature {
  return canvas.querySelector('egov-signature')!;
}

async function ready(el: EgovSignature, state = 'unsigned') {
  await waitFor(() => expect(el.state).toBe(state), { timeout: 10_000 });
}

function part<T extends Element = HTMLElement>(el: EgovSignature, selector: string): T {
  return el.shadowRoot!.querySelector<T>(selector)!;
}

/** A signature-like zig-zag drawn with pen events, as a stylus would. */
function draw(el: EgovSignature) {
  const canvas = part<HTMLCanvasElement>(el, 'canvas[part=pad]');
  const rect = canvas.getBoundingClientRect();
  const at = (fx: number, fy: number, pressure: number) => ({ clientX: rect.left + rect.width * fx, clientY: rect.top + rect.height * fy, pointerId: 3, pointerType: 'pen', pressure, bubbles: true, button: 0, buttons: 1, isPrimary: true });
  canvas.dispatchEvent(new PointerEvent('pointerdown', at(0.12, 0.55, 0.3)));
  for (let i = 1; i <= 16; i++) canvas.dispatchEvent(new PointerEvent('pointermove', at(0.12 + i * 0.045, 0.55 + Math.sin(i / 1.6) * 0.25, 0.3 + (i % 5) * 0.12)));
  canvas.dispatchEvent(new PointerEvent('pointerup', at(0.84, 0.5, 0)));
}

function confirmStatement(el: EgovSignature) {
  part<HTMLInputElement>(el, 'input[type=checkbox]').click();
}

/** What the signer reads (`summary`): the questions' labels and the answers as shown; the exact JSON one click away. */
const SUMMARY = [
  { label: '办理事项', value: '出生登记' },
  { label: '新生儿姓名', value: '张小明' },
  { label: '出生日期', value: '2026年10月1日' },
  { label: '出生地点', value: '浙江大学医学院附属妇产科医院' },
  { label: '父亲姓名', value: '张三' },
  { label: '父亲公民身份号码', value: '33010619900101123X' },
  { label: '父母是否已登记结婚', value: '是' },
  { label: '父母居民户口簿', value: '平台已有：居民户口簿（ZJHK-2019-330106-0128）' },
];

export const WithSummary: Story = {
  render: () => html`<egov-signature .payload=${PAYLOAD} .summary=${SUMMARY}></egov-signature>`,
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    await waitFor(() => expect(part(el, '.summary__list').textContent).toContain('2026年10月1日'));
    expect(part(el, '.summary__list').textContent).not.toContain('childBirthDate');
    const details = part<HTMLDetailsElement>(el, '[part=payload]');
    details.open = true;
    expect(JSON.parse(details.querySelector('pre')!.textContent!)).toEqual(PAYLOAD);
  },
};

export const Unsigned: Story = {
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    await waitFor(() => expect(part(el, '[part=fingerprint]').textContent).toMatch(/^[0-9A-F]{4} /));
  },
};

export const Drawing: Story = {
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    draw(el);
    await ready(el, 'drawing');
  },
};

export const TypedAlternative: Story = {
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    part<HTMLButtonElement>(el, '.mode-switch-type').click();
    await ready(el, 'typed');
    const input = part<HTMLInputElement>(el, '[part=typed-name]');
    input.value = '张三';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  },
};

export const TypedNameMismatch: Story = {
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    part<HTMLButtonElement>(el, '.mode-switch-type').click();
    await ready(el, 'typed');
    const input = part<HTMLInputElement>(el, '[part=typed-name]');
    input.value = '李四';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    part<HTMLButtonElement>(el, '[part=sign-button]').click();
    await waitFor(() => expect(input.getAttribute('aria-invalid')).toBe('true'));
  },
};

/** A signer that waits (as a UKey does while its holder enters the PIN). */
const waitingSigner: SignerAdapter = { label: 'UKey', sign: () => new Promise(() => undefined) };

export const Signing: Story = {
  render: () => html`<egov-signature .payload=${PAYLOAD} .signerAdapter=${waitingSigner}></egov-signature>`,
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    draw(el);
    part<HTMLButtonElement>(el, '[part=sign-button]').click();
    await ready(el, 'signing');
  },
};

export const Signed: Story = {
  render: () => html`<egov-signature signer="remote" .payload=${PAYLOAD}></egov-signature>`,
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    draw(el);
    part<HTMLButtonElement>(el, '[part=sign-button]').click();
    await ready(el, 'signed');
    await expect(await verifyEnvelope(PAYLOAD, el.envelope!)).toEqual({ valid: true });
  },
};

/** Storage refused, as in private browsing: the element offers remote signing. */
const blockedStorageSigner: SignerAdapter = {
  sign: () => Promise.reject(new SignerError('STORAGE_UNAVAILABLE', 'IndexedDB refused')),
  prepare: () => Promise.reject(new SignerError('STORAGE_UNAVAILABLE', 'IndexedDB refused')),
};

export const SignerUnavailable: Story = {
  render: () => html`<egov-signature .payload=${PAYLOAD} .signerAdapter=${blockedStorageSigner}></egov-signature>`,
  play: async ({ canvasElement }) => {
    await ready(elementIn(canvasElement), 'unavailable');
  },
};

export const KeyNotRegistered: Story = {
  parameters: { msw: { handlers: keyOwnedByAnotherHandlers } },
  play: async ({ canvasElement }) => {
    await ready(elementIn(canvasElement), 'key-not-registered');
  },
};

const slowSigner: SignerAdapter = { sign: () => new Promise(() => undefined) };

export const SignerTimedOut: Story = {
  render: () => html`<egov-signature .payload=${PAYLOAD} .signerAdapter=${slowSigner} sign-timeout="300"></egov-signature>`,
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    draw(el);
    part<HTMLButtonElement>(el, '[part=sign-button]').click();
    await ready(el, 'error');
  },
};

export const Mobile: Story = {
  parameters: { viewport: { defaultViewport: 'mobile1' } },
  render: () => html`<div style="max-width: 360px"><egov-signature signer="remote" .payload=${PAYLOAD}></egov-signature></div>`,
  play: async ({ canvasElement }) => {
    const el = elementIn(canvasElement);
    await ready(el);
    confirmStatement(el);
    draw(el);
    await ready(el, 'drawing');
  },
};
