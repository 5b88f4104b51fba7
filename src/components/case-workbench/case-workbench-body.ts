import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../base/egov-element';
import { AnnounceController } from '../../controllers/announce-controller';
import { FocusController } from '../../controllers/focus-controller';
import { ApiError, isAbortError } from '../../services/api-client';
import { currentSubject } from '../../services/session';
import { fetchUpload } from '../../services/uploads';
import { listServices, serviceDefinition } from '../../services/service-definitions';
import { saveBlob } from '../../services/save-blob';
import {
  APPLICATION_STATUSES,
  claimCase,
  decideCase,
  getCase,
  isOverdue,
  listCases,
  trustListOrNothing,
  verifyApplicationSignature,
  verifyMaterialSeals,
  type ApplicationDetail,
  type ApplicationStatus,
  type BrowserVerdict,
  type CasePage,
  type CaseMaterial,
  type CorrectionItem,
  type DecisionAction,
  type QueueHolderFilter,
  type SignatureVerdict,
} from '../../services/cases';
import { decisionNeeds, decisionsFrom } from '../../core/case-decisions';
import type { ServiceDefinition } from '../../core/service-definition';
import { sectionsOf } from '../shared/field-model';
import { renderErrorSummary, type SummaryError } from '../shared/error-summary';
import { renderAnswers, renderMaterials, renderSignature, type CaseEvidence } from './case-evidence';
import { actionLabel, decisionLetterFor, holderFacts, holderFilter, queueNotes, renderClock, renderPager, renderStepsTaken, stepFacts } from './case-steps';
import { correctionLabel, dueDate, renderCorrections, renderTimeline, statusBadge } from '../shared/case-parts';
import { dataSentence } from '../../internal/lang-parts';
import '../shared/async-state';
import '../shared/alert';
import '../../i18n/cases';
import '../../i18n/case-workbench';

type Load<T> = { state: 'idle' } | { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; value: T };

/** What the chosen decision must state (the decision table of src/core/case-decisions.ts); nothing before one is chosen. */
const needsOf = (action: DecisionAction | '') => (action ? decisionNeeds(action) : []);
/** The control the error summary links to when no decision is chosen: the first one offered. */
const firstActionId = (c: ApplicationDetail) => 'decision-action-' + (decisionsFrom(c.status, c.step)[0] ?? 'accept');

interface ItemChoice {
  key: string;
  item: Omit<CorrectionItem, 'reason'>;
  label: string;
}

/**
 * The body of `<egov-case-workbench>` (case-workbench.ts): its rendering and logic, loaded when the
 * element is first connected (lazy-body.ts). Rendered into the element's shadow root without
 * a shadow root of its own, so the element's styles, parts and focus apply; its events bubble
 * out of the element as the element's.
 * @internal
 */
export class CaseWorkbenchBody extends EgovElement {
  /** No shadow root: the content is the element's, in its shadow root. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Cases per page of the queue. */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;
  /** The id of a case to open at once (a deep link); the queue is one click away. */
  @property({ attribute: 'case' }) caseId = '';

  @state() private _access: 'checking' | 'signed-out' | 'forbidden' | 'ready' = 'checking';
  @state() private _queue: Load<CasePage> = { state: 'idle' };
  @state() private _status: ApplicationStatus | '' = '';
  @state() private _service = '';
  @state() private _holder: QueueHolderFilter | '' = '';
  @state() private _me = '';
  @state() private _page = 1;
  @state() private _services: ServiceDefinition[] = [];
  @state() private _case: Load<ApplicationDetail> | undefined;
  @state() private _def: ServiceDefinition | undefined;
  @state() private _signature: SignatureVerdict | undefined;
  @state() private _seals: Map<string, BrowserVerdict> | undefined;
  @state() private _opening = '';

  @state() private _action: DecisionAction | '' = '';
  @state() private _reason = '';
  @state() private _legalBasis = '';
  @state() private _items = new Map<string, string>();
  @state() private _errors: SummaryError[] = [];
  @state() private _fieldErrors = new Map<string, string>();
  @state() private _deciding = false;
  @state() private _decideError: unknown;
  @state() private _conflict = false;
  @state() private _decided: { action: DecisionAction; status: ApplicationStatus } | undefined;

  readonly #announcer = new AnnounceController(this);
  #abort?: AbortController;
  readonly #focus = new FocusController(this);
  #decisionKey = '';
  #lastRow = '';

  constructor() {
    super();
    this.config.onChange(() => void this.#init());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._access === 'checking') void this.#init();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('caseId') && changed.get('caseId') !== undefined && this._access === 'ready') {
      if (this.caseId) void this.openCase(this.caseId);
      else this.#closeCase();
    }
  }

  async #init(): Promise<void> {
    const client = this.config.client;
    // Whoever signs in next sees nothing of the last officer's work.
    this.#abort?.abort();
    this._case = undefined;
    this._queue = { state: 'idle' };
    this._decided = undefined;
    this._access = 'checking';
    try {
      const subject = await currentSubject(client);
      if (subject.kind !== 'officer') {
        this._access = 'forbidden';
        return;
      }
      this._access = 'ready';
      this._me = subject.id;
      void listServices(client).then((all) => {
        this._services = all.filter((s) => s.agency?.code === subject.agencyCode);
      }, () => undefined);
    } catch (error) {
      this._access = error instanceof ApiError && error.status === 401 ? 'signed-out' : 'ready';
      if (this._access !== 'ready') return;
    }
    if (this.caseId) void this.openCase(this.caseId);
    await this.#loadQueue();
  }

  async #loadQueue(options: { quiet?: boolean } = {}): Promise<void> {
    const client = this.config.client;
    if (!options.quiet || this._queue.state !== 'ready') this._queue = { state: 'loading' };
    try {
      const page = await listCases(client, { status: this._status, service: this._service, filter: this._holder, page: this._page, pageSize: this.pageSize });
      this._queue = { state: 'ready', value: page };
      // Said only while the queue is what the reader sees, so it never talks over a case's checks.
      if (!this._case) this.#announcer.announce(this.i18n.t('cases.queue.loaded', { count: page.total }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this._access = 'signed-out';
      else if (error instanceof ApiError && error.status === 403) this._access = 'forbidden';
      this._queue = { state: 'error', error };
    }
  }

  #setFilter(patch: { status?: ApplicationStatus | ''; service?: string; holder?: QueueHolderFilter | '' }): void {
    if (patch.status !== undefined) this._status = patch.status;
    if (patch.holder !== undefined) this._holder = patch.holder;
    if (patch.service !== undefined) this._service = patch.service;
    this._page = 1;
    void this.#loadQueue();
  }

  async #claim(detail: ApplicationDetail): Promise<void> {
    try {
      const { holder } = await claimCase(this.config.client, detail.id);
      this._case = { state: 'ready', value: { ...detail, ...(holder ? { holder } : {}) } };
      this.#announcer.announce(this.i18n.t('cases.claim.done'));
    } catch (error) {
      this._decideError = error;
    }
  }

  #goPage(page: number): void {
    this._page = page;
    this.#focus.focus('#queue-heading');
    void this.#loadQueue();
  }

  /** Opens a case: loads it, then checks the signature and every seal in this browser. */
  async openCase(id: string): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const { signal } = abort;
    const client = this.config.client;
    this._opening = id;
    this._case = { state: 'loading' };
    this._signature = undefined;
    this._seals = undefined;
    this._decided = undefined;
    this._conflict = false;
    this.#resetForm();
    this.#focus.focus('#case-heading');
    try {
      const detail = await getCase(client, id, signal);
      if (signal.aborted) return;
      await this.#show(detail, signal);
    } catch (error) {
      if (isAbortError(error) || signal.aborted) return;
      if (error instanceof ApiError && error.status === 401) this._access = 'signed-out';
      this._case = { state: 'error', error };
      this.#announcer.announce(this.i18n.error(error));
    } finally {
      if (this._opening === id) this._opening = '';
    }
  }

  async #show(detail: ApplicationDetail, signal: AbortSignal): Promise<void> {
    const client = this.config.client;
    this._case = { state: 'ready', value: detail };
    // What is shown is checked again: a new version carries a new signature.
    this._signature = undefined;
    this._seals = undefined;
    this.#focus.focus('#case-heading');
    const [def, signature, seals] = await Promise.all([
      serviceDefinition(client, detail.serviceCode).catch(() => undefined),
      verifyApplicationSignature(detail),
      trustListOrNothing(client, signal).then((trust) => verifyMaterialSeals(detail.materials, trust)),
    ]);
    if (signal.aborted) return;
    this._def = def;
    this._signature = signature;
    this._seals = seals;
    const bad = [...seals.values()].filter((v) => v.status !== 'valid').length;
    this.#announcer.announce(this.i18n.t('cases.checks.announce', {
      signature: this.i18n.t('cases.signature.' + signature.status),
      seals: bad ? this.i18n.t('cases.checks.sealsBad', { count: bad }) : this.i18n.t('cases.checks.sealsOk', { count: seals.size }),
    }));
  }

  #closeCase(): void {
    this.#abort?.abort();
    this._case = undefined;
    this._def = undefined;
    this._signature = undefined;
    this._seals = undefined;
    if (this._decided) void this.#loadQueue({ quiet: true });
    this.#focus.focus(this.#lastRow ? `[data-open="${CSS.escape(this.#lastRow)}"]` : '#queue-heading');
  }

  // ---- the decision form ----

  #resetForm(): void {
    this._action = '';
    this._reason = '';
    this._legalBasis = '';
    this._items = new Map();
    this._errors = [];
    this._fieldErrors = new Map();
    this._decideError = undefined;
    this.#decisionKey = globalThis.crypto.randomUUID();
  }

  /** Any change to what is decided is a new decision, with its own key. */
  #edited(): void {
    this.#decisionKey = globalThis.crypto.randomUUID();
  }

  #choices(detail: ApplicationDetail): ItemChoice[] {
    const locale = this.i18n.locale;
    const def = this._def;
    const answers = def
      ? sectionsOf(def, locale).flatMap((s) => s.fields.filter((f) => f in detail.data))
      : Object.keys(detail.data);
    const materials = def?.materials?.map((m) => m.code) ?? detail.materials.map((m) => m.code);
    return [
      ...answers.map((name) => {
        const item = { path: '/' + name.replace(/~/g, '~0').replace(/\//g, '~1') };
        return { key: 'path:' + item.path, item, label: correctionLabel({ ...item, reason: '' }, def, locale) };
      }),
      ...materials.map((code) => ({ key: 'material:' + code, item: { material: code }, label: correctionLabel({ material: code, reason: '' }, def, locale) })),
    ];
  }

  #validate(detail: ApplicationDetail): Array<{ id: string; message: string }> {
    const { t } = this.i18n;
    const out: Array<{ id: string; message: string }> = [];
    const action = this._action;
    if (!action) {
      out.push({ id: firstActionId(detail), message: t('cases.decision.error.action') });
      return out;
    }
    const needs = needsOf(action);
    if (needs.includes('items')) {
      const choices = this.#choices(detail);
      if (!this._items.size) out.push({ id: 'item-' + 0, message: t('cases.decision.error.items') });
      choices.forEach((c, index) => {
        if (this._items.has(c.key) && !this._items.get(c.key)!.trim()) out.push({ id: 'item-reason-' + index, message: t('cases.decision.error.itemReason', { label: c.label }) });
      });
    }
    if (needs.includes('reason') && !this._reason.trim()) out.push({ id: 'decision-reason', message: t('cases.decision.error.reason') });
    if (needs.includes('legalBasis') && !this._legalBasis.trim()) out.push({ id: 'decision-legal', message: t('cases.decision.error.legalBasis') });
    return out;
  }

  #showErrors(errors: Array<{ id: string; message: string }>): void {
    this._fieldErrors = new Map(errors.map((e) => [e.id, e.message]));
    this._errors = errors.map((e) => ({ fieldId: 'wrap-' + e.id, controlId: e.id, message: e.message }));
    if (errors.length) this.#focus.focus('[part=error-summary]');
  }

  async #submit(event: Event, detail: ApplicationDetail): Promise<void> {
    event.preventDefault();
    if (this._deciding) return;
    const errors = this.#validate(detail);
    this.#showErrors(errors);
    if (errors.length) return;
    const action = this._action as DecisionAction;
    const input: { action: DecisionAction; reason?: string; legalBasis?: string; items?: CorrectionItem[] } = { action };
    if (this._reason.trim()) input.reason = this._reason.trim();
    if (this._legalBasis.trim()) input.legalBasis = this._legalBasis.trim();
    if (needsOf(action).includes('items')) {
      input.items = this.#choices(detail).filter((c) => this._items.has(c.key)).map((c) => ({ ...c.item, reason: this._items.get(c.key)!.trim() }));
    }
    this._deciding = true;
    this._decideError = undefined;
    this._conflict = false;
    this.#announcer.announce(this.i18n.t('cases.decision.sending'));
    try {
      const updated = await decideCase(this.config.client, detail.id, input, this.#decisionKey);
      this._decided = { action, status: updated.status };
      this.#resetForm();
      this.emit('egov-case-decided', { applicationId: detail.id, action, status: updated.status });
      this.#announcer.announce(this.i18n.t('cases.decision.done', { action: this.i18n.t('cases.action.' + action), status: this.i18n.t('cases.status.' + updated.status) }));
      // The next decision may be made while the updated case is being checked again.
      this._deciding = false;
      const signal = (this.#abort = new AbortController()).signal;
      const shown = this.#show({ ...detail, ...updated }, signal);
      this.#focus.focus('#decided');
      await shown;
    } catch (error) {
      this.#decideFailed(error, detail);
    } finally {
      this._deciding = false;
    }
  }

  #decideFailed(error: unknown, detail: ApplicationDetail): void {
    const api = error instanceof ApiError ? error : undefined;
    if (api?.status === 409) {
      // A colleague decided first (or the applicant withdrew): show what the case is now.
      this._conflict = true;
      this.#announcer.announce(this.i18n.t('cases.decision.conflict'));
      void this.#reloadAfterConflict(detail.id);
      return;
    }
    if (api?.status === 400 && api.fields.length) {
      const ids: Record<string, string> = { reason: 'decision-reason', legalBasis: 'decision-legal', items: 'item-0', action: firstActionId(detail) };
      this.#showErrors(api.fields.map((f) => ({ id: ids[f.path.replace(/^\//, '').split(/[/.[]/)[0] ?? ''] ?? 'decision-reason', message: f.message })));
      return;
    }
    if (api?.status === 401) this._access = 'signed-out';
    this._decideError = error;
    this.#announcer.announce(this.i18n.error(error));
  }

  async #reloadAfterConflict(id: string): Promise<void> {
    const signal = (this.#abort = new AbortController()).signal;
    try {
      const fresh = await getCase(this.config.client, id, signal);
      this.#resetForm();
      this._conflict = true;
      await this.#show(fresh, signal);
      this.#focus.focus('#conflict');
    } catch (error) {
      if (!isAbortError(error)) this._decideError = error;
    }
  }

  /** What the case's evidence (case-evidence.ts) is rendered from. */
  get #evidence(): CaseEvidence {
    return { i18n: this.i18n, def: this._def, signature: this._signature, seals: this._seals, openUpload: (m) => void this.#openUpload(m) };
  }

  async #openUpload(m: CaseMaterial): Promise<void> {
    const id = m.upload?.uploadId ?? m.uploadId;
    if (!id) return;
    try {
      const blob = await fetchUpload(this.config.client, id);
      const ext = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }[blob.type] ?? 'bin';
      saveBlob(blob, `${m.code}.${ext}`);
      this.#announcer.announce(this.i18n.t('cases.material.downloaded'));
    } catch (error) {
      this.#announcer.announce(this.i18n.error(error));
      this._decideError = error;
    }
  }

  // ---- rendering ----

  override render() {
    return html`<div lang=${this.i18n.locale}>${this.#announcer.region()}${this.#body()}</div>`;
  }

  #body() {
    const { t } = this.i18n;
    if (this._access === 'checking') return html`<egov-async-state state="loading"></egov-async-state>`;
    if (this._access === 'signed-out') return html`<egov-alert variant="info" heading=${t('cases.signIn.title')}>${t('cases.signIn.body')}</egov-alert>`;
    if (this._access === 'forbidden') return html`<egov-alert variant="warning" heading=${t('cases.forbidden.title')}>${t('cases.forbidden.body')}</egov-alert>`;
    if (this._case) return this.#renderCase(this._case);
    return this.#renderQueue();
  }

  #serviceName(code: string): string {
    const def = this._services.find((s) => s.code === code) ?? (this._def?.code === code ? this._def : undefined);
    return def ? (this.i18n.locale === 'en' && def.nameEn) || def.name : code;
  }

  #renderQueue() {
    const { t, date } = this.i18n;
    const queue = this._queue;
    return html`<section part="queue" aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabindex="-1">${t('cases.queue.title')}</h2>
      <form class="filters" role="search" aria-label=${t('cases.queue.filters')} @submit=${(e: Event) => e.preventDefault()}>
        <div class="field">
          <label for="filter-status">${t('cases.queue.status')}</label>
          <select id="filter-status" @change=${(e: Event) => this.#setFilter({ status: (e.target as HTMLSelectElement).value as ApplicationStatus | '' })}>
            <option value="" ?selected=${!this._status}>${t('cases.queue.allStatuses')}</option>
            ${APPLICATION_STATUSES.map((s) => html`<option value=${s} ?selected=${this._status === s}>${t('cases.status.' + s)}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="filter-service">${t('cases.queue.service')}</label>
          <select id="filter-service" @change=${(e: Event) => this.#setFilter({ service: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${!this._service}>${t('cases.queue.allServices')}</option>
            ${this._services.map((s) => html`<option value=${s.code} ?selected=${this._service === s.code}>${(this.i18n.locale === 'en' && s.nameEn) || s.name}</option>`)}
          </select>
        </div>
        ${holderFilter(this._holder, t, (holder) => this.#setFilter({ holder }))}
      </form>
      ${queue.state === 'error'
        ? html`<egov-async-state state="error" message=${this.i18n.error(queue.error)} @egov-retry=${() => void this.#loadQueue()}></egov-async-state>`
        : queue.state !== 'ready'
          ? html`<egov-async-state state="loading"></egov-async-state>`
          : !queue.value.items.length
            ? html`<egov-async-state state="empty" message=${t('cases.queue.empty')}></egov-async-state>`
            : html`<p class="muted">${t('cases.queue.count', { count: queue.value.total })}</p>
              <div class="table-scroll"><table class="stack">
                <caption class="sr-only">${t('cases.queue.caption')}</caption>
                <thead><tr>
                  <th scope="col">${t('cases.receiptNo')}</th><th scope="col">${t('cases.service')}</th><th scope="col">${t('cases.applicant')}</th>
                  <th scope="col">${t('cases.status')}</th><th scope="col">${t('cases.submittedAt')}</th><th scope="col">${t('cases.dueAt')}</th>
                </tr></thead>
                <tbody>${queue.value.items.map((c) => html`<tr data-case=${c.id} ?data-overdue=${isOverdue(c)}>
                  <th scope="row" data-label=${t('cases.receiptNo')}>
                    <button type="button" class="btn btn--link mono" data-open=${c.id} aria-label=${t('cases.queue.open', { receiptNo: c.receiptNo, applicant: c.applicant.name })}
                      @click=${() => { this.#lastRow = c.id; void this.openCase(c.id); }}>${c.receiptNo}</button>
                  </th>
                  <td data-label=${t('cases.service')}>${this.#serviceName(c.serviceCode)}</td>
                  <td data-label=${t('cases.applicant')} lang=${ifDefined(this.i18n.dataLang(c.applicant.name))}>${c.applicant.name}</td>
                  <td data-label=${t('cases.status')}>${statusBadge(c.status, t)} ${queueNotes(c, t)}</td>
                  <td data-label=${t('cases.submittedAt')}>${date(c.submittedAt, 'datetime')}</td>
                  <td data-label=${t('cases.dueAt')}>${dueDate(c, t, date)}</td>
                </tr>`)}</tbody>
              </table></div>
              ${renderPager(queue.value, this.pageSize, t, (p) => this.#goPage(p))}`}
    </section>`;
  }

  #renderCase(load: Load<ApplicationDetail>) {
    const { t, date } = this.i18n;
    const back = html`<button type="button" class="btn btn--link" @click=${() => this.#closeCase()}><span aria-hidden="true">← </span>${t('cases.back')}</button>`;
    if (load.state !== 'ready') {
      return html`${back}<h2 id="case-heading" tabindex="-1" class="sr-only">${t('cases.case.title')}</h2>
        ${load.state === 'error'
          ? html`<egov-async-state state="error" message=${this.i18n.error(load.error)} @egov-retry=${() => this._opening || void this.openCase(this.#lastRow || this.caseId)}></egov-async-state>`
          : html`<egov-async-state state="loading"></egov-async-state>`}`;
    }
    const c = load.value;
    const checked = !!this._signature && !!this._seals;
    return html`${back}
      <article part="case" aria-labelledby="case-heading" data-state=${checked ? 'checked' : 'checking'} data-status=${c.status}>
        <h2 id="case-heading" tabindex="-1">${dataSentence(this.i18n, 'cases.case.heading', { service: this.#serviceName(c.serviceCode), receiptNo: c.receiptNo })}</h2>
        ${this._conflict ? html`<div id="conflict" class="alert alert--warning notice" role="alert" tabindex="-1">
            <p class="alert__title">${t('cases.decision.conflictTitle')}</p><p>${t('cases.decision.conflict')}</p></div>` : nothing}
        ${this._decided ? html`<div id="decided" class="alert alert--success notice" tabindex="-1" role="status">
            <p>${t('cases.decision.done', { action: t('cases.action.' + this._decided.action), status: t('cases.status.' + this._decided.status) })}</p></div>` : nothing}
        <dl class="facts panel">
          <dt>${t('cases.receiptNo')}</dt><dd class="mono" translate="no">${c.receiptNo}</dd>
          <dt>${t('cases.applicant')}</dt><dd lang=${ifDefined(this.i18n.dataLang(c.applicant.name))}>${c.applicant.name}</dd>
          <dt>${t('cases.status')}</dt><dd>${statusBadge(c.status, t)}</dd>${stepFacts(c, t)}${holderFacts(c, this._me, t, () => void this.#claim(c))}
          <dt>${t('cases.submittedAt')}</dt><dd>${date(c.submittedAt, 'datetime')}</dd>
          <dt>${t('cases.dueAt')}</dt><dd>${dueDate(c, t, date)}</dd>
          <dt>${t('cases.version')}</dt><dd>${c.version}</dd>
        </dl>
        ${c.corrections?.length ? html`<section aria-labelledby="open-corrections"><h3 id="open-corrections">${t('cases.correction.open')}</h3>
          ${renderCorrections(c.corrections, this._def, this.i18n.locale, t)}</section>` : nothing}
        ${renderSignature(this.#evidence, c)}
        ${renderAnswers(this.#evidence, c)}
        ${renderMaterials(this.#evidence, c)}
        <section part="history" aria-labelledby="history-heading">
          <h3 id="history-heading">${t('cases.history.title')}</h3>
          ${renderTimeline(c.history ?? [], this._def, this.i18n.locale, t, date, c.historyBroken)}
        </section>${renderStepsTaken(c, this.i18n)}${renderClock(c, t, date)}
        ${this.#renderDecision(c)}
      </article>`;
  }

  #renderDecision(c: ApplicationDetail) {
    const { t } = this.i18n;
    const actions = decisionsFrom(c.status, c.step);
    if (!actions.length) {
      return html`<section part="decision-form" class="panel" aria-labelledby="decision-heading">
        <h3 id="decision-heading">${t('cases.decision.title')}</h3>
        <p>${t(c.status === 'correction_requested' ? 'cases.decision.waiting' : 'cases.decision.final')}</p>
        ${c.decision ? html`<p>${t('cases.action.' + c.decision.action)}${c.decision.reason ? ' · ' + c.decision.reason : ''}</p>${decisionLetterFor(c.id, this)}` : nothing}
      </section>`;
    }
    const err = (id: string) => this._fieldErrors.get(id);
    const needs = needsOf(this._action);
    const choices = needs.includes('items') ? this.#choices(c) : [];
    return html`<section class="panel" aria-labelledby="decision-heading">
      <h3 id="decision-heading">${t('cases.decision.title')}</h3>
      ${renderErrorSummary(this._errors, t('cases.decision.errorSummary'), () => this.getRootNode() as ShadowRoot)}
      ${this._decideError ? html`<div class="alert alert--error notice" role="alert"><p class="alert__title">${t('error.title')}</p><p>${this.i18n.error(this._decideError)}</p></div>` : nothing}
      <form part="decision-form" novalidate @submit=${(e: Event) => void this.#submit(e, c)} aria-labelledby="decision-heading">
        <fieldset id="wrap-decision-action-${actions[0]}" class=${err('decision-action-' + actions[0]) ? 'field--error' : ''}
          aria-describedby=${err('decision-action-' + actions[0]) ? 'decision-action-error' : nothing}>
          <legend>${t('cases.decision.action')}</legend>
          ${err('decision-action-' + actions[0]) ? html`<span class="error-text" id="decision-action-error">${err('decision-action-' + actions[0])}</span>` : nothing}
          ${actions.map((a) => html`<div class="choice">
            <input type="radio" name="action" id="decision-action-${a}" value=${a} .checked=${this._action === a}
              @change=${() => { this._action = a; this.#edited(); }} />
            <label for="decision-action-${a}">${actionLabel(a, c.step, t)}</label>
          </div>`)}
        </fieldset>
        ${needs.includes('items') ? html`<fieldset id="wrap-item-0" class=${err('item-0') ? 'field--error' : ''}>
          <legend>${t('cases.decision.items')}</legend>
          <span class="hint" id="items-hint">${t('cases.decision.itemsHint')}</span>
          ${err('item-0') ? html`<span class="error-text">${err('item-0')}</span>` : nothing}
          ${choices.map((choice, index) => this.#renderChoice(choice, index))}
        </fieldset>` : nothing}
        <div class="field ${err('decision-reason') ? 'field--error' : ''}" id="wrap-decision-reason">
          <label for="decision-reason">${t(needs.includes('reason') ? 'cases.decision.reason' : 'cases.decision.reasonOptional')}</label>
          ${err('decision-reason') ? html`<span class="error-text" id="decision-reason-error">${err('decision-reason')}</span>` : nothing}
          <textarea id="decision-reason" rows="3" .value=${this._reason} aria-invalid=${err('decision-reason') ? 'true' : 'false'}
            aria-describedby=${err('decision-reason') ? 'decision-reason-error' : nothing}
            @input=${(e: Event) => { this._reason = (e.target as HTMLTextAreaElement).value; this.#edited(); }}></textarea>
        </div>
        <div class="field ${err('decision-legal') ? 'field--error' : ''}" id="wrap-decision-legal">
          <label for="decision-legal">${t(needs.includes('legalBasis') ? 'cases.decision.legalBasis' : 'cases.decision.legalBasisOptional')}</label>
          <span class="hint" id="decision-legal-hint">${t('cases.decision.legalBasisHint')}</span>
          ${err('decision-legal') ? html`<span class="error-text" id="decision-legal-error">${err('decision-legal')}</span>` : nothing}
          <input id="decision-legal" type="text" .value=${this._legalBasis} aria-invalid=${err('decision-legal') ? 'true' : 'false'}
            aria-describedby="decision-legal-hint${err('decision-legal') ? ' decision-legal-error' : ''}"
            @input=${(e: Event) => { this._legalBasis = (e.target as HTMLInputElement).value; this.#edited(); }} />
        </div>
        <div class="actions">
          <button type="submit" class="btn" aria-disabled=${this._deciding ? 'true' : 'false'}>${this._deciding ? t('cases.decision.sending') : t('cases.decision.submit')}</button>
        </div>
      </form>
    </section>`;
  }

  #renderChoice(choice: ItemChoice, index: number) {
    const { t } = this.i18n;
    const checked = this._items.has(choice.key);
    const reasonId = 'item-reason-' + index;
    const error = this._fieldErrors.get(reasonId);
    const toggle = (on: boolean) => {
      const next = new Map(this._items);
      if (on) next.set(choice.key, next.get(choice.key) ?? '');
      else next.delete(choice.key);
      this._items = next;
      this.#edited();
    };
    return html`<div class="correction-item" data-item=${choice.key}>
      <div class="choice">
        <input type="checkbox" id="item-${index}" .checked=${checked} aria-describedby="items-hint" @change=${(e: Event) => toggle((e.target as HTMLInputElement).checked)} />
        <label for="item-${index}">${choice.item.material ? t('cases.correction.material') : t('cases.correction.answer')}: ${choice.label}</label>
      </div>
      ${checked ? html`<div class="field ${error ? 'field--error' : ''}" id="wrap-${reasonId}">
        <label for=${reasonId}>${t('cases.decision.itemReason', { label: choice.label })}</label>
        ${error ? html`<span class="error-text" id="${reasonId}-error">${error}</span>` : nothing}
        <input type="text" id=${reasonId} .value=${this._items.get(choice.key) ?? ''} aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? reasonId + '-error' : nothing}
          @input=${(e: Event) => { const next = new Map(this._items); next.set(choice.key, (e.target as HTMLInputElement).value); this._items = next; this.#edited(); }} />
      </div>` : nothing}
    </div>`;
  }
}

if (!customElements.get('egov-case-workbench-body')) customElements.define('egov-case-workbench-body', CaseWorkbenchBody);
