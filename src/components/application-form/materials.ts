import { ifDefined } from 'lit/directives/if-defined.js';
import { html, nothing, type ReactiveController, type ReactiveElement } from 'lit';
import { ApiError, isAbortError, type ApiClient } from '../../services/api-client';
import { isSignInError } from '../../services/session';
import { lookupCertificates } from '../../services/certificates';
import { uploadFile } from '../../services/uploads';
import type { DraftMaterial } from '../../services/drafts';
import type { EgovLocale } from '../../services/config';
import { formatBytes } from '../../core/i18n';
import type { MaterialRequirement } from '../../core/service-definition';

type LookupState = 'idle' | 'checking' | 'held' | 'none' | 'failed';

interface UploadState {
  phase: 'uploading' | 'failed';
  fileName: string;
  loaded: number;
  total: number;
  error?: string;
  file: File;
  abort?: AbortController;
}

export interface MaterialsHost extends ReactiveElement {
  readonly materialsClient: ApiClient;
  readonly materialsLocale: EgovLocale;
  t(key: string, params?: Record<string, string | number>): string;
  errorText(error: unknown): string;
  announce(message: string): void;
  /** `aria-level` of a material's name, when the form's headings are not at their default level. */
  readonly materialsHeadingLevel?: number | undefined;
  /** The attached materials changed: save them. */
  materialsChanged(materials: DraftMaterial[]): void;
  /** A call failed because the sign-in is gone. */
  signInLost(error: unknown): void;
  reportError(code: string, message: string): void;
}

const DEFAULT_ACCEPT = ['application/pdf', 'image/jpeg', 'image/png'];

/**
 * The materials step (Art. 32): asks the platform for each certificate it may already
 * hold and attaches it by reference; everything else is uploaded with progress, and can
 * be retried or removed.
 */
export class MaterialsController implements ReactiveController {
  readonly #host: MaterialsHost;
  #requirements: MaterialRequirement[] = [];
  #attached = new Map<string, DraftMaterial>();
  #lookups = new Map<string, LookupState>();
  #uploads = new Map<string, UploadState>();
  #lookupRun = 0;

  constructor(host: MaterialsHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const upload of this.#uploads.values()) upload.abort?.abort();
  }

  /** Sets the requirements and what the draft already holds. */
  reset(requirements: MaterialRequirement[], attached: DraftMaterial[]): void {
    for (const upload of this.#uploads.values()) upload.abort?.abort();
    this.#requirements = requirements;
    this.#attached = new Map(attached.filter((m) => requirements.some((r) => r.code === m.code)).map((m) => [m.code, m]));
    this.#lookups.clear();
    this.#uploads.clear();
    this.#host.requestUpdate();
  }

  get attached(): DraftMaterial[] {
    return this.#requirements.map((r) => this.#attached.get(r.code)).filter((m): m is DraftMaterial => !!m);
  }

  get busy(): boolean {
    return [...this.#uploads.values()].some((u) => u.phase === 'uploading') || [...this.#lookups.values()].includes('checking');
  }

  /** Asks the platform for every certificate-backed material not yet attached. */
  async lookUp(): Promise<void> {
    const run = ++this.#lookupRun;
    const client = this.#host.materialsClient;
    const pending = this.#requirements.filter((r) => r.certificateType && !this.#attached.has(r.code));
    for (const r of pending) this.#lookups.set(r.code, 'checking');
    this.#host.requestUpdate();
    let changed = false;
    await Promise.all(pending.map(async (r) => {
      try {
        const [held] = await lookupCertificates(client, r.certificateType!);
        if (run !== this.#lookupRun) return;
        if (held && !this.#attached.has(r.code)) {
          this.#attached.set(r.code, { code: r.code, certificateId: held.id, certificateNumber: held.number, certificateName: held.type.name });
          this.#lookups.set(r.code, 'held');
          changed = true;
        } else {
          this.#lookups.set(r.code, held ? 'held' : 'none');
        }
      } catch (error) {
        if (run !== this.#lookupRun) return;
        this.#lookups.set(r.code, 'failed');
        if (isSignInError(error)) this.#host.signInLost(error);
        else this.#host.reportError(error instanceof ApiError ? error.code : 'UNKNOWN', this.#host.errorText(error));
      }
    }));
    if (run !== this.#lookupRun) return;
    if (changed) this.#host.materialsChanged(this.attached);
    this.#host.requestUpdate();
  }

  /** The problems that stop the applicant leaving this step, for the error summary. */
  problems(): Array<{ code: string; message: string }> {
    const { t } = this.#host;
    const out: Array<{ code: string; message: string }> = [];
    for (const r of this.#requirements) {
      const name = this.#name(r);
      if (this.#uploads.get(r.code)?.phase === 'uploading') out.push({ code: r.code, message: t('app.error.uploading', { name }) });
      else if (r.required && !this.#attached.has(r.code)) out.push({ code: r.code, message: t('app.error.materialRequired', { name }) });
    }
    return out;
  }

  #name(r: MaterialRequirement): string {
    return (this.#host.materialsLocale === 'en' && r.nameEn) || r.name;
  }

  #bytes(n: number): string {
    return formatBytes(this.#host.materialsLocale, n);
  }

  async upload(r: MaterialRequirement, file: File): Promise<void> {
    const { t } = this.#host;
    const name = this.#name(r);
    if (r.maxBytes && file.size > r.maxBytes) {
      this.#uploads.set(r.code, { phase: 'failed', fileName: file.name, loaded: 0, total: file.size, file, error: t('app.materials.tooLarge', { max: this.#bytes(r.maxBytes), size: this.#bytes(file.size) }) });
      this.#host.announce(t('app.materials.failed', { name, reason: this.#uploads.get(r.code)!.error! }));
      this.#host.requestUpdate();
      return;
    }
    const abort = new AbortController();
    const state: UploadState = { phase: 'uploading', fileName: file.name, loaded: 0, total: file.size, file, abort };
    this.#uploads.set(r.code, state);
    this.#host.announce(t('app.materials.uploading', { name: file.name }));
    this.#host.requestUpdate();
    // The row of the file being sent (its progress and "cancel"), not the page body.
    this.#focusIn(r.code, '[data-state=uploading]');
    try {
      const result = await uploadFile(this.#host.materialsClient, file, {
        signal: abort.signal,
        onProgress: (loaded, total) => {
          state.loaded = loaded;
          state.total = total;
          this.#host.requestUpdate();
        },
      });
      if (this.#uploads.get(r.code) !== state) return;
      this.#uploads.delete(r.code);
      this.#attached.set(r.code, { code: r.code, uploadId: result.uploadId, fileName: file.name, size: result.size, mediaType: result.mediaType });
      this.#host.materialsChanged(this.attached);
      this.#host.announce(t('app.materials.uploadedAnnounce', { name: file.name }));
      this.#focusIn(r.code, '[data-state=uploaded]');
    } catch (error) {
      if (this.#uploads.get(r.code) !== state) return;
      if (isAbortError(error)) {
        this.#uploads.delete(r.code);
        this.#host.announce(t('app.materials.cancelled', { name: file.name }));
        this.#focusIn(r.code, 'input[type=file]');
      } else {
        const message = this.#uploadError(error);
        this.#uploads.set(r.code, { ...state, phase: 'failed', error: message, abort: undefined });
        this.#host.announce(t('app.materials.failed', { name: file.name, reason: message }));
        this.#focusIn(r.code, '[data-state=failed] .retry');
        if (isSignInError(error)) this.#host.signInLost(error);
        else this.#host.reportError(error instanceof ApiError ? error.code : 'UNKNOWN', message);
      }
    }
    this.#host.requestUpdate();
  }

  #uploadError(error: unknown): string {
    const { t } = this.#host;
    if (error instanceof ApiError) {
      if (error.status === 413 || /TOO_LARGE/.test(error.code)) return t('app.materials.tooLargeServer');
      if (error.status === 415 || /TYPE|MEDIA/.test(error.code)) return t('app.materials.badType');
    }
    return this.#host.errorText(error);
  }

  retry(r: MaterialRequirement): void {
    const failed = this.#uploads.get(r.code);
    if (failed) void this.upload(r, failed.file);
  }

  cancel(r: MaterialRequirement): void {
    this.#uploads.get(r.code)?.abort?.abort();
  }

  remove(r: MaterialRequirement): void {
    const had = this.#attached.get(r.code);
    this.#attached.delete(r.code);
    this.#uploads.delete(r.code);
    if (had) this.#host.materialsChanged(this.attached);
    this.#host.announce(this.#host.t('app.materials.removed', { name: had?.fileName ?? this.#name(r) }));
    this.#host.requestUpdate();
    this.#focusIn(r.code, 'input[type=file]');
  }

  /**
   * After the row changes, focus goes to a sensible control of that material (its row, the
   * retry button, the choose-file button) rather than falling to the page body; only when
   * focus was in that material or has just been lost with a removed control.
   */
  #focusIn(code: string, selector: string): void {
    void this.#host.updateComplete.then(() => {
      const root = this.#host.renderRoot as ShadowRoot;
      const item = root.querySelector(`[data-material="${code}"]`);
      const active = root.activeElement;
      if (active && !item?.contains(active)) return;
      item?.querySelector<HTMLElement>(selector)?.focus();
    });
  }

  #onFile(r: MaterialRequirement, event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.upload(r, file);
    input.value = '';
  }

  render(error: (code: string) => string | undefined) {
    const { t } = this.#host;
    if (!this.#requirements.length) return html`<p>${t('app.materials.none')}</p>`;
    return html`<ul class="materials">${this.#requirements.map((r) => this.#renderOne(r, error(r.code)))}</ul>`;
  }

  #renderOne(r: MaterialRequirement, problem: string | undefined) {
    const { t } = this.#host;
    const name = this.#name(r);
    const attached = this.#attached.get(r.code);
    const lookup = this.#lookups.get(r.code) ?? 'idle';
    const upload = this.#uploads.get(r.code);
    const inputId = `material-${r.code}`;
    const accept = (r.accept ?? DEFAULT_ACCEPT).join(',');
    return html`<li part="material" class="material ${problem ? 'field--error' : ''}" id="field-material-${r.code}" data-material=${r.code}>
      <h3 aria-level=${ifDefined(this.#host.materialsHeadingLevel)} class="material__name" id="${inputId}-name">${name}
        <span class="tag ${r.required ? 'tag--required' : ''}">${r.required ? t('app.materials.required') : t('app.materials.optional')}</span></h3>
      ${problem ? html`<p class="error-text" id="${inputId}-error">${problem}</p>` : nothing}
      ${attached?.certificateId
        ? html`<div class="alert alert--success" data-state="by-reference"><p>${t('app.materials.byReference', { name: attached.certificateName ?? name, number: attached.certificateNumber ?? '' })}</p></div>`
        : attached?.uploadId
          ? html`<div class="material__file" data-state="uploaded" tabindex="-1">
              <span>${t('app.materials.uploaded', { name: attached.fileName ?? '', size: this.#bytes(attached.size ?? 0) })}</span>
              <button type="button" class="btn btn--link" aria-label=${t('app.materials.removeNamed', { name: attached.fileName ?? name })} @click=${() => this.remove(r)}>${t('app.materials.remove')}</button>
            </div>`
          : html`
            ${lookup === 'checking' ? html`<p class="muted" data-state="checking">${t('app.materials.checking')}</p>` : nothing}
            ${lookup === 'none' ? html`<p class="muted" data-state="not-held">${t('app.materials.notHeld')}</p>` : nothing}
            ${lookup === 'failed' ? html`<p class="muted" data-state="lookup-failed">${t('app.materials.lookupFailed')}</p>` : nothing}
            ${upload?.phase === 'uploading'
              ? html`<div class="upload" data-state="uploading" tabindex="-1" role="group" aria-label=${t('app.materials.uploading', { name: upload.fileName })}>
                  <label for="${inputId}-progress">${t('app.materials.uploading', { name: upload.fileName })}</label>
                  <progress id="${inputId}-progress" max=${upload.total || 1} .value=${upload.loaded}>${Math.round((upload.loaded / (upload.total || 1)) * 100)}%</progress>
                  <span class="muted" aria-hidden="true">${Math.round((upload.loaded / (upload.total || 1)) * 100)}%</span>
                  <button type="button" class="btn btn--secondary" @click=${() => this.cancel(r)}>${t('app.materials.cancel')}</button>
                </div>`
              : html`
                ${upload?.phase === 'failed'
                  ? html`<div class="alert alert--error" data-state="failed" role="alert">
                      <p id="${inputId}-failed">${t('app.materials.failed', { name: upload.fileName, reason: upload.error ?? '' })}</p>
                      <div class="actions">
                        <button type="button" class="btn btn--secondary retry" @click=${() => this.retry(r)}>${t('app.materials.retry')}</button>
                        <button type="button" class="btn btn--link" aria-label=${t('app.materials.removeNamed', { name: upload.fileName })} @click=${() => this.remove(r)}>${t('app.materials.remove')}</button>
                      </div>
                    </div>`
                  : nothing}
                <div class="field">
                  <label for=${inputId}>${t('app.materials.fileLabel', { name })}</label>
                  <div class="hint" id="${inputId}-hint">${r.maxBytes ? t('app.materials.acceptMax', { max: this.#bytes(r.maxBytes) }) : t('app.materials.accept')}</div>
                  <input type="file" id=${inputId} accept=${accept} aria-describedby="${inputId}-hint${problem ? ` ${inputId}-error` : ''}${upload?.phase === 'failed' ? ` ${inputId}-failed` : ''}"
                    aria-invalid=${problem ? 'true' : 'false'} @change=${(e: Event) => this.#onFile(r, e)} />
                </div>`}`}
    </li>`;
  }
}
