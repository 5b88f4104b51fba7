import type { ReactiveController } from 'lit';
import { ApiError } from '../../services/api-client';
import { isSignInError } from '../../services/session';
import {
  listMyApplications, resubmitApplication, submitApplication,
  type ApplicationPayload, type ApplicationSummary, type MaterialRef, type SubmittedApplication,
} from '../../services/applications';
import type { ResubmissionPayload } from '../../core/case-types';
import type { DraftMaterial } from '../../services/drafts';
import type { SignatureEnvelope } from '../../core/crypto/envelope';
import { hostState } from '../../controllers/host-state';
import { submittedData } from '../shared/field-model';
import type { FormContext } from './form-context';

interface SubmissionState {
  submit: 'idle' | 'submitting' | 'failed';
  submitMessage: string;
  /** The applicant's applications, listed under the receipt. */
  mine: { state: 'loading' | 'ready' | 'error'; items: ApplicationSummary[]; error?: unknown } | undefined;
}

/**
 * What is signed and submitted (SPEC §4): the payload, the signature kept while it is valid
 * for it, one submission at a time (retried when the connection comes back), the receipt,
 * and the applicant's applications under it.
 */
export class SubmissionController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: SubmissionState;
  #submitting = false;
  #payloadCache: { json: string; value: ApplicationPayload | ResubmissionPayload } | undefined;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#s = hostState<SubmissionState>(ctx.host, { submit: 'idle', submitMessage: '', mine: undefined });
    ctx.host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
  }

  #onOnline = () => {
    if (this.#s.submit === 'failed' && this.#ctx.steps.current()?.kind === 'signature') void this.submitNow();
  };

  get state(): Readonly<SubmissionState> {
    return this.#s;
  }

  /** Away from the signature step: no submission in the air. */
  idle(): void {
    this.#s.submit = 'idle';
    this.#s.submitMessage = '';
  }

  /** Exactly what is signed and submitted (SPEC §4): `{ serviceCode, data, materials }`. */
  get payload(): ApplicationPayload | ResubmissionPayload | undefined {
    const ctx = this.#ctx;
    const def = ctx.def;
    const draft = ctx.draft.state.draft;
    if (!def || !draft) return undefined;
    const ref = (m: DraftMaterial): MaterialRef => (m.certificateId ? { code: m.code, certificateId: m.certificateId } : { code: m.code, uploadId: m.uploadId! });
    const payload: ApplicationPayload | ResubmissionPayload = ctx.correction.application
      // In correction mode: the materials on file, the named ones as the applicant now has them.
      ? ctx.correction.payload(def, draft, ref)
      : { serviceCode: def.code, data: submittedData(def.form.schema, def.form.ui, draft.data), materials: ctx.steps.attached().map(ref) };
    // The same object while nothing changed, so the signature element keeps what it holds.
    const json = JSON.stringify(payload);
    if (this.#payloadCache?.json !== json) this.#payloadCache = { json, value: payload };
    return this.#payloadCache.value;
  }

  /** The signature, while it is valid for the payload. */
  envelope(): SignatureEnvelope | undefined {
    const draft = this.#ctx.draft.state.draft;
    const payload = this.payload;
    if (!draft?.envelope || !payload) return undefined;
    return draft.signedPayload === JSON.stringify(payload) ? draft.envelope : undefined;
  }

  signed(event: CustomEvent<{ envelope: SignatureEnvelope }>): void {
    const ctx = this.#ctx;
    const payload = this.payload;
    if (!payload) return;
    ctx.draft.change({ envelope: event.detail.envelope, signedPayload: JSON.stringify(payload) }, true);
    this.idle();
    ctx.announce(ctx.t('app.signature.signed', { time: ctx.i18n.date(event.detail.envelope.signedAt, 'datetime') }));
    void ctx.host.updateComplete.then(() => ctx.host.shadowRoot?.querySelector<HTMLElement>('.submit-button')?.focus());
  }

  signAgain(): void {
    this.#ctx.draft.change({ envelope: null, signedPayload: null }, true);
    this.#ctx.steps.focusAfterUpdate('heading');
  }

  async submitNow(): Promise<void> {
    const ctx = this.#ctx;
    // One submission at a time; the Idempotency-Key covers repeats that still get through.
    if (this.#submitting) return;
    const envelope = this.envelope();
    const payload = this.payload;
    const draft = ctx.draft.state.draft;
    if (!envelope || !payload || !draft || !ctx.draft.store) return;
    this.#submitting = true;
    this.#s.submit = 'submitting';
    this.#s.submitMessage = '';
    ctx.announce(ctx.t('app.signature.submitting'));
    await ctx.draft.store.flush();
    try {
      const c = ctx.correction.application;
      const receipt = c
        ? await resubmitApplication(ctx.client, c.id, { data: payload.data, materials: payload.materials, signature: envelope }, draft.idempotencyKey)
        : await submitApplication(ctx.client, payload, envelope, draft.idempotencyKey);
      await this.#submitted(receipt);
    } catch (error) {
      this.#failed(error);
    } finally {
      this.#submitting = false;
    }
  }

  async #submitted(receipt: SubmittedApplication): Promise<void> {
    const ctx = this.#ctx;
    await ctx.draft.keepOnly(receipt, () => {
      // Told at once, before the receipt can show: a portal that reads the receipt has heard of it.
      ctx.emit('egov-submit', { applicationId: receipt.id, receiptNo: receipt.receiptNo });
      ctx.steps.resetMaterials();
    });
    this.#s.submit = 'idle';
    ctx.steps.go('receipt');
    ctx.announce(ctx.t('app.submitted', { receiptNo: receipt.receiptNo }));
  }

  #failed(error: unknown): void {
    const ctx = this.#ctx;
    this.#s.submit = 'failed';
    if (isSignInError(error)) {
      this.#s.submitMessage = ctx.t('app.session.expired');
      ctx.session.lost(error);
      return;
    }
    // On the signature step: the later steps' module is there.
    const { message, dropSignature } = ctx.steps.later!.submitFailure(error, ctx.t, ctx.i18n.error);
    this.#s.submitMessage = message;
    if (dropSignature) ctx.draft.change({ envelope: null, signedPayload: null }, true);
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && ctx.correction.toAnswer(error.fields)) return;
    ctx.announce(message);
    ctx.reportError(error);
  }

  async loadMine(): Promise<void> {
    this.#s.mine = { state: 'loading', items: this.#s.mine?.items ?? [] };
    try {
      const items = await listMyApplications(this.#ctx.client);
      this.#s.mine = { state: 'ready', items };
    } catch (error) {
      this.#s.mine = { state: 'error', items: [], error };
      if (isSignInError(error)) this.#ctx.session.lost(error);
    }
  }
}
