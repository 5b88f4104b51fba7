import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { FocusController } from '../../controllers/focus-controller';
import { ApiError, isAbortError } from '../../services/api-client';
import { getCertificate, type Certificate } from '../../services/certificates';
import { getApplication, getRecord, listMyApplications, withdrawApplication } from '../../services/applications';
import { serviceDefinition } from '../../services/service-definitions';
import { saveBlob } from '../../services/save-blob';
import { isFinal, trustListOrNothing, verifyRecordSeal, type ApplicationDetail, type ArchivalRecord } from '../../services/cases';
import type { ServiceDefinition } from '../../core/service-definition';
import { dueDate, renderCorrections, renderTimeline, statusBadge } from '../shared/case-parts';
import { renderClock } from '../shared/case-clock';
import { renderRemedies } from '../shared/case-remedies';
import { decisionLetterFor } from '../shared/decision-letter';
import { dataSentence } from '../../internal/lang-parts';
import '../shared/async-state';
import '../shared/alert';
import '../../i18n/cases';
import '../../i18n/my-applications';

type Load<T> = { state: 'idle' } | { state: 'loading' } | { state: 'signed-out' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };

/**
 * The body of `<egov-my-applications>` (my-applications.ts): its rendering and logic, loaded when the
 * element is first connected (lazy-body.ts). Rendered into the element's shadow root without
 * a shadow root of its own, so the element's styles, parts and focus apply; its events bubble
 * out of the element as the element's.
 * @internal
 */
export class MyApplicationsBody extends EgovElement {
  /** No shadow root: the content is the element's, in its shadow root. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** The id of an application to open at once. */
  @property({ attribute: 'application' }) applicationId = '';
  /** Where "My certificates" is, for the link from an issued certificate. */
  @property({ attribute: 'certificates-url' }) certificatesUrl = '';
  /** Who signs a correction: `local` (a browser-held key) or `remote`. */
  @property() signer: 'local' | 'remote' = 'local';

  @state() private _list: Load<ApplicationDetail[]> = { state: 'idle' };
  @state() private _detail: Load<ApplicationDetail> | undefined;
  @state() private _def: ServiceDefinition | undefined;
  @state() private _defs = new Map<string, ServiceDefinition>();
  @state() private _certificate: Certificate | undefined;
  @state() private _record: { record: ArchivalRecord; seal: boolean | null } | undefined;
  @state() private _recordError: unknown;
  @state() private _correcting = false;
  @state() private _confirmWithdraw = false;
  @state() private _withdrawReason = '';
  @state() private _withdrawing = false;
  @state() private _actionError: unknown;
  @state() private _notice = '';

  readonly #announcer = new AnnounceController(this);
  #abort?: AbortController;
  readonly #focus = new FocusController(this);
  #lastOpened = '';

  constructor() {
    super();
    this.config.onChange(() => {
      // Another sign-in: nothing of the last person's applications stays on screen.
      this.#abort?.abort();
      this._detail = undefined;
      this._record = undefined;
      this._certificate = undefined;
      this._correcting = false;
      this._notice = '';
      this._list = { state: 'idle' };
      void this.#loadList();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._list.state === 'idle') void this.#loadList();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('applicationId') && changed.get('applicationId') !== undefined) {
      if (this.applicationId) void this.open(this.applicationId);
      else this.#close();
    }
  }

  async #loadList(): Promise<void> {
    const client = this.config.client;
    if (!(await client.token())) {
      this._list = { state: 'signed-out' };
      return;
    }
    // A refresh keeps the list on screen (and the place of focus) until the new one is here.
    if (this._list.state !== 'ready') this._list = { state: 'loading' };
    try {
      // The largest page the server gives: a person's applications fit on it.
      const items = await listMyApplications(client, { pageSize: 100 });
      this._list = { state: 'ready', value: items };
      this.#announcer.announce(this.i18n.t('mine.loaded', { count: items.length }));
      for (const code of new Set(items.map((i) => i.serviceCode))) {
        void serviceDefinition(client, code).then((def) => {
          this._defs = new Map(this._defs).set(code, def);
        }, () => undefined);
      }
      if (this.applicationId && !this._detail) void this.open(this.applicationId);
    } catch (error) {
      this._list = error instanceof ApiError && error.status === 401 ? { state: 'signed-out' } : { state: 'error', error };
    }
  }

  /** Opens one application with its timeline, decision, certificate and record. */
  async open(id: string, options: { focus?: boolean } = {}): Promise<void> {
    this.#abort?.abort();
    const { signal } = (this.#abort = new AbortController());
    const client = this.config.client;
    this.#lastOpened = id;
    this._detail = { state: 'loading' };
    this._certificate = undefined;
    this._record = undefined;
    this._recordError = undefined;
    this._correcting = false;
    this._confirmWithdraw = false;
    this._actionError = undefined;
    // A notice belongs to the action that led here (withdrawal, correction), not to the next one opened.
    if (options.focus !== false) this._notice = '';
    if (options.focus !== false) this.#focus.focus('#detail-heading');
    this.emit('egov-application-select', { id });
    try {
      const detail = await getApplication(client, id, signal);
      const def = await serviceDefinition(client, detail.serviceCode).catch(() => undefined);
      if (signal.aborted) return;
      this._def = def;
      this._detail = { state: 'ready', value: detail };
      if (options.focus !== false) this.#focus.focus('#detail-heading');
      this.#announcer.announce(this.i18n.t('cases.status.' + detail.status));
      if (detail.certificateId) {
        void getCertificate(client, detail.certificateId, signal).then((c) => {
          if (!signal.aborted) this._certificate = c;
        }, () => undefined);
      }
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      this._detail = error instanceof ApiError && error.status === 401 ? { state: 'signed-out' } : { state: 'error', error };
    }
  }

  #close(): void {
    this.#abort?.abort();
    this._detail = undefined;
    this._correcting = false;
    void this.#loadList();
    this.#focus.focus(this.#lastOpened ? `[data-open="${CSS.escape(this.#lastOpened)}"]` : '#mine-heading');
  }

  async #startCorrection(detail: ApplicationDetail): Promise<void> {
    const proceed = this.emit('egov-correction-start', { applicationId: detail.id }, { cancelable: true });
    if (!proceed) return;
    if (!customElements.get('egov-application-form')) await import('../../application-form');
    this._correcting = true;
    this.#focus.focus('egov-application-form');
  }

  async #corrected(): Promise<void> {
    const id = this.#lastOpened;
    this._notice = this.i18n.t('mine.correction.done');
    await this.open(id, { focus: false });
    this.#announcer.announce(this._notice);
  }

  async #withdraw(detail: ApplicationDetail): Promise<void> {
    if (this._withdrawing) return;
    this._withdrawing = true;
    this._actionError = undefined;
    try {
      await withdrawApplication(this.config.client, detail.id, this._withdrawReason.trim() || undefined);
      this._confirmWithdraw = false;
      this._withdrawReason = '';
      this._notice = this.i18n.t('mine.withdraw.done');
      await this.open(detail.id, { focus: false });
      this.#announcer.announce(this._notice);
      this.#focus.focus('#notice');
    } catch (error) {
      this._actionError = error;
      this.#announcer.announce(this.i18n.error(error));
      if (error instanceof ApiError && error.status === 409) void this.open(detail.id, { focus: false });
    } finally {
      this._withdrawing = false;
    }
  }

  async #showRecord(detail: ApplicationDetail): Promise<void> {
    const client = this.config.client;
    this._recordError = undefined;
    try {
      const [record, trust] = await Promise.all([getRecord(client, detail.id), trustListOrNothing(client)]);
      this._record = { record, seal: await verifyRecordSeal(record, trust) };
      this.#announcer.announce(this.i18n.t(this._record.seal === true ? 'mine.record.sealOk' : this._record.seal === false ? 'mine.record.sealBad' : 'mine.record.sealUnknown'));
      this.#focus.focus('#record-heading');
    } catch (error) {
      this._recordError = error;
      this.#announcer.announce(this.i18n.error(error));
    }
  }

  #downloadRecord(detail: ApplicationDetail): void {
    if (!this._record) return;
    saveBlob(new Blob([JSON.stringify(this._record.record, null, 2)], { type: 'application/json' }), `${detail.receiptNo}.record.json`);
  }

  // ---- rendering ----

  override render() {
    return html`<div lang=${this.i18n.locale}>${this.#announcer.region()}${this.#body()}</div>`;
  }

  #serviceName(code: string, fallback?: string): string {
    const def = this._defs.get(code) ?? (this._def?.code === code ? this._def : undefined);
    return def ? (this.i18n.locale === 'en' && def.nameEn) || def.name : fallback ?? code;
  }

  #body() {
    const { t } = this.i18n;
    const signIn = html`<egov-alert variant="info" heading=${t('mine.signIn.title')}>${t('mine.signIn.body')}</egov-alert>`;
    if (this._list.state === 'signed-out' || this._detail?.state === 'signed-out') return signIn;
    if (this._detail) return this.#renderDetail(this._detail);
    const list = this._list;
    if (list.state === 'idle' || list.state === 'loading') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (list.state === 'error') return html`<egov-async-state state="error" message=${this.i18n.error(list.error)} @egov-retry=${() => void this.#loadList()}></egov-async-state>`;
    return html`<section aria-labelledby="mine-heading">
      <h2 id="mine-heading" tabindex="-1">${t('mine.title')}</h2>
      ${!list.value.length ? html`<egov-async-state state="empty" message=${t('mine.empty')}></egov-async-state>` : html`<ul class="list">
        ${list.value.map((a) => this.#renderCard(a))}
      </ul>`}
    </section>`;
  }

  #renderCard(a: ApplicationDetail) {
    const { t, date } = this.i18n;
    const service = this.#serviceName(a.serviceCode, a.serviceName);
    return html`<li part="application" class="item ${a.status === 'correction_requested' ? 'item--flagged' : ''}" data-application=${a.id} data-status=${a.status}>
      <h3>${service} ${statusBadge(a.status, t)}</h3>
      <dl class="facts">
        <dt>${t('cases.receiptNo')}</dt><dd class="mono" translate="no">${a.receiptNo}</dd>
        <dt>${t('cases.submittedAt')}</dt><dd>${date(a.submittedAt, 'datetime')}</dd>
        <dt>${t('cases.dueAt')}</dt><dd>${dueDate(a, t, date)}</dd>
      </dl>
      <div class="actions">
        <button type="button" class="btn btn--secondary" data-open=${a.id} aria-label=${t('mine.viewLabel', { service, receiptNo: a.receiptNo })}
          @click=${() => void this.open(a.id)}>${t('mine.view')}</button>
      </div>
    </li>`;
  }

  #renderDetail(load: Load<ApplicationDetail>) {
    const { t, date } = this.i18n;
    const back = html`<button type="button" class="btn btn--link" @click=${() => this.#close()}><span aria-hidden="true">← </span>${t('mine.back')}</button>`;
    if (load.state !== 'ready') {
      return html`${back}<h2 id="detail-heading" tabindex="-1" class="sr-only">${t('mine.timeline')}</h2>
        ${load.state === 'error'
          ? html`<egov-async-state state="error" message=${this.i18n.error(load.error)} @egov-retry=${() => void this.open(this.#lastOpened)}></egov-async-state>`
          : html`<egov-async-state state="loading"></egov-async-state>`}`;
    }
    const a = load.value;
    const locale = this.i18n.locale;
    const canWithdraw = a.status === 'submitted' || a.status === 'correction_requested';
    return html`${back}
      <article part="application" aria-labelledby="detail-heading" data-status=${a.status}>
        <h2 id="detail-heading" tabindex="-1">${this.#serviceName(a.serviceCode, a.serviceName)} ${statusBadge(a.status, t)}</h2>
        ${this._notice ? html`<div id="notice" class="alert alert--success notice" role="status" tabindex="-1"><p>${this._notice}</p></div>` : nothing}
        ${this._actionError ? html`<div class="alert alert--error notice" role="alert"><p class="alert__title">${t('error.title')}</p><p>${this.i18n.error(this._actionError)}</p></div>` : nothing}
        <dl class="facts panel">
          <dt>${t('cases.receiptNo')}</dt><dd class="mono" translate="no">${a.receiptNo}</dd>
          <dt>${t('cases.status')}</dt><dd>${t('cases.status.' + a.status)}</dd>
          <dt>${t('cases.submittedAt')}</dt><dd>${date(a.submittedAt, 'datetime')}</dd>
          <dt>${t('cases.dueAt')}</dt><dd>${dueDate(a, t, date)}</dd>
        </dl>
        ${a.status === 'correction_requested' && a.corrections?.length ? html`<section part="correction" class="panel" aria-labelledby="correction-heading">
          <h3 id="correction-heading">${t('mine.correction.title')}</h3>
          <p>${t('mine.correction.intro')}</p>
          ${renderCorrections(a.corrections, this._def, locale, t)}
          ${this._correcting
            ? html`<egov-application-form application=${a.id} signer=${this.signer} locale=${locale} tabindex="-1"
                .apiBase=${this.config.value.apiBase} .token=${this.config.value.token} .tokenProvider=${this.config.value.tokenProvider}
                @egov-submit=${() => void this.#corrected()}></egov-application-form>
              <div class="actions"><button type="button" class="btn btn--secondary" @click=${() => { this._correcting = false; this.#focus.focus('#correction-heading'); }}>${t('mine.correction.close')}</button></div>`
            : html`<div class="actions"><button type="button" class="btn" data-action="correct" @click=${() => void this.#startCorrection(a)}>${t('mine.correction.start')}</button></div>`}
        </section>` : nothing}
        ${renderClock(a, t, date)}
        ${a.decision ? this.#renderDecision(a) : nothing}
        ${a.certificateId ? this.#renderCertificate(a) : nothing}
        <section part="timeline" aria-labelledby="timeline-heading">
          <h3 id="timeline-heading">${t('mine.timeline')}</h3>
          ${renderTimeline(a.history ?? [], this._def, locale, t, date, a.historyBroken)}
        </section>
        ${canWithdraw ? this.#renderWithdraw(a) : nothing}
        ${isFinal(a.status) ? this.#renderRecord(a) : nothing}
      </article>`;
  }

  #renderDecision(a: ApplicationDetail) {
    const { t, date } = this.i18n;
    const d = a.decision!;
    return html`<section part="decision" class="panel" aria-labelledby="decision-heading" data-action=${d.action}>
      <h3 id="decision-heading">${t('mine.decision.title')}</h3>
      <dl class="facts">
        <dt>${t('mine.decision.action')}</dt><dd>${t('cases.action.' + d.action)}</dd>
        ${d.reason ? html`<dt>${t('cases.decision.reason')}</dt><dd lang=${ifDefined(this.i18n.dataLang(d.reason))}>${d.reason}</dd>` : nothing}
        ${d.legalBasis ? html`<dt>${t('cases.decision.legalBasis')}</dt><dd lang=${ifDefined(this.i18n.dataLang(d.legalBasis))}>${d.legalBasis}</dd>` : nothing}
        <dt>${t('mine.decision.officer')}</dt><dd>${dataSentence(this.i18n, 'mine.decision.by', { name: d.officer.name, agency: d.officer.agency.name })}</dd>
        <dt>${t('mine.decision.at')}</dt><dd>${date(d.at, 'datetime')}</dd>
      </dl>
      ${renderRemedies(d.remedies, t)}
      ${decisionLetterFor(a.id, this)}
    </section>`;
  }

  #renderCertificate(a: ApplicationDetail) {
    const { t } = this.i18n;
    const c = this._certificate;
    return html`<section class="panel" aria-labelledby="certificate-heading" data-certificate=${a.certificateId!}>
      <h3 id="certificate-heading">${t('mine.certificate.title')}</h3>
      ${c ? html`<dl class="facts">
        <dt>${t('mine.certificate.type')}</dt><dd>${c.type.name}</dd>
        <dt>${t('mine.certificate.number')}</dt><dd class="mono" translate="no">${c.number}</dd>
      </dl>` : html`<egov-async-state state="loading"></egov-async-state>`}
      <p>${t('mine.certificate.hint')}</p>
      ${this.certificatesUrl ? html`<p><a href=${this.certificatesUrl}>${t('mine.certificate.link')}</a></p>` : nothing}
    </section>`;
  }

  #renderWithdraw(a: ApplicationDetail) {
    const { t } = this.i18n;
    if (!this._confirmWithdraw) {
      return html`<div class="actions"><button type="button" class="btn btn--secondary" data-action="withdraw"
        @click=${() => { this._confirmWithdraw = true; this.#focus.focus('#withdraw-heading'); }}>${t('mine.withdraw')}</button></div>`;
    }
    return html`<section class="panel alert alert--warning" role="group" aria-labelledby="withdraw-heading">
      <h3 id="withdraw-heading" tabindex="-1">${t('mine.withdraw.confirmTitle')}</h3>
      <p>${t('mine.withdraw.confirmBody')}</p>
      <div class="field">
        <label for="withdraw-reason">${t('mine.withdraw.reason')}</label>
        <textarea id="withdraw-reason" rows="2" .value=${this._withdrawReason} @input=${(e: Event) => (this._withdrawReason = (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="actions">
        <button type="button" class="btn btn--danger" data-action="confirm-withdraw" aria-disabled=${this._withdrawing ? 'true' : 'false'}
          @click=${() => void this.#withdraw(a)}>${this._withdrawing ? t('mine.withdraw.sending') : t('mine.withdraw.confirm')}</button>
        <button type="button" class="btn btn--secondary" @click=${() => { this._confirmWithdraw = false; this.#focus.focus('[data-action=withdraw]'); }}>${t('mine.withdraw.cancel')}</button>
      </div>
    </section>`;
  }

  #renderRecord(a: ApplicationDetail) {
    const { t, date } = this.i18n;
    const r = this._record;
    return html`<section class="panel" aria-labelledby="record-heading">
      <h3 id="record-heading" tabindex="-1">${t('mine.record.title')}</h3>
      <p>${t('mine.record.intro')}</p>
      ${this._recordError ? html`<div class="alert alert--error notice" role="alert"><p>${this.i18n.error(this._recordError)}</p></div>` : nothing}
      ${r ? html`<p class="check check--${r.seal === true ? 'pass' : r.seal === false ? 'fail' : 'unknown'}" data-record-seal=${String(r.seal)}>
          <span class="check__icon" aria-hidden="true">${r.seal === true ? '✓' : r.seal === false ? '✕' : '?'}</span>
          <span>${t(r.seal === true ? 'mine.record.sealOk' : r.seal === false ? 'mine.record.sealBad' : 'mine.record.sealUnknown')}</span></p>
        <p>${t('mine.record.sealedAt')}: ${date(r.record.sealedAt, 'datetime')}</p>
        <pre tabindex="0" aria-label=${t('mine.record.title')} translate="no">${JSON.stringify(r.record, null, 2)}</pre>
        <div class="actions">
          <button type="button" class="btn" @click=${() => this.#downloadRecord(a)}>${t('mine.record.download')}</button>
          <button type="button" class="btn btn--secondary" @click=${() => { this._record = undefined; }}>${t('mine.record.hide')}</button>
        </div>`
        : html`<div class="actions"><button type="button" class="btn btn--secondary" data-action="record" @click=${() => void this.#showRecord(a)}>${t('mine.record.view')}</button></div>`}
    </section>`;
  }
}

if (!customElements.get('egov-my-applications-body')) customElements.define('egov-my-applications-body', MyApplicationsBody);
