import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { EgovLocale } from '../../services/config';
import type { ServiceDefinition } from '../../core/service-definition';

/**
 * The service guide (SPEC §2 `guide`, Art. 30): what, who, materials, basis, time limit,
 * fee, contact; the materials the platform already holds for the applicant marked.
 */
export function renderGuide(options: {
  def: ServiceDefinition;
  locale: EgovLocale;
  held: ReadonlySet<string>;
  t: (key: string, params?: Record<string, string | number>) => string;
  /** `aria-level` of its headings. */
  level: number | undefined;
  start: () => void;
}) {
  const { def, held, t, level } = options;
  const en = options.locale === 'en';
  const g = def.guide;
  const pick = (zh: string | undefined, english: string | undefined) => (en && english) || zh || '';
  const eligibility = g ? (en && g.eligibilityEn?.length ? g.eligibilityEn : g.eligibility) : [];
  return html`<section class="guide" aria-labelledby="guide-about">
      <h3 aria-level=${ifDefined(level)} id="guide-about">${t('app.guide.about')}</h3>
      <p>${pick(g?.summary ?? def.description, g?.summaryEn ?? def.descriptionEn)}</p>
      <dl class="summary guide__facts">
        <div><dt>${t('app.guide.agency')}</dt><dd lang="zh-CN">${def.agency.name}</dd><dd></dd></div>
        ${eligibility.length ? html`<div><dt>${t('app.guide.eligibility')}</dt><dd><ul class="guide__list">${eligibility.map((e) => html`<li>${e}</li>`)}</ul></dd><dd></dd></div>` : nothing}
        <div><dt>${t('app.guide.legalBasis')}</dt><dd lang="zh-CN">${def.legalBasis}</dd><dd></dd></div>
        ${g ? html`<div data-guide="time-limit"><dt>${t('app.guide.timeLimit')}</dt><dd>${t('app.guide.days', { days: g.timeLimitDays })}</dd><dd></dd></div>
          <div data-guide="fee"><dt>${t('app.guide.fee')}</dt><dd>${pick(g.fee, g.feeEn)}</dd><dd></dd></div>
          ${g.contact ? html`<div data-guide="contact"><dt>${t('app.guide.contact')}</dt><dd>${pick(g.contact, g.contactEn)}</dd><dd></dd></div>` : nothing}` : nothing}
      </dl>
      <h3 aria-level=${ifDefined(level)} id="guide-materials">${t('app.guide.materials')}</h3>
      <ul class="guide__materials" aria-labelledby="guide-materials">
        ${(def.materials ?? []).map((m) => {
          const name = (en && m.nameEn) || m.name;
          return html`<li data-material=${m.code}>
            <span class="guide__material-name">${name}</span>
            <span class="tag ${m.required ? 'tag--required' : ''}">${m.required ? t('app.guide.materialRequired') : t('app.guide.materialOptional')}</span>
            ${held.has(m.code) ? html`<span class="guide__held" data-held>${t('app.guide.held', { name })}</span>` : nothing}
          </li>`;
        })}
      </ul>
      <h3 aria-level=${ifDefined(level)} id="guide-paper">${t('app.guide.paper')}</h3>
      ${def.paperRequired?.length
        ? html`<ul class="guide__list" aria-labelledby="guide-paper" data-guide="paper">${def.paperRequired.map((p) => html`<li data-paper=${p.code}>
            ${t(p.kind === 'presence' ? 'app.guide.presence' : 'app.guide.paperOriginal')}${pick(p.what, p.whatEn)} <span class="muted">(<span lang="zh-CN">${p.legalBasis}</span>)</span></li>`)}</ul>`
        : html`<p data-guide="paper">${t('app.guide.noPaper')}</p>`}
    </section>
    <div class="actions"><button type="button" class="btn" @click=${options.start}>${t('app.guide.start')}</button></div>`;
}
