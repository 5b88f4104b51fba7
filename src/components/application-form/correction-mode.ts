import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { FieldError } from '../../services/api-client';
import type { MaterialRef } from '../../services/applications';
import type { ApplicationDetail } from '../../services/cases';
import type { ResubmissionPayload } from '../../core/case-types';
import { newDraft, type Draft, type DraftMaterial } from '../../services/drafts';
import type { ServiceDefinition } from '../../core/service-definition';
import { loadLocale } from '../../core/i18n';
import { hostState } from '../../controllers/host-state';
import { formatAnswer, labelOf, sectionsOf, submittedData } from '../shared/field-model';
import type { FormContext } from './form-context';

interface CorrectionState {
  /** Correction mode: the application as the officer left it. */
  application: ApplicationDetail | undefined;
}

/**
 * Correction mode (SPEC §6, the `application` attribute): the application as the officer
 * left it, only the answers and materials they named open to change, its own draft, what is
 * resubmitted; and, for every application, a server refusal taking the applicant to the
 * answer it names. The code only correction mode needs (correction.ts) loads with the
 * application it opens.
 */
export class CorrectionController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: CorrectionState;
  /** Correction mode's module (correction.ts), loaded when an application is opened. */
  #module: typeof import('./correction') | undefined;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#s = hostState<CorrectionState>(ctx.host, { application: undefined });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  /** The application being corrected, or undefined for a new application. */
  get application(): ApplicationDetail | undefined {
    return this.#s.application;
  }

  reset(): void {
    this.#s.application = undefined;
  }

  /** Reads the application (correction mode's own code and messages come with it). */
  async fetch(id: string): Promise<ApplicationDetail> {
    const parts = (this.#module ??= await import('./correction'));
    await loadLocale(this.#ctx.i18n.locale).catch(() => undefined);
    return parts.getApplication(this.#ctx.client, id);
  }

  open(application: ApplicationDetail): void {
    this.#s.application = application;
  }

  /** Whether the application can be corrected now; otherwise the form says why not. */
  get correctable(): boolean {
    const c = this.#s.application;
    return !c || c.status === 'correction_requested';
  }

  /** A correction's draft is its own, one per application and round, apart from new applications. */
  draftCode(def: ServiceDefinition): string {
    const c = this.#s.application;
    return c ? `${def.code}@${c.id}#${c.version}` : def.code;
  }

  freshDraft(subjectId: string, def: ServiceDefinition): Draft {
    const draft = newDraft(subjectId, this.draftCode(def));
    const c = this.#s.application;
    if (!c) return draft;
    return { ...draft, data: { ...c.data }, materials: c.materials.map((m) => this.#draftMaterial(m)) };
  }

  #draftMaterial(m: ApplicationDetail['materials'][number]): DraftMaterial {
    if (m.certificateId) return { code: m.code, certificateId: m.certificateId, ...(m.certificate ? { certificateNumber: m.certificate.number, certificateName: m.certificate.type.name } : {}) };
    const upload = m.upload;
    return { code: m.code, uploadId: m.uploadId ?? upload?.uploadId ?? '', fileName: this.#ctx.t('app.correction.earlierUpload'), ...(upload ? { size: upload.size, mediaType: upload.mediaType } : {}) };
  }

  /** The answers the officer named (top-level names of their JSON pointers). */
  namedAnswers(): Set<string> {
    const items = this.#s.application?.corrections ?? [];
    return new Set(items.flatMap((i) => (i.path ? [i.path.split('/')[1]!.replace(/~1/g, '/').replace(/~0/g, '~')] : [])));
  }

  namedMaterials(): Set<string> {
    return new Set((this.#s.application?.corrections ?? []).flatMap((i) => (i.material ? [i.material] : [])));
  }

  /** The materials the applicant may change: all of them, or in correction mode the named ones. */
  requirements(def: ServiceDefinition) {
    const all = def.materials ?? [];
    if (!this.#s.application) return all;
    const named = this.namedMaterials();
    return all.filter((r) => named.has(r.code));
  }

  /** What a material shows in the review: the attached one, or in correction mode the one on file. */
  materialShown(code: string): DraftMaterial | undefined {
    const attached = this.#ctx.steps.attached().find((a) => a.code === code);
    const c = this.#s.application;
    if (attached || !c || this.namedMaterials().has(code)) return attached;
    const original = c.materials.find((m) => m.code === code);
    return original ? this.#draftMaterial(original) : undefined;
  }

  /** What is resubmitted: the answers and materials on file, the named ones as the applicant now has them. */
  payload(def: ServiceDefinition, draft: Draft, ref: (m: DraftMaterial) => MaterialRef): ResubmissionPayload {
    const c = this.#s.application!;
    const named = this.namedMaterials();
    const attached = this.#ctx.steps.attached();
    const materials = [
      ...c.materials.flatMap((m) => (named.has(m.code) ? attached.filter((a) => a.code === m.code).map(ref) : [this.#module!.materialRef(m)])),
      ...attached.filter((a) => !c.materials.some((m) => m.code === a.code)).map(ref),
    ];
    const data = { ...c.data };
    for (const name of this.namedAnswers()) {
      if (draft.data[name] === undefined || draft.data[name] === '') delete data[name];
      else data[name] = draft.data[name];
    }
    return { serviceCode: def.code, data: submittedData(def.form.schema, def.form.ui, data), materials, applicationId: c.id, version: c.version + 1 };
  }

  /** Takes the applicant to the answer the server refused, with the server's message (SPEC §2). */
  toAnswer(fields: FieldError[]): boolean {
    const steps = this.#ctx.steps;
    const all = steps.list();
    const nameOf = (path: string) => path.replace(/^\/?(data[/.])?/, '').split(/[/.[]/)[0] ?? '';
    const stepOf = (name: string) => all.find((s) => s.kind === 'form' && s.section?.fields.includes(name));
    const first = fields.map((f) => nameOf(f.path)).find((name) => stepOf(name));
    if (!first) return false;
    const step = stepOf(first)!;
    const errors = fields.filter((f) => stepOf(nameOf(f.path)) === step).map((f) => ({ name: nameOf(f.path), message: f.message }));
    steps.go(step.id, { field: first });
    this.#ctx.answers.show(errors);
    steps.focusAfterUpdate('summary');
    return true;
  }

  /** The officer's requests, on every step of a correction until it is signed. */
  renderRequests() {
    const ctx = this.#ctx;
    const c = this.#s.application!;
    const t = ctx.t;
    return html`<section class="correction-requests" aria-labelledby="requests-title" data-version=${c.version}>
      <h3 aria-level=${ifDefined(ctx.headings.ariaLevel(1))} id="requests-title">${t('app.correction.requests')}</h3>
      ${this.#module!.renderCorrections(c.corrections ?? [], ctx.def, ctx.i18n.locale, t)}
    </section>`;
  }

  /** In correction mode, the answers that stay as they were, shown but not editable. */
  renderUnchanged() {
    const ctx = this.#ctx;
    const def = ctx.def!;
    const c = this.#s.application!;
    const named = this.namedAnswers();
    const locale = ctx.i18n.locale;
    const rest = sectionsOf(def, locale).flatMap((s) => s.fields).filter((f) => !named.has(f) && c.data[f] !== undefined);
    if (!rest.length) return nothing;
    return html`<h3 aria-level=${ifDefined(ctx.headings.ariaLevel(1))}>${ctx.t('app.correction.unchangedTitle')}</h3>
      <dl class="summary" data-readonly>
        ${rest.map((name) => html`<div data-answer=${name}><dt>${labelOf(def.form.schema.properties?.[name] ?? {}, name, locale)}</dt>
          <dd>${formatAnswer(def, name, c.data[name], locale, c.data)}</dd><dd class="change"><span class="muted">${ctx.t('app.correction.unchanged')}</span></dd></div>`)}
      </dl>`;
  }
}
