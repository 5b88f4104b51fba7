import type { ReactiveController } from 'lit';
import type { Subject as Applicant } from '../../services/session';
import { clearDraftsOf, draftBackend, DraftStore, newDraft, type Draft } from '../../services/drafts';
import { hostState } from '../../controllers/host-state';
import { LATER_STEPS } from './steps';
import type { FormContext } from './form-context';

interface DraftState {
  draft: Draft | undefined;
  /** When the draft was last written. */
  savedAt: string;
  /** Where drafts are kept: IndexedDB, or (private windows) only in memory. */
  storage: 'indexeddb' | 'memory';
  /** The draft resumed at a later step than the first. */
  resumed: boolean;
}

/**
 * What was typed: the applicant's draft (src/services/drafts.ts), opened when the sign-in is
 * known and resumed where it was left, saved as it changes, and written at once when the
 * page is hidden or left.
 */
export class DraftController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: DraftState;
  #store: DraftStore | undefined;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#s = hostState<DraftState>(ctx.host, { draft: undefined, savedAt: '', storage: 'indexeddb', resumed: false });
    ctx.host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#flushOnHide);
    window.addEventListener('pagehide', this.#flushOnHide);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#flushOnHide);
    window.removeEventListener('pagehide', this.#flushOnHide);
    void this.#store?.flush();
  }

  #flushOnHide = () => {
    if (document.visibilityState === 'hidden' || !document.visibilityState) void this.#store?.flush();
  };

  get state(): Readonly<DraftState> {
    return this.#s;
  }

  /** The store of the open draft (none before the sign-in is known). */
  get store(): DraftStore | undefined {
    return this.#store;
  }

  /** A new service or application: no draft until the sign-in is known again. */
  async reset(): Promise<void> {
    this.#s.draft = undefined;
    this.#store = undefined;
    this.#s.storage = await draftBackend();
  }

  flush(): Promise<void> {
    return this.#store?.flush() ?? Promise.resolve();
  }

  /** Opens the applicant's draft of this service (or this correction), or starts one, and resumes at its step. */
  async open(applicant: Applicant, run: number): Promise<void> {
    const ctx = this.#ctx;
    const def = ctx.def!;
    const store = new DraftStore(applicant.id, ctx.correction.draftCode(def), (saved) => {
      if (this.#store === store) this.#s.savedAt = saved.updatedAt;
    });
    const saved = await store.load();
    if (run !== ctx.run) return;
    this.#store = store;
    const steps = ctx.steps.list(def);
    const first = steps[0]!.id;
    const draft = saved ?? { ...ctx.correction.freshDraft(applicant.id, def), step: ctx.session.state.guideDone && steps.some((s) => s.id === 'identity') ? 'identity' : first };
    if (!steps.some((s) => s.id === draft.step)) draft.step = first;
    this.#s.draft = draft;
    this.#s.savedAt = saved?.updatedAt ?? '';
    this.#s.resumed = !!saved && draft.step !== first && draft.step !== 'identity' && !draft.receipt;
    void ctx.session.loadFacts(def, run);
    ctx.answers.clear();
    ctx.steps.materials?.reset(ctx.correction.requirements(def), draft.materials);
    const step = ctx.steps.current();
    // The later steps' code: at once when the draft resumes on one of them, otherwise while the applicant is on this step.
    if (step && LATER_STEPS.has(step.kind)) ctx.steps.resumeLater();
    else ctx.steps.prefetchLater();
    if (step?.kind === 'materials') void ctx.steps.materials?.lookUp();
    if (step?.kind === 'receipt') void ctx.submission.loadMine();
    if (step && step.id !== first && step.id !== 'identity') {
      ctx.emit('egov-step-change', { step: step.kind, ...(step.section ? { section: step.section.id } : {}) });
      ctx.announce(ctx.t('app.resumed'));
    }
  }

  /** Applies a change to the draft and saves it. */
  change(patch: Partial<Draft>, saveNow = false): void {
    if (!this.#s.draft) return;
    this.#s.draft = { ...this.#s.draft, ...patch };
    if (!this.#store) return;
    // Written at once (not after the store's 300 ms pause): a reload right after a keystroke keeps it.
    this.#store.save(this.#s.draft, 0);
    if (saveNow) void this.#store.flush();
  }

  /** Moving on: the "resumed" notice has been read. */
  moved(): void {
    this.#s.resumed = false;
  }

  /** Submitted: the answers go; only the receipt stays, so a reload still shows it. */
  async keepOnly(receipt: NonNullable<Draft['receipt']>, told: () => void): Promise<void> {
    const store = this.#store!;
    const done: Draft = { ...newDraft(store.subjectId, store.serviceCode), step: 'receipt', receipt };
    this.#s.draft = done;
    told();
    await store.clear();
    store.save(done);
    await store.flush();
  }

  /** A new application after the receipt: an empty draft. */
  async startAgain(): Promise<boolean> {
    const store = this.#store;
    if (!store) return false;
    await store.clear();
    this.#s.draft = newDraft(store.subjectId, store.serviceCode);
    return true;
  }

  /** The subject signed out: this device keeps none of their drafts. */
  async discard(subject: string): Promise<void> {
    await this.#store?.clear();
    await clearDraftsOf(subject);
    this.#store = undefined;
    this.#s.draft = undefined;
  }
}
