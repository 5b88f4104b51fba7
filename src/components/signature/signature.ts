import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { EgovElement } from '../base/egov-element';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { AnnounceController } from '../../controllers/announce-controller';
import { HeadingLevelController } from '../../controllers/heading-level';
import { ApiError, isAbortError } from '../../services/api-client';
import { canonicalJson } from '../../core/crypto/canonical-json';
import type { SignatureAlgorithm, SignatureEnvelope } from '../../core/crypto/envelope';
import type { HandwritingPoint } from '../../core/crypto/sign';
import { builtInSigner, type BuiltInSignerKind } from '../../services/signers/built-in';
import { currentSubject, type Subject } from '../../services/session';
import { SignerError, isSignerError, type SignerAdapter } from '../../services/signers/types';
import { problemOf, withTimeout, type Problem } from './signer-problem';
import { uniqueId } from '../../internal/ids';
import { HandwritingPad } from './handwriting-pad';
import { namesMatch } from './name-match';
import { shortFingerprint, summarisePayload } from './payload-summary';
import { signatureStyles } from './signature.styles';
import '../../i18n/signature';

export type SignatureState =
  | 'loading'
  | 'unsigned'
  | 'drawing'
  | 'typed'
  | 'signing'
  | 'signed'
  | 'unavailable'
  | 'key-not-registered'
  | 'error';

export interface EgovSignedDetail {
  envelope: SignatureEnvelope;
}

const ALL_ALGORITHMS: readonly SignatureAlgorithm[] = ['SM2-SM3', 'ECDSA-P256-SHA256'];

/** `algorithms="SM2-SM3 ECDSA-P256-SHA256"` (spaces or commas), first preferred. */
const algorithmsConverter = {
  fromAttribute: (value: string | null): SignatureAlgorithm[] =>
    (value ?? '').split(/[\s,]+/).filter((a): a is SignatureAlgorithm => (ALL_ALGORITHMS as readonly string[]).includes(a)),
  toAttribute: (value: SignatureAlgorithm[]) => value.join(' '),
};

const lazyCrypto = () => import('../../core/crypto/sign');

/**
 * The signature step (Art. 31): shows exactly what is signed and who signs, takes the
 * signer's confirmation and handwritten signature (drawn, or their name typed), then makes
 * the cryptographic signature over `{ payload, signerId, signedAt, handwritingDigest }`
 * (SPEC §4) and emits it once it verifies. The handwriting is evidence bound into what is
 * signed; the SM2 (or ECDSA) signature carries the legal weight.
 *
 * @tag egov-signature
 * @fires egov-signed - `{ envelope }`: a SignatureEnvelope that verifies against `payload`.
 *
 * @csspart summary - The account of what is being signed.
 * @csspart payload - The disclosure with the exact payload (JCS JSON) that is signed.
 * @csspart fingerprint - The short SM3 fingerprint of the payload.
 * @csspart signer - Who signs.
 * @csspart statement - The statement the signer confirms (label with its checkbox).
 * @csspart capture - The handwriting fieldset (draw or type).
 * @csspart pad - The drawing canvas.
 * @csspart typed-name - The typed-name input.
 * @csspart sign-button - The button that signs.
 * @csspart result - The signed confirmation.
 * @csspart sign-again - The button that drops the signature to sign anew.
 * @csspart problem - The message shown when signing could not be done, with its ways forward.
 *
 * @cssprop --egov-signature-pad-height - Height of the drawing pad (default 200px).
 * @cssprop --egov-signature-ink - Colour of the handwriting.
 * @cssprop --egov-signature-pad-background - Background of the pad.
 * @cssprop --egov-signature-summary-max-height - Height after which the summary scrolls (default none: all of it shows).
 */
export class EgovSignature extends EgovElement {
  static override styles = [hostStyles, buttonStyles, fieldStyles, alertStyles, signatureStyles];

  /** The JSON value to sign. Changing it after signing drops the signature. */
  @property({ attribute: false }) payload: unknown;
  /**
   * What the signer reads (SPEC §2): the questions' labels and the answers as the person saw
   * them, in the page language. When set, it is shown instead of the payload's own keys;
   * the exact payload stays one click away, with its SM3 fingerprint.
   */
  @property({ attribute: false }) summary?: Array<{ label: string; value: string }>;
  /** `local` (a browser key registered to the subject) or `remote` (the backend signs). */
  @property({ reflect: true }) signer: BuiltInSignerKind = 'local';
  /** Any other signer (a UKey, a mobile app); wins over `signer`. See `SignerAdapter`. */
  @property({ attribute: false }) signerAdapter?: SignerAdapter;
  /** Algorithms the portal's policy allows, first preferred. Default `SM2-SM3` only. */
  @property({ converter: algorithmsConverter }) algorithms: SignatureAlgorithm[] = ['SM2-SM3'];
  /** Level of the element's heading (2–6), to fit the portal's outline; its sub-headings follow. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Milliseconds to wait for a signer before giving up. */
  @property({ attribute: 'sign-timeout', type: Number }) signTimeout = 120_000;

  @state() private _identity: Subject | undefined;
  @state() private _loadError: unknown;
  @state() private _digest: string | undefined;
  @state() private _mode: 'draw' | 'type' = 'draw';
  @state() private _confirmed = false;
  @state() private _typed = '';
  @state() private _signing = false;
  @state() private _envelope: SignatureEnvelope | undefined;
  @state() private _problem: Problem | undefined;
  @state() private _invalid: { statement?: string; pad?: string; typed?: string } = {};
  @state() private _notice: 'payloadChanged' | undefined;
  @state() private _strokeCount = 0;
  @state() private _signerOverride: BuiltInSignerKind | undefined;

  @query('canvas') private _canvas?: HTMLCanvasElement;

  readonly #announcer = new AnnounceController(this);
  readonly #headings = new HeadingLevelController(this);
  readonly #ids = { statement: uniqueId('sig-statement'), pad: uniqueId('sig-pad'), typed: uniqueId('sig-typed'), title: uniqueId('sig-title'), problem: uniqueId('sig-problem') };
  #pad: HandwritingPad | undefined;
  /** Strokes kept while the element is out of the document (moved by a portal's layout). */
  #savedStrokes: HandwritingPoint[][] | undefined;
  #signedJcs: string | undefined;
  #payloadJcs: string | undefined;
  #payloadError = false;
  #inflight: AbortController | undefined;
  #identityLoad: AbortController | undefined;
  #prepareRun = 0;

  constructor() {
    super();
    this.config.onChange(() => {
      // Another sign-in: whatever was signed or drawn belongs to the previous person.
      this.reset();
      this._identity = undefined;
      this._signerOverride = undefined;
      void this.#loadIdentity();
    });
  }

  /** The current signature, or null when unsigned or when the payload no longer matches it. */
  get envelope(): SignatureEnvelope | null {
    if (!this._envelope || this.#jcs(this.payload) !== this.#signedJcs) return null;
    return this._envelope;
  }

  /** Where the element is: for portals' styling hooks and for tests. Also the host's `data-state`. */
  get state(): SignatureState {
    if (!this._identity && !this._loadError) return 'loading';
    if (this._loadError) return 'error';
    if (this._signing) return 'signing';
    if (this._envelope) return 'signed';
    if (this._problem) return this._problem.state;
    if (this._mode === 'type') return 'typed';
    return this._strokeCount > 0 ? 'drawing' : 'unsigned';
  }

  /** Drops the signature and the handwriting, back to unsigned. */
  reset(): void {
    this.#inflight?.abort();
    this._envelope = undefined;
    this.#signedJcs = undefined;
    this._problem = undefined;
    this._invalid = {};
    this._notice = undefined;
    this._confirmed = false;
    this._typed = '';
    this.#pad?.clear();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this._identity) void this.#loadIdentity();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#identityLoad?.abort();
    this.#inflight?.abort();
    if (this.#pad) {
      this.#savedStrokes = this.#pad.strokes;
      this.#pad.destroy();
      this.#pad = undefined;
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('payload')) this.#payloadChanged();
    if ((changed.has('signer') || changed.has('signerAdapter') || changed.has('algorithms')) && this.hasUpdated) {
      this._problem = undefined;
      this.#prepare();
    }
  }

  protected override updated(): void {
    this.dataset.state = this.state;
    const canvas = this._canvas;
    if (canvas && !this.#pad?.attachedTo(canvas)) {
      const previous = this.#pad?.strokes ?? this.#savedStrokes;
      this.#pad?.destroy();
      this.#pad = new HandwritingPad(canvas, () => this.#padChanged());
      if (previous?.length) this.#pad.strokes = previous;
      this.#savedStrokes = undefined;
    }
    if (this.#pad) this.#pad.ink = getComputedStyle(this).getPropertyValue('--egov-signature-ink').trim() || getComputedStyle(this).color;
  }

  #jcs(value: unknown): string | undefined {
    try {
      return value === undefined ? undefined : canonicalJson(value);
    } catch {
      return undefined;
    }
  }

  #payloadChanged(): void {
    const jcs = this.#jcs(this.payload);
    this.#payloadError = this.payload !== undefined && jcs === undefined;
    if (jcs === this.#payloadJcs) return;
    this.#payloadJcs = jcs;
    this._digest = undefined;
    if (jcs !== undefined) {
      void lazyCrypto().then(({ payloadDigest }) => {
        if (this.#payloadJcs === jcs) this._digest = payloadDigest(this.payload);
      });
    }
    if (this._envelope || this._signing) {
      // An old envelope no longer verifies: back to unsigned, and the signer re-reads.
      this.#inflight?.abort();
      this._signing = false;
      this._envelope = undefined;
      this.#signedJcs = undefined;
      this._confirmed = false;
      this._notice = 'payloadChanged';
      this.#announcer.announce(this.i18n.t('signature.payloadChanged'));
    }
  }

  async #loadIdentity(): Promise<void> {
    this.#identityLoad?.abort();
    const controller = (this.#identityLoad = new AbortController());
    this._loadError = undefined;
    try {
      const identity = await currentSubject(this.config.client, controller.signal);
      if (controller.signal.aborted) return;
      this._identity = identity;
      this.#prepare();
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return;
      this._loadError = error;
    }
  }

  #effectiveKind(): BuiltInSignerKind | 'adapter' {
    if (this._signerOverride) return this._signerOverride;
    return this.signerAdapter ? 'adapter' : this.signer === 'remote' ? 'remote' : 'local';
  }

  #adapter(): SignerAdapter {
    const kind = this.#effectiveKind();
    if (kind === 'adapter') {
      const adapter = this.signerAdapter!;
      if (adapter.algorithms && !adapter.algorithms.some((a) => this.algorithms.includes(a))) {
        throw new SignerError('ALGORITHM_NOT_ALLOWED', 'The adapter offers none of the allowed algorithms');
      }
      return adapter;
    }
    return builtInSigner(kind, this.algorithms, this.config.client);
  }

  /** Lets the signer get ready (make and register a key, reach a device) before anything is drawn. */
  #prepare(): void {
    const identity = this._identity;
    if (!identity) return;
    const run = ++this.#prepareRun;
    let adapter: SignerAdapter;
    try {
      adapter = this.#adapter();
    } catch (error) {
      this._problem = this.#problemOf(error);
      return;
    }
    if (!adapter.prepare) return;
    adapter.prepare(identity.id).catch((error: unknown) => {
      // Only a signer's own failures show now; a network fault is reported when signing.
      if (run === this.#prepareRun && isSignerError(error) && !this._envelope && !this._signing) this._problem = this.#problemOf(error);
    });
  }

  #padChanged(): void {
    this._strokeCount = this.#pad?.strokes.length ?? 0;
    if (this._strokeCount && this._invalid.pad) this._invalid = { ...this._invalid, pad: undefined };
  }

  #problemOf(error: unknown): Problem {
    return problemOf(error, {
      kind: this.#effectiveKind(),
      algorithms: this.algorithms,
      describe: (e) => this.i18n.error(e),
      canResetKey: () => typeof this.#adapter().resetKey === 'function',
    });
  }

  #validate(): boolean {
    const invalid: typeof this._invalid = {};
    if (!this._confirmed) invalid.statement = this.i18n.t('signature.statementRequired');
    if (this._mode === 'draw') {
      if (!this.#pad || this.#pad.isEmpty) invalid.pad = this.i18n.t('signature.emptyPad');
    } else if (!this._typed.trim()) {
      invalid.typed = this.i18n.t('signature.typedEmpty');
    } else if (!namesMatch(this._typed, this._identity!.name)) {
      invalid.typed = this.i18n.t('signature.typedMismatch', { name: this._identity!.name });
    }
    this._invalid = invalid;
    if (Object.keys(invalid).length) {
      void this.updateComplete.then(() => {
        const first = invalid.statement ? `#${this.#ids.statement}` : invalid.pad ? '.mode-switch-type' : `#${this.#ids.typed}`;
        const target = invalid.pad && !invalid.statement ? this.renderRoot.querySelector<HTMLElement>('.pad-wrap canvas') : this.renderRoot.querySelector<HTMLElement>(first);
        target?.focus();
      });
      this.#announcer.announce(Object.values(invalid).filter(Boolean).join(' '));
      return false;
    }
    return true;
  }

  async #sign(): Promise<void> {
    // Double-click safe: the flag is set before anything is awaited.
    if (this._signing || this._envelope || !this._identity) return;
    const jcs = this.#payloadJcs;
    if (jcs === undefined || !this.#validate()) return;
    this._signing = true;
    this._problem = undefined;
    this._notice = undefined;
    this.#announcer.announce(this.i18n.t('signature.announce.signing'));
    const controller = (this.#inflight = new AbortController());
    const identity = this._identity;
    // Sign a snapshot: a payload mutated in place while signing cannot slip in.
    const payload: unknown = JSON.parse(jcs);
    try {
      const crypto = await lazyCrypto();
      const handwritingDigest = this._mode === 'draw' ? crypto.handwritingDigestOfStrokes(this.#pad!.strokes) : crypto.handwritingDigestOfTypedName(this._typed);
      const { content, bytes } = crypto.prepareSignature(payload, identity.id, handwritingDigest);
      const adapter = this.#adapter();
      const returned = await withTimeout(adapter.sign({ content, bytes, signal: controller.signal }), this.signTimeout, controller);
      const check = await crypto.checkReturnedEnvelope(returned, payload, { signerId: identity.id, handwritingDigest, algorithms: this.algorithms });
      if (controller.signal.aborted) return;
      if (!check.ok) {
        throw check.problem === 'algorithm'
          ? new SignerError('ALGORITHM_NOT_ALLOWED', 'The signer used an algorithm that is not allowed')
          : new SignerError('SIGNER_INVALID_RESPONSE', 'The returned envelope failed the ' + check.problem + ' check');
      }
      if (this.#payloadJcs !== jcs) return;
      this._envelope = check.envelope;
      this.#signedJcs = jcs;
      this._signing = false;
      this.#announcer.announce(this.i18n.t('signature.announce.signed'));
      this.emit('egov-signed', { envelope: check.envelope });
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.result__title')?.focus();
    } catch (error) {
      if (controller.signal.aborted && !(isSignerError(error) && error.code === 'SIGNER_TIMEOUT')) return;
      this._signing = false;
      this._problem = this.#problemOf(error);
      this.#announcer.announce(this._problem.message);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${this.#ids.problem}`)?.focus();
    } finally {
      if (this.#inflight === controller) this.#inflight = undefined;
      if (controller.signal.aborted) this._signing = false;
    }
  }

  #useRemote(): void {
    this._signerOverride = 'remote';
    this._problem = undefined;
    this.#prepare();
  }

  async #newKey(): Promise<void> {
    const identity = this._identity;
    if (!identity) return;
    try {
      await this.#adapter().resetKey?.(identity.id);
      this._problem = undefined;
      this.#prepare();
    } catch (error) {
      this._problem = this.#problemOf(error);
    }
  }

  #retry(): void {
    this._problem = undefined;
    if (this._loadError) {
      void this.#loadIdentity();
      return;
    }
    this.#prepare();
  }

  #signAgain(): void {
    this.reset();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${this.#ids.statement}`)?.focus());
  }

  #setMode(mode: 'draw' | 'type'): void {
    this._mode = mode;
    this._invalid = {};
    if (mode === 'type') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${this.#ids.typed}`)?.focus());
  }

  override render() {
    const t = this.i18n.t;
    return html`<section class="sig" aria-labelledby=${this.#ids.title} aria-busy=${this._signing ? 'true' : 'false'}>
      <div class="h2" role="heading" aria-level=${this.#headings.level(0)} id=${this.#ids.title}>${t('signature.title')}</div>
      ${this.#renderSummary()}
      ${this.#renderBody()}
      ${this.#announcer.region()}
    </section>`;
  }

  #renderSummary() {
    const t = this.i18n.t;
    if (this.payload === undefined) return html`<div part="summary" class="summary"><p>${t('signature.nothing')}</p></div>`;
    if (this.#payloadError) return html`<div part="summary" class="summary alert alert--error"><p>${t('signature.unserialisable')}</p></div>`;
    const given = this.summary?.length ? this.summary : undefined;
    const summary = given
      ? { kind: 'rows' as const, rows: given.map((row) => ({ label: row.label, text: row.value })) }
      : summarisePayload(this.payload, { yes: t('signature.value.yes'), no: t('signature.value.no'), empty: t('signature.value.empty') });
    return html`<div part="summary" class="summary">
      <div class="h3" role="heading" aria-level=${this.#headings.level(1)}>${t('signature.what')}</div>
      <p class="hint">${t('signature.whatHint')}</p>
      ${summary.kind === 'rows'
        ? html`<div class="summary__scroll" role="region" aria-label=${t('signature.what')}>
            <dl class="summary__list">${summary.rows.map((row) => html`<dt>${row.label}</dt><dd>${row.text}</dd>`)}</dl>
          </div>`
        : html`<p class="summary__scalar">${summary.text}</p>`}
      ${given && this.#payloadJcs !== undefined
        ? html`<details part="payload" class="exact"><summary>${t('signature.exact')}</summary>
            <pre class="exact__json" translate="no" lang="zh-CN">${JSON.stringify(JSON.parse(this.#payloadJcs), null, 2)}</pre></details>`
        : nothing}
      <p>
        <span>${t('signature.fingerprint')}</span>
        <code part="fingerprint" class="fingerprint" translate="no">${this._digest ? shortFingerprint(this._digest) : t('signature.computing')}</code>
      </p>
      ${this._digest
        ? html`<details><summary>${t('signature.fingerprintFull')}</summary><p class="full-digest" translate="no">${this._digest}</p></details>`
        : nothing}
    </div>`;
  }

  #renderBody() {
    const t = this.i18n.t;
    if (this._loadError) {
      const unauthenticated = this._loadError instanceof ApiError && this._loadError.status === 401;
      return html`<div part="problem" class="alert alert--error problem" role="alert">
        <p class="alert__title">${t('signature.state.error')}</p>
        <p>${unauthenticated ? t('signature.notSignedIn') : this.i18n.error(this._loadError)}</p>
        <div class="actions"><button class="btn btn--secondary" type="button" @click=${() => this.#retry()}>${t('signature.retry')}</button></div>
      </div>`;
    }
    if (!this._identity) return html`<p role="status">${t('signature.loading')}</p>`;
    const identity = this._identity;
    return html`
      <p part="signer" class="who">
        <span class="who__label">${t('signature.who')}</span>
        <span>${identity.idNumberMasked ? t('signature.whoValue', { name: identity.name, id: identity.idNumberMasked }) : identity.name}</span>
      </p>
      ${this._notice ? html`<div class="alert alert--warning" role="alert"><p>${t('signature.payloadChanged')}</p></div>` : nothing}
      ${this._envelope ? this.#renderSigned(this._envelope) : this.#renderForm(identity)}
    `;
  }

  #renderSigned(envelope: SignatureEnvelope) {
    const t = this.i18n.t;
    return html`<div part="result" class="alert alert--success result">
      <div class="h3 result__title" role="heading" aria-level=${this.#headings.level(1)} tabindex="-1">${t('signature.signed')}</div>
      <p>${t('signature.signedAt', { time: this.i18n.date(envelope.signedAt, 'datetime') })}</p>
      <p>${t('signature.signedDigest', { algorithm: envelope.algorithm })}<code class="fingerprint" translate="no">${shortFingerprint(envelope.digest)}</code></p>
      <p class="via">${t('signature.keyId', { keyId: envelope.keyId })}</p>
      <div class="actions">
        <button class="btn btn--secondary" type="button" part="sign-again" @click=${() => this.#signAgain()}>${t('signature.signAgain')}</button>
      </div>
    </div>`;
  }

  #renderForm(identity: Subject) {
    const t = this.i18n.t;
    const invalid = this._invalid;
    const busy = this._signing;
    const kind = this.#effectiveKind();
    const canSign = this.#payloadJcs !== undefined;
    return html`
      <div class="field">
        <label part="statement" class="statement">
          <input id=${this.#ids.statement} type="checkbox" .checked=${this._confirmed} ?disabled=${busy}
            aria-invalid=${invalid.statement ? 'true' : 'false'}
            aria-describedby=${invalid.statement ? this.#ids.statement + '-error' : nothing}
            @change=${(e: Event) => {
              this._confirmed = (e.target as HTMLInputElement).checked;
              if (this._confirmed) this._invalid = { ...this._invalid, statement: undefined };
            }} />
          <span>${t('signature.statement')}</span>
        </label>
        ${invalid.statement ? html`<p id=${this.#ids.statement + '-error'} class="error-text">${invalid.statement}</p>` : nothing}
      </div>

      <fieldset part="capture" ?disabled=${busy}>
        <legend>${t('signature.capture')}</legend>
        <div class="modes">
          <button type="button" class="btn btn--secondary" aria-pressed=${this._mode === 'draw' ? 'true' : 'false'} @click=${() => this.#setMode('draw')}>${t('signature.mode.draw')}</button>
          <button type="button" class="btn btn--secondary mode-switch-type" aria-pressed=${this._mode === 'type' ? 'true' : 'false'} @click=${() => this.#setMode('type')}>${t('signature.mode.type')}</button>
        </div>
        <div ?hidden=${this._mode !== 'draw'}>
          <p id=${this.#ids.pad + '-hint'} class="hint">${t('signature.padHint')}</p>
          <div class="pad-wrap" ?data-invalid=${!!invalid.pad}>
            <canvas part="pad" id=${this.#ids.pad} role="img" tabindex="-1"
              aria-label=${t('signature.padLabel')}
              aria-describedby=${this.#ids.pad + '-hint' + (invalid.pad ? ' ' + this.#ids.pad + '-error' : '')}></canvas>
            <div class="pad-baseline" aria-hidden="true"></div>
          </div>
          ${invalid.pad ? html`<p id=${this.#ids.pad + '-error'} class="error-text">${invalid.pad}</p>` : nothing}
          <div class="pad-tools">
            <button type="button" class="btn btn--secondary" ?disabled=${this._strokeCount === 0} @click=${() => this.#pad?.undo()}>${t('signature.undo')}</button>
            <button type="button" class="btn btn--secondary" ?disabled=${this._strokeCount === 0} @click=${() => this.#pad?.clear()}>${t('signature.clear')}</button>
          </div>
        </div>
        ${this._mode === 'type'
          ? html`<div class="field">
              <label for=${this.#ids.typed}>${t('signature.typedLabel')}</label>
              <p id=${this.#ids.typed + '-hint'} class="hint">${t('signature.typedHint', { name: identity.name })}</p>
              <input part="typed-name" id=${this.#ids.typed} type="text" autocomplete="name" spellcheck="false" dir="auto" maxlength="100"
                .value=${this._typed}
                aria-invalid=${invalid.typed ? 'true' : 'false'}
                aria-describedby=${this.#ids.typed + '-hint' + (invalid.typed ? ' ' + this.#ids.typed + '-error' : '')}
                @input=${(e: Event) => {
                  this._typed = (e.target as HTMLInputElement).value;
                  if (invalid.typed) this._invalid = { ...this._invalid, typed: undefined };
                }}
                @keydown=${(e: KeyboardEvent) => {
                  if (e.key === 'Enter' && !e.isComposing) {
                    e.preventDefault();
                    void this.#sign();
                  }
                }} />
              ${invalid.typed ? html`<p id=${this.#ids.typed + '-error'} class="error-text">${invalid.typed}</p>` : nothing}
            </div>`
          : nothing}
      </fieldset>

      ${this._problem ? this.#renderProblem(this._problem) : nothing}

      <div class="actions">
        <button part="sign-button" class="btn" type="button" aria-disabled=${busy || !canSign ? 'true' : 'false'}
          @click=${() => { if (!busy && canSign) void this.#sign(); }}>
          ${busy ? html`<span class="spinner" aria-hidden="true"></span>${t('signature.signing')}` : t('signature.sign')}
        </button>
        <span class="via">${kind === 'adapter'
          ? t('signature.signingWith.adapter', { label: this.signerAdapter?.label ?? '—' })
          : t(kind === 'remote' ? 'signature.signingWith.remote' : 'signature.signingWith.local')}</span>
      </div>`;
  }

  #renderProblem(problem: Problem) {
    const t = this.i18n.t;
    const title = problem.state === 'unavailable' ? 'signature.state.unavailable' : problem.state === 'key-not-registered' ? 'signature.state.keyNotRegistered' : 'signature.state.error';
    return html`<div part="problem" id=${this.#ids.problem} tabindex="-1" class="alert alert--error problem" role="alert" data-code=${problem.code}>
      <p class="alert__title">${t(title)}</p>
      <p>${problem.message}</p>
      <div class="actions">
        ${problem.newKey ? html`<button type="button" class="btn btn--secondary" @click=${() => void this.#newKey()}>${t('signature.newKey')}</button>` : nothing}
        ${problem.remote ? html`<button type="button" class="btn btn--secondary" @click=${() => this.#useRemote()}>${t('signature.useRemote')}</button>` : nothing}
        ${problem.retry ? html`<button type="button" class="btn btn--link" @click=${() => this.#retry()}>${t('signature.retry')}</button>` : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-signed': CustomEvent<EgovSignedDetail>;
  }
}
