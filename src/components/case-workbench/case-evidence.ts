import { html, nothing } from 'lit';
import type { LocaleController } from '../../controllers/locale-controller';
import { formatBytes } from '../../core/i18n';
import type { ServiceDefinition } from '../../core/service-definition';
import type { ApplicationDetail, BrowserVerdict, CaseMaterial, SignatureVerdict } from '../../services/cases';
import { formatAnswer, labelOf, sectionsOf } from '../shared/field-model';

/**
 * The evidence of a case as the officer's workbench shows it (case-workbench-body.ts): the
 * applicant's signature checked in this browser, the answers under their questions, each
 * material with its seal check or its download.
 */

/** What the evidence is rendered from: the body's locale, the service, the checks made so far. */
export interface CaseEvidence {
  i18n: LocaleController;
  def: ServiceDefinition | undefined;
  signature: SignatureVerdict | undefined;
  seals: Map<string, BrowserVerdict> | undefined;
  openUpload(material: CaseMaterial): void;
}

export function renderSignature(view: CaseEvidence, c: ApplicationDetail) {
  const { t, date } = view.i18n;
  const v = view.signature;
  const status = v?.status ?? 'checking';
  return html`<section part="signature-check" class="panel" aria-labelledby="signature-heading" data-status=${status}>
    <h3 id="signature-heading">${t('cases.signature.title')}</h3>
    <p class="muted">${t('cases.signature.intro')}</p>
    ${!v
      ? html`<egov-async-state state="loading" message=${t('cases.signature.checking')}></egov-async-state>`
      : html`<p class="check check--${v.status === 'valid' ? 'pass' : 'fail'}">
          <span class="check__icon" aria-hidden="true">${v.status === 'valid' ? '✓' : '✕'}</span>
          <span><strong>${t('cases.signature.' + v.status)}</strong><br />${t('cases.signature.' + v.status + '.detail', { version: c.version })}</span>
        </p>
        ${v.status !== 'missing' ? html`<dl class="facts">
          <dt>${t('cases.signature.signer')}</dt><dd class="mono" translate="no">${v.envelope.signerId}</dd>
          <dt>${t('cases.signature.algorithm')}</dt><dd translate="no">${v.envelope.algorithm}</dd>
          <dt>${t('cases.signature.signedAt')}</dt><dd>${date(v.envelope.signedAt, 'datetime')}</dd>
          <dt>${t('cases.signature.digest')}</dt><dd class="mono" translate="no">${v.envelope.digest}</dd>
        </dl>` : nothing}`}
  </section>`;
}

export function renderAnswers(view: CaseEvidence, c: ApplicationDetail) {
  const { t } = view.i18n;
  const def = view.def;
  const locale = view.i18n.locale;
  const flagged = new Set((c.corrections ?? []).map((i) => i.path).filter(Boolean));
  const sections = def ? sectionsOf(def, locale) : [{ id: 'main', title: t('cases.answers.title'), description: '', fields: Object.keys(c.data) }];
  const listed = new Set(sections.flatMap((s) => s.fields));
  const extra = Object.keys(c.data).filter((k) => !listed.has(k));
  const row = (name: string) => {
    const schema = def?.form.schema.properties?.[name];
    const label = schema ? labelOf(schema, name, locale) : name;
    const value = def ? formatAnswer(def, name, c.data[name], locale, c.data) : JSON.stringify(c.data[name]);
    return html`<dt>${label}${flagged.has('/' + name) ? html` <span class="badge badge--neutral">${t('cases.correction.flag')}</span>` : nothing}</dt><dd data-answer=${name}>${value}</dd>`;
  };
  return html`<section part="answers" class="panel" aria-labelledby="answers-heading">
    <h3 id="answers-heading">${t('cases.answers.title')}</h3>
    ${sections.map((s) => {
      const fields = s.fields.filter((f) => f in c.data);
      return fields.length ? html`<h4>${s.title}</h4><dl class="facts">${fields.map(row)}</dl>` : nothing;
    })}
    ${extra.length ? html`<h4>${t('cases.answers.other')}</h4><dl class="facts">${extra.map(row)}</dl>` : nothing}
  </section>`;
}

export function renderMaterials(view: CaseEvidence, c: ApplicationDetail) {
  const { t } = view.i18n;
  const locale = view.i18n.locale;
  return html`<section class="panel" aria-labelledby="materials-heading">
    <h3 id="materials-heading">${t('cases.materials.title')}</h3>
    ${!c.materials.length ? html`<p class="muted">${t('cases.materials.none')}</p>` : html`<ul class="list">
      ${c.materials.map((m) => {
        const req = view.def?.materials?.find((r) => r.code === m.code);
        const name = (req && ((locale === 'en' && req.nameEn) || req.name)) || m.code;
        return html`<li part="material" class="item" data-material=${m.code}>
          <h4>${name}</h4>
          ${m.certificate ? renderCertificate(view, m) : renderUpload(view, m, name)}
        </li>`;
      })}
    </ul>`}
  </section>`;
}

function renderCertificate(view: CaseEvidence, m: CaseMaterial) {
  const { t, date } = view.i18n;
  const cert = m.certificate!;
  const verdict = view.seals?.get(m.code);
  const status = verdict?.status ?? 'checking';
  return html`<dl class="facts">
      <dt>${t('cases.material.certificate')}</dt><dd>${cert.type.name}</dd>
      <dt>${t('cases.material.number')}</dt><dd class="mono" translate="no">${cert.number}</dd>
      <dt>${t('cases.material.issuer')}</dt><dd>${cert.issuer.name}</dd>
      <dt>${t('cases.material.validUntil')}</dt><dd>${date(cert.validUntil)}</dd>
    </dl>
    <p class="check check--${!verdict ? 'unknown' : verdict.status === 'valid' ? 'pass' : verdict.status === 'indeterminate' ? 'unknown' : 'fail'}" data-seal=${status}>
      <span class="check__icon" aria-hidden="true">${!verdict ? '…' : verdict.status === 'valid' ? '✓' : verdict.status === 'indeterminate' ? '?' : '✕'}</span>
      <span>${verdict ? t('cases.seal.' + verdict.status) : t('cases.seal.checking')}</span>
    </p>`;
}

function renderUpload(view: CaseEvidence, m: CaseMaterial, name: string) {
  const { t } = view.i18n;
  const u = m.upload;
  return html`${u ? html`<dl class="facts">
      <dt>${t('cases.material.type')}</dt><dd translate="no">${u.mediaType}</dd>
      <dt>${t('cases.material.size')}</dt><dd>${formatBytes(view.i18n.locale, u.size)}</dd>
      <dt>${t('cases.material.sm3')}</dt><dd class="mono" translate="no">${u.sm3}</dd>
    </dl>` : nothing}
    <button type="button" class="btn btn--secondary" aria-label=${t('cases.material.openNamed', { name })} @click=${() => view.openUpload(m)}>${t('cases.material.open')}</button>`;
}
