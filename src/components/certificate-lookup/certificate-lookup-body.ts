import { html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { HeadingLevelController } from '../../controllers/heading-level';
import { ApiError, isAbortError } from '../../services/api-client';
import { hasMessage } from '../../core/i18n';
import {
  fetchTrustList,
  getCertificate,
  groupCode,
  isCertificateNumber,
  isIdNumberField,
  listCertificates,
  maskIdNumber,
  parseQr,
  qrMatrix,
  requestVerification,
  trustClientFor,
  verifyInBrowser,
  type BrowserVerdict,
  type Certificate,
  type TrustedIssuer,
  type VerifyInput,
  type VerifyStatus,
} from '../../services/certificates';
import { dataSentence } from '../../internal/lang-parts';
import '../shared/async-state';
import '../shared/alert';
import { printAlone } from '../shared/print-alone';
import '../../i18n/certificates';

type Load<T> = { state: 'idle' } | { state: 'loading' } | { state: 'signed-out' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };

interface VerifyOutcome {
  number: string;
  status: VerifyStatus;
  serverStatus: VerifyStatus;
  verdict?: BrowserVerdict;
  certificate?: Certificate;
  checkedAt: string;
}

type FieldName = 'number' | 'code' | 'qr';
/** Verification codes are 12 characters (server/certificates/verification-code.ts); the hint and the error say so. */
const VERIFICATION_CODE_LENGTH = 12;
const INPUT_IDS: Record<FieldName, string> = { number: 'verify-number', code: 'verify-code', qr: 'verify-qr' };

/**
 * The body of `<egov-certificate-lookup>` (certificate-lookup.ts): its rendering and logic,
 * loaded when the element is first connected (case-workbench/lazy-body.ts). Rendered into the
 * element's shadow root without a shadow root of its own, so the element's styles, parts and
 * focus apply; its events bubble out of the element as the element's.
 * @internal
 */
export class CertificateLookupBody extends EgovElement {
  /** No shadow root: the content is the element's, in its shadow root. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** `mine`: the signed-in subject's certificates; `verify`: anyone checks a certificate. */
  @property({ reflect: true }) mode: 'mine' | 'verify' = 'mine';
  /** Where to fetch the trust list (`/trust/issuers`) from, when not from `api-base`. */
  @property({ attribute: 'trust-base' }) trustBase?: string;
  /** Level of the element's main heading (1–6) for the portal's outline; the headings below it follow. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @state() private _list: Load<Certificate[]> = { state: 'idle' };
  @state() private _detail: Load<Certificate> | undefined;
  @state() private _check: { state: 'checking' } | { state: 'done'; verdict: BrowserVerdict } | undefined;
  @state() private _qr: boolean[][] | undefined;

  @state() private _number = '';
  @state() private _code = '';
  @state() private _qrText = '';
  @state() private _errors: Partial<Record<FieldName, string>> = {};
  @state() private _verifying = false;
  @state() private _outcome: VerifyOutcome | undefined;
  @state() private _verifyError: unknown;

  readonly #announcer = new AnnounceController(this);
  readonly #headings = new HeadingLevelController(this);
  #abort?: AbortController;
  #focusAfterRender?: string;

  constructor() {
    super();
    this.config.onChange(() => {
      if (this.mode === 'mine') void this.#loadList();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.mode === 'mine' && this._list.state === 'idle') void this.#loadList();
    window.addEventListener('hashchange', this.#fromFragment);
    void this.#fromFragment();
    // An open certificate prints on its own page, without the portal around it.
    // The mark goes on the element the page holds (this body is inside its shadow root).
    const root = this.getRootNode();
    this.#stopPrinting = printAlone(root instanceof ShadowRoot ? (root.host as HTMLElement) : this, () => !!this._detail);
  }

  #stopPrinting: (() => void) | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#fromFragment);
    this.#stopPrinting?.();
    this.#abort?.abort();
  }

  /** SPEC §2: the page a QR code opens carries `number` and `code` in its fragment; verified at once. */
  #fromFragment = async (): Promise<void> => {
    if (this.mode !== 'verify' || !/[#&]number=/.test(window.location.hash)) return;
    const parsed = await parseQr(window.location.href);
    if (!parsed || this.mode !== 'verify') return;
    this._number = parsed.number;
    this._code = parsed.verificationCode;
    await this.#verify({ number: parsed.number, verificationCode: parsed.verificationCode }, parsed.number);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('mode') && changed.get('mode') !== undefined && this.mode === 'mine') void this.#loadList();
  }

  protected override updated(): void {
    if (this.#focusAfterRender) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusAfterRender);
      this.#focusAfterRender = undefined;
      target?.focus();
    }
  }

  #newRequest(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  // ---- mine ----

  async #loadList(): Promise<void> {
    const signal = this.#newRequest();
    this._detail = undefined;
    this._check = undefined;
    const client = this.config.client;
    if (!(await client.token())) {
      this._list = { state: 'signed-out' };
      return;
    }
    this._list = { state: 'loading' };
    try {
      const items = await listCertificates(client, signal);
      this._list = { state: 'ready', value: items };
      this.#announcer.announce(this.i18n.t('certificates.mine.loaded', { count: items.length }));
    } catch (error) {
      if (isAbortError(error)) return;
      this._list = error instanceof ApiError && error.status === 401 ? { state: 'signed-out' } : { state: 'error', error };
    }
  }

  async #openDetail(id: string): Promise<void> {
    const signal = this.#newRequest();
    this._detail = { state: 'loading' };
    this._check = undefined;
    this._qr = undefined;
    this.#focusAfterRender = '#detail-heading';
    const client = this.config.client;
    try {
      const certificate = await getCertificate(client, id, signal);
      this._detail = { state: 'ready', value: certificate };
      this.#focusAfterRender = '#detail-heading';
      this._check = { state: 'checking' };
      const [trust, matrix] = await Promise.all([
        this.#trustList(signal),
        certificate.qrPayload ? qrMatrix(certificate.qrPayload) : Promise.resolve(undefined),
      ]);
      if (signal.aborted) return;
      this._qr = matrix;
      const verdict = await verifyInBrowser(certificate, trust);
      if (signal.aborted) return;
      this._check = { state: 'done', verdict };
      this.#announcer.announce(this.i18n.t('certificates.verdict.announce', { verdict: this.i18n.t('certificates.verdict.' + verdict.status), number: certificate.number }));
      this.emit('egov-certificate-verified', { number: certificate.number, status: verdict.status });
    } catch (error) {
      if (isAbortError(error)) return;
      this._detail = error instanceof ApiError && error.status === 401 ? { state: 'signed-out' } : { state: 'error', error };
    }
  }

  #closeDetail(): void {
    const id = this._detail?.state === 'ready' ? this._detail.value.id : undefined;
    this.#abort?.abort();
    this._detail = undefined;
    this._check = undefined;
    this._qr = undefined;
    if (id) this.#focusAfterRender = `[data-id="${CSS.escape(id)}"]`;
  }

  /** The trust list, or undefined when it cannot be had (the seal is then undetermined). */
  async #trustList(signal: AbortSignal): Promise<TrustedIssuer[] | undefined> {
    try {
      return await fetchTrustList(trustClientFor(this.config.client, this.trustBase), signal);
    } catch (error) {
      if (isAbortError(error)) throw error;
      return undefined;
    }
  }

  // ---- verify ----

  /** A new check starts from nothing: the previous result (or failure) goes at once. */
  #clearResult(): void {
    if (this._verifying) return;
    this._outcome = undefined;
    this._verifyError = undefined;
  }

  async #submitNumber(event: Event): Promise<void> {
    event.preventDefault();
    this.#clearResult();
    const errors: Partial<Record<FieldName, string>> = {};
    const number = this._number.trim();
    const code = this._code.trim();
    if (!number) errors.number = 'certificates.verify.numberRequired';
    else if (!(await isCertificateNumber(number))) errors.number = 'certificates.verify.numberInvalid';
    if (!code) errors.code = 'certificates.verify.codeRequired';
    // As the hint says: 12 letters and digits; spaces and hyphens between groups are allowed.
    else if (!/^[0-9A-Za-z\s-]+$/.test(code) || code.replace(/[\s-]/g, '').length !== VERIFICATION_CODE_LENGTH) errors.code = 'certificates.verify.codeInvalid';
    if (this.#showErrors(errors, ['number', 'code'])) return;
    await this.#verify({ number: number.toUpperCase(), verificationCode: code }, number.toUpperCase());
  }

  async #submitQr(event: Event): Promise<void> {
    event.preventDefault();
    this.#clearResult();
    const text = this._qrText.trim();
    const errors: Partial<Record<FieldName, string>> = {};
    const parsed = text ? await parseQr(text) : undefined;
    if (!text) errors.qr = 'certificates.verify.qrRequired';
    else if (!parsed) errors.qr = 'certificates.verify.qrInvalid';
    if (this.#showErrors(errors, ['qr'])) return;
    await this.#verify({ qrPayload: text }, parsed!.number);
  }

  /** Shows field errors (and focuses the first); true when there were any. */
  #showErrors(errors: Partial<Record<FieldName, string>>, fields: FieldName[]): boolean {
    const kept = Object.fromEntries(Object.entries(this._errors).filter(([key]) => !fields.includes(key as FieldName)));
    this._errors = { ...kept, ...errors };
    const first = fields.find((f) => errors[f]);
    if (first) this.#focusAfterRender = '#' + INPUT_IDS[first];
    return !!first;
  }

  async #verify(input: VerifyInput, number: string): Promise<void> {
    if (this._verifying) return;
    const signal = this.#newRequest();
    this._verifying = true;
    this._verifyError = undefined;
    this._outcome = undefined;
    this.#announcer.announce(this.i18n.t('certificates.verify.checking'));
    try {
      const result = await requestVerification(this.config.client, input, signal);
      let outcome: VerifyOutcome;
      if (result.status === 'not_found' || !result.certificate) {
        outcome = { number, status: 'not_found', serverStatus: result.status, checkedAt: result.checkedAt };
      } else {
        const trust = await this.#trustList(signal);
        const verdict = await verifyInBrowser(result.certificate, trust, { revokedByIssuer: result.checks?.notRevoked === false || result.status === 'revoked' });
        outcome = { number: result.certificate.number, status: verdict.status, serverStatus: result.status, verdict, certificate: result.certificate, checkedAt: result.checkedAt };
      }
      if (signal.aborted) return;
      this._outcome = outcome;
      this.#announcer.announce(this.i18n.t('certificates.verdict.announce', { verdict: this.i18n.t('certificates.verdict.' + outcome.status), number: outcome.number }));
      this.emit('egov-certificate-verified', { number: outcome.number, status: outcome.status });
    } catch (error) {
      if (isAbortError(error)) return;
      if (error instanceof ApiError && error.status === 400 && error.fields.some((f) => f.path === 'qrPayload')) {
        this.#showErrors({ qr: 'certificates.verify.qrInvalid' }, ['qr']);
      } else {
        this._verifyError = error;
        this.#announcer.announce(this.#errorText(error));
      }
    } finally {
      this._verifying = false;
    }
  }

  #errorText(error: unknown): string {
    if (error instanceof ApiError && error.code === 'RATE_LIMITED') return this.i18n.t('certificates.verify.rateLimited');
    return this.i18n.error(error);
  }

  // ---- rendering ----

  override render() {
    return html`${this.#announcer.region()}${this.mode === 'verify' ? this.#renderVerify() : this.#renderMine()}`;
  }

  #typeName(type: Certificate['type']): string {
    const key = 'certificates.type.' + type.code;
    return hasMessage(key) ? this.i18n.t(key) : type.name;
  }

  #badge(status: VerifyStatus, label: string) {
    const icon = status === 'valid' ? '✓' : status === 'revoked' || status === 'tampered' ? '✕' : '!';
    return html`<span class="badge badge--${status}"><span aria-hidden="true">${icon}</span>${label}</span>`;
  }

  #statusBadge(certificate: Certificate) {
    return this.#badge(certificate.status, this.i18n.t('certificates.status.' + certificate.status));
  }

  #renderMine() {
    const { t } = this.i18n;
    const list = this._list;
    if (list.state === 'signed-out' || this._detail?.state === 'signed-out') {
      return html`<egov-alert variant="info" heading=${t('certificates.mine.signInTitle')}>${t('certificates.mine.signIn')}</egov-alert>`;
    }
    if (this._detail) return this.#renderDetail(this._detail);
    if (list.state === 'loading' || list.state === 'idle') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (list.state === 'error') {
      return html`<egov-async-state state="error" message=${this.i18n.error(list.error)} @egov-retry=${() => this.#loadList()}></egov-async-state>`;
    }
    if (!list.value.length) return html`<egov-async-state state="empty" message=${t('certificates.mine.empty')}></egov-async-state>`;
    return html`<section aria-labelledby="mine-heading">
      <h2 id="mine-heading" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${t('certificates.mine.title')}</h2>
      <ul class="list">
        ${list.value.map((c) => this.#renderCard(c))}
      </ul>
    </section>`;
  }

  #renderCard(c: Certificate) {
    const { t, date } = this.i18n;
    const type = this.#typeName(c.type);
    return html`<li part="certificate" class="card">
      <div>
        <h3 class="card__title" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${type} ${this.#statusBadge(c)}</h3>
        <dl class="facts">
          <dt>${t('certificates.number')}</dt><dd class="mono" translate="no">${c.number}</dd>
          <dt>${t('certificates.issuer')}</dt><dd lang=${ifDefined(this.i18n.dataLang(c.issuer.name))}>${c.issuer.name}</dd>
          <dt>${t('certificates.validity')}</dt><dd>${t('certificates.validityRange', { from: date(c.issuedAt), to: date(c.validUntil) })}</dd>
          <dt>${t('certificates.status')}</dt><dd>${t('certificates.status.' + c.status)}</dd>
        </dl>
      </div>
      <button type="button" class="btn btn--secondary" data-id=${c.id} aria-label=${t('certificates.mine.viewLabel', { type, number: c.number })}
        @click=${() => this.#openDetail(c.id)}>${t('certificates.mine.view')}</button>
    </li>`;
  }

  #renderDetail(detail: Load<Certificate>) {
    const { t } = this.i18n;
    const back = html`<button type="button" class="btn btn--link no-print" @click=${() => this.#closeDetail()}>
      <span aria-hidden="true">←</span> ${t('certificates.mine.back')}</button>`;
    if (detail.state !== 'ready') {
      return html`${back}<h2 id="detail-heading" tabindex="-1" class="sr-only" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${t('certificates.data')}</h2>
        ${detail.state === 'error'
          ? html`<egov-async-state state="error" message=${this.i18n.error(detail.error)} .retryable=${false}></egov-async-state>`
          : html`<egov-async-state state="loading"></egov-async-state>`}`;
    }
    const c = detail.value;
    return html`<article part="certificate" class="detail" aria-labelledby="detail-heading">
      <div class="detail__head">
        ${back}
        <button type="button" class="btn btn--secondary no-print" @click=${() => window.print()}>${t('certificates.print')}</button>
      </div>
      <h2 id="detail-heading" tabindex="-1" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${this.#typeName(c.type)} ${this.#statusBadge(c)}</h2>
      ${this.#renderFacts(c, true)}
      ${this.#renderChecksPanel()}
      ${c.verificationCode ? this.#renderShare(c) : nothing}
      <p class="print-only">${t('certificates.print.footer', { time: this.i18n.date(new Date(), 'datetime') })}</p>
    </article>`;
  }

  /** The certificate's facts and its data, ID numbers masked. */
  #renderFacts(c: Certificate, withData: boolean) {
    const { t, date } = this.i18n;
    return html`<div class="panel">
      <dl class="facts">
        <dt>${t('certificates.number')}</dt><dd class="mono" translate="no">${c.number}</dd>
        <dt>${t('certificates.type')}</dt><dd>${this.#typeName(c.type)}</dd>
        <dt>${t('certificates.holder')}</dt><dd lang=${ifDefined(this.i18n.dataLang(c.holder.name))}>${c.holder.name}</dd>
        <dt>${t('certificates.holderIdNumber')}</dt><dd class="mono" translate="no">${c.holder.idNumberMasked}</dd>
        <dt>${t('certificates.issuer')}</dt><dd lang=${ifDefined(this.i18n.dataLang(c.issuer.name))}>${c.issuer.name}</dd>
        <dt>${t('certificates.issuedAt')}</dt><dd>${date(c.issuedAt)}</dd>
        <dt>${t('certificates.validUntil')}</dt><dd>${date(c.validUntil)}</dd>
        <dt>${t('certificates.status')}</dt><dd>${t('certificates.status.' + c.status)}</dd>
      </dl>
      ${withData ? html`<h3 class="data-heading" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${t('certificates.data')}</h3>
        <dl class="facts">
          ${Object.entries(c.data).map(([key, value]) => html`<dt>${this.#fieldLabel(key)}</dt><dd lang=${ifDefined(this.i18n.dataLang(value))}>${this.#fieldValue(key, value)}</dd>`)}
        </dl>` : nothing}
    </div>`;
  }

  #fieldLabel(key: string): string {
    const messageKey = 'certificates.field.' + key;
    return hasMessage(messageKey) ? this.i18n.t(messageKey) : key;
  }

  #fieldValue(key: string, value: unknown) {
    if (typeof value === 'string') {
      return isIdNumberField(key) ? html`<span class="mono" translate="no">${maskIdNumber(value)}</span>` : value;
    }
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return JSON.stringify(value);
  }

  #renderChecksPanel() {
    const { t } = this.i18n;
    const check = this._check;
    return html`<section class="panel" aria-labelledby="checks-heading">
      <h3 id="checks-heading" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${t('certificates.checks.title')}</h3>
      <p class="muted">${t('certificates.checks.intro')}</p>
      ${!check || check.state === 'checking'
        ? html`<egov-async-state state="loading" message=${t('certificates.checks.checking')}></egov-async-state>`
        : html`<p class="verdict verdict--${check.verdict.status}"><strong>${t('certificates.verdict.' + check.verdict.status)}</strong> —
            ${t('certificates.verdict.' + check.verdict.status + '.detail')}</p>
          ${this.#renderChecks(check.verdict, this._detail?.state === 'ready' ? this._detail.value : undefined)}`}
    </section>`;
  }

  #renderChecks(verdict: BrowserVerdict, c: Certificate | undefined) {
    const { t, date } = this.i18n;
    const range = c ? { from: date(c.issuedAt), to: date(c.validUntil) } : { from: '', to: '' };
    const sealText = verdict.checks.seal === true
      ? dataSentence(this.i18n, 'certificates.check.seal.pass', { keyId: verdict.issuerKey?.keyId ?? '', agency: verdict.issuerKey?.agency.name ?? '' })
      : t('certificates.check.seal.' + (verdict.problem ?? 'signature'), { keyId: c?.seal.keyId ?? '' });
    const items: Array<[string, boolean | null, string | TemplateResult]> = [
      ['seal', verdict.checks.seal, sealText],
      ['notRevoked', verdict.checks.notRevoked, t('certificates.check.notRevoked.' + this.#word(verdict.checks.notRevoked))],
      ['withinValidity', verdict.checks.withinValidity, t('certificates.check.withinValidity.' + this.#word(verdict.checks.withinValidity), range)],
    ];
    return html`<ul class="checks">
      ${items.map(([name, value, text]) => html`<li class="check check--${this.#word(value)}" data-check=${name}>
        <span class="check__icon" aria-hidden="true">${value === true ? '✓' : value === false ? '✕' : '?'}</span>
        <span><span class="check__name">${t('certificates.check.' + name)}: ${t('certificates.check.' + this.#word(value))}</span><br />${text}</span>
      </li>`)}
    </ul>`;
  }

  #word(value: boolean | null): 'pass' | 'fail' | 'unknown' {
    return value === true ? 'pass' : value === false ? 'fail' : 'unknown';
  }

  #renderShare(c: Certificate) {
    const { t } = this.i18n;
    return html`<section class="panel share" aria-labelledby="share-heading">
      <div>
        <h3 id="share-heading" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${t('certificates.verificationCode')}</h3>
        <p class="code mono" translate="no">${groupCode(c.verificationCode!)}</p>
        <p class="muted">${t('certificates.verificationCode.hint')}</p>
        <p class="muted">${t('certificates.qr.payload')}: <span class="mono" translate="no">${c.qrPayload}</span></p>
      </div>
      ${this._qr ? this.#renderQr(this._qr, c.number) : nothing}
    </section>`;
  }

  /** The QR code as SVG drawn from the module matrix: one path, no markup strings. */
  #renderQr(matrix: boolean[][], number: string) {
    let d = '';
    matrix.forEach((row, y) => row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }));
    const size = matrix.length;
    return html`<div class="qr" part="qr">
      <svg role="img" aria-label=${this.i18n.t('certificates.qr.label', { number })} viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">
        ${svg`<rect width=${size} height=${size} fill="#fff"></rect><path d=${d} fill="#000"></path>`}
      </svg>
    </div>`;
  }

  #renderVerify() {
    const { t } = this.i18n;
    const errors = Object.entries(this._errors).filter(([, v]) => v) as Array<[FieldName, string]>;
    return html`<section aria-labelledby="verify-heading">
      <h2 id="verify-heading" aria-level=${ifDefined(this.#headings.ariaLevel(0))}>${t('certificates.verify.title')}</h2>
      <p>${t('certificates.verify.intro')}</p>
      ${errors.length ? html`<div class="error-summary" role="alert" tabindex="-1">
        <h3 aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${t('certificates.verify.errorSummary')}</h3>
        <ul>${errors.map(([field, key]) => html`<li><a href=${'#' + INPUT_IDS[field]} @click=${(e: Event) => this.#focusField(e, field)}>${t(key)}</a></li>`)}</ul>
      </div>` : nothing}
      <div class="forms">
        <form part="verify-form" novalidate @submit=${(e: Event) => this.#submitNumber(e)} aria-labelledby="verify-heading">
          ${this.#input('number', this._number, (v) => this.#numberInput(v), 'certificates.verify.number', 'certificates.verify.numberHint', 'off')}
          ${this.#input('code', this._code, (v) => (this._code = v), 'certificates.verify.code', 'certificates.verify.codeHint', 'off')}
          <div class="actions"><button class="btn" type="submit" ?disabled=${this._verifying} aria-disabled=${this._verifying ? 'true' : 'false'}>${this._verifying ? t('certificates.verify.checking') : t('certificates.verify.submit')}</button></div>
        </form>
        <form part="verify-qr-form" novalidate @submit=${(e: Event) => this.#submitQr(e)} aria-labelledby="qr-heading">
          <h3 id="qr-heading" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${t('certificates.verify.qrTitle')}</h3>
          ${this.#input('qr', this._qrText, (v) => (this._qrText = v), 'certificates.verify.qr', 'certificates.verify.qrHint', 'off')}
          <div class="actions"><button class="btn btn--secondary" type="submit" ?disabled=${this._verifying}>${t('certificates.verify.qrSubmit')}</button></div>
        </form>
      </div>
      <div part="verify-result" class="result" aria-busy=${this._verifying ? 'true' : 'false'}>${this.#renderOutcome()}</div>
    </section>`;
  }

  /** A QR content pasted into the number field fills in both number and code. */
  async #numberInput(value: string): Promise<void> {
    this._number = value;
    if (!/^\s*EGOVCERT:/i.test(value)) return;
    const parsed = await parseQr(value);
    if (!parsed || this._number !== value) return;
    this._number = parsed.number;
    this._code = parsed.verificationCode;
  }

  #focusField(event: Event, field: FieldName): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#' + INPUT_IDS[field]);
    input?.closest('.field')?.querySelector('label')?.scrollIntoView({ block: 'center' });
    input?.focus();
  }

  #input(field: FieldName, value: string, set: (v: string) => void, label: string, hint: string, autocomplete: string) {
    const { t } = this.i18n;
    const id = INPUT_IDS[field];
    const error = this._errors[field];
    return html`<div class="field">
      <label for=${id}>${t(label)}</label>
      <span class="hint" id=${id + '-hint'}>${t(hint)}</span>
      ${error ? html`<span class="error-text" id=${id + '-error'}>${t(error)}</span>` : nothing}
      <input id=${id} name=${field} type="text" .value=${value} autocomplete=${autocomplete} spellcheck="false" autocapitalize="characters" translate="no"
        aria-describedby=${id + '-hint' + (error ? ' ' + id + '-error' : '')} aria-invalid=${error ? 'true' : 'false'}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />
    </div>`;
  }

  #renderOutcome() {
    const { t, date } = this.i18n;
    if (this._verifying) return html`<egov-async-state state="loading" message=${t('certificates.verify.checking')}></egov-async-state>`;
    if (this._verifyError) return html`<div class="alert alert--error"><p class="alert__title">${t('error.title')}</p>${this.#errorText(this._verifyError)}</div>`;
    const outcome = this._outcome;
    if (!outcome) return nothing;
    const verdict = t('certificates.verdict.' + outcome.status);
    return html`<div class="verdict verdict--${outcome.status}" data-status=${outcome.status}>
        <h3 class="verdict__title" aria-level=${ifDefined(this.#headings.ariaLevel(1))}>${this.#badge(outcome.status, verdict)}</h3>
        <p>${t('certificates.verdict.' + outcome.status + '.detail')}</p>
        ${outcome.verdict ? this.#renderChecks(outcome.verdict, outcome.certificate) : nothing}
        ${outcome.serverStatus !== outcome.status ? html`<p class="muted">${t('certificates.verdict.serverDiffers', { server: t('certificates.verdict.' + outcome.serverStatus) })}</p>` : nothing}
        <p class="muted">${t('certificates.verify.checkedAt', { time: date(outcome.checkedAt, 'datetime') })}</p>
      </div>
      ${outcome.certificate ? html`<div part="certificate">${this.#renderFacts(outcome.certificate, outcome.status !== 'tampered')}</div>` : nothing}`;
  }
}

if (!customElements.get('egov-certificate-lookup-body')) customElements.define('egov-certificate-lookup-body', CertificateLookupBody);
