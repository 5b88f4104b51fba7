import { html, nothing, type ReactiveController } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError } from '../../services/api-client';
import { withdrawEntry, type CatalogueEntryDetail } from '../../services/catalog-entries';
import { hostState } from '../../controllers/host-state';
import type { EditorContext } from './editor-context';

interface WithdrawState {
  withdrawReason: string;
  withdrawError: string;
}

/** Withdrawing a published entry (Art. 25), with the reason the steward gives. */
export class WithdrawController implements ReactiveController {
  readonly #ctx: EditorContext;
  readonly #s: WithdrawState;

  constructor(ctx: EditorContext) {
    this.#ctx = ctx;
    this.#s = hostState<WithdrawState>(ctx.host, { withdrawReason: '', withdrawError: '' });
    ctx.host.addController(this);
  }

  hostConnected(): void {}

  reset(): void {
    this.#s.withdrawReason = '';
    this.#s.withdrawError = '';
  }

  async #onWithdraw(event: Event): Promise<void> {
    event.preventDefault();
    const entry = this.#ctx.current;
    if (!entry || this.#ctx.busy) return;
    if (!this.#s.withdrawReason.trim()) {
      this.#s.withdrawError = this.#ctx.i18n.t('editor.withdraw.reasonRequired');
      this.#ctx.focus('#withdraw-reason');
      return;
    }
    this.#ctx.busy = 'withdraw';
    this.#ctx.actionError = undefined;
    try {
      const updated = await withdrawEntry(this.#ctx.client, entry.id, this.#s.withdrawReason.trim());
      this.#s.withdrawReason = '';
      this.#ctx.acted({ ...entry, ...updated }, this.#ctx.i18n.t('editor.withdraw.done'));
    } catch (error) {
      const api = error instanceof ApiError ? error : undefined;
      if (api?.fields.length) this.#s.withdrawError = api.fields[0]!.message;
      else this.#ctx.failed(error);
    } finally {
      this.#ctx.busy = '';
    }
  }

  render(entry: CatalogueEntryDetail) {
    const { t } = this.#ctx.i18n;
    const canWithdraw = entry.status === 'published' || !!entry.publishedVersion;
    if (!canWithdraw || entry.status === 'withdrawn') return nothing;
    return html`<section class="panel" aria-labelledby="withdraw-heading">
      <h3 id="withdraw-heading" aria-level=${ifDefined(this.#ctx.headings.ariaLevel(1))}>${t('editor.withdraw.title')}</h3>
      <p class="hint">${t('editor.withdraw.hint')}</p>
      <form novalidate @submit=${(e: Event) => void this.#onWithdraw(e)}>
        <div class="field ${this.#s.withdrawError ? 'field--error' : ''}">
          <label for="withdraw-reason">${t('editor.withdraw.reason')}</label>
          ${this.#s.withdrawError ? html`<span class="error-text" id="withdraw-error">${this.#s.withdrawError}</span>` : nothing}
          <textarea id="withdraw-reason" rows="3" .value=${this.#s.withdrawReason} aria-invalid=${this.#s.withdrawError ? 'true' : 'false'}
            aria-describedby=${this.#s.withdrawError ? 'withdraw-error' : nothing}
            @input=${(e: Event) => { this.#s.withdrawReason = (e.target as HTMLTextAreaElement).value; this.#s.withdrawError = ''; }}></textarea>
        </div>
        <button type="submit" class="btn btn--danger" id="withdraw" aria-disabled=${this.#ctx.busy ? 'true' : 'false'}>${this.#ctx.busy === 'withdraw' ? t('editor.withdraw.sending') : t('editor.withdraw.button')}</button>
      </form>
    </section>`;
  }
}
