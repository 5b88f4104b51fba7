import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ApplicationPayload, ApplicationSummary, SubmittedApplication } from '../../services/applications';
import type { Subject as Applicant } from '../../services/session';
import type { ResubmissionPayload } from '../../core/case-types';
import type { EgovConfig, EgovLocale } from '../../services/config';
import type { DraftMaterial } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import type { SignatureEnvelope } from '../../core/crypto/envelope';
import { ApiError } from '../../services/api-client';
import { addWorkingDays } from '../../core/working-days';
import { formatAnswer, labelOf, sectionsOf, visibleFields, type SectionModel } from '../shared/field-model';
import type { SummaryError } from '../shared/error-summary';
import type { MaterialsController } from './materials';
import type { HeadingLevelController } from '../../controllers/heading-level';
// The signature element and these steps' messages come with the steps (SPEC §1: what a step needs loads when it is reached).
import '../../signature';
import '../../i18n/application-steps';

export { MaterialsController } from './materials';

/**
 * The later steps of `<egov-application-form>` — documents, check your answers, signature
 * and receipt — and what only they need (the signature element, the materials' uploads,
 * their messages). The form imports this module with `import()` when the applicant first
 * reaches one of them, and prefetches it while they fill in the form, so nothing waits.
 */

/** What the later steps read from the form, and what they ask it to do. */
export interface StepsHost {
  readonly def: ServiceDefinition;
  /** The answers as the draft holds them. */
  readonly data: Record<string, unknown>;
  readonly returnToReview: boolean;
  readonly receipt: SubmittedApplication | undefined;
  readonly applicant: Applicant | undefined;
  readonly errors: SummaryError[];
  readonly materials: MaterialsController;
  readonly payload: ApplicationPayload | ResubmissionPayload | undefined;
  /** The signature, while it is valid for the payload. */
  readonly envelope: SignatureEnvelope | undefined;
  readonly submit: 'idle' | 'submitting' | 'failed';
  readonly submitMessage: string;
  readonly signer: 'local' | 'remote';
  readonly config: EgovConfig;
  readonly mine: { state: 'loading' | 'ready' | 'error'; items: ApplicationSummary[]; error?: unknown } | undefined;
  readonly applicationsUrl: string;
  readonly locale: EgovLocale;
  t(key: string, params?: Record<string, string | number>): string;
  date(value: string | number | Date, style?: 'date' | 'datetime'): string;
  errorText(error: unknown): string;
  /** The levels of the form's headings (the step's heading is the top one). */
  readonly headings: HeadingLevelController;
  /** In correction mode, the answers and materials the officer named; undefined otherwise. */
  namedAnswers(): Set<string> | undefined;
  namedMaterials(): Set<string> | undefined;
  /** What a material shows: the attached one, or in correction mode the one on file. */
  materialShown(code: string): DraftMaterial | undefined;
  changeAnswer(section: SectionModel, name: string): void;
  changeMaterials(): void;
  next(): void;
  previous(): void;
  continueMaterials(): void;
  submitPressed(): void;
  signAgain(): void;
  signed(event: CustomEvent<{ envelope: SignatureEnvelope }>): void;
  startAgain(): void;
  loadMine(): void;
}

/** An answer as the review and the signer read it: dates as people read them, in China's calendar. */
function answerText(host: StepsHost, name: string, value: unknown, data: Record<string, unknown> = host.data): string {
  const def = host.def;
  const schema = def.form.schema.properties?.[name];
  if (schema?.format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return host.date(value);
  return formatAnswer(def, name, value, host.locale, data);
}

/** How a material reads in the review and in what is signed: the certificate by name and number, or the file's name. */
function materialText(host: StepsHost, code: string): string {
  const t = host.t;
  const r = host.def.materials.find((m) => m.code === code);
  const name = (r && ((host.locale === 'en' && r.nameEn) || r.name)) ?? code;
  const m = host.materialShown(code);
  return m?.certificateId
    ? t('app.materials.byReferenceShort', { name: m.certificateName ?? name, number: m.certificateNumber ?? '' })
    : m?.uploadId ? t('app.review.uploaded', { name: m.fileName ?? '' }) : t('app.review.notProvided');
}

/**
 * What the signer reads (SPEC §2 `<egov-signature summary>`): the service, each question's
 * label with the answer as shown in the review, and each material by name with its file or
 * certificate; all taken from the payload that is signed, in the page language.
 */
export function signatureSummary(host: StepsHost): Array<{ label: string; value: string }> {
  const def = host.def;
  const payload = host.payload;
  if (!payload) return [];
  const locale = host.locale;
  const data = payload.data;
  const rows = [{ label: host.t('app.receipt.service'), value: (locale === 'en' && def.nameEn) || def.name }];
  for (const section of sectionsOf(def, locale)) {
    for (const name of visibleFields(def, section, data)) {
      if (data[name] === undefined) continue;
      rows.push({ label: labelOf(def.form.schema.properties?.[name] ?? {}, name, locale), value: answerText(host, name, data[name], data) });
    }
  }
  for (const r of def.materials ?? []) {
    if (!payload.materials.some((m) => m.code === r.code)) continue;
    rows.push({ label: (locale === 'en' && r.nameEn) || r.name, value: materialText(host, r.code) });
  }
  return rows;
}

export function renderMaterials(host: StepsHost) {
  const t = host.t;
  const errorOf = (code: string) => host.errors.find((e) => e.controlId === `material-${code}`)?.message;
  return html`<p>${t('app.materials.intro')}</p>
    ${host.materials.render(errorOf)}
    <div class="actions">
      <button type="button" class="btn" @click=${() => host.continueMaterials()}>${host.returnToReview ? t('app.backToReview') : t('app.continue')}</button>
      <button type="button" class="btn btn--secondary" @click=${() => host.previous()}>${t('app.previous')}</button>
    </div>`;
}

export function renderReview(host: StepsHost) {
  const t = host.t;
  const def = host.def;
  const data = host.data;
  const locale = host.locale;
  const named = host.namedAnswers();
  const namedMaterials = host.namedMaterials();
  return html`<p>${t('app.review.intro')}</p>
    <div part="review" class="review">
      ${sectionsOf(def, locale).map((section) => html`<h3 aria-level=${ifDefined(host.headings.ariaLevel(1))}>${section.title}</h3>
        <dl class="summary">
          ${visibleFields(def, section, data).map((name) => {
            const label = labelOf(def.form.schema.properties?.[name] ?? {}, name, locale);
            return html`<div data-answer=${name}>
              <dt>${label}</dt>
              <dd>${answerText(host, name, data[name])}</dd>
              <dd class="change">${!named || named.has(name) ? html`<button type="button" class="btn btn--link" aria-label=${t('app.review.changeNamed', { label })}
                @click=${() => host.changeAnswer(section, name)}>${t('app.review.change')}</button>` : html`<span class="muted">${t('app.correction.unchanged')}</span>`}</dd>
            </div>`;
          })}
        </dl>`)}
      <h3 aria-level=${ifDefined(host.headings.ariaLevel(1))}>${t('app.review.materials')}</h3>
      <dl class="summary">
        ${(def.materials ?? []).map((r) => {
          const name = (locale === 'en' && r.nameEn) || r.name;
          return html`<div data-material=${r.code}>
            <dt>${name}</dt><dd>${materialText(host, r.code)}</dd>
            <dd class="change">${!namedMaterials || namedMaterials.has(r.code) ? html`<button type="button" class="btn btn--link" aria-label=${t('app.review.changeNamed', { label: name })}
              @click=${() => host.changeMaterials()}>${t('app.review.change')}</button>` : html`<span class="muted">${t('app.correction.unchanged')}</span>`}</dd>
          </div>`;
        })}
      </dl>
    </div>
    <div class="actions">
      <button type="button" class="btn" @click=${() => host.next()}>${t('app.review.confirm')}</button>
      <button type="button" class="btn btn--secondary" @click=${() => host.previous()}>${t('app.previous')}</button>
    </div>`;
}

export function renderSignature(host: StepsHost) {
  const t = host.t;
  const envelope = host.envelope;
  const submitting = host.submit === 'submitting';
  const failed = host.submit === 'failed' && host.submitMessage
    ? html`<div class="alert alert--error notice" role="alert" data-state="submit-failed">
        <p class="alert__title">${t('app.submit.failedHeading')}</p>
        <p>${host.submitMessage}</p>
      </div>`
    : nothing;
  if (envelope) {
    return html`${failed}
      <div class="alert alert--success notice" data-state="signed"><p>${t('app.signature.signed', { time: host.date(envelope.signedAt, 'datetime') })}</p></div>
      <div class="actions">
        <button type="button" class="btn submit-button" aria-disabled=${submitting ? 'true' : 'false'} @click=${() => host.submitPressed()}>
          ${submitting ? t('app.signature.submitting') : host.submit === 'failed' ? t('app.submit.retry') : t('app.signature.submit')}
        </button>
        <button type="button" class="btn btn--secondary" ?disabled=${submitting} @click=${() => host.signAgain()}>${t('app.signature.again')}</button>
        <button type="button" class="btn btn--secondary" ?disabled=${submitting} @click=${() => host.previous()}>${t('app.previous')}</button>
      </div>`;
  }
  const available = !!customElements.get('egov-signature');
  const config = host.config;
  return html`${failed}<p>${t('app.signature.intro')}</p>
    ${available
      ? html`<egov-signature .payload=${host.payload} .summary=${signatureSummary(host)} signer=${host.signer} locale=${host.locale}
          .apiBase=${config.apiBase} .token=${config.token} .tokenProvider=${config.tokenProvider}
          heading-level=${host.headings.level(1)} @egov-signed=${(e: CustomEvent<{ envelope: SignatureEnvelope }>) => host.signed(e)}></egov-signature>`
      : html`<div class="alert alert--error">${t('app.signature.missing')}</div>`}
    <div class="actions">
      <button type="button" class="btn btn--secondary" @click=${() => host.previous()}>${t('app.previous')}</button>
    </div>`;
}

/**
 * What a refused or failed submission tells the applicant, and what follows from it: the
 * signature is dropped when the server would refuse it again as it is.
 */
export function submitFailure(error: unknown, t: StepsHost['t'], errorText: StepsHost['errorText']): { message: string; dropSignature: boolean } {
  const api = error instanceof ApiError ? error : undefined;
  if (api?.retryable) return { message: api.code === 'OFFLINE' ? t('app.submit.offline') : t('app.submit.network'), dropSignature: false };
  if (api?.code === 'SIGNATURE_INVALID') return { message: t('app.submit.signatureInvalid'), dropSignature: true };
  if (api?.code === 'MATERIAL_INVALID') return { message: t('app.submit.materialInvalid'), dropSignature: true };
  if (api?.code === 'VALIDATION_FAILED') {
    return { message: t('app.submit.validation') + (api.fields.length ? ' ' + api.fields.map((f) => f.message).join('; ') : ''), dropSignature: true };
  }
  return { message: errorText(error), dropSignature: false };
}

function statusText(host: StepsHost, status: string): string {
  const key = `app.status.${status}`;
  const text = host.t(key);
  return text === key ? status : text;
}

export function renderReceipt(host: StepsHost) {
  const t = host.t;
  const receipt = host.receipt;
  const def = host.def;
  const mine = host.mine;
  const level = host.headings.ariaLevel(1);
  // The guide's time limit in working days from submission, in China's calendar (the case counts from acceptance).
  const due = receipt && def.guide ? host.date(addWorkingDays(new Date(receipt.submittedAt), def.guide.timeLimitDays)) : '';
  return html`${receipt
      ? html`<section part="receipt" class="receipt" aria-labelledby="receipt-number-label">
          <div class="receipt__panel">
            <p id="receipt-number-label">${t('app.receipt.number')}</p>
            <p class="receipt__number" translate="no">${receipt.receiptNo}</p>
          </div>
          <dl class="summary">
            <div><dt>${t('app.receipt.service')}</dt><dd>${(host.locale === 'en' && def.nameEn) || def.name}</dd><dd></dd></div>
            <div data-receipt-row="agency"><dt>${t('app.receipt.agency')}</dt><dd lang="zh-CN">${def.agency.name}</dd><dd></dd></div>
            ${host.applicant ? html`<div data-receipt-row="applicant"><dt>${t('app.receipt.applicant')}</dt><dd lang="zh-CN">${host.applicant.name}</dd><dd></dd></div>` : nothing}
            <div><dt>${t('app.receipt.time')}</dt><dd>${host.date(receipt.submittedAt, 'datetime')}</dd><dd></dd></div>
            ${due ? html`<div data-receipt-row="time-limit"><dt>${t('app.receipt.timeLimit')}</dt><dd>${t('app.guide.days', { days: def.guide!.timeLimitDays })}</dd><dd></dd></div>
              <div data-receipt-row="due"><dt>${t('app.receipt.due')}</dt><dd>${due}</dd><dd></dd></div>` : nothing}
            <div><dt>${t('app.receipt.status')}</dt><dd>${statusText(host, receipt.status)}</dd><dd></dd></div>
          </dl>
          <h3 aria-level=${ifDefined(level)}>${t('app.receipt.next')}</h3>
          <ul>
            <li>${due ? t('app.receipt.nextDecision', { agency: def.agency.name, days: def.guide!.timeLimitDays, due }) : t('app.receipt.next1')}</li>
            <li>${t('app.receipt.next2')}</li>
            <li>${t('app.receipt.next3')}</li>
          </ul>
          <div class="actions">
            <button type="button" class="btn" @click=${() => window.print()}>${t('app.receipt.print')}</button>
            <button type="button" class="btn btn--secondary" @click=${() => host.startAgain()}>${t('app.receipt.newApplication')}</button>
            ${host.applicationsUrl ? html`<a class="btn btn--secondary" href=${host.applicationsUrl}>${t('app.receipt.mine')}</a>` : nothing}
          </div>
        </section>`
      : nothing}
    <section class="mine no-print" aria-labelledby="mine-title">
      <h3 aria-level=${ifDefined(level)} id="mine-title">${t('app.mine.heading')}</h3>
      ${!mine || mine.state === 'loading'
        ? html`<egov-async-state state="loading"></egov-async-state>`
        : mine.state === 'error'
          ? html`<egov-async-state state="error" message=${host.errorText(mine.error)} @egov-retry=${() => host.loadMine()}></egov-async-state>`
          : mine.items.length === 0
            ? html`<p>${t('app.mine.empty')}</p>`
            : html`<div class="table-scroll"><table class="mine">
                <caption class="sr-only">${t('app.mine.heading')} · ${t('app.status.count', { count: mine.items.length })}</caption>
                <thead><tr><th scope="col">${t('app.mine.number')}</th><th scope="col">${t('app.mine.service')}</th><th scope="col">${t('app.mine.submittedAt')}</th><th scope="col">${t('app.mine.status')}</th></tr></thead>
                <tbody>${mine.items.map((a) => html`<tr data-receipt=${a.receiptNo}>
                  <td translate="no">${a.receiptNo}</td>
                  <td>${a.serviceName ?? (a.serviceCode === def.code ? def.name : a.serviceCode ?? '')}</td>
                  <td>${host.date(a.submittedAt, 'datetime')}</td>
                  <td>${statusText(host, a.status)}</td>
                </tr>`)}</tbody>
              </table></div>`}
    </section>`;
}
