import { html, nothing, type ReactiveController } from 'lit';
import type { Draft, DraftMaterial } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import { loadLocale } from '../../core/i18n';
import { hostState } from '../../controllers/host-state';
import { sectionsOf, type SectionModel } from '../shared/field-model';
import { controlId, fieldId } from './section-renderer';
import type { MaterialsController } from './materials';
import type { StepsHost } from './later-steps';
import type { FormContext } from './form-context';

export type ApplicationStep = 'guide' | 'identity' | 'form' | 'materials' | 'review' | 'signature' | 'receipt';

/** The steps whose code and messages load when first reached (later-steps.ts). */
export const LATER_STEPS: ReadonlySet<ApplicationStep> = new Set(['materials', 'review', 'signature', 'receipt']);

export interface StepInfo {
  /** `guide`, `identity`, `form:<section>`, `materials`, `review`, `signature`, `receipt`. */
  id: string;
  kind: ApplicationStep;
  title: string;
  section?: SectionModel;
}

export type FocusTarget = 'heading' | 'summary' | { field: string };

interface StepsState {
  /** Waiting for the later steps' code before moving on (or it could not be loaded: retry). */
  moving: { state: 'loading' | 'error'; error?: unknown; retry: () => void } | undefined;
}

/**
 * The step machine: guide → identity → the form's sections → materials → review → signature
 * → receipt (in correction mode only what the officer named), moving between them (the step
 * kept in the draft, announced, `egov-step-change`), focus after each move, and the later
 * steps' code (later-steps.ts), prefetched and loaded when first reached.
 */
export class StepsController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: StepsState;
  /** The later steps' module, once loaded. */
  #later: typeof import('./later-steps') | undefined;
  #laterLoading: Promise<void> | undefined;
  /** The documents step's controller, once the later steps are loaded. */
  #materials: MaterialsController | undefined;
  #prefetch: ReturnType<typeof setTimeout> | undefined;
  #focusAfterUpdate: FocusTarget | undefined;
  readonly #stepsHost: StepsHost;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#stepsHost = stepsHost(ctx);
    this.#s = hostState<StepsState>(ctx.host, { moving: undefined });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.#prefetch);
    this.#prefetch = undefined;
  }

  hostUpdated(): void {
    const target = this.#focusAfterUpdate;
    if (!target) return;
    this.#focusAfterUpdate = undefined;
    // After this update has finished: moving focus blurs a field, which may re-check it.
    queueMicrotask(() => this.#moveFocus(target));
  }

  get state(): Readonly<StepsState> {
    return this.#s;
  }

  get later(): typeof import('./later-steps') | undefined {
    return this.#later;
  }

  get materials(): MaterialsController | undefined {
    return this.#materials;
  }

  /** Focus moves there once the host has rendered. */
  focusAfterUpdate(target: FocusTarget): void {
    this.#focusAfterUpdate = target;
  }

  #moveFocus(target: FocusTarget): void {
    const root = this.#ctx.host.shadowRoot;
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

  list(def = this.#ctx.def): StepInfo[] {
    if (!def) return [];
    const ctx = this.#ctx;
    const t = ctx.t;
    const correction = ctx.correction;
    if (correction.application) {
      const named = correction.namedAnswers();
      const fields = sectionsOf(def, ctx.i18n.locale).flatMap((s) => s.fields).filter((f) => named.has(f));
      const section: SectionModel = { id: 'correction', title: t('app.correction.step'), description: t('app.correction.stepIntro'), fields };
      return [
        { id: 'identity', kind: 'identity', title: t('app.step.identity') },
        ...(fields.length ? [{ id: 'form:correction', kind: 'form' as const, title: section.title, section }] : []),
        ...(correction.namedMaterials().size ? [{ id: 'materials', kind: 'materials' as const, title: t('app.step.materials') }] : []),
        { id: 'review', kind: 'review', title: t('app.step.review') },
        { id: 'signature', kind: 'signature', title: t('app.step.signature') },
        { id: 'receipt', kind: 'receipt', title: t('app.step.receipt') },
      ];
    }
    return [
      { id: 'guide', kind: 'guide', title: t('app.step.guide') },
      { id: 'identity', kind: 'identity', title: t('app.step.identity') },
      ...sectionsOf(def, ctx.i18n.locale).map((section): StepInfo => ({ id: `form:${section.id}`, kind: 'form', title: section.title, section })),
      { id: 'materials', kind: 'materials', title: t('app.step.materials') },
      { id: 'review', kind: 'review', title: t('app.step.review') },
      { id: 'signature', kind: 'signature', title: t('app.step.signature') },
      { id: 'receipt', kind: 'receipt', title: t('app.step.receipt') },
    ];
  }

  current(): StepInfo | undefined {
    const ctx = this.#ctx;
    const steps = this.list();
    const session = ctx.session.state;
    // The guide first for a visitor; an applicant whose sign-in ended meets the sign-in at once.
    const fallback = session.guideDone || ctx.correction.application || session.tokenExpired ? 'identity' : steps[0]?.id;
    return steps.find((s) => s.id === (ctx.draft.state.draft?.step ?? fallback)) ?? steps[0];
  }

  go(stepId: string, focus: 'heading' | { field: string } = 'heading', extra: Partial<Draft> = {}): void {
    const ctx = this.#ctx;
    const steps = this.list();
    const index = steps.findIndex((s) => s.id === stepId);
    const step = steps[index];
    if (!step || !ctx.draft.state.draft) return;
    if (LATER_STEPS.has(step.kind) && !this.#later) {
      // Its code is on its way (prefetched since the form opened): the applicant stays here, told it is loading, until it is.
      this.#s.moving = { state: 'loading', retry: () => this.go(stepId, focus, extra) };
      this.#loadLater().then(
        () => {
          this.#s.moving = undefined;
          this.go(stepId, focus, extra);
        },
        (error: unknown) => {
          this.#s.moving = { state: 'error', error, retry: () => this.go(stepId, focus, extra) };
          ctx.reportError(error);
        },
      );
      return;
    }
    this.#s.moving = undefined;
    ctx.answers.clear();
    ctx.draft.moved();
    ctx.draft.change({ step: stepId, ...extra }, true);
    this.#focusAfterUpdate = focus;
    if (step.kind === 'materials') void this.#materials?.lookUp();
    if (step.kind === 'receipt') void ctx.submission.loadMine();
    if (step.kind !== 'signature') ctx.submission.idle();
    ctx.emit('egov-step-change', { step: step.kind, ...(step.section ? { section: step.section.id } : {}) });
    const announcement = ctx.t('app.step.announce', { n: index + 1, total: steps.length, title: step.title });
    ctx.announce(step.kind === 'receipt' ? announcement : `${announcement}. ${ctx.t('app.savedAnnounce')}`);
  }

  next(): void {
    const steps = this.list();
    const current = this.current();
    const index = steps.findIndex((s) => s.id === current?.id);
    if (this.#ctx.draft.state.draft?.returnToReview && (current?.kind === 'form' || current?.kind === 'materials')) {
      this.go('review', 'heading', { returnToReview: false });
      return;
    }
    const next = steps[index + 1];
    if (next) this.go(next.id);
  }

  previous(): void {
    const steps = this.list();
    const index = steps.findIndex((s) => s.id === this.current()?.id);
    const previous = steps[index - 1];
    if (previous) this.go(previous.id, 'heading', { returnToReview: false });
  }

  /** "Start" on the guide: the next step, or before anyone signed in the sign-in, then the form carries on from there. */
  startFromGuide = () => {
    const ctx = this.#ctx;
    if (ctx.draft.state.draft) {
      this.next();
      return;
    }
    ctx.session.guideRead();
    this.#focusAfterUpdate = 'heading';
    ctx.emit('egov-step-change', { step: 'identity' });
  };

  // ---- the later steps (later-steps.ts, loaded when first reached or prefetched) ----------

  /** Loads the later steps' module (once; again after a failure) and the messages of the page's language for it. */
  #loadLater(): Promise<void> {
    const ctx = this.#ctx;
    this.#laterLoading ??= import('./later-steps').then(
      async (later) => {
        await loadLocale(ctx.i18n.locale).catch(() => undefined);
        if (!this.#later) {
          this.#later = later;
          this.#materials = new later.MaterialsController(ctx.host);
          this.#materials.reset(ctx.def ? ctx.correction.requirements(ctx.def) : [], ctx.draft.state.draft?.materials ?? []);
          if (this.current()?.kind === 'materials') void this.#materials.lookUp();
        }
        ctx.host.requestUpdate();
      },
      (error: unknown) => {
        this.#laterLoading = undefined;
        throw error;
      },
    );
    return this.#laterLoading;
  }

  /** A draft resumes on a later step: its code loads before the step shows (or an error with a retry). */
  resumeLater(): void {
    this.#s.moving = undefined;
    this.#loadLater().catch((error: unknown) => {
      this.#s.moving = { state: 'error', error, retry: () => this.resumeLater() };
      this.#ctx.reportError(error);
    });
  }

  /** Starts loading the later steps while the applicant is busy with this one (a failure is retried when they are reached). */
  prefetchLater(): void {
    if (this.#later || this.#laterLoading || this.#prefetch !== undefined) return;
    this.#prefetch = setTimeout(() => {
      this.#prefetch = undefined;
      if (this.#ctx.host.isConnected) void this.#loadLater().catch(() => undefined);
    }, 200);
  }

  /** Waiting for, or failing to get, the later steps' code (an error offers to try again). */
  renderMoving() {
    const moving = this.#s.moving;
    if (!moving) return nothing;
    return moving.state === 'error'
      ? html`<egov-async-state class="notice" state="error" message=${this.#ctx.i18n.error(moving.error)} @egov-retry=${moving.retry}></egov-async-state>`
      : html`<egov-async-state class="notice" state="loading"></egov-async-state>`;
  }

  /** The attached materials: the controller's, or before it is loaded the draft's (in the order of the requirements). */
  attached(): DraftMaterial[] {
    if (this.#materials) return this.#materials.attached;
    const ctx = this.#ctx;
    const saved = ctx.draft.state.draft?.materials ?? [];
    return (ctx.def ? ctx.correction.requirements(ctx.def) : []).flatMap((r) => saved.filter((m) => m.code === r.code).slice(0, 1));
  }

  /** The materials start again (a new application, or a submitted one). */
  resetMaterials(): void {
    const def = this.#ctx.def;
    this.#materials?.reset(def ? this.#ctx.correction.requirements(def) : [], []);
  }

  /** "New application" on the receipt: an empty draft, from the first step. */
  startAgain = async () => {
    const ctx = this.#ctx;
    if (!(await ctx.draft.startAgain())) return;
    this.resetMaterials();
    ctx.session.applyAnswers();
    this.go(this.list()[0]?.id ?? 'identity');
  };

  renderLater(step: StepInfo) {
    const later = this.#later;
    if (!later || !this.#materials) return nothing;
    const host = this.#stepsHost;
    switch (step.kind) {
      case 'materials': return later.renderMaterials(host);
      case 'review': return later.renderReview(host);
      case 'signature': return later.renderSignature(host);
      default: return later.renderReceipt(host);
    }
  }
}

/** What the later steps read and do, over the form's controllers. */
function stepsHost(ctx: FormContext): StepsHost {
  const draft = () => ctx.draft.state.draft;
  const named = <T>(get: () => T) => () => (ctx.correction.application ? get() : undefined);
  return {
    get def(): ServiceDefinition { return ctx.def!; },
    get data() { return draft()?.data ?? {}; },
    get returnToReview() { return !!draft()?.returnToReview; },
    get receipt() { return draft()?.receipt ?? undefined; },
    get applicant() { return ctx.session.state.applicant; },
    get errors() { return ctx.answers.state.errors; },
    get materials() { return ctx.steps.materials!; },
    get payload() { return ctx.submission.payload; },
    get envelope() { return ctx.submission.envelope(); },
    get submit() { return ctx.submission.state.submit; },
    get submitMessage() { return ctx.submission.state.submitMessage; },
    get signer() { return ctx.signer; },
    get config() { return ctx.config; },
    get mine() { return ctx.submission.state.mine; },
    get applicationsUrl() { return ctx.applicationsUrl; },
    get locale() { return ctx.i18n.locale; },
    get headings() { return ctx.headings; },
    t: (key, params) => ctx.t(key, params),
    date: (value, style) => ctx.i18n.date(value, style),
    errorText: (error) => ctx.i18n.error(error),
    namedAnswers: named(() => ctx.correction.namedAnswers()),
    namedMaterials: named(() => ctx.correction.namedMaterials()),
    materialShown: (code) => ctx.correction.materialShown(code),
    changeAnswer: (section, name) => ctx.steps.go(ctx.correction.application ? 'form:correction' : `form:${section.id}`, { field: name }, { returnToReview: true }),
    changeMaterials: () => ctx.steps.go('materials', 'heading', { returnToReview: true }),
    next: () => ctx.steps.next(),
    previous: () => ctx.steps.previous(),
    continueMaterials: () => ctx.answers.continueMaterials(),
    submitPressed: () => void ctx.submission.submitNow(),
    signAgain: () => ctx.submission.signAgain(),
    signed: (event) => ctx.submission.signed(event),
    startAgain: () => void ctx.steps.startAgain(),
    loadMine: () => void ctx.submission.loadMine(),
  };
}
