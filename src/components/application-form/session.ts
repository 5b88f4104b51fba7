import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ReactiveController } from 'lit';
import { ApiError } from '../../services/api-client';
import { currentSubject as currentApplicant, isSignInError, type Subject as Applicant } from '../../services/session';
import { loadSubjectAnswers } from '../../services/service-definitions';
import { lookupCertificates } from '../../services/certificates';
import { clearDraftsOf } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import { subjectBindings, type SubjectValues } from '../../core/answer-checks';
import { hostState } from '../../controllers/host-state';
import type { FormContext } from './form-context';

export interface SignInRequiredDetail {
  service: string;
  /** `missing`: nobody is signed in; `expired`: the sign-in ended during the application. */
  reason: 'missing' | 'expired';
  /** `auto` when the element found out; `user` when the applicant pressed "Sign in". */
  trigger: 'auto' | 'user';
}

interface SessionState {
  applicant: Applicant | undefined;
  identity: 'checking' | 'signed-in' | 'signed-out' | 'error';
  /** The token the form started with had expired: say so, rather than only "sign in". */
  tokenExpired: boolean;
  identityError: unknown;
  /** The sign-in ended while the applicant was at work. */
  authLost: boolean;
  /** The answers bound to the applicant (`x-egov-subject`), as the sign-in gives them. */
  subjectAnswers: Record<string, string>;
  /** Materials the platform already holds for this applicant, shown in the guide (Art. 32). */
  held: Set<string>;
  /** The guide was read and "Start" pressed before anyone signed in. */
  guideDone: boolean;
}

/**
 * Who applies: the sign-in and what it tells about the applicant (the answers bound to
 * them, the certificates the platform holds), the sign-in ending during the application and
 * coming back, and `egov-sign-in-required`.
 */
export class SessionController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: SessionState;
  #lastToken: string | undefined;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#s = hostState<SessionState>(ctx.host, {
      applicant: undefined, identity: 'checking', tokenExpired: false, identityError: undefined, authLost: false,
      subjectAnswers: {}, held: new Set(), guideDone: false,
    });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  get state(): Readonly<SessionState> {
    return this.#s;
  }

  /** Asks who is signed in; a new applicant's draft opens, a returning one carries on. */
  async check(run = this.#ctx.run): Promise<void> {
    const ctx = this.#ctx;
    const s = this.#s;
    const client = ctx.client;
    this.#lastToken = await client.token();
    if (!s.applicant) s.identity = 'checking';
    try {
      const applicant = await currentApplicant(client);
      if (run !== ctx.run) return;
      const wasLost = s.authLost;
      s.authLost = false;
      s.identity = 'signed-in';
      s.tokenExpired = false;
      if (s.applicant?.id !== applicant.id || !ctx.draft.store) {
        // Another person signed in here: the previous applicant's drafts leave this device.
        if (s.applicant && s.applicant.id !== applicant.id) await clearDraftsOf(s.applicant.id);
        s.applicant = applicant;
        await ctx.draft.open(applicant, run);
      } else if (wasLost) {
        ctx.announce(ctx.t('app.session.back'));
        if (ctx.steps.current()?.kind === 'materials') void ctx.steps.materials?.lookUp();
      }
    } catch (error) {
      if (run !== ctx.run) return;
      if (isSignInError(error)) {
        const hasToken = !!this.#lastToken;
        if (hasToken && ctx.draft.state.draft && s.applicant) {
          this.lost(error);
        } else {
          s.identity = 'signed-out';
          s.applicant = undefined;
          s.tokenExpired = error instanceof ApiError && error.code === 'TOKEN_EXPIRED';
          this.#emitSignIn(s.tokenExpired ? 'expired' : 'missing', 'auto');
        }
      } else if (!s.applicant) {
        s.identity = 'error';
        s.identityError = error;
        ctx.reportError(error);
      }
    }
  }

  /** Signed out: this device keeps none of the applicant's drafts. */
  async signedOut(): Promise<void> {
    const s = this.#s;
    if (!s.applicant) return;
    await this.#ctx.draft.discard(s.applicant.id);
    s.applicant = undefined;
    s.authLost = false;
    s.guideDone = true;
  }

  /** The guide was read before anyone signed in: the sign-in comes next. */
  guideRead(): void {
    this.#s.guideDone = true;
  }

  /**
   * What the sign-in tells about this applicant: the answers bound to them (filled in and
   * read-only, SPEC §4 `x-egov-subject`) and which materials the platform already holds (Art. 32).
   */
  async loadFacts(def: ServiceDefinition, run: number): Promise<void> {
    const client = this.#ctx.client;
    const bound = Object.keys(subjectBindings(def.form.schema)).length > 0;
    const [answers, held] = await Promise.all([
      bound ? loadSubjectAnswers(client, def.code).catch(() => ({})) : Promise.resolve({}),
      Promise.all((def.materials ?? []).filter((m) => m.certificateType).map(async (m) => {
        const found = await lookupCertificates(client, m.certificateType!).catch(() => []);
        return found.length ? [m.code] : [];
      })).then((codes) => new Set(codes.flat())),
    ]);
    if (run !== this.#ctx.run) return;
    this.#s.subjectAnswers = answers;
    this.#s.held = held;
    this.applyAnswers();
  }

  /** Bound answers always carry the applicant's own values, whatever a draft held. */
  applyAnswers(): void {
    const ctx = this.#ctx;
    const draft = ctx.draft.state.draft;
    if (!draft || draft.receipt || ctx.correction.application) return;
    const entries = Object.entries(this.#s.subjectAnswers).filter(([name, value]) => draft.data[name] !== value);
    if (entries.length) ctx.draft.change({ data: { ...draft.data, ...Object.fromEntries(entries) } });
  }

  /** The signed-in subject's values, keyed as the schema binds them, for the shared checks. */
  subjectValues(): SubjectValues | undefined {
    const def = this.#ctx.def;
    const answers = this.#s.subjectAnswers;
    if (!def || !Object.keys(answers).length) return undefined;
    const bindings = subjectBindings(def.form.schema);
    const out: SubjectValues = {};
    for (const [name, value] of Object.entries(answers)) if (bindings[name]) out[bindings[name]] = value;
    return out;
  }

  /** A call failed because the sign-in is gone: the draft is kept, the applicant told once. */
  lost(error: unknown): void {
    const ctx = this.#ctx;
    void ctx.draft.flush();
    if (!this.#s.authLost) {
      this.#s.authLost = true;
      ctx.announce(ctx.t('app.session.expired'));
      this.#emitSignIn('expired', 'auto');
    }
    ctx.reportError(error);
  }

  #emitSignIn(reason: SignInRequiredDetail['reason'], trigger: SignInRequiredDetail['trigger']): boolean {
    return this.#ctx.emit('egov-sign-in-required', { service: this.#ctx.service, reason, trigger }, { cancelable: true });
  }

  #signInPressed = () => {
    const proceed = this.#emitSignIn(this.#s.authLost || this.#s.tokenExpired ? 'expired' : 'missing', 'user');
    if (proceed && this.#ctx.signInUrl) window.location.assign(this.#ctx.signInUrl);
  };

  #signInButtons() {
    const t = this.#ctx.t;
    return html`<div class="actions">
      <button type="button" class="btn" @click=${this.#signInPressed}>${t('app.signIn.button')}</button>
      <button type="button" class="btn btn--secondary" @click=${() => void this.check()}>${t('app.signIn.retry')}</button>
    </div>`;
  }

  /** The sign-in ended during the application: sign in again, or check again. */
  renderLost() {
    const t = this.#ctx.t;
    return html`<div class="alert alert--warning notice" role="alert">
      <p class="alert__title">${t('app.session.expiredHeading')}</p>
      <p>${t('app.session.expired')}</p>
      ${this.#signInButtons()}
    </div>`;
  }

  /** The identity step: who is signed in, or the way to sign in. */
  renderIdentity() {
    const ctx = this.#ctx;
    const s = this.#s;
    const t = ctx.t;
    if (s.identity === 'checking') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (s.identity === 'error') {
      return html`<egov-async-state state="error" message=${ctx.i18n.error(s.identityError)} @egov-retry=${() => void this.check()}></egov-async-state>`;
    }
    if (s.identity === 'signed-out' || !s.applicant) {
      return html`<div class="sign-in" data-state="signed-out">
        ${s.tokenExpired ? html`<p class="alert__title">${t('app.session.expiredHeading')}</p>` : null}
        <p>${s.tokenExpired ? t('app.session.expired') : t('app.signIn.body')}</p>
        ${this.#signInButtons()}
      </div>`;
    }
    const a = s.applicant;
    const kinds = ctx.def?.applicantKinds;
    const allowed = !kinds?.length || kinds.includes(a.kind as 'citizen' | 'organisation');
    return html`<p>${t('app.identity.intro')}</p>
      <dl class="summary" data-state="signed-in">
        <div><dt>${t('app.identity.name')}</dt><dd lang=${ifDefined(ctx.i18n.dataLang(a.name))}>${a.name}</dd><dd></dd></div>
        <div><dt>${t('app.identity.idNumber')}</dt><dd translate="no">${a.idNumberMasked ?? '—'}</dd><dd></dd></div>
        <div><dt>${t('app.identity.kind')}</dt><dd>${t(`app.identity.kind.${a.kind}`)}</dd><dd></dd></div>
      </dl>
      <p class="muted">${t('app.identity.notYou')}</p>
      ${allowed
        ? html`<div class="actions"><button type="button" class="btn" @click=${() => ctx.steps.next()}>${t('app.start')}</button></div>`
        : html`<div class="alert alert--warning">${t('app.identity.wrongKind', { kinds: kinds!.map((k) => t(`app.identity.kind.${k}`)).join(' / ') })}</div>`}`;
  }
}
