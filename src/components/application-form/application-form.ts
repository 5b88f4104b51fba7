import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { applicationFormStyles } from './application-form.styles';
import { ApiError, type FieldError } from '../../services/api-client';
import {
  listMyApplications, resubmitApplication, submitApplication,
  type ApplicationPayload, type ApplicationSummary, type MaterialRef, type SubmittedApplication,
} from '../../services/applications';
import { currentSubject as currentApplicant, isSignInError, type Subject as Applicant } from '../../services/session';
import { loadService, loadSubjectAnswers } from '../../services/service-definitions';
import { lookupCertificates } from '../../services/certificates';
import type { ApplicationDetail } from '../../services/cases';
import type { ResubmissionPayload } from '../../core/case-types';
import { clearDraftsOf, draftBackend, DraftStore, newDraft, type Draft, type DraftMaterial } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import type { SignatureEnvelope } from '../../core/crypto/envelope';
import { checkAnswers, subjectBindings, type SubjectValues } from '../../core/answer-checks';
import { afterPointer } from '../fields/pointer-settle';
import { fieldModel, formatAnswer, labelOf, sectionsOf, submittedData, visibleFields, type SectionModel } from './field-model';
import { controlId, fieldId, renderBoundAnswer, renderField, SECTION_FORM } from './section-renderer';
import { renderErrorSummary, type SummaryError } from './error-summary';
import type { MaterialsController, MaterialsHost } from './materials';
import type { StepsHost } from './later-steps';
import { printAlone } from '../shared/print-alone';
import { loadLocale } from '../../core/i18n';
import '../../i18n/application';

export type ApplicationStep = 'guide' | 'identity' | 'form' | 'materials' | 'review' | 'signature' | 'receipt';

/** The steps whose code and messages load when first reached (later-steps.ts). */
const LATER_STEPS: ReadonlySet<ApplicationStep> = new Set(['materials', 'review', 'signature', 'receipt']);

interface StepInfo {
  /** `guide`, `identity`, `form:<section>`, `materials`, `review`, `signature`, `receipt`. */
  id: string;
  kind: ApplicationStep;
  title: string;
  section?: SectionModel;
}

export interface SignInRequiredDetail {
  service: string;
  /** `missing`: nobody is signed in; `expired`: the sign-in ended during the application. */
  reason: 'missing' | 'expired';
  /** `auto` when the element found out; `user` when the applicant pressed "Sign in". */
  trigger: 'auto' | 'user';
}

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
  /** Correction mode: the application as the officer left it. */
  @state() private _correction: ApplicationDetail | undefined;
  @state() private _loadError: unknown;
  @state() private _applicant: Applicant | undefined;
  @state() private _identity: 'checking' | 'signed-in' | 'signed-out' | 'error' = 'checking';
  /** The token the form started with had expired: say so, rather than only "sign in". */
  @state() private _tokenExpired = false;
  @state() private _identityError: unknown;
  @state() private _authLost = false;
  @state() private _draft: Draft | undefined;
  @state() private _errors: SummaryError[] = [];
  @state() private _fieldErrors = new Map<string, string>();
  @state() private _submit: 'idle' | 'submitting' | 'failed' = 'idle';
  @state() private _submitMessage = '';
  @state() private _savedAt = '';
  @state() private _storage: 'indexeddb' | 'memory' = 'indexeddb';
  @state() private _resumed = false;
  /** The answers bound to the applicant (`x-egov-subject`), as the sign-in gives them. */
  @state() private _subjectAnswers: Record<string, string> = {};
  /** Materials the platform already holds for this applicant, shown in the guide (Art. 32). */
  @state() private _held = new Set<string>();
  /** The guide was read and "Start" pressed before anyone signed in. */
  @state() private _guideDone = false;
  /** Waiting for the later steps' code before moving on (or it could not be loaded: retry). */
  @state() private _moving: { state: 'loading' | 'error'; error?: unknown; retry: () => void } | undefined;
  @state() private _mine: { state: 'loading' | 'ready' | 'error'; items: ApplicationSummary[]; error?: unknown } | undefined;

  readonly #announcer = new AnnounceController(this);
  /** The documents step's controller, once the later steps are loaded (later-steps.ts). */
  #materials: MaterialsController | undefined;
  /** The later steps' module, once loaded. */
  #later: typeof import('./later-steps') | undefined;
  #laterLoading: Promise<void> | undefined;
  /** Correction mode's module (correction.ts), loaded when an application is opened. */
  #correction: typeof import('./correction') | undefined;
  #prefetch: ReturnType<typeof setTimeout> | undefined;
  #store: DraftStore | undefined;
  #run = 0;
  #submitting = false;
  #focusAfterUpdate: 'heading' | 'summary' | { field: string } | undefined;
  #lastToken: string | undefined;

  constructor() {
    super();
    this.config.onChange(() => void this.#onConfigChange());
  }

  #stopPrinting: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // The receipt prints on its own page, without the portal around it (Ctrl+P as well as its button).
    this.#stopPrinting = printAlone(this, () => this.#currentStep()?.kind === 'receipt');
    document.addEventListener('visibilitychange', this.#flushOnHide);
    window.addEventListener('pagehide', this.#flushOnHide);
    window.addEventListener('online', this.#onOnline);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPrinting?.();
    document.removeEventListener('visibilitychange', this.#flushOnHide);
    window.removeEventListener('pagehide', this.#flushOnHide);
    window.removeEventListener('online', this.#onOnline);
    clearTimeout(this.#prefetch);
    this.#prefetch = undefined;
    void this.#store?.flush();
  }

  #flushOnHide = () => {
    if (document.visibilityState === 'hidden' || !document.visibilityState) void this.#store?.flush();
  };

  #onOnline = () => {
    if (this._submit === 'failed' && this.#currentStep()?.kind === 'signature') void this.#submitNow();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('service') && this.service) || (changed.has('application') && this.application)) void this.#start();
  }

  protected override updated(): void {
    const target = this.#focusAfterUpdate;
    if (!target) return;
    this.#focusAfterUpdate = undefined;
    // After this update has finished: moving focus blurs a field, which may re-check it.
    queueMicrotask(() => this.#moveFocus(target));
  }

  #moveFocus(target: 'heading' | 'summary' | { field: string }): void {
    const root = this.shadowRoot;
    if (target === 'heading') root?.querySelector<HTMLElement>('.step-heading')?.focus();
    else if (target === 'summary') root?.querySelector<HTMLElement>('[part=error-summary]')?.focus();
    else {
      // The field element renders after the form: focus its control once it exists.
      const control = root?.getElementById(controlId(target.field)) as (HTMLElement & { updateComplete?: Promise<unknown> }) | null | undefined;
      void Promise.resolve(control?.updateComplete).then(() => {
        root?.getElementById(fieldId(target.field))?.scrollIntoView({ block: 'start' });
        control?.focus({ preventScroll: true });
      });
    }
  }

  /** `aria-level` of a heading `offset` below the step's, when it differs from the tag's own (h2, h3). */
  #level(offset: number): number | undefined {
    const base = Number.isInteger(this.headingLevel) ? Math.min(6, Math.max(1, this.headingLevel)) : 2;
    const level = Math.min(6, base + offset);
    return level === 2 + offset ? undefined : level;
  }

  /** @internal For the materials step. */
  get materialsHeadingLevel(): number | undefined { return this.#level(1); }

  // ---- MaterialsHost -------------------------------------------------------------------

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
  materialsChanged(materials: DraftMaterial[]): void {
    this.#change({ materials });
    if (this._errors.length && this.#currentStep()?.kind === 'materials') this.#refreshMaterialErrors();
  }
  signInLost(error: unknown): void { this.#signInLost(error); }
  reportError(code: string, message: string): void { this.emit('egov-error', { code, message }); }

  // ---- loading, identity, drafts ------------------------------------------------------

  async #start(): Promise<void> {
    const run = ++this.#run;
    await Promise.resolve();
    if (run !== this.#run) return;
    this._def = undefined;
    this._loadError = undefined;
    this._draft = undefined;
    this.#store = undefined;
    this._correction = undefined;
    this._storage = await draftBackend();
    try {
      let code = this.service;
      if (this.application) {
        // Correction mode's own code (correction.ts) comes with the application it opens.
        const parts = (this.#correction ??= await import('./correction'));
        await loadLocale(this.i18n.locale).catch(() => undefined);
        const application = await parts.getApplication(this.config.client, this.application);
        if (run !== this.#run) return;
        this._correction = application;
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
    await this.#checkIdentity(run);
  }

  async #checkIdentity(run = this.#run): Promise<void> {
    const client = this.config.client;
    this.#lastToken = await client.token();
    if (!this._applicant) this._identity = 'checking';
    try {
      const applicant = await currentApplicant(client);
      if (run !== this.#run) return;
      const wasLost = this._authLost;
      this._authLost = false;
      this._identity = 'signed-in';
      this._tokenExpired = false;
      if (this._applicant?.id !== applicant.id || !this.#store) {
        // Another person signed in here: the previous applicant's drafts leave this device.
        if (this._applicant && this._applicant.id !== applicant.id) await clearDraftsOf(this._applicant.id);
        this._applicant = applicant;
        await this.#openDraft(applicant, run);
      } else if (wasLost) {
        this.#announcer.announce(this.t('app.session.back'));
        if (this.#currentStep()?.kind === 'materials') void this.#materials?.lookUp();
      }
    } catch (error) {
      if (run !== this.#run) return;
      if (isSignInError(error)) {
        const hasToken = !!this.#lastToken;
        if (hasToken && this._draft && this._applicant) {
          this.#signInLost(error);
        } else {
          this._identity = 'signed-out';
          this._applicant = undefined;
          this._tokenExpired = error instanceof ApiError && error.code === 'TOKEN_EXPIRED';
          this.#emitSignIn(this._tokenExpired ? 'expired' : 'missing', 'auto');
        }
      } else if (!this._applicant) {
        this._identity = 'error';
        this._identityError = error;
        this.#reportError(error);
      }
    }
  }

  async #openDraft(applicant: Applicant, run: number): Promise<void> {
    const def = this._def!;
    const store = new DraftStore(applicant.id, this.#draftCode(def), (saved) => {
      if (this.#store === store) this._savedAt = saved.updatedAt;
    });
    const saved = await store.load();
    if (run !== this.#run) return;
    this.#store = store;
    const steps = this.#steps(def);
    const first = steps[0]!.id;
    const draft = saved ?? { ...this.#freshDraft(applicant.id, def), step: this._guideDone && steps.some((s) => s.id === 'identity') ? 'identity' : first };
    if (!steps.some((s) => s.id === draft.step)) draft.step = first;
    this._draft = draft;
    this._savedAt = saved?.updatedAt ?? '';
    this._resumed = !!saved && draft.step !== first && draft.step !== 'identity' && !draft.receipt;
    void this.#loadApplicantFacts(def, run);
    this._errors = [];
    this._fieldErrors = new Map();
    this.#materials?.reset(this.#requirements(def), draft.materials);
    const step = this.#currentStep();
    // The later steps' code: at once when the draft resumes on one of them, otherwise while the applicant is on this step.
    if (step && LATER_STEPS.has(step.kind)) this.#resumeLater();
    else this.#prefetchLater();
    if (step?.kind === 'materials') void this.#materials?.lookUp();
    if (step?.kind === 'receipt') void this.#loadMine();
    if (step && step.id !== first && step.id !== 'identity') {
      this.emit('egov-step-change', { step: step.kind, ...(step.section ? { section: step.section.id } : {}) });
      this.#announcer.announce(this.t('app.resumed'));
    }
  }

  /**
   * What the sign-in tells about this applicant: the answers bound to them (filled in and
   * read-only, SPEC §4 `x-egov-subject`) and which materials the platform already holds (Art. 32).
   */
  async #loadApplicantFacts(def: ServiceDefinition, run: number): Promise<void> {
    const client = this.config.client;
    const bound = Object.keys(subjectBindings(def.form.schema)).length > 0;
    const [answers, held] = await Promise.all([
      bound ? loadSubjectAnswers(client, def.code).catch(() => ({})) : Promise.resolve({}),
      Promise.all((def.materials ?? []).filter((m) => m.certificateType).map(async (m) => {
        const found = await lookupCertificates(client, m.certificateType!).catch(() => []);
        return found.length ? [m.code] : [];
      })).then((codes) => new Set(codes.flat())),
    ]);
    if (run !== this.#run) return;
    this._subjectAnswers = answers;
    this._held = held;
    this.#applySubjectAnswers();
  }

  /** Bound answers always carry the applicant's own values, whatever a draft held. */
  #applySubjectAnswers(): void {
    const draft = this._draft;
    if (!draft || draft.receipt || this._correction) return;
    const entries = Object.entries(this._subjectAnswers).filter(([name, value]) => draft.data[name] !== value);
    if (entries.length) this.#change({ data: { ...draft.data, ...Object.fromEntries(entries) } });
  }

  /** The signed-in subject's values, keyed as the schema binds them, for the shared checks. */
  #subjectValues(): SubjectValues | undefined {
    const def = this._def;
    if (!def || !Object.keys(this._subjectAnswers).length) return undefined;
    const bindings = subjectBindings(def.form.schema);
    const out: SubjectValues = {};
    for (const [name, value] of Object.entries(this._subjectAnswers)) if (bindings[name]) out[bindings[name]] = value;
    return out;
  }

  async #onConfigChange(): Promise<void> {
    await Promise.resolve();
    if (!this._def) {
      if (this.service || this.application) void this.#start();
      return;
    }
    const token = await this.config.client.token();
    if (!token && this._applicant) {
      // Signed out: this device keeps none of the applicant's drafts.
      const subject = this._applicant.id;
      await this.#store?.clear();
      await clearDraftsOf(subject);
      this.#store = undefined;
      this._draft = undefined;
      this._applicant = undefined;
      this._authLost = false;
      this._guideDone = true;
    }
    await this.#checkIdentity(++this.#run);
  }

  #signInLost(error: unknown): void {
    void this.#store?.flush();
    if (!this._authLost) {
      this._authLost = true;
      this.#announcer.announce(this.t('app.session.expired'));
      this.#emitSignIn('expired', 'auto');
    }
    this.#reportError(error);
  }

  #emitSignIn(reason: SignInRequiredDetail['reason'], trigger: SignInRequiredDetail['trigger']): boolean {
    return this.emit('egov-sign-in-required', { service: this.service, reason, trigger }, { cancelable: true });
  }

  #signInPressed = () => {
    const proceed = this.#emitSignIn(this._authLost || this._tokenExpired ? 'expired' : 'missing', 'user');
    if (proceed && this.signInUrl) window.location.assign(this.signInUrl);
  };

  #reportError(error: unknown): void {
    this.emit('egov-error', { code: error instanceof ApiError ? error.code : 'UNKNOWN', message: this.i18n.error(error) });
  }

  /** Applies a change to the draft and saves it (debounced). */
  #change(patch: Partial<Draft>, saveNow = false): void {
    if (!this._draft) return;
    this._draft = { ...this._draft, ...patch };
    if (!this.#store) return;
    // Written at once (not after the store's 300 ms pause): a reload right after a keystroke keeps it.
    this.#store.save(this._draft, 0);
    if (saveNow) void this.#store.flush();
  }

  // ---- steps --------------------------------------------------------------------------

  // ---- correction mode ----------------------------------------------------------------

  /** A correction's draft is its own, one per application and round, apart from new applications. */
  #draftCode(def: ServiceDefinition): string {
    const c = this._correction;
    return c ? `${def.code}@${c.id}#${c.version}` : def.code;
  }

  #freshDraft(subjectId: string, def: ServiceDefinition): Draft {
    const draft = newDraft(subjectId, this.#draftCode(def));
    const c = this._correction;
    if (!c) return draft;
    return { ...draft, data: { ...c.data }, materials: c.materials.map((m) => this.#draftMaterial(m)) };
  }

  #draftMaterial(m: ApplicationDetail['materials'][number]): DraftMaterial {
    if (m.certificateId) return { code: m.code, certificateId: m.certificateId, ...(m.certificate ? { certificateNumber: m.certificate.number, certificateName: m.certificate.type.name } : {}) };
    const upload = m.upload;
    return { code: m.code, uploadId: m.uploadId ?? upload?.uploadId ?? '', fileName: this.t('app.correction.earlierUpload'), ...(upload ? { size: upload.size, mediaType: upload.mediaType } : {}) };
  }

  /** Whether the application can be corrected now; otherwise the form says why not. */
  get #correctable(): boolean {
    return !this._correction || this._correction.status === 'correction_requested';
  }

  /** The answers the officer named (top-level names of their JSON pointers). */
  #namedAnswers(): Set<string> {
    const items = this._correction?.corrections ?? [];
    return new Set(items.flatMap((i) => (i.path ? [i.path.split('/')[1]!.replace(/~1/g, '/').replace(/~0/g, '~')] : [])));
  }

  #namedMaterials(): Set<string> {
    return new Set((this._correction?.corrections ?? []).flatMap((i) => (i.material ? [i.material] : [])));
  }

  /** The materials the applicant may change: all of them, or in correction mode the named ones. */
  #requirements(def: ServiceDefinition) {
    const all = def.materials ?? [];
    if (!this._correction) return all;
    const named = this.#namedMaterials();
    return all.filter((r) => named.has(r.code));
  }

  /** What a material shows in the review: the attached one, or in correction mode the one on file. */
  #materialShown(code: string): DraftMaterial | undefined {
    const attached = this.#attached().find((a) => a.code === code);
    if (attached || !this._correction || this.#namedMaterials().has(code)) return attached;
    const original = this._correction.materials.find((m) => m.code === code);
    return original ? this.#draftMaterial(original) : undefined;
  }

  #steps(def = this._def): StepInfo[] {
    if (!def) return [];
    const t = this.t;
    if (this._correction) {
      const named = this.#namedAnswers();
      const fields = sectionsOf(def, this.i18n.locale).flatMap((s) => s.fields).filter((f) => named.has(f));
      const section: SectionModel = { id: 'correction', title: t('app.correction.step'), description: t('app.correction.stepIntro'), fields };
      return [
        { id: 'identity', kind: 'identity', title: t('app.step.identity') },
        ...(fields.length ? [{ id: 'form:correction', kind: 'form' as const, title: section.title, section }] : []),
        ...(this.#namedMaterials().size ? [{ id: 'materials', kind: 'materials' as const, title: t('app.step.materials') }] : []),
        { id: 'review', kind: 'review', title: t('app.step.review') },
        { id: 'signature', kind: 'signature', title: t('app.step.signature') },
        { id: 'receipt', kind: 'receipt', title: t('app.step.receipt') },
      ];
    }
    return [
      { id: 'guide', kind: 'guide', title: t('app.step.guide') },
      { id: 'identity', kind: 'identity', title: t('app.step.identity') },
      ...sectionsOf(def, this.i18n.locale).map((section): StepInfo => ({ id: `form:${section.id}`, kind: 'form', title: section.title, section })),
      { id: 'materials', kind: 'materials', title: t('app.step.materials') },
      { id: 'review', kind: 'review', title: t('app.step.review') },
      { id: 'signature', kind: 'signature', title: t('app.step.signature') },
      { id: 'receipt', kind: 'receipt', title: t('app.step.receipt') },
    ];
  }

  #currentStep(): StepInfo | undefined {
    const steps = this.#steps();
    // The guide first for a visitor; an applicant whose sign-in ended meets the sign-in at once.
    const fallback = this._guideDone || this._correction || this._tokenExpired ? 'identity' : steps[0]?.id;
    return steps.find((s) => s.id === (this._draft?.step ?? fallback)) ?? steps[0];
  }

  /** The step the applicant is on, e.g. for a portal's own progress display. */
  get step(): ApplicationStep | undefined {
    return this._def ? this.#currentStep()?.kind : undefined;
  }

  #go(stepId: string, focus: 'heading' | { field: string } = 'heading', extra: Partial<Draft> = {}): void {
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === stepId);
    const step = steps[index];
    if (!step || !this._draft) return;
    if (LATER_STEPS.has(step.kind) && !this.#later) {
      // Its code is on its way (prefetched since the form opened): the applicant stays here, told it is loading, until it is.
      this._moving = { state: 'loading', retry: () => this.#go(stepId, focus, extra) };
      this.#loadLater().then(
        () => {
          this._moving = undefined;
          this.#go(stepId, focus, extra);
        },
        (error: unknown) => {
          this._moving = { state: 'error', error, retry: () => this.#go(stepId, focus, extra) };
          this.#reportError(error);
        },
      );
      return;
    }
    this._moving = undefined;
    this._errors = [];
    this._fieldErrors = new Map();
    this._resumed = false;
    this.#change({ step: stepId, ...extra }, true);
    this.#focusAfterUpdate = focus;
    if (step.kind === 'materials') void this.#materials?.lookUp();
    if (step.kind === 'receipt') void this.#loadMine();
    if (step.kind !== 'signature') {
      this._submit = 'idle';
      this._submitMessage = '';
    }
    this.emit('egov-step-change', { step: step.kind, ...(step.section ? { section: step.section.id } : {}) });
    const announcement = this.t('app.step.announce', { n: index + 1, total: steps.length, title: step.title });
    this.#announcer.announce(step.kind === 'receipt' ? announcement : `${announcement}. ${this.t('app.savedAnnounce')}`);
  }

  #next(): void {
    const steps = this.#steps();
    const current = this.#currentStep();
    const index = steps.findIndex((s) => s.id === current?.id);
    if (this._draft?.returnToReview && (current?.kind === 'form' || current?.kind === 'materials')) {
      this.#go('review', 'heading', { returnToReview: false });
      return;
    }
    const next = steps[index + 1];
    if (next) this.#go(next.id);
  }

  #previous(): void {
    const steps = this.#steps();
    const index = steps.findIndex((s) => s.id === this.#currentStep()?.id);
    const previous = steps[index - 1];
    if (previous) this.#go(previous.id, 'heading', { returnToReview: false });
  }

  // ---- answers and validation ----------------------------------------------------------

  #onInput = (name: string, value: unknown) => {
    if (!this._def || !this._draft) return;
    const data = { ...this._draft.data };
    if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete data[name];
    else data[name] = value;
    if (JSON.stringify(data[name]) === JSON.stringify(this._draft.data[name])) return;
    this.#change({ data });
  };

  #onBlur = (name: string) => {
    void this.#store?.flush();
    // After the click that left the field, so nothing moves under the pointer (a press on the next control).
    if (this._fieldErrors.has(name)) afterPointer(() => this.#revalidate());
  };

  /** Every check the server makes (the same module, the same "today" in China), on the answers as they would be submitted. */
  #problems(): Array<{ name: string; message: string }> {
    const def = this._def!;
    const data = this._draft!.data;
    const subject = this.#subjectValues();
    return checkAnswers(def, submittedData(def.form.schema, def.form.ui, data), this.i18n.locale, subject ? { subject } : {})
      .map((p) => ({ name: p.path.split('/')[1] ?? '', message: p.message }));
  }

  #sectionErrors(section: SectionModel): Array<{ name: string; message: string }> {
    const def = this._def!;
    const data = this._draft!.data;
    const shown = new Set(visibleFields(def, section, data));
    const seen = new Set<string>();
    const out: Array<{ name: string; message: string }> = [];
    for (const error of this.#problems()) {
      const name = error.name;
      if (!shown.has(name) || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, message: error.message });
    }
    // In the order the questions are asked.
    return section.fields.flatMap((f) => out.filter((e) => e.name === f));
  }

  #showErrors(errors: Array<{ name: string; message: string }>): void {
    this._fieldErrors = new Map(errors.map((e) => [e.name, e.message]));
    this._errors = errors.map((e) => ({ fieldId: fieldId(e.name), controlId: controlId(e.name), message: e.message }));
  }

  /**
   * On leaving a field that had an error: the field's own inline error follows its answer
   * (and says so politely); the summary stays as it was announced after "continue" until
   * the next "continue", so it is not rebuilt and announced again on every blur.
   */
  #revalidate(): void {
    const step = this.#currentStep();
    if (step?.kind !== 'form' || !step.section) return;
    const previous = new Set(this._fieldErrors.keys());
    this._fieldErrors = new Map(this.#sectionErrors(step.section).filter((e) => previous.has(e.name)).map((e) => [e.name, e.message]));
  }

  #continueSection(section: SectionModel): void {
    void this.#store?.flush();
    const errors = this.#sectionErrors(section);
    if (errors.length) {
      this.#showErrors(errors);
      this.#focusAfterUpdate = 'summary';
      return;
    }
    this.#next();
  }

  #refreshMaterialErrors(): void {
    this._errors = (this.#materials?.problems() ?? []).map((p) => ({ fieldId: `field-material-${p.code}`, controlId: `material-${p.code}`, message: p.message }));
  }

  #continueMaterials(): void {
    this.#refreshMaterialErrors();
    if (this._errors.length) {
      this.#focusAfterUpdate = 'summary';
      return;
    }
    // Before review: every answer passes every server check, or back to the first answer that does not.
    if (this.#toAnswer(this.#problems().map((p) => ({ path: `/${p.name}`, message: p.message })))) return;
    this.#next();
  }

  // ---- signature and submission ---------------------------------------------------------

  /** Exactly what is signed and submitted (SPEC §4): `{ serviceCode, data, materials }`. */
  get payload(): ApplicationPayload | ResubmissionPayload | undefined {
    const def = this._def;
    const draft = this._draft;
    if (!def || !draft) return undefined;
    const ref = (m: DraftMaterial): MaterialRef => (m.certificateId ? { code: m.code, certificateId: m.certificateId } : { code: m.code, uploadId: m.uploadId! });
    const c = this._correction;
    let payload: ApplicationPayload | ResubmissionPayload;
    if (c) {
      // In correction mode: the materials on file, the named ones as the applicant now has them.
      const named = this.#namedMaterials();
      const attached = this.#attached();
      const materials = [
        ...c.materials.flatMap((m) => (named.has(m.code) ? attached.filter((a) => a.code === m.code).map(ref) : [this.#correction!.materialRef(m)])),
        ...attached.filter((a) => !c.materials.some((m) => m.code === a.code)).map(ref),
      ];
      const data = { ...c.data };
      for (const name of this.#namedAnswers()) {
        if (draft.data[name] === undefined || draft.data[name] === '') delete data[name];
        else data[name] = draft.data[name];
      }
      payload = { serviceCode: def.code, data: submittedData(def.form.schema, def.form.ui, data), materials, applicationId: c.id, version: c.version + 1 };
    } else {
      payload = {
        serviceCode: def.code,
        data: submittedData(def.form.schema, def.form.ui, draft.data),
        materials: this.#attached().map(ref),
      };
    }
    // The same object while nothing changed, so the signature element keeps what it holds.
    const json = JSON.stringify(payload);
    if (this.#payloadCache?.json !== json) this.#payloadCache = { json, value: payload };
    return this.#payloadCache.value;
  }

  #payloadCache: { json: string; value: ApplicationPayload | ResubmissionPayload } | undefined;

  #validEnvelope(): SignatureEnvelope | undefined {
    const draft = this._draft;
    const payload = this.payload;
    if (!draft?.envelope || !payload) return undefined;
    return draft.signedPayload === JSON.stringify(payload) ? draft.envelope : undefined;
  }

  #onSigned = (event: CustomEvent<{ envelope: SignatureEnvelope }>) => {
    const payload = this.payload;
    if (!payload) return;
    this.#change({ envelope: event.detail.envelope, signedPayload: JSON.stringify(payload) }, true);
    this._submit = 'idle';
    this._submitMessage = '';
    this.#announcer.announce(this.t('app.signature.signed', { time: this.i18n.date(event.detail.envelope.signedAt, 'datetime') }));
    void this.updateComplete.then(() => this.shadowRoot?.querySelector<HTMLElement>('.submit-button')?.focus());
  };

  #signAgain = () => {
    this.#change({ envelope: null, signedPayload: null }, true);
    this.#focusAfterUpdate = 'heading';
  };

  async #submitNow(): Promise<void> {
    // One submission at a time; the Idempotency-Key covers repeats that still get through.
    if (this.#submitting) return;
    const envelope = this.#validEnvelope();
    const payload = this.payload;
    const draft = this._draft;
    if (!envelope || !payload || !draft || !this.#store) return;
    this.#submitting = true;
    this._submit = 'submitting';
    this._submitMessage = '';
    this.#announcer.announce(this.t('app.signature.submitting'));
    await this.#store.flush();
    try {
      const c = this._correction;
      const receipt = c
        ? await resubmitApplication(this.config.client, c.id, { data: payload.data, materials: payload.materials, signature: envelope }, draft.idempotencyKey)
        : await submitApplication(this.config.client, payload, envelope, draft.idempotencyKey);
      await this.#submitted(receipt);
    } catch (error) {
      this.#submitFailed(error);
    } finally {
      this.#submitting = false;
    }
  }

  async #submitted(receipt: SubmittedApplication): Promise<void> {
    const store = this.#store!;
    // The answers go (cleared on submit); only the receipt stays, so a reload still shows it.
    const done: Draft = { ...newDraft(store.subjectId, store.serviceCode), step: 'receipt', receipt };
    this._draft = done;
    // Told at once, before the receipt can show: a portal that reads the receipt has heard of it.
    this.emit('egov-submit', { applicationId: receipt.id, receiptNo: receipt.receiptNo });
    this.#materials?.reset(this._def ? this.#requirements(this._def) : [], []);
    await store.clear();
    store.save(done);
    await store.flush();
    this._submit = 'idle';
    this.#go('receipt');
    this.#announcer.announce(this.t('app.submitted', { receiptNo: receipt.receiptNo }));
  }

  #submitFailed(error: unknown): void {
    if (isSignInError(error)) {
      this._submit = 'failed';
      this._submitMessage = this.t('app.session.expired');
      this.#signInLost(error);
      return;
    }
    this._submit = 'failed';
    // On the signature step: the later steps' module is there.
    const { message, dropSignature } = this.#later!.submitFailure(error, this.t, this.errorText);
    this._submitMessage = message;
    if (dropSignature) this.#change({ envelope: null, signedPayload: null }, true);
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && this.#toAnswer(error.fields)) return;
    this.#announcer.announce(this._submitMessage);
    this.#reportError(error);
  }

  /** Takes the applicant to the answer the server refused, with the server's message (SPEC §2). */
  #toAnswer(fields: FieldError[]): boolean {
    const steps = this.#steps();
    const nameOf = (path: string) => path.replace(/^\/?(data[/.])?/, '').split(/[/.[]/)[0] ?? '';
    const stepOf = (name: string) => steps.find((s) => s.kind === 'form' && s.section?.fields.includes(name));
    const first = fields.map((f) => nameOf(f.path)).find((name) => stepOf(name));
    if (!first) return false;
    const step = stepOf(first)!;
    const errors = fields.filter((f) => stepOf(nameOf(f.path)) === step).map((f) => ({ name: nameOf(f.path), message: f.message }));
    this.#go(step.id, { field: first });
    this.#showErrors(errors);
    this.#focusAfterUpdate = 'summary';
    return true;
  }

  async #loadMine(): Promise<void> {
    this._mine = { state: 'loading', items: this._mine?.items ?? [] };
    try {
      const items = await listMyApplications(this.config.client);
      this._mine = { state: 'ready', items };
    } catch (error) {
      this._mine = { state: 'error', items: [], error };
      if (isSignInError(error)) this.#signInLost(error);
    }
  }

  #startAgain = async () => {
    const store = this.#store;
    if (!store) return;
    await store.clear();
    this._draft = newDraft(store.subjectId, store.serviceCode);
    this.#materials?.reset(this._def ? this.#requirements(this._def) : [], []);
    this.#applySubjectAnswers();
    this.#go(this.#steps()[0]?.id ?? 'identity');
  };

  // ---- rendering --------------------------------------------------------------------------

  override render() {
    // Elements inside (alerts, states, the signature) speak the form's language.
    return html`<div class="root" lang=${this.i18n.locale}>${this.#renderBody()}</div>`;
  }

  #renderBody() {
    const t = this.t;
    if (this._loadError) {
      return html`${this.#announcer.region()}<egov-async-state state="error" message=${`${t('app.loadFailed')} ${this.i18n.error(this._loadError)}`}
        @egov-retry=${() => void this.#start()}></egov-async-state>`;
    }
    const def = this._def;
    if (!def) return html`${this.#announcer.region()}<egov-async-state state="loading" message=${t('app.loading')}></egov-async-state>`;
    if (!this.#correctable && this._draft?.step !== 'receipt') {
      return html`${this.#announcer.region()}<egov-alert variant="info" heading=${t('app.correction.notOpenTitle')}>
        ${t('app.correction.notOpen', { status: t('cases.status.' + this._correction!.status) })}</egov-alert>`;
    }
    // A returning applicant's draft opens once the sign-in is checked: no glimpse of the guide first.
    if (!this._draft && this._identity === 'checking') return html`${this.#announcer.region()}<egov-async-state state="loading" message=${t('app.loading')}></egov-async-state>`;
    const steps = this.#steps(def);
    const step = this.#currentStep()!;
    const index = steps.findIndex((s) => s.id === step.id);
    // Resumed on a later step whose code is still loading: nothing of the step before it can be used.
    if (LATER_STEPS.has(step.kind) && !this.#later) return html`${this.#announcer.region()}${this._moving ? this.#renderMoving() : html`<egov-async-state state="loading"></egov-async-state>`}`;
    return html`${this.#announcer.region()}
      <p class="service">${(this.i18n.locale === 'en' && def.nameEn) || def.name}</p>
      <nav aria-label=${t('app.steps.label')} class="no-print">
        <ol part="step-indicator" class="steps">
          ${steps.map((s, i) => html`<li aria-current=${s.id === step.id ? 'step' : 'false'} ?data-done=${i < index}>
            <span class="step-title">${s.title}</span>${i < index ? html`<span class="sr-only">(${t('app.step.done')})</span>` : nothing}
          </li>`)}
        </ol>
      </nav>
      ${this._authLost ? this.#renderSessionLost() : nothing}
      ${this._storage === 'memory' ? html`<egov-alert class="notice" variant="warning">${t('app.memoryNotice')}</egov-alert>` : nothing}
      ${this._resumed ? html`<egov-alert class="notice" variant="info">${t('app.resumed')}</egov-alert>` : nothing}
      ${renderErrorSummary(this._errors, t('app.errorSummary.title'), () => this.shadowRoot, this.#level(0))}
      ${this.#renderMoving()}
      <p class="caption">${t('app.step.progress', { n: index + 1, total: steps.length })}</p>
      <h2 aria-level=${ifDefined(this.#level(0))} class="step-heading" tabindex="-1">${step.kind === 'form' ? step.title : this.#headingOf(step.kind)}</h2>
      ${this._correction && step.kind !== 'receipt' && step.kind !== 'signature' ? this.#renderRequests() : nothing}
      ${this.#renderStep(step)}
      ${this._savedAt && step.kind !== 'receipt' && step.kind !== 'identity' && step.kind !== 'guide'
        ? html`<p class="save-status">${t('app.savedAt', { time: this.i18n.date(this._savedAt, 'datetime') })}</p>`
        : nothing}`;
  }

  /** The officer's requests, on every step of a correction until it is signed. */
  #renderRequests() {
    const c = this._correction!;
    const t = this.t;
    return html`<section class="correction-requests" aria-labelledby="requests-title" data-version=${c.version}>
      <h3 aria-level=${ifDefined(this.#level(1))} id="requests-title">${t('app.correction.requests')}</h3>
      ${this.#correction!.renderCorrections(c.corrections ?? [], this._def, this.i18n.locale, t)}
    </section>`;
  }

  /** In correction mode, the answers that stay as they were, shown but not editable. */
  #renderUnchanged() {
    const def = this._def!;
    const c = this._correction!;
    const named = this.#namedAnswers();
    const locale = this.i18n.locale;
    const rest = sectionsOf(def, locale).flatMap((s) => s.fields).filter((f) => !named.has(f) && c.data[f] !== undefined);
    if (!rest.length) return nothing;
    return html`<h3 aria-level=${ifDefined(this.#level(1))}>${this.t('app.correction.unchangedTitle')}</h3>
      <dl class="summary" data-readonly>
        ${rest.map((name) => html`<div data-answer=${name}><dt>${labelOf(def.form.schema.properties?.[name] ?? {}, name, locale)}</dt>
          <dd>${formatAnswer(def, name, c.data[name], locale, c.data)}</dd><dd class="change"><span class="muted">${this.t('app.correction.unchanged')}</span></dd></div>`)}
      </dl>`;
  }

  #headingOf(kind: ApplicationStep): string {
    const t = this.t;
    switch (kind) {
      case 'guide': return t('app.guide.heading');
      case 'identity': return this._identity === 'signed-out' ? t('app.signIn.heading') : t('app.identity.heading');
      case 'materials': return t('app.materials.heading');
      case 'review': return t('app.review.heading');
      case 'signature': return t('app.signature.heading');
      case 'receipt': return t('app.receipt.heading');
      default: return '';
    }
  }

  #renderSessionLost() {
    const t = this.t;
    return html`<div class="alert alert--warning notice" role="alert">
      <p class="alert__title">${t('app.session.expiredHeading')}</p>
      <p>${t('app.session.expired')}</p>
      <div class="actions">
        <button type="button" class="btn" @click=${this.#signInPressed}>${t('app.signIn.button')}</button>
        <button type="button" class="btn btn--secondary" @click=${() => void this.#checkIdentity()}>${t('app.signIn.retry')}</button>
      </div>
    </div>`;
  }

  #renderStep(step: StepInfo) {
    switch (step.kind) {
      case 'guide': return this.#renderGuide();
      case 'identity': return this.#renderIdentity();
      case 'form': return this.#renderSection(step.section!);
      default: return this.#renderLater(step);
    }
  }

  /** The service guide (SPEC §2 `guide`, Art. 30): what, who, materials, basis, time limit, fee, contact. */
  #renderGuide() {
    const t = this.t;
    const def = this._def!;
    const en = this.i18n.locale === 'en';
    const g = def.guide;
    const pick = (zh: string | undefined, english: string | undefined) => (en && english) || zh || '';
    const eligibility = g ? (en && g.eligibilityEn?.length ? g.eligibilityEn : g.eligibility) : [];
    return html`<section class="guide" aria-labelledby="guide-about">
      <h3 aria-level=${ifDefined(this.#level(1))} id="guide-about">${t('app.guide.about')}</h3>
      <p>${pick(g?.summary ?? def.description, g?.summaryEn ?? def.descriptionEn)}</p>
      <dl class="summary guide__facts">
        <div><dt>${t('app.guide.agency')}</dt><dd lang="zh-CN">${def.agency.name}</dd><dd></dd></div>
        ${eligibility.length ? html`<div><dt>${t('app.guide.eligibility')}</dt><dd><ul class="guide__list">${eligibility.map((e) => html`<li>${e}</li>`)}</ul></dd><dd></dd></div>` : nothing}
        <div><dt>${t('app.guide.legalBasis')}</dt><dd lang="zh-CN">${def.legalBasis}</dd><dd></dd></div>
        ${g ? html`<div data-guide="time-limit"><dt>${t('app.guide.timeLimit')}</dt><dd>${t('app.guide.days', { days: g.timeLimitDays })}</dd><dd></dd></div>
          <div data-guide="fee"><dt>${t('app.guide.fee')}</dt><dd>${pick(g.fee, g.feeEn)}</dd><dd></dd></div>
          ${g.contact ? html`<div data-guide="contact"><dt>${t('app.guide.contact')}</dt><dd>${pick(g.contact, g.contactEn)}</dd><dd></dd></div>` : nothing}` : nothing}
      </dl>
      <h3 aria-level=${ifDefined(this.#level(1))} id="guide-materials">${t('app.guide.materials')}</h3>
      <ul class="guide__materials" aria-labelledby="guide-materials">
        ${(def.materials ?? []).map((m) => {
          const name = (en && m.nameEn) || m.name;
          return html`<li data-material=${m.code}>
            <span class="guide__material-name">${name}</span>
            <span class="tag ${m.required ? 'tag--required' : ''}">${m.required ? t('app.guide.materialRequired') : t('app.guide.materialOptional')}</span>
            ${this._held.has(m.code) ? html`<span class="guide__held" data-held>${t('app.guide.held', { name })}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </section>
    <div class="actions"><button type="button" class="btn" @click=${this.#startFromGuide}>${t('app.guide.start')}</button></div>`;
  }

  #startFromGuide = () => {
    if (this._draft) {
      this.#next();
      return;
    }
    // Nobody signed in yet: the sign-in comes next, then the form carries on from there.
    this._guideDone = true;
    this.#focusAfterUpdate = 'heading';
    this.emit('egov-step-change', { step: 'identity' });
  };

  #renderIdentity() {
    const t = this.t;
    if (this._identity === 'checking') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (this._identity === 'error') {
      return html`<egov-async-state state="error" message=${this.i18n.error(this._identityError)} @egov-retry=${() => void this.#checkIdentity()}></egov-async-state>`;
    }
    if (this._identity === 'signed-out' || !this._applicant) {
      return html`<div class="sign-in" data-state="signed-out">
        ${this._tokenExpired ? html`<p class="alert__title">${t('app.session.expiredHeading')}</p>` : null}
        <p>${this._tokenExpired ? t('app.session.expired') : t('app.signIn.body')}</p>
        <div class="actions">
          <button type="button" class="btn" @click=${this.#signInPressed}>${t('app.signIn.button')}</button>
          <button type="button" class="btn btn--secondary" @click=${() => void this.#checkIdentity()}>${t('app.signIn.retry')}</button>
        </div>
      </div>`;
    }
    const a = this._applicant;
    const kinds = this._def?.applicantKinds;
    const allowed = !kinds?.length || kinds.includes(a.kind as 'citizen' | 'organisation');
    return html`<p>${t('app.identity.intro')}</p>
      <dl class="summary" data-state="signed-in">
        <div><dt>${t('app.identity.name')}</dt><dd lang=${ifDefined(this.i18n.dataLang(a.name))}>${a.name}</dd><dd></dd></div>
        <div><dt>${t('app.identity.idNumber')}</dt><dd translate="no">${a.idNumberMasked ?? '—'}</dd><dd></dd></div>
        <div><dt>${t('app.identity.kind')}</dt><dd>${t(`app.identity.kind.${a.kind}`)}</dd><dd></dd></div>
      </dl>
      <p class="muted">${t('app.identity.notYou')}</p>
      ${allowed
        ? html`<div class="actions"><button type="button" class="btn" @click=${() => this.#next()}>${t('app.start')}</button></div>`
        : html`<div class="alert alert--warning">${t('app.identity.wrongKind', { kinds: kinds!.map((k) => t(`app.identity.kind.${k}`)).join(' / ') })}</div>`}`;
  }

  #renderSection(section: SectionModel) {
    const def = this._def!;
    const data = this._draft?.data ?? {};
    const locale = this.i18n.locale;
    const handlers = { input: this.#onInput, blur: this.#onBlur, t: this.t };
    return html`${section.description ? html`<p class="muted">${section.description}</p>` : nothing}
      <div class="section-fields">
        ${visibleFields(def, section, data).map((name) => {
          const model = fieldModel(def, name, locale, data);
          const bound = this._correction ? undefined : this._subjectAnswers[name];
          return bound !== undefined ? renderBoundAnswer(model, bound, this.t('app.field.fromSignIn')) : renderField(model, data[name], this._fieldErrors.get(name), handlers);
        })}
      </div>
      <form id=${SECTION_FORM} novalidate @submit=${(e: Event) => { e.preventDefault(); this.#continueSection(section); }}>
        <div class="actions">
          <button type="submit" class="btn">${this._draft?.returnToReview ? this.t('app.backToReview') : this.t('app.continue')}</button>
          <button type="button" class="btn btn--secondary" @click=${() => this.#previous()}>${this.t('app.previous')}</button>
        </div>
      </form>
      ${this._correction ? this.#renderUnchanged() : nothing}`;
  }

  // ---- the later steps (later-steps.ts, loaded when first reached or prefetched) ----------

  /** Loads the later steps' module (once; again after a failure) and the messages of the page's language for it. */
  #loadLater(): Promise<void> {
    this.#laterLoading ??= import('./later-steps').then(
      async (later) => {
        await loadLocale(this.i18n.locale).catch(() => undefined);
        if (!this.#later) {
          this.#later = later;
          this.#materials = new later.MaterialsController(this);
          this.#materials.reset(this._def ? this.#requirements(this._def) : [], this._draft?.materials ?? []);
          if (this.#currentStep()?.kind === 'materials') void this.#materials.lookUp();
        }
        this.requestUpdate();
      },
      (error: unknown) => {
        this.#laterLoading = undefined;
        throw error;
      },
    );
    return this.#laterLoading;
  }

  /** A draft resumes on a later step: its code loads before the step shows (or an error with a retry). */
  #resumeLater(): void {
    this._moving = undefined;
    this.#loadLater().catch((error: unknown) => {
      this._moving = { state: 'error', error, retry: () => this.#resumeLater() };
      this.#reportError(error);
    });
  }

  /** Waiting for, or failing to get, the later steps' code (an error offers to try again). */
  #renderMoving() {
    const moving = this._moving;
    if (!moving) return nothing;
    return moving.state === 'error'
      ? html`<egov-async-state class="notice" state="error" message=${this.i18n.error(moving.error)} @egov-retry=${moving.retry}></egov-async-state>`
      : html`<egov-async-state class="notice" state="loading"></egov-async-state>`;
  }

  /** Starts loading the later steps while the applicant is busy with this one (a failure is retried when they are reached). */
  #prefetchLater(): void {
    if (this.#later || this.#laterLoading || this.#prefetch !== undefined) return;
    this.#prefetch = setTimeout(() => {
      this.#prefetch = undefined;
      if (this.isConnected) void this.#loadLater().catch(() => undefined);
    }, 200);
  }

  /** The attached materials: the controller's, or before it is loaded the draft's (in the order of the requirements). */
  #attached(): DraftMaterial[] {
    if (this.#materials) return this.#materials.attached;
    const saved = this._draft?.materials ?? [];
    return (this._def ? this.#requirements(this._def) : []).flatMap((r) => saved.filter((m) => m.code === r.code).slice(0, 1));
  }

  /** What the later steps read and do, over this element's state. */
  readonly #stepsHost: StepsHost = (() => {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read the element's private state
    const form = this;
    return {
      get def() { return form._def!; },
      get data() { return form._draft?.data ?? {}; },
      get returnToReview() { return !!form._draft?.returnToReview; },
      get receipt() { return form._draft?.receipt ?? undefined; },
      get applicant() { return form._applicant; },
      get errors() { return form._errors; },
      get materials() { return form.#materials!; },
      get payload() { return form.payload; },
      get envelope() { return form.#validEnvelope(); },
      get submit() { return form._submit; },
      get submitMessage() { return form._submitMessage; },
      get signer() { return form.signer; },
      get config() { return form.config.value; },
      get mine() { return form._mine; },
      get applicationsUrl() { return form.applicationsUrl; },
      get locale() { return form.i18n.locale; },
      t: (key, params) => form.t(key, params),
      date: (value, style) => form.i18n.date(value, style),
      errorText: (error) => form.i18n.error(error),
      level: (offset) => form.#level(offset),
      namedAnswers: () => (form._correction ? form.#namedAnswers() : undefined),
      namedMaterials: () => (form._correction ? form.#namedMaterials() : undefined),
      materialShown: (code) => form.#materialShown(code),
      changeAnswer: (section, name) => form.#go(form._correction ? 'form:correction' : `form:${section.id}`, { field: name }, { returnToReview: true }),
      changeMaterials: () => form.#go('materials', 'heading', { returnToReview: true }),
      next: () => form.#next(),
      previous: () => form.#previous(),
      continueMaterials: () => form.#continueMaterials(),
      submitPressed: () => void form.#submitNow(),
      signAgain: () => form.#signAgain(),
      signed: (event) => form.#onSigned(event),
      startAgain: () => void form.#startAgain(),
      loadMine: () => void form.#loadMine(),
    };
  })();

  #renderLater(step: StepInfo) {
    const later = this.#later;
    if (!later || !this.#materials) return nothing;
    const host = this.#stepsHost;
    switch (step.kind) {
      case 'materials': return later.renderMaterials(host);
      case 'review': return later.renderReview(host);
      case 'signature': return later.renderSignature(host, Math.min(6, (this.#level(0) ?? 2) + 1));
      default: return later.renderReceipt(host);
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
