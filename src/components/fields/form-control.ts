import { html, isServer, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { EgovElement } from '../base/egov-element';
import { uniqueId } from '../../internal/ids';
import type { JsonSchema } from '../../core/service-definition';
import { validateValue, type ValidationError } from '../../core/validation';
import '../../i18n/fields';
import '../../i18n/validation';
import { AnnounceController } from '../../controllers/announce-controller';
import { afterPointer, pointerPressed, trackPointer } from './pointer-settle';

/** How long typing must pause before a changed inline error is said. */
const TYPING_PAUSE_MS = 1000;
/** After a form is submitted its error summary speaks for the fields: they stay quiet this long. */
const SUMMARY_SPEAKS_MS = 1500;

export interface FieldProblem {
  flags: ValidityStateFlags;
  message: string;
}

export interface EgovChangeDetail {
  /** The field's `name`. */
  name: string;
  /** The answer as JSON for the schema (number, boolean, normalised string, File), or undefined when empty. */
  value: unknown;
  /** Whether the field now passes its checks. */
  valid: boolean;
}

/** Which ValidityState flag a failed schema keyword sets, so `:invalid` and `validity` read as on a native input. */
const FLAG_OF: Record<string, keyof ValidityStateFlags> = {
  required: 'valueMissing',
  maxLength: 'tooLong',
  minLength: 'tooShort',
  pattern: 'patternMismatch',
  'x-egov-format': 'patternMismatch',
  format: 'typeMismatch',
  type: 'badInput',
  minimum: 'rangeUnderflow',
  exclusiveMinimum: 'rangeUnderflow',
  maximum: 'rangeOverflow',
  exclusiveMaximum: 'rangeOverflow',
  minItems: 'rangeUnderflow',
  maxItems: 'rangeOverflow',
};

export function problemFromErrors(errors: ValidationError[]): FieldProblem | null {
  const first = errors[0];
  if (!first) return null;
  const flag: keyof ValidityStateFlags = first.keyword === 'const' && first.params.expected === 'true' ? 'valueMissing' : FLAG_OF[first.keyword] ?? 'customError';
  return { flags: { [flag]: true }, message: first.message };
}

/**
 * What every form field shares: form association through ElementInternals (value, validity
 * with the shared validation module's message, `:state(user-invalid)` once the person has
 * changed the field or the form was submitted), the `form` attribute, reset, disabling
 * from a fieldset, state restore, label/hint/error wiring with `aria-describedby`, and the
 * `change`/`egov-change` events a portal's own `<form>` code expects.
 *
 * The field says its own inline error politely (its live region, `announcer`): once when
 * it appears, changes or goes as the person leaves the field or pauses typing, never while a
 * form's submission is being answered (the form's error summary says it then), and never
 * the same words twice.
 */
export abstract class EgovFormControl extends EgovElement {
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Name under which the value is submitted with the form. */
  @property({ reflect: true }) name = '';
  /** An answer must be given. */
  @property({ type: Boolean, reflect: true }) required = false;
  /** The field cannot be used and is not submitted (a disabled `<fieldset>` does the same). */
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Visible label (in the reader's language). */
  @property() label = '';
  /** Help text under the label. */
  @property() hint = '';
  /**
   * An error from outside (for instance the server's answer): shown at once and makes the
   * field invalid, until the person changes the value.
   */
  @property() error = '';
  /** The JSON Schema of this one answer (what `<egov-application-form>` passes); attributes add to it. */
  @property({ attribute: false }) schema?: JsonSchema;

  /** Disabled through an ancestor `<fieldset disabled>` or its own `disabled`. */
  @state() protected formDisabled = false;
  /** The person changed the field, or the form was submitted or checked: errors may show. */
  @state() protected interacted = false;
  @state() protected problem: FieldProblem | null = null;

  protected readonly internals: ElementInternals;
  /** The field's polite live region (render `announcer.region()`), shared by its inline error and its own news. */
  protected readonly announcer = new AnnounceController(this);
  #customValidity = '';
  protected readonly ids = { control: uniqueId('egov-control'), hint: uniqueId('egov-hint'), error: uniqueId('egov-error'), label: uniqueId('egov-label') };

  constructor() {
    super();
    this.internals = this.attachInternals();
    this.addEventListener('invalid', () => {
      this.interacted = true;
      this.syncStates();
      // Reported by a submission or reportValidity(): on screen now, said by the form's summary or the browser.
      this.#heard = this.#visibleError();
      this.#summarySpoke();
    });
    // The person leaves the field, commits a choice, or types: the error on screen may change.
    this.addEventListener('focusout', () => this.#sayErrorSoon(0));
    this.addEventListener('change', () => this.#sayErrorSoon(0));
    this.addEventListener('input', () => this.#sayErrorSoon(TYPING_PAUSE_MS));
  }

  /** The inline error as last said (or shown while the form's summary spoke): '' for none. */
  #heard = '';
  #sayTimer: ReturnType<typeof setTimeout> | undefined;
  #saying = false;
  #summaryAt = -Infinity;
  #form: HTMLFormElement | null = null;
  readonly #onSubmit = () => this.#summarySpoke();

  /** The error the field shows once no press holds the layout: '' for none. */
  #visibleError(): string {
    const wanted = !!this.problem && (this.interacted || !!this.error) && !this.isDisabled;
    return wanted ? this.problem!.message : '';
  }

  #summarySpoke(): void {
    this.#summaryAt = performance.now();
  }

  #sayErrorSoon(delay: number): void {
    clearTimeout(this.#sayTimer);
    this.#saying = true;
    // After a press has become its click (that click may submit the form), and after its update.
    this.#sayTimer = setTimeout(() => afterPointer(() => { this.#sayTimer = setTimeout(() => this.#sayError(), 0); }), delay);
  }

  #sayError(): void {
    this.#saying = false;
    const visible = this.#visibleError();
    if (visible === this.#heard) return;
    const before = this.#heard;
    this.#heard = visible;
    // An error the submission brought is the summary's to say; that one has gone is the field's.
    if (visible && performance.now() - this.#summaryAt < SUMMARY_SPEAKS_MS) return;
    if (visible) this.announcer.announce(this.i18n.t('fields.errorPrefix') + visible);
    else if (before) this.announcer.announce(this.i18n.t('fields.errorCleared', this.label ? { label: this.label } : {}));
  }

  /** The JSON value of the answer for the schema, undefined when empty. */
  abstract get jsonValue(): unknown;
  /** What the form submits for this field. */
  protected abstract formValue(): string | File | FormData | null;
  /** The state to restore after a reload or history navigation (string or File). */
  protected formState(): string | File | FormData | null {
    return this.formValue();
  }
  /** The inner control that takes focus and anchors the validation bubble. */
  protected abstract focusTarget(): HTMLElement | null;
  protected abstract resetValue(): void;
  protected abstract restoreValue(state: string | File | FormData | null): void;
  /** The schema the value is checked against: `schema` plus what the attributes say. */
  protected fieldSchema(): JsonSchema {
    return this.schema ?? {};
  }
  /** The value the checks judge: the JSON value, unless a field judges what it will become. */
  protected validatedValue(): unknown {
    return this.jsonValue;
  }
  /** A check that is not a schema keyword (a file's size, a date before `min`…). */
  protected extraProblem(): FieldProblem | null {
    return null;
  }

  /** The form this field belongs to (by nesting or its `form` attribute). */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }
  get validity(): ValidityState {
    return this.internals.validity;
  }
  get validationMessage(): string {
    return this.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.internals.willValidate;
  }
  /** The labels of the field in the page (`<label for>` pointing at it). */
  get labels(): NodeList {
    return this.internals.labels;
  }
  /** As on a native input: a message that makes the field invalid until set to ''. Shown once the person has interacted. */
  setCustomValidity(message: string): void {
    this.#customValidity = message ?? '';
    this.commit();
  }
  checkValidity(): boolean {
    return this.internals.checkValidity();
  }
  reportValidity(): boolean {
    this.interacted = true;
    this.syncStates();
    return this.internals.reportValidity();
  }
  /** Focuses the inner control, as a label click or an error summary link would. */
  override focus(options?: FocusOptions): void {
    const target = this.focusTarget();
    if (target) target.focus(options);
    else super.focus(options);
  }
  override blur(): void {
    this.focusTarget()?.blur();
  }

  /** Platform callbacks of form-associated custom elements. */
  formResetCallback(): void {
    this.resetValue();
    this.error = '';
    this.interacted = false;
    this.commit();
  }
  formAssociatedCallback(): void {
    if (this.isConnected) this.#watchForm();
  }
  formDisabledCallback(disabled: boolean): void {
    this.formDisabled = disabled;
  }
  formStateRestoreCallback(state: string | File | FormData | null): void {
    this.restoreValue(state);
    this.commit();
  }

  protected get isDisabled(): boolean {
    return this.disabled || this.formDisabled;
  }

  #errorShown = false;
  /** The problem on screen: while a press holds the layout, the one shown before it was put right. */
  #shownProblem: FieldProblem | null = null;

  /**
   * Whether the error shows now (GOV.UK: after the person is done with the field, not while
   * typing the first time). While a pointer is pressed it stays as it was until the click is
   * done, so leaving the field by clicking the next control never moves that control away.
   */
  protected get showError(): boolean {
    const wanted = !!this.problem && (this.interacted || !!this.error) && !this.isDisabled;
    if (wanted !== this.#errorShown && pointerPressed()) {
      afterPointer(() => this.requestUpdate());
      return this.#errorShown;
    }
    this.#errorShown = wanted;
    if (wanted) this.#shownProblem = this.problem;
    return wanted;
  }

  /** Pushes value and validity to the form, synchronously (so `form.checkValidity()` right after a change is right). */
  protected commit(): void {
    this.internals.setFormValue(this.formValue(), this.formState());
    const next = this.computeProblem();
    // Keep the same object for the same verdict, so a commit during an update does not start another.
    if (!sameProblem(next, this.problem)) this.problem = next;
    if (this.problem) this.internals.setValidity(this.problem.flags, this.problem.message, this.focusTarget() ?? undefined);
    else this.internals.setValidity({});
    this.syncStates();
  }

  protected computeProblem(): FieldProblem | null {
    if (this.error) return { flags: { customError: true }, message: this.error };
    if (this.#customValidity) return { flags: { customError: true }, message: this.#customValidity };
    const extra = this.extraProblem();
    if (extra) return extra;
    return problemFromErrors(validateValue(this.fieldSchema(), this.validatedValue(), { required: this.required, locale: this.i18n.locale, ...(this.label ? { label: this.label } : {}) }));
  }

  protected syncStates(): void {
    const states = this.internals.states;
    const invalid = !!this.problem && !this.isDisabled;
    toggleState(states, 'user-invalid', invalid && (this.interacted || !!this.error));
    toggleState(states, 'user-valid', !invalid && this.interacted);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    trackPointer();
    this.commit();
    this.#watchForm();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#sayTimer);
    this.#saying = false;
    this.#form?.removeEventListener('submit', this.#onSubmit, true);
    this.#form = null;
  }

  /** A submission of the field's form is the summary's moment (the form attribute may change which form). */
  #watchForm(): void {
    const form = this.internals.form;
    if (form === this.#form) return;
    this.#form?.removeEventListener('submit', this.#onSubmit, true);
    this.#form = form;
    form?.addEventListener('submit', this.#onSubmit, true);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    // Attributes, schema, locale: anything may change the verdict or its wording.
    this.commit();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The anchor of the validation bubble exists only after the first render.
    if (changed.has('problem') && this.problem) this.internals.setValidity(this.problem.flags, this.problem.message, this.focusTarget() ?? undefined);
    // An error set from outside with no move of the person's (a server's answer) is on screen, not news to say later.
    if (changed.has('error') && this.error && !this.#saying) this.#heard = this.#visibleError();
  }

  /** The person committed a change: errors may show from now on; tell the page. */
  protected committed(): void {
    if (this.error) this.error = '';
    this.interacted = true;
    this.commit();
    this.dispatchEvent(new Event('change', { bubbles: true }));
    this.emit('egov-change', { name: this.name, value: this.jsonValue, valid: !this.problem });
  }

  protected describedBy(extra: string[] = []): string | typeof nothing {
    const ids = [...(this.hasHint ? [this.ids.hint] : []), ...extra, ...(this.showError ? [this.ids.error] : [])];
    return ids.length ? ids.join(' ') : nothing;
  }

  /** A hint from the attribute, the element's own default, or `slot="hint"` content. */
  protected get hasHint(): boolean {
    return !!this.hintText || this.#slotted('hint');
  }

  #slotted(name: string): boolean {
    // On a server (@lit-labs/ssr) there are no children to look at: the browser re-checks on upgrade.
    if (isServer) return false;
    for (const child of this.children) if (child.getAttribute('slot') === name) return true;
    return false;
  }

  /** The label's content: `slot="label"` content (for a label with a link), else the `label` attribute. */
  protected labelContent(): TemplateResult {
    return html`<slot name="label">${this.label}</slot>`;
  }

  protected get hintText(): string {
    return this.hint;
  }

  protected renderLabel(forId: string | undefined = this.ids.control): TemplateResult {
    return html`<label part="label" class="label" id=${this.ids.label} for=${forId ?? nothing}>${this.labelContent()}${this.renderOptional()}</label>`;
  }

  protected renderOptional(): TemplateResult | typeof nothing {
    return this.required ? nothing : html`<span class="optional" part="optional">${this.i18n.t('fields.optional')}</span>`;
  }

  protected renderHint(): TemplateResult | typeof nothing {
    return this.hasHint ? html`<div part="hint" class="hint" id=${this.ids.hint}><slot name="hint">${this.hintText}</slot></div>` : nothing;
  }

  /** The inline error when it shows, and the field's live region, always there (so its first words are heard). */
  protected renderError(): TemplateResult {
    const error = this.showError
      ? html`<p part="error-message" class="error-text" id=${this.ids.error}><span class="sr-only">${this.i18n.t('fields.errorPrefix')}</span>${(this.problem ?? this.#shownProblem)?.message ?? ''}</p>`
      : nothing;
    return html`${error}${this.announcer.region()}`;
  }
}

function sameProblem(a: FieldProblem | null, b: FieldProblem | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.message !== b.message) return false;
  return Object.keys(a.flags).join() === Object.keys(b.flags).join();
}

function toggleState(states: CustomStateSet, name: string, on: boolean): void {
  try {
    if (on) states.add(name);
    else states.delete(name);
  } catch {
    // Browsers before the standard ident syntax took only `--name`.
    if (on) states.add(`--${name}`);
    else states.delete(`--${name}`);
  }
}

/**
 * A field whose answer is one string, like a native input: `value` (the current answer) and
 * the `value` attribute as its default, which reset goes back to.
 */
export abstract class EgovValueControl extends EgovFormControl {
  #value = '';
  #dirty = false;

  /** The default value; reset returns to it. */
  @property({ attribute: 'value' }) defaultValue = '';

  /** The current answer as text, as the form submits it. */
  @property({ attribute: false })
  get value(): string {
    return this.#value;
  }
  set value(next: string) {
    const old = this.#value;
    this.#value = next === undefined || next === null ? '' : String(next);
    this.#dirty = true;
    this.requestUpdate('value', old);
    if (this.internals) this.commit();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('defaultValue') && !this.#dirty) {
      this.#value = this.defaultValue;
    }
    super.willUpdate(changed);
  }

  override connectedCallback(): void {
    if (!this.#dirty) this.#value = this.getAttribute('value') ?? this.#value;
    super.connectedCallback();
  }

  protected formValue(): string | null {
    return this.#value;
  }

  protected resetValue(): void {
    this.#value = this.defaultValue;
    this.#dirty = false;
    this.requestUpdate('value');
  }

  protected restoreValue(state: string | File | FormData | null): void {
    if (typeof state === 'string') {
      this.#value = state;
      this.#dirty = true;
      this.requestUpdate('value');
    }
  }
}

declare global {
  interface HTMLElementEventMap {
    'egov-change': CustomEvent<EgovChangeDetail>;
  }
}
