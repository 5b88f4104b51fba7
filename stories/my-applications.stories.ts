import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { STORY_CASES, useCaseMocks } from './mocks/cases';

/**
 * `<egov-my-applications>` (办件进度): the applicant's applications, each with its status,
 * timeline, due date, the officer's correction request, withdrawal, the decision, the
 * certificate issued and the sealed archival record — one story per state.
 */
const meta: Meta = {
  title: 'Elements/My applications',
  component: 'egov-my-applications',
  tags: ['autodocs'],
  beforeEach: () => useCaseMocks(),
  parameters: { egov: { subject: 'citizen-001' } },
};
export default meta;

type Story = StoryObj;
const TIMEOUT = { timeout: 10_000 };
type Host = HTMLElement & { shadowRoot: ShadowRoot };
const mine = (canvas: HTMLElement) => canvas.querySelector('egov-my-applications') as Host;
const q = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string) => mine(canvas).shadowRoot.querySelector<T>(selector);

async function opened(canvas: HTMLElement, status: string): Promise<void> {
  await waitFor(() => expect(q(canvas, `article[part=application][data-status=${status}]`)).toBeTruthy(), TIMEOUT);
}

export const NotSignedIn: Story = {
  parameters: { egov: { subject: '' } },
  render: () => html`<egov-my-applications></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-alert')).toBeTruthy(), TIMEOUT);
  },
};

export const Loading: Story = {
  render: () => html`<egov-my-applications api-base="/story-slow-cases/api"></egov-my-applications>`,
};

export const ServerError: Story = {
  render: () => html`<egov-my-applications api-base="/story-broken/api"></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=error]')).toBeTruthy(), { timeout: 15_000 });
  },
};

export const Empty: Story = {
  parameters: { egov: { subject: 'org-001' } },
  render: () => html`<egov-my-applications></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=empty]')).toBeTruthy(), TIMEOUT);
  },
};

export const List: Story = {
  render: () => html`<egov-my-applications></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(mine(canvasElement).shadowRoot.querySelectorAll('li[part=application]').length).toBeGreaterThan(3), TIMEOUT);
  },
};

export const Submitted: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.submitted}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    expect(q(canvasElement, '[part=timeline] [data-action=submitted]')).toBeTruthy();
  },
};

export const Accepted: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.accepted}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'accepted');
  },
};

export const NotAccepted: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.notAccepted}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'not_accepted');
    expect(q(canvasElement, '[part=decision][data-action=not_accept]')).toBeTruthy();
  },
};

export const WithdrawnEarlier: Story = {
  parameters: { egov: { subject: 'citizen-002' } },
  render: () => html`<egov-my-applications application=${STORY_CASES.withdrawn}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'withdrawn');
  },
};

export const CorrectionRequested: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.correction}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'correction_requested');
    expect(mine(canvasElement).shadowRoot.querySelectorAll('[part=correction] [data-correction]').length).toBe(2);
  },
};

export const CorrectionForm: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.correction}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'correction_requested');
    q(canvasElement, '[data-action=correct]')!.click();
    await waitFor(() => expect(q<Host>(canvasElement, 'egov-application-form')?.shadowRoot?.querySelector('.correction-requests')).toBeTruthy(), TIMEOUT);
  },
};

export const WithdrawConfirmation: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.submitted}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    q(canvasElement, '[data-action=withdraw]')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-action=confirm-withdraw]')).toBeTruthy(), TIMEOUT);
  },
};

export const Withdrawn: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.submitted}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'submitted');
    q(canvasElement, '[data-action=withdraw]')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-action=confirm-withdraw]')).toBeTruthy(), TIMEOUT);
    q(canvasElement, '[data-action=confirm-withdraw]')!.click();
    await opened(canvasElement, 'withdrawn');
  },
};

export const ApprovedWithCertificate: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.approved} certificates-url="#mine"></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'approved');
    await waitFor(() => expect(q(canvasElement, '[data-certificate] .mono')).toBeTruthy(), TIMEOUT);
    expect(q(canvasElement, '[part=decision][data-action=approve]')).toBeTruthy();
  },
};

export const ArchivalRecord: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.approved}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'approved');
    q(canvasElement, '[data-action=record]')!.click();
    await waitFor(() => expect(q(canvasElement, '[data-record-seal=true]')).toBeTruthy(), TIMEOUT);
  },
};

export const RefusedWithReasons: Story = {
  render: () => html`<egov-my-applications application=${STORY_CASES.refused}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'refused');
    expect(q(canvasElement, '[part=decision][data-action=refuse]')!.textContent).toContain('第九条');
  },
};

export const English: Story = {
  render: () => html`<egov-my-applications locale="en" application=${STORY_CASES.correction}></egov-my-applications>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'correction_requested');
  },
};

export const Phone: Story = {
  render: () => html`<div style="max-inline-size: 375px"><egov-my-applications application=${STORY_CASES.refused}></egov-my-applications></div>`,
  play: async ({ canvasElement }) => {
    await opened(canvasElement, 'refused');
  },
};
