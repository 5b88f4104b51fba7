import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { HeadingLevelController } from '../../controllers/heading-level';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { applicationFormStyles } from './application-form.styles';
import { ApiError } from '../../services/api-client';
import type { ApplicationPayload } from '../../services/applications';
import { loadService } from '../../services/service-definitions';
import type { ResubmissionPayload } from '../../core/case-types';
import type { DraftMaterial } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import { renderErrorSummary } from '../shared/error-summary';
import { printAlone } from '../shared/print-alone';
import type { MaterialsHost } from './materials';
import type { FormContext } from './form-context';
import { SessionController, type SignInRequiredDetail } from './session';
import { DraftController } from './draft';
import { LATER_STEPS, StepsController, type ApplicationStep, type StepInfo } from './steps';
import { CorrectionController } from './correction-mode';
import { AnswersController } from './answers';
import { SubmissionController } from './submission';
import { renderGuide } from './guide';
import '../../i18n/application';

export type { ApplicationStep } from './steps';
export type { SignInRequiredDetail } from './session';

/**
 * An electronic application (Art. 30–32 of the Zhejiang Public Data and E-Government
 * Management Measures), driven by a service definition: who applies (from the sign-in),
 * the form's sections, supporting documents (certificates the platform holds are attached
 * by reference), check your answers, signature, submission and a printable receipt.
 * Every answer is saved as it is typed; a reload resumes at the same step.
 *
 * @tag egov-application-form
 * @fires egov-step-change - `{ step, section? }` after the applicant moves to another step, and when a saved draft
 *   resumes at a step other than the first.
 * @fires egov-submit - `{ applicationId, receiptNo }` once the application is accepted (exactly once per application).
 * @fires egov-error - `{ code, message }` when a call fails (load, lookup, upload, submit).
 * @fires egov-sign-in-required - `{ service, reason, trigger }`, cancelable: a sign-in is needed. A portal
 *   hooks it to open its own sign-in; when the applicant presses "Sign in" and nobody cancels the event, the
 *   element goes to `sign-in-url` if one is set. When the token comes back the form carries on where it was.
 * @csspart step-indicator - The list of steps; the current one has `aria-current="step"`.
 * @csspart error-summary - The summary of the problems on a step, with a link to each field.
 * @csspart field - One answer of the form (label, hint, error and control).
 * @csspart field-label - The label (or legend) of an answer.
 * @csspart field-hint - The hint of an answer.
 * @csspart field-error - The inline error of an answer.
 * @csspart field-control - The input, textarea or select of an answer.
 * @csspart material - One supporting document.
 * @csspart review - The "check your answers" list.
 * @csspart receipt - The receipt after submission.
 * @cssprop --egov-application-form-max-width - Widest the form gets (48rem).
 * @cssprop --egov-color-primary - Buttons, current step.
 * @cssprop --egov-color-danger - Errors.
 * @cssprop --egov-color-success - Completed steps, the receipt.
 */
export class EgovApplicationForm extends EgovElement implements MaterialsHost {
  static override styles = [hostStyles, buttonStyles, fieldStyles, alertStyles, applicationFormStyles];

  /** The code of the service whose definition is loaded (`GET /services/{code}`). */
  @property({ reflect: true }) service = '';
  /** Who makes the signature: `local` (a browser-held key) or `remote` (the platform signs). */
  @property({ reflect: true }) signer: 'local' | 'remote' = 'local';
  /**
   * An application id: opens that application, while its status is `correction_requested`,
   * in correction mode (SPEC §6) — only the answers and materials the officer named can be
   * changed; the applicant reviews, signs again and resubmits.
   */
  @property({ reflect: true }) application = '';
  /** The portal's "my applications" page (`<egov-my-applications>`), linked from the receipt. */
  @property({ attribute: 'applications-url' }) applicationsUrl = '';
  /** Level of the step's heading (2–6), to fit the portal's outline; sub-headings follow. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Where to send the applicant to sign in when no portal handles `egov-sign-in-required`. */
  @property({ attribute: 'sign-in-url' }) signInUrl = '';

  @state() private _def: ServiceDefinition | undefined;
  @state() private _loadError: unknown;

  readonly #announcer = new AnnounceController(this);
  readonly #headings = new HeadingLevelController(this);
  #run = 0;
  #stopPrinting: (() => void) | undefined;

  /** What the controllers share: the element, the definition, and one another. */
  readonly #ctx: FormContext = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the element's protected and private members
    const form = this;
    return {
      host: form,
      get client() { return form.config.client; },
      get config() { return form.config.value; },
      get i18n() { return form.i18n; },
      headings: form.#headings,
      get service() { return form.service; },
      get signInUrl() { return form.signInUrl; },
      get signer() { return form.signer; },
      get applicationsUrl() { return form.applicationsUrl; },
      get def() { return form._def; },
      get run() { return form.#run; },
      t: (key, params) => form.i18n.t(key, params),
      emit: (type, detail, options) => form.emit(type, detail, options),
      announce: (message) => form.#announcer.announce(message),
      reportError: (error) => form.#reportError(error),
      get session() { return form.#session; },
      get draft() { return form.#draft; },
      get steps() { return form.#steps; },
      get correction() { return form.#correction; },
      get answers() { return form.#answers; },
      get submission() { return form.#submission; },
    };
  })();

  readonly #correction = new CorrectionController(this.#ctx);
  readonly #session = new SessionController(this.#ctx);
  readonly #draft = new DraftController(this.#ctx);
  readonly #steps = new StepsController(this.#ctx);
  readonly #answers = new AnswersController(this.#ctx);
  readonly #submission = new SubmissionController(this.#ctx);

  constructor() {
    super();
    this.config.onChange(() => void this.#onConfigChange());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The receipt prints on its own page, without the portal around it (Ctrl+P as well as its button).
    this.#stopPrinting = printAlone(this, () => this.#steps.current()?.kind === 'receipt');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPrinting?.();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('service') && this.service) || (changed.has('application') && this.application)) void this.#start();
  }

  // ---- MaterialsHost -------------------------------------------------------------------

  /** @internal For the materials step. */
  get materialsHeadingLevel(): number | undefined { return this.#headings.ariaLevel(1); }
  /** @internal For the materials step. */
  get materialsClient() { return this.config.client; }
  /** @internal For the materials step. */
  get materialsLocale() { return this.i18n.locale; }
  /** @internal For the materials step. */
  t = (key: string, params?: Record<string, string | number>) => this.i18n.t(key, params);
  /** @internal For the materials step. */
  errorText = (error: unknown) => this.i18n.error(error);
  /** @internal For the materials step. */
  announce(message: string): void { this.#announcer.announce(message); }
  materialsChanged(materials: DraftMaterial[]): void { this.#answers.materialsChanged(materials); }
  signInLost(error: unknown): void { this.#session.lost(error); }
  reportError(code: string, message: string): void { this.emit('egov-error', { code, message }); }

  // ---- loading -------------------------------------------------------------------------

  async #start(): Promise<void> {
    const run = ++this.#run;
    await Promise.resolve();
    if (run !== this.#run) return;
    this._def = undefined;
    this._loadError = undefined;
    this.#correction.reset();
    await this.#draft.reset();
    try {
      let code = this.service;
      if (this.application) {
        const application = await this.#correction.fetch(this.application);
        if (run !== this.#run) return;
        this.#correction.open(application);
        code = application.serviceCode;
      }
      const def = await loadService(this.config.client, code);
      if (run !== this.#run) return;
      this._def = def;
    } catch (error) {
      if (run !== this.#run) return;
      this._loadError = error;
      this.#reportError(error);
      return;
    }
    await this.#session.check(run);
  }

  async #onConfigChange(): Promise<void> {
    await Promise.resolve();
    if (!this._def) {
      if (this.service || this.application) void this.#start();
      return;
    }
    const token = await this.config.client.token();
    if (!token) await this.#session.signedOut();
    await this.#session.check(++this.#run);
  }

  #reportError(error: unknown): void {
    this.emit('egov-error', { code: error instanceof ApiError ? error.code : 'UNKNOWN', message: this.i18n.error(error) });
  }

  /** The step the applicant is on, e.g. for a portal's own progress display. */
  get step(): ApplicationStep | undefined {
    return this._def ? this.#steps.current()?.kind : undefined;
  }

  /** Exactly what is signed and submitted (SPEC §4): `{ serviceCode, data, materials }`. */
  get payload(): ApplicationPayload | ResubmissionPayload | undefined {
    return this.#submission.payload;
  }

  // ---- rendering --------------------------------------------------------------------------

  override render() {
    // Elements inside (alerts, states, the signature) speak the form's language.
    return html`<div class="root" lang=${this.i18n.locale}>${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const t = this.t;
    const region = this.#announcer.region();
    if (this._loadError) {
      return html`${region}<egov-async-state state="error" message=${`${t('app.loadFailed')} ${this.i18n.error(this._loadError)}`}
        @egov-retry=${() => void this.#start()}></egov-async-state>`;
    }
    const def = this._def;
    if (!def) return html`${region}<egov-async-state state="loading" message=${t('app.loading')}></egov-async-state>`;
    const draft = this.#draft.state;
    const correction = this.#correction.application;
    if (!this.#correction.correctable && draft.draft?.step !== 'receipt') {
      return html`${region}<egov-alert variant="info" heading=${t('app.correction.notOpenTitle')}>
        ${t('app.correction.notOpen', { status: t('cases.status.' + correction!.status) })}</egov-alert>`;
    }
    // A returning applicant's draft opens once the sign-in is checked: no glimpse of the guide first.
    if (!draft.draft && this.#session.state.identity === 'checking') return html`${region}<egov-async-state state="loading" message=${t('app.loading')}></egov-async-state>`;
    const steps = this.#steps.list(def);
    const step = this.#steps.current()!;
    const index = steps.findIndex((s) => s.id === step.id);
    // Resumed on a later step whose code is still loading: nothing of the step before it can be used.
    if (LATER_STEPS.has(step.kind) && !this.#steps.later) return html`${region}${this.#steps.state.moving ? this.#steps.renderMoving() : html`<egov-async-state state="loading"></egov-async-state>`}`;
    return html`${region}
      <p class="service">${(this.i18n.locale === 'en' && def.nameEn) || def.name}</p>
      <nav aria-label=${t('app.steps.label')} class="no-print">
        <ol part="step-indicator" class="steps">
          ${steps.map((s, i) => html`<li aria-current=${s.id === step.id ? 'step' : 'false'} ?data-done=${i < index}>
            <span class="step-title">${s.title}</span>${i < index ? html`<span class="sr-only">(${t('app.step.done')})</span>` : nothing}
          </li>`)}
        </ol>
      </nav>
      ${this.#session.state.authLost ? this.#session.renderLost() : nothing}
      ${draft.storage === 'memory' ? html`<egov-alert class="notice" variant="warning">${t('app.memoryNotice')}</egov-alert>` : nothing}
      ${draft.resumed ? html`<egov-alert class="notice" variant="info">${t('app.resumed')}</egov-alert>` : nothing}
      ${renderErrorSummary(this.#answers.state.errors, t('app.errorSummary.title'), () => this.shadowRoot, this.#headings.ariaLevel(0))}
      ${this.#steps.renderMoving()}
      <p class="caption">${t('app.step.progress', { n: index + 1, total: steps.length })}</p>
      <h2 aria-level=${ifDefined(this.#headings.ariaLevel(0))} class="step-heading" tabindex="-1">${step.kind === 'form' ? step.title : this.#headingOf(step.kind)}</h2>
      ${correction && step.kind !== 'receipt' && step.kind !== 'signature' ? this.#correction.renderRequests() : nothing}
      ${this.#renderStep(step)}
      ${draft.savedAt && step.kind !== 'receipt' && step.kind !== 'identity' && step.kind !== 'guide'
        ? html`<p class="save-status">${t('app.savedAt', { time: this.i18n.date(draft.savedAt, 'datetime') })}</p>`
        : nothing}`;
  }

  #headingOf(kind: ApplicationStep): string {
    const t = this.t;
    switch (kind) {
      case 'guide': return t('app.guide.heading');
      case 'identity': return this.#session.state.identity === 'signed-out' ? t('app.signIn.heading') : t('app.identity.heading');
      case 'materials': return t('app.materials.heading');
      case 'review': return t('app.review.heading');
      case 'signature': return t('app.signature.heading');
      case 'receipt': return t('app.receipt.heading');
      default: return '';
    }
  }

  #renderStep(step: StepInfo) {
    switch (step.kind) {
      case 'guide':
        return renderGuide({
          def: this._def!, locale: this.i18n.locale, held: this.#session.state.held, t: this.t,
          level: this.#headings.ariaLevel(1), start: this.#steps.startFromGuide,
        });
      case 'identity': return this.#session.renderIdentity();
      case 'form': return this.#answers.renderSection(step.section!);
      default: return this.#steps.renderLater(step);
    }
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-step-change': CustomEvent<{ step: ApplicationStep; section?: string }>;
    'egov-submit': CustomEvent<{ applicationId: string; receiptNo: string }>;
    'egov-error': CustomEvent<{ code: string; message: string }>;
    'egov-sign-in-required': CustomEvent<SignInRequiredDetail>;
  }
}
