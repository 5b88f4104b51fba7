import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import { STORY_CASES, useCaseMocks } from './mocks/cases';

/**
 * `<egov-case-workbench>`: the officer's queue, a case with the applicant's signature and
 * every certificate's seal checked in the browser, and the decision form — one story per
 * state. The mocked API signs and seals with keys made when it loads, so the checks are real.
 */
const meta: Meta = {
  title: 'Elements/Case workbench',
  component: 'egov-case-workbench',
  tags: ['autodocs'],
  beforeEach: () => useCaseMocks(),
  parameters: { egov: { subject: 'officer-001' } },
};
export default meta;

type Story = StoryObj;
const TIMEOUT = { timeout: 10_000 };
type Host = HTMLElement & { shadowRoot: ShadowRoot };
const bench = (canvas: HTMLElement) => canvas.querySelector('egov-case-workbench') as Host;
const q = <T extends Element = HTMLElement>(canvas: HTMLElement, selector: string) => bench(canvas).shadowRoot.querySelector<T>(selector);

async function checked(canvas: HTMLElement): Promise<void> {
  await waitFor(() => expect(q(canvas, '[part=case][data-state=checked]')).toBeTruthy(), TIMEOUT);
}

function choose(canvas: HTMLElement, action: string): void {
  const radio = q<HTMLInputElement>(canvas, `#decision-action-${action}`)!;
  radio.click();
}

function submit(canvas: HTMLElement): void {
  q<HTMLFormElement>(canvas, 'form[part=decision-form]')!.requestSubmit();
}

export const NotSignedIn: Story = {
  parameters: { egov: { subject: '' } },
  render: () => html`<egov-case-workbench></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-alert')).toBeTruthy(), TIMEOUT);
  },
};

export const NotAnOfficer: Story = {
  parameters: { egov: { subject: 'citizen-001' } },
  render: () => html`<egov-case-workbench></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-alert[variant=warning]')).toBeTruthy(), TIMEOUT);
  },
};

export const Loading: Story = {
  render: () => html`<egov-case-workbench api-base="/story-slow-cases/api"></egov-case-workbench>`,
};

export const ServerError: Story = {
  render: () => html`<egov-case-workbench api-base="/story-broken/api"></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=error]')).toBeTruthy(), { timeout: 15_000 });
  },
};

export const EmptyQueue: Story = {
  parameters: { egov: { subject: 'officer-002' } },
  render: () => html`<egov-case-workbench></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=empty]')).toBeTruthy(), TIMEOUT);
  },
};

export const Queue: Story = {
  render: () => html`<egov-case-workbench></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(bench(canvasElement).shadowRoot.querySelectorAll('tr[data-case]').length).toBeGreaterThan(3), TIMEOUT);
    // Oldest due first: the overdue case leads, marked.
    const first = q(canvasElement, 'tr[data-case]')!;
    expect(first.dataset.case).toBe(STORY_CASES.overdue);
    expect(first.querySelector('[data-overdue]')).toBeTruthy();
  },
};

export const QueuePaged: Story = {
  render: () => html`<egov-case-workbench page-size="3"></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, '.pager')).toBeTruthy(), TIMEOUT);
  },
};

export const QueueFilteredByStatus: Story = {
  render: () => html`<egov-case-workbench></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'tr[data-case]')).toBeTruthy(), TIMEOUT);
    const select = q<HTMLSelectElement>(canvasElement, '#filter-status')!;
    select.value = 'correction_requested';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => expect(bench(canvasElement).shadowRoot.querySelectorAll('tr[data-case]').length).toBe(1), TIMEOUT);
  },
};

export const CaseSubmitted: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.submitted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=signature-check]')!.dataset.status).toBe('valid');
  },
};

export const CaseOverdue: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.overdue}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=case] [data-overdue]')).toBeTruthy();
  },
};

export const CaseTamperedSignature: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.tampered}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=signature-check]')!.dataset.status).toBe('invalid');
  },
};

export const CaseTamperedSeal: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.badSeal}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[data-seal=tampered]')).toBeTruthy();
  },
};

export const CaseCorrectionRequested: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.correction}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[data-correction]')).toBeTruthy();
  },
};

export const CaseApproved: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.approved}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=history] [data-action=approved]')).toBeTruthy();
  },
};

export const CaseRefused: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.refused}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
  },
};

export const CaseAccepted: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.accepted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '#decision-action-approve')).toBeTruthy();
  },
};

export const CaseNotAccepted: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.notAccepted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=history] [data-action=not_accepted]')).toBeTruthy();
  },
};

export const CaseWithdrawn: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.withdrawn}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    expect(q(canvasElement, '[part=history] [data-action=withdrawn]')).toBeTruthy();
  },
};

export const CaseNotFound: Story = {
  render: () => html`<egov-case-workbench case="no-such-case"></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'egov-async-state[state=error]')).toBeTruthy(), TIMEOUT);
  },
};

export const DecisionFormErrors: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.submitted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    submit(canvasElement);
    await waitFor(() => expect(q(canvasElement, '[part=error-summary]')).toBeTruthy(), TIMEOUT);
    choose(canvasElement, 'not_accept');
    submit(canvasElement);
    await waitFor(() => expect(bench(canvasElement).shadowRoot.querySelectorAll('[part=error-summary] li').length).toBe(2), TIMEOUT);
  },
};

export const RequestCorrectionForm: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.submitted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    choose(canvasElement, 'request_correction');
    await waitFor(() => expect(q(canvasElement, '#item-0')).toBeTruthy(), TIMEOUT);
    q<HTMLInputElement>(canvasElement, '#item-0')!.click();
    submit(canvasElement);
    await waitFor(() => expect(q(canvasElement, '[part=error-summary]')).toBeTruthy(), TIMEOUT);
  },
};

export const Decided: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.submitted}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    choose(canvasElement, 'accept');
    submit(canvasElement);
    await waitFor(() => expect(q(canvasElement, '#decided')).toBeTruthy(), TIMEOUT);
    expect(q(canvasElement, '[part=case]')!.dataset.status).toBe('accepted');
  },
};

export const ColleagueDecidedFirst: Story = {
  render: () => html`<egov-case-workbench case=${STORY_CASES.conflict}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
    choose(canvasElement, 'accept');
    submit(canvasElement);
    await waitFor(() => expect(q(canvasElement, '#conflict')).toBeTruthy(), TIMEOUT);
    await waitFor(() => expect(q(canvasElement, '[part=case]')!.dataset.status).toBe('accepted'), TIMEOUT);
  },
};

export const English: Story = {
  render: () => html`<egov-case-workbench locale="en" case=${STORY_CASES.correction}></egov-case-workbench>`,
  play: async ({ canvasElement }) => {
    await checked(canvasElement);
  },
};

export const Phone: Story = {
  render: () => html`<div style="max-inline-size: 375px"><egov-case-workbench></egov-case-workbench></div>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(q(canvasElement, 'tr[data-case]')).toBeTruthy(), TIMEOUT);
  },
};
