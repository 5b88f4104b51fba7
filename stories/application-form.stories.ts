import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { EgovApplicationForm } from '../src/application-form';
import { clearDraftsOf, DraftStore, newDraft, useMemoryDrafts, type Draft } from '../src/services/drafts';
import type { SignatureEnvelope } from '../src/core/crypto/envelope';
import { resetApplicationMocks, seedMockApplication } from './mocks/applications';
import { EXAMPLE_ANSWERS } from '../server/seed/data/services';

const SERVICE = 'birth-registration';

/** The seeded example answers, the same ones the server's tests submit. */
const ANSWERS: Record<string, unknown> = { ...EXAMPLE_ANSWERS[SERVICE] };

const MATERIALS: Draft['materials'] = [
  { code: 'birth-medical-certificate', uploadId: 'upload-story-1', fileName: '出生医学证明.pdf', size: 182_000, mediaType: 'application/pdf' },
  { code: 'parents-hukou', certificateId: 'cert-hukou-001', certificateNumber: 'ZJHK-2019-330106-0128', certificateName: '居民户口簿' },
  { code: 'marriage-certificate', certificateId: 'cert-marriage-001', certificateNumber: 'ZJJH-2018-330106-0456', certificateName: '结婚证' },
];

/** A signature for stories only: the form checks that it covers the current payload, not the maths. */
const STORY_ENVELOPE: SignatureEnvelope = {
  algorithm: 'SM2-SM3',
  signerId: 'citizen-001',
  keyId: 'story-key',
  publicKey: '04' + '1'.repeat(128),
  digest: 'a'.repeat(64),
  signature: '30' + '4'.repeat(140),
  signedAt: '2026-11-27T10:30:00+08:00',
  handwritingDigest: null,
};

function payloadOf(data: Record<string, unknown>, materials: Draft['materials']) {
  return JSON.stringify({
    serviceCode: SERVICE,
    data,
    materials: materials.map((m) => (m.certificateId ? { code: m.code, certificateId: m.certificateId } : { code: m.code, uploadId: m.uploadId })),
  });
}

/** Puts a draft on the device before the story renders, as if the applicant had been here before. */
function withDraft(patch: Partial<Draft>, subjectId = 'citizen-001') {
  return async () => {
    useMemoryDrafts(false);
    resetApplicationMocks();
    await clearDraftsOf('citizen-001');
    await clearDraftsOf('citizen-002');
    if (!Object.keys(patch).length) return;
    const store = new DraftStore(subjectId, SERVICE);
    store.save({ ...newDraft(subjectId, SERVICE), ...patch }, 0);
    await store.flush();
  };
}

const form = (canvas: HTMLElement) => canvas.querySelector<EgovApplicationForm>('egov-application-form')!;
const headingOf = (canvas: HTMLElement) => form(canvas).shadowRoot?.querySelector('.step-heading')?.textContent ?? '';

async function waitForHeading(canvas: HTMLElement, text: string) {
  await waitFor(() => expect(headingOf(canvas)).toContain(text), { timeout: 8_000 });
}

const meta: Meta = {
  title: 'Elements/Application form',
  component: 'egov-application-form',
  tags: ['autodocs'],
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-application-form service=${SERVICE}></egov-application-form>`,
};
export default meta;

type Story = StoryObj;

/** Step 1: the service guide (Art. 30): what, who may apply, materials (those the platform holds marked), basis, time limit, fee, contact. */
export const Guide: Story = {
  beforeEach: withDraft({}),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '办事指南');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelectorAll('.guide [data-held]').length).toBe(2), { timeout: 8_000 });
  },
};

/** Nobody is signed in: the guide, then a clear prompt, and `egov-sign-in-required` for the portal. */
export const SignInRequired: Story = {
  parameters: { egov: { subject: '' } },
  beforeEach: withDraft({}),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '办事指南');
    form(canvasElement).shadowRoot!.querySelector<HTMLButtonElement>('.guide + .actions .btn')!.click();
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=signed-out]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** Step 2: who applies, from the sign-in (Art. 30). */
export const Identity: Story = {
  beforeEach: withDraft({ step: 'identity' }),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=signed-in]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** Answers bound to the applicant (`x-egov-subject`): name and ID number from the sign-in, read-only. */
export const BoundAnswers: Story = {
  render: () => html`<egov-application-form service="residence-permit"></egov-application-form>`,
  beforeEach: async () => {
    await withDraft({})();
    const store = new DraftStore('citizen-001', 'residence-permit');
    store.save({ ...newDraft('citizen-001', 'residence-permit'), step: 'form:applicant' }, 0);
    await store.flush();
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-field=idNumber][data-bound]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** A form section, resumed from a saved draft. */
export const FormSection: Story = {
  beforeEach: withDraft({ step: 'form:child', data: { childName: '张小明' } }),
  play: async ({ canvasElement }) => waitForHeading(canvasElement, '新生儿信息'),
};

/** Continue with nothing filled in: the error summary takes focus; each error links to its field. */
export const ErrorSummary: Story = {
  beforeEach: withDraft({ step: 'form:child', data: { childBirthDate: '2025-02-31' } }),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '新生儿信息');
    form(canvasElement).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[part=error-summary]')).toBeTruthy());
  },
};

/** Parents not married: the explanation appears, and is then required. */
export const ConditionalField: Story = {
  beforeEach: withDraft({ step: 'form:parents', data: { ...ANSWERS, parentsMarried: false } }),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '父母信息');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('#f-unmarriedExplanation')).toBeTruthy());
  },
};

/** Art. 32: the hukou and marriage certificate come from the platform; the rest is uploaded. */
export const Materials: Story = {
  beforeEach: withDraft({ step: 'materials', data: ANSWERS }),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '申请材料');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelectorAll('[data-state=by-reference]').length).toBe(2), { timeout: 8_000 });
  },
};

/** An applicant the platform holds no certificates for: every document is uploaded. */
export const MaterialsToUpload: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  beforeEach: withDraft({ step: 'materials', data: ANSWERS }, 'citizen-002'),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '申请材料');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=not-held]')).toBeTruthy(), { timeout: 8_000 });
  },
};

function choose(canvas: HTMLElement, code: string, file: File) {
  const input = form(canvas).shadowRoot!.querySelector<HTMLInputElement>(`#material-${code}`)!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

/** An upload on its way: a labelled progress bar and a way to cancel. */
export const Uploading: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  render: () => html`<egov-application-form service=${SERVICE} api-base="/slow/api"></egov-application-form>`,
  beforeEach: withDraft({ step: 'materials', data: ANSWERS }, 'citizen-002'),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '申请材料');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('#material-birth-medical-certificate')).toBeTruthy());
    choose(canvasElement, 'birth-medical-certificate', new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37])], '出生医学证明.pdf', { type: 'application/pdf' }));
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=uploading] progress')).toBeTruthy());
  },
};

/** The application on its way to the server: the button says so and cannot be pressed twice. */
export const Submitting: Story = {
  render: () => html`<egov-application-form service=${SERVICE} api-base="/slow/api"></egov-application-form>`,
  beforeEach: withDraft({ step: 'signature', data: ANSWERS, materials: MATERIALS, envelope: STORY_ENVELOPE, signedPayload: payloadOf(ANSWERS, MATERIALS) }),
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelector('.submit-button')).toBeTruthy(), { timeout: 8_000 });
    el.shadowRoot!.querySelector<HTMLButtonElement>('.submit-button')!.click();
    await waitFor(() => expect(el.shadowRoot!.querySelector('.submit-button')!.getAttribute('aria-disabled')).toBe('true'));
  },
};

/** A renamed executable is refused from its bytes, with retry and remove. */
export const UploadRefused: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  beforeEach: withDraft({ step: 'materials', data: ANSWERS }, 'citizen-002'),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '申请材料');
    const input = await waitFor(() => {
      const found = form(canvasElement).shadowRoot!.querySelector<HTMLInputElement>('#material-birth-medical-certificate');
      expect(found).toBeTruthy();
      return found!;
    });
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], '出生医学证明.pdf', { type: 'application/pdf' }));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change'));
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=failed]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** Check your answers, each with a change link. */
export const Review: Story = {
  beforeEach: withDraft({ step: 'review', data: ANSWERS, materials: MATERIALS }),
  play: async ({ canvasElement }) => waitForHeading(canvasElement, '核对'),
};

/** The signature step with `<egov-signature>` over exactly what will be submitted. */
export const Signature: Story = {
  beforeEach: withDraft({ step: 'signature', data: ANSWERS, materials: MATERIALS }),
  play: async ({ canvasElement }) => {
    await waitForHeading(canvasElement, '签名');
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('egov-signature')).toBeTruthy());
  },
};

/** Signed and ready to submit. */
export const ReadyToSubmit: Story = {
  beforeEach: withDraft({ step: 'signature', data: ANSWERS, materials: MATERIALS, envelope: STORY_ENVELOPE, signedPayload: payloadOf(ANSWERS, MATERIALS) }),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[data-state=signed]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** The server cannot be reached at submit: nothing is lost; "Submit again" uses the same key. */
export const SubmitFailedOffline: Story = {
  beforeEach: withDraft({ step: 'signature', data: ANSWERS, materials: MATERIALS, envelope: STORY_ENVELOPE, signedPayload: payloadOf(ANSWERS, MATERIALS) }),
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await waitFor(() => expect(el.shadowRoot!.querySelector('.submit-button')).toBeTruthy(), { timeout: 8_000 });
    // The server becomes unreachable just before the applicant submits.
    el.apiBase = '/down/api';
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.submit-button')!.click();
    await waitFor(() => expect(el.shadowRoot!.querySelector('[data-state=submit-failed]')).toBeTruthy(), { timeout: 15_000 });
  },
};

/** The sign-in expires mid-flow: every answer kept, sign in again to carry on. */
export const SessionExpired: Story = {
  beforeEach: withDraft({ step: 'form:contact', data: ANSWERS }),
  play: async ({ canvasElement }) => {
    const el = form(canvasElement);
    await waitForHeading(canvasElement, '联系方式');
    el.token = 'story.expired-subject';
    await waitFor(() => expect(el.shadowRoot!.textContent).toContain('登录已失效'), { timeout: 8_000 });
  },
};

/** The receipt: reference number, time, what happens next, print; and "my applications". */
export const Receipt: Story = {
  beforeEach: async () => {
    await withDraft({})();
    seedMockApplication('citizen-001', 'senior-card');
    const application = seedMockApplication('citizen-001');
    const store = new DraftStore('citizen-001', SERVICE);
    store.save({ ...newDraft('citizen-001', SERVICE), step: 'receipt', receipt: { id: application.id, receiptNo: application.receiptNo, status: application.status, submittedAt: application.submittedAt } }, 0);
    await store.flush();
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('[part=receipt]')).toBeTruthy(), { timeout: 8_000 });
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelectorAll('[data-receipt]').length).toBe(2), { timeout: 8_000 });
  },
};

/** IndexedDB unavailable (private mode): drafts live in memory and the applicant is told. */
export const DraftsInMemoryOnly: Story = {
  beforeEach: async () => {
    await withDraft({})();
    useMemoryDrafts(true);
    return () => useMemoryDrafts(false);
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('egov-alert[variant=warning]')).toBeTruthy(), { timeout: 8_000 });
  },
};

/** The service cannot be found. */
export const ServiceNotFound: Story = {
  render: () => html`<egov-application-form service="no-such-service"></egov-application-form>`,
  beforeEach: withDraft({}),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(form(canvasElement).shadowRoot!.querySelector('egov-async-state[state=error]')).toBeTruthy(), { timeout: 8_000 });
  },
};
