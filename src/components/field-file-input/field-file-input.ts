import { css, html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { formatBytes } from '../../core/i18n';
import { acceptLabel, acceptsFile, isExecutableType, sniffMediaType } from '../../core/validation';
import { buttonStyles, hostStyles } from '../shared/shared.styles';
import { formFieldStyles } from '../fields/field.styles';
import { EgovFormControl, type FieldProblem } from '../fields/form-control';

type FileProblem = 'tooLarge' | 'empty' | 'wrongType' | 'executable' | 'unreadable';

/**
 * One file, for a plain `<form>` (the form data holds the File) or for a page that uploads
 * it itself (`file`, and the `egov-change` event carry it). Checks size and type at once,
 * the type from the file's first bytes, not its name: a renamed program is refused.
 *
 * @slot label - Label content with markup (a link in a declaration), instead of the `label` attribute.
 * @slot hint - Hint content with markup, instead of the `hint` attribute.
 * @fires change - When a file is chosen or removed.
 * @fires egov-change - `{ name, value, valid }`, `value` the File (undefined when removed).
 * @csspart field - The wrapper.
 * @csspart label - The label.
 * @csspart optional - The "(optional)" mark.
 * @csspart hint - The hint with the accepted types and size.
 * @csspart error-message - The error message.
 * @csspart control - The (visually hidden) native file input.
 * @csspart button - The "choose file" button.
 * @csspart file-name - The chosen file's name and size.
 * @csspart remove-button - The button that removes the chosen file.
 * @cssprop --egov-color-primary - Colour of the buttons.
 */
export class EgovFileInput extends EgovFormControl {
  static override styles = [hostStyles, buttonStyles, formFieldStyles, css`
    .picker { display: flex; flex-wrap: wrap; align-items: center; gap: var(--_space); }
    .native { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; opacity: 0; }
    .native:focus-visible + .btn { outline: 3px solid var(--_focus); outline-offset: 0; box-shadow: 0 0 0 5px var(--_text); }
    .native:disabled + .btn { opacity: 0.6; cursor: not-allowed; }
    .chosen { margin: 0; overflow-wrap: anywhere; }
    .none { color: var(--_muted); }
  `];

  /** Accepted types, as in HTML: `application/pdf,image/*,.ofd`. */
  @property() accept = '';
  /** Largest size in bytes. */
  @property({ type: Number, attribute: 'max-size' }) maxSize?: number;

  @query('input[type=file]') protected input?: HTMLInputElement;

  #file: File | null = null;
  #fileProblem: FileProblem | null = null;
  #sniffed: string | undefined;
  #checking = 0;
  #checked: Promise<void> = Promise.resolve();

  /** The chosen file, or null. Setting it checks it as a chosen one is checked. */
  @property({ attribute: false })
  get file(): File | null {
    return this.#file;
  }
  set file(next: File | null) {
    void this.#take(next ?? null, false);
  }

  /** The type read from the file's bytes (or the browser's guess when the bytes say nothing). */
  get mediaType(): string | undefined {
    return this.#sniffed ?? (this.#file?.type || undefined);
  }

  /** Resolves when the checks of the last chosen file are done. */
  get checked(): Promise<void> {
    return this.#checked;
  }

  get jsonValue(): unknown {
    return this.#file ?? undefined;
  }

  get #acceptList(): string[] {
    return this.accept.split(',').map((s) => s.trim()).filter(Boolean);
  }

  protected formValue(): File | null {
    return this.#file;
  }

  protected override formState(): File | null {
    return this.#file;
  }

  protected resetValue(): void {
    this.#file = null;
    this.#fileProblem = null;
    this.#sniffed = undefined;
    if (this.input) this.input.value = '';
    this.requestUpdate();
  }

  protected restoreValue(state: string | File | FormData | null): void {
    if (state instanceof File) void this.#take(state, false);
  }

  protected focusTarget(): HTMLElement | null {
    return this.input ?? null;
  }

  protected override computeProblem(): FieldProblem | null {
    if (this.error) return { flags: { customError: true }, message: this.error };
    const params: Record<string, string> = this.label ? { label: this.label } : {};
    if (!this.#file) return this.required ? { flags: { valueMissing: true }, message: this.i18n.t('fields.file.required', params) } : null;
    const locale = this.i18n.locale;
    switch (this.#fileProblem) {
      case 'tooLarge':
        return { flags: { rangeOverflow: true }, message: this.i18n.t('fields.file.tooLarge', { size: formatBytes(locale, this.#file.size), max: formatBytes(locale, this.maxSize ?? 0) }) };
      case 'empty':
        return { flags: { valueMissing: true }, message: this.i18n.t('fields.file.empty') };
      case 'executable':
        return { flags: { typeMismatch: true }, message: this.i18n.t('fields.file.executable') };
      case 'wrongType':
        return { flags: { typeMismatch: true }, message: this.i18n.t('fields.file.wrongType', { types: acceptLabel(this.#acceptList) }) };
      case 'unreadable':
        return { flags: { badInput: true }, message: this.i18n.t('fields.file.unreadable') };
      default:
        return null;
    }
  }

  protected override get hintText(): string {
    const limits = this.accept || this.maxSize
      ? this.i18n.t('fields.file.limits', { types: this.#acceptList.length ? acceptLabel(this.#acceptList) : '', size: this.maxSize ? formatBytes(this.i18n.locale, this.maxSize) : '' })
      : '';
    return [this.hint, limits].filter(Boolean).join(this.i18n.locale === 'en' ? '. ' : '。');
  }

  async #take(file: File | null, byPerson: boolean): Promise<void> {
    const run = ++this.#checking;
    let done!: () => void;
    this.#checked = new Promise((resolve) => (done = resolve));
    this.#file = file;
    this.#sniffed = undefined;
    this.#fileProblem = null;
    if (file) {
      if (this.maxSize !== undefined && file.size > this.maxSize) this.#fileProblem = 'tooLarge';
      else if (file.size === 0) this.#fileProblem = 'empty';
      else {
        try {
          // Only the first bytes are read, whatever the file's size.
          this.#sniffed = sniffMediaType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
          if (run !== this.#checking) return done();
          if (isExecutableType(this.#sniffed)) this.#fileProblem = 'executable';
          else if (!acceptsFile(this.#acceptList, file, this.#sniffed)) this.#fileProblem = 'wrongType';
        } catch {
          if (run !== this.#checking) return done();
          this.#fileProblem = 'unreadable';
        }
      }
    }
    this.requestUpdate('file');
    if (byPerson) this.committed();
    else this.commit();
    done();
  }

  #onChange(event: Event): void {
    const input = event.target as HTMLInputElement;
    void this.#take(input.files?.[0] ?? null, true);
  }

  #remove(): void {
    if (this.input) this.input.value = '';
    void this.#take(null, true).then(() => {
      this.announcer.announce(this.i18n.t('fields.file.removed'));
      this.input?.focus();
    });
  }

  override render() {
    const file = this.#file;
    const fileNameId = this.ids.control + '-name';
    return html`<div part="field" class="field">
      ${this.renderLabel()} ${this.renderHint()} ${this.renderError()}
      <div class="picker">
        <input
          part="control"
          class="native"
          type="file"
          id=${this.ids.control}
          accept=${this.accept || nothing}
          ?disabled=${this.isDisabled}
          aria-required=${this.required ? 'true' : 'false'}
          aria-invalid=${this.showError ? 'true' : 'false'}
          aria-describedby=${this.describedBy([fileNameId])}
          @change=${this.#onChange}
        />
        <label part="button" class="btn btn--secondary" for=${this.ids.control}>${this.i18n.t('fields.file.choose')}</label>
        <p part="file-name" class="chosen ${file ? '' : 'none'}" id=${fileNameId}>
          ${file ? this.i18n.t('fields.file.selected', { name: file.name, size: formatBytes(this.i18n.locale, file.size) }) : this.i18n.t('fields.file.none')}
        </p>
        ${file && !this.isDisabled
          ? html`<button part="remove-button" type="button" class="btn btn--link" @click=${this.#remove}>${this.i18n.t('fields.file.remove')}</button>`
          : nothing}
      </div>
    </div>`;
  }
}
