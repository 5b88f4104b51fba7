import { html, nothing, type ReactiveController } from 'lit';
import type { DraftMaterial } from '../../services/drafts';
import { checkAnswers } from '../../core/answer-checks';
import { hostState } from '../../controllers/host-state';
import { afterPointer } from '../fields/pointer-settle';
import { fieldModel, submittedData, visibleFields, type SectionModel } from '../shared/field-model';
import type { SummaryError } from '../shared/error-summary';
import { controlId, fieldId, renderBoundAnswer, renderField, SECTION_FORM } from './section-renderer';
import type { FormContext } from './form-context';

interface AnswersState {
  /** The step's error summary, as announced after "continue". */
  errors: SummaryError[];
  /** Each answer's inline error. */
  fieldErrors: Map<string, string>;
}

type Problem = { name: string; message: string };

/**
 * The answers of a section: what is typed goes to the draft, and before the applicant moves
 * on every check the server makes (src/core/answer-checks.ts) runs on them, with the error
 * summary and each field's own error; the documents step's problems likewise.
 */
export class AnswersController implements ReactiveController {
  readonly #ctx: FormContext;
  readonly #s: AnswersState;

  constructor(ctx: FormContext) {
    this.#ctx = ctx;
    this.#s = hostState<AnswersState>(ctx.host, { errors: [], fieldErrors: new Map() });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  get state(): Readonly<AnswersState> {
    return this.#s;
  }

  clear(): void {
    this.#s.errors = [];
    this.#s.fieldErrors = new Map();
  }

  show(errors: Problem[]): void {
    this.#s.fieldErrors = new Map(errors.map((e) => [e.name, e.message]));
    this.#s.errors = errors.map((e) => ({ fieldId: fieldId(e.name), controlId: controlId(e.name), message: e.message }));
  }

  #onInput = (name: string, value: unknown) => {
    const ctx = this.#ctx;
    const draft = ctx.draft.state.draft;
    if (!ctx.def || !draft) return;
    const data = { ...draft.data };
    if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) delete data[name];
    else data[name] = value;
    if (JSON.stringify(data[name]) === JSON.stringify(draft.data[name])) return;
    ctx.draft.change({ data });
  };

  #onBlur = (name: string) => {
    void this.#ctx.draft.flush();
    // After the click that left the field, so nothing moves under the pointer (a press on the next control).
    if (this.#s.fieldErrors.has(name)) afterPointer(() => this.#revalidate());
  };

  /** Every check the server makes (the same module, the same "today" in China), on the answers as they would be submitted. */
  #problems(): Problem[] {
    const ctx = this.#ctx;
    const def = ctx.def!;
    const data = ctx.draft.state.draft!.data;
    const subject = ctx.session.subjectValues();
    return checkAnswers(def, submittedData(def.form.schema, def.form.ui, data), ctx.i18n.locale, subject ? { subject } : {})
      .map((p) => ({ name: p.path.split('/')[1] ?? '', message: p.message }));
  }

  #sectionErrors(section: SectionModel): Problem[] {
    const ctx = this.#ctx;
    const shown = new Set(visibleFields(ctx.def!, section, ctx.draft.state.draft!.data));
    const seen = new Set<string>();
    const out: Problem[] = [];
    for (const error of this.#problems()) {
      const name = error.name;
      if (!shown.has(name) || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, message: error.message });
    }
    // In the order the questions are asked.
    return section.fields.flatMap((f) => out.filter((e) => e.name === f));
  }

  /**
   * On leaving a field that had an error: the field's own inline error follows its answer
   * (and says so politely); the summary stays as it was announced after "continue" until
   * the next "continue", so it is not rebuilt and announced again on every blur.
   */
  #revalidate(): void {
    const step = this.#ctx.steps.current();
    if (step?.kind !== 'form' || !step.section) return;
    const previous = new Set(this.#s.fieldErrors.keys());
    this.#s.fieldErrors = new Map(this.#sectionErrors(step.section).filter((e) => previous.has(e.name)).map((e) => [e.name, e.message]));
  }

  #continueSection(section: SectionModel): void {
    const ctx = this.#ctx;
    void ctx.draft.flush();
    const errors = this.#sectionErrors(section);
    if (errors.length) {
      this.show(errors);
      ctx.steps.focusAfterUpdate('summary');
      return;
    }
    ctx.steps.next();
  }

  /** The attached materials changed (the documents step): saved, and their problems follow them once shown. */
  materialsChanged(materials: DraftMaterial[]): void {
    this.#ctx.draft.change({ materials });
    if (this.#s.errors.length && this.#ctx.steps.current()?.kind === 'materials') this.#refreshMaterialErrors();
  }

  #refreshMaterialErrors(): void {
    this.#s.errors = (this.#ctx.steps.materials?.problems() ?? []).map((p) => ({ fieldId: `field-material-${p.code}`, controlId: `material-${p.code}`, message: p.message }));
  }

  continueMaterials(): void {
    const ctx = this.#ctx;
    this.#refreshMaterialErrors();
    if (this.#s.errors.length) {
      ctx.steps.focusAfterUpdate('summary');
      return;
    }
    // Before review: every answer passes every server check, or back to the first answer that does not.
    if (ctx.correction.toAnswer(this.#problems().map((p) => ({ path: `/${p.name}`, message: p.message })))) return;
    ctx.steps.next();
  }

  /** A section of the form: its questions (answers bound to the sign-in read-only), continue and back. */
  renderSection(section: SectionModel) {
    const ctx = this.#ctx;
    const t = ctx.t;
    const def = ctx.def!;
    const draft = ctx.draft.state.draft;
    const data = draft?.data ?? {};
    const locale = ctx.i18n.locale;
    const correcting = !!ctx.correction.application;
    const subjectAnswers = ctx.session.state.subjectAnswers;
    const handlers = { input: this.#onInput, blur: this.#onBlur, t };
    return html`${section.description ? html`<p class="muted">${section.description}</p>` : nothing}
      <div class="section-fields">
        ${visibleFields(def, section, data).map((name) => {
          const model = fieldModel(def, name, locale, data);
          const bound = correcting ? undefined : subjectAnswers[name];
          return bound !== undefined ? renderBoundAnswer(model, bound, t('app.field.fromSignIn')) : renderField(model, data[name], this.#s.fieldErrors.get(name), handlers);
        })}
      </div>
      <form id=${SECTION_FORM} novalidate @submit=${(e: Event) => { e.preventDefault(); this.#continueSection(section); }}>
        <div class="actions">
          <button type="submit" class="btn">${draft?.returnToReview ? t('app.backToReview') : t('app.continue')}</button>
          <button type="button" class="btn btn--secondary" @click=${() => ctx.steps.previous()}>${t('app.previous')}</button>
        </div>
      </form>
      ${correcting ? ctx.correction.renderUnchanged() : nothing}`;
  }
}
