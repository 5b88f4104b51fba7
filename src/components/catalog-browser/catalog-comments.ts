import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ApiError, isAbortError } from '../../services/api-client';
import { listComments, postComment, threadsOf, type CommentThread } from '../../services/catalog-comments';
import type { Subject } from '../../services/session';
import { CATALOGUE_LIMITS, type CatalogItem, type CatalogueComment } from '../../core/catalog-types';
import type { EgovTextarea } from '../field-textarea/field-textarea';
import type { DataHost, HostElement } from './data-preview';
import '../../i18n/catalog-comments';

/** What the comments part needs from `<egov-catalog-browser>` beyond the data parts' words and API. */
export interface CommentsHost extends DataHost {
  /** The entry whose detail is shown, once loaded. */
  item: () => CatalogItem | undefined;
  /** Whether the source has comments (our API does; CKAN and DCAT catalogues are described only). */
  enabled: () => boolean;
  /** Who is signed in, once known. */
  viewer: () => Subject | undefined;
  signedIn: () => boolean;
  /** `zh-CN` for Chinese data shown in an English element. */
  dataLang: (value: unknown) => 'zh-CN' | undefined;
}

/** The longest comment or answer the server takes, in characters (SPEC §8). */
export const COMMENT_MAX_LENGTH = CATALOGUE_LIMITS.comment;

interface Compose {
  text: string;
  /** A problem with the text, shown at the field: the field's own check or the server's. */
  fieldError: string;
  /** Any other failure (network, sign-in lost, rate limit): shown above the button, the text kept. */
  error: unknown;
  posting: boolean;
  /** The author chose to show their full name (else their surname only, 张*). */
  showName: boolean;
}

const blank = (): Compose => ({ text: '', fieldError: '', error: undefined, posting: false, showName: false });

let fieldsLoading: Promise<unknown> | undefined;
/**
 * The form's `<egov-textarea>` comes with the fields, loaded the first time a signed-in
 * person sees an open entry: someone who only reads the catalog never downloads them.
 */
function loadFields(): void {
  if (customElements.get('egov-textarea')) return;
  fieldsLoading ??= import('../../fields').catch(() => {
    // Tried again on the next update, or when the form is sent.
    fieldsLoading = undefined;
  });
}

export const catalogCommentsStyles = css`
  .comments { margin-block-start: calc(var(--_space) * 3); }
  .comment-list { display: grid; gap: calc(var(--_space) * 1.5); margin-block-end: calc(var(--_space) * 2); }
  .comment__body {
    padding: var(--_space) calc(var(--_space) * 1.5); border: 1px solid var(--_item-border); border-radius: var(--_radius, 4px);
    background: var(--_item-bg); min-width: 0;
  }
  .comment__body:focus { outline: none; }
  .comment__body:focus-visible { outline: 3px solid var(--_focus); }
  .comment__meta { display: flex; flex-wrap: wrap; gap: 0 var(--_space); align-items: baseline; color: var(--_muted); font-size: 0.9375em; margin: 0 0 calc(var(--_space) / 2); }
  .comment__author { color: var(--_text); font-weight: 700; }
  /* Text as written: its line breaks kept, a long word or link wrapped at any width (375 px). */
  .comment__text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; margin: 0; }
  .comment__answer { margin-block-start: var(--_space); }
  .answers { display: grid; gap: var(--_space); margin: var(--_space) 0 0 calc(var(--_space) * 2); }
  .comment--agency .comment__body { border-inline-start: 6px solid var(--_primary); background: var(--_surface-alt); }
  .agency-tag {
    display: inline-block; padding: 0 0.5em; border-radius: 4px; background: var(--_primary); color: var(--_on-primary, #fff);
    font-weight: 700; font-size: 0.875em;
  }
  .comment-form, .answer-form { display: grid; gap: var(--_space); justify-items: start; }
  .comment-form egov-textarea, .answer-form egov-textarea { justify-self: stretch; }
  .answer-form { margin: var(--_space) 0 0 calc(var(--_space) * 2); }
  @media (max-width: 640px) {
    .answers, .answer-form { margin-inline-start: var(--_space); }
  }
`;

/**
 * The public comments of an open entry (part `comments`, SPEC §8; Art. 24: the public is
 * consulted on open data): the comments in thread order with the providing agency's answers
 * under the comment they answer, the form for a signed-in person, and for a steward of the
 * providing agency an answer to each comment. Text is shown as text, never as markup.
 */
export class CatalogCommentsController implements ReactiveController {
  readonly #host: HostElement;
  readonly #api: CommentsHost;
  itemId: string | undefined;
  status: 'idle' | 'loading' | 'error' = 'idle';
  comments: CatalogueComment[] | undefined;
  error: unknown;
  #abort: AbortController | undefined;
  /** The detail the comments were loaded for: each time the entry is opened (read afresh), so are they. */
  #loadedFor: CatalogItem | undefined;
  /** The comment being written, per entry: going to another entry and back loses nothing. */
  readonly #drafts = new Map<string, Compose>();
  /** The comment a steward is answering, and the answer. */
  #answering: { itemId: string; replyTo: string; compose: Compose } | undefined;

  constructor(host: HostElement, api: CommentsHost) {
    this.#host = host;
    this.#api = api;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#loadedFor = undefined;
  }

  /** Another person signed in: what the last one was writing goes, so it is never posted in the new name. */
  forgetDrafts(): void {
    this.#drafts.clear();
    this.#answering = undefined;
  }

  reset(): void {
    this.#abort?.abort();
    this.itemId = undefined;
    this.status = 'idle';
    this.comments = undefined;
    this.error = undefined;
    this.#loadedFor = undefined;
    this.forgetDrafts();
  }

  hostUpdated(): void {
    const item = this.#api.item();
    if (!item || !this.#shows(item)) return;
    if (this.#api.signedIn()) loadFields();
    if (this.#loadedFor === item) return;
    this.#loadedFor = item;
    // After this update, not inside it: loading sets state that renders again.
    queueMicrotask(() => void this.load(item.id));
  }

  #shows(item: CatalogItem): boolean {
    return this.#api.enabled() && item.open !== 'closed';
  }

  async load(itemId: string): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    if (this.itemId !== itemId) this.comments = undefined;
    this.itemId = itemId;
    this.status = 'loading';
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const comments = await listComments(this.#api.client(), itemId, abort.signal);
      if (abort.signal.aborted) return;
      this.comments = comments;
      this.status = 'idle';
    } catch (error) {
      if (abort.signal.aborted || isAbortError(error)) return;
      this.error = error;
      this.status = 'error';
    } finally {
      if (this.#abort === abort) this.#host.requestUpdate();
    }
  }

  /** A steward of the providing agency answers the public in the agency's name. */
  #mayAnswer(item: CatalogItem): boolean {
    const viewer = this.#api.viewer();
    return this.#api.signedIn() && viewer?.kind === 'steward' && !!viewer.agencyCode && viewer.agencyCode === item.agency?.code;
  }

  #draft(itemId: string): Compose {
    let draft = this.#drafts.get(itemId);
    if (!draft) this.#drafts.set(itemId, (draft = blank()));
    return draft;
  }

  // ---- posting ----------------------------------------------------------------------------

  async #post(event: Event, item: CatalogItem, compose: Compose, replyTo?: string): Promise<void> {
    event.preventDefault();
    if (compose.posting) return;
    if (!customElements.get('egov-textarea')) return loadFields();
    const form = event.currentTarget as HTMLFormElement;
    const field = form.querySelector<EgovTextarea>('egov-textarea');
    // The field's own checks first (an answer is required; at most the server's limit), in the reader's language.
    if (field && !field.checkValidity()) {
      compose.fieldError = field.validationMessage;
      compose.error = undefined;
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      field.focus();
      return;
    }
    compose.posting = true;
    compose.error = undefined;
    compose.fieldError = '';
    this.#host.requestUpdate();
    try {
      const posted = await postComment(this.#api.client(), item.id, replyTo ? { text: compose.text, replyTo } : { text: compose.text, showName: compose.showName });
      this.comments = [...(this.itemId === item.id ? (this.comments ?? []) : []), posted];
      this.itemId = item.id;
      if (replyTo) this.#answering = undefined;
      else this.#drafts.delete(item.id);
      // The field starts again clean: empty, and not in error for being empty.
      form.reset();
      this.#api.announce(this.#api.t(replyTo ? 'catalog.comments.answered' : 'catalog.comments.posted'));
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      // Focus goes to what was posted, so the reader hears it in its place in the list.
      this.#body(posted.id)?.focus();
    } catch (error) {
      compose.posting = false;
      const problem = error instanceof ApiError ? error.fields.find((f) => /(^|[/.])text$/.test(f.path)) : undefined;
      if (problem) compose.fieldError = problem.message;
      else compose.error = error;
      this.#host.requestUpdate();
      await this.#host.updateComplete;
      if (problem) field?.focus();
      else form.querySelector<HTMLElement>('.comment-error')?.focus();
    } finally {
      compose.posting = false;
    }
  }

  #body(commentId: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[data-comment="${CSS.escape(commentId)}"] > .comment__body`);
  }

  async #startAnswer(item: CatalogItem, comment: CatalogueComment): Promise<void> {
    if (this.#answering?.replyTo !== comment.id) this.#answering = { itemId: item.id, replyTo: comment.id, compose: blank() };
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<EgovTextarea>(`[data-comment="${CSS.escape(comment.id)}"] .answer-form egov-textarea`)?.focus();
  }

  async #cancelAnswer(commentId: string): Promise<void> {
    this.#answering = undefined;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLElement>(`[data-comment="${CSS.escape(commentId)}"] .comment__answer`)?.focus();
  }

  // ---- rendering --------------------------------------------------------------------------

  render(item: CatalogItem, level: number): TemplateResult | typeof nothing {
    if (!this.#shows(item)) return nothing;
    const { t } = this.#api;
    const comments = this.itemId === item.id ? this.comments : undefined;
    const state = this.status === 'error' ? 'error' : comments && !comments.length ? 'empty' : !comments ? 'loading' : 'idle';
    const message = state === 'loading' ? t('catalog.comments.loading') : state === 'error' ? this.#api.error(this.error) : state === 'empty' ? t('catalog.comments.empty') : '';
    const threads = comments ? threadsOf(comments) : [];
    const mayAnswer = this.#mayAnswer(item);
    return html`<section part="comments" class="comments" aria-labelledby="comments-heading">
      ${this.#api.heading(level, threads.length ? t('catalog.comments.headingCount', { count: threads.length }) : t('catalog.comments.heading'), 'comments-heading')}
      <p class="hint">${t('catalog.comments.intro')}</p>
      <egov-async-state state=${state} .message=${message} @egov-retry=${() => void this.load(item.id)}>
        ${threads.length
          ? html`<ol class="comment-list" aria-label=${t('catalog.comments.list')}>${threads.map((thread) => this.#renderThread(item, thread, mayAnswer))}</ol>`
          : nothing}
      </egov-async-state>
      ${this.#api.signedIn()
        ? this.#renderForm(item, level + 1)
        : html`<div class="alert alert--info comments-sign-in" role="status"><p>${t('catalog.comments.signIn')}</p></div>`}
    </section>`;
  }

  #renderThread(item: CatalogItem, { comment, answers }: CommentThread, mayAnswer: boolean): TemplateResult {
    const { t } = this.#api;
    const answering = this.#answering?.itemId === item.id && this.#answering.replyTo === comment.id ? this.#answering : undefined;
    // Answers go to comments of the public, not to other answers.
    const answerable = mayAnswer && !comment.replyTo;
    return html`<li class="comment ${comment.agency ? 'comment--agency' : ''}" data-comment=${comment.id}>
      ${this.#renderBody(comment, answerable
        ? html`<button type="button" class="btn btn--secondary btn--small comment__answer" aria-expanded=${answering ? 'true' : 'false'}
            aria-label=${t('catalog.comments.answerLabel', { author: comment.author })}
            @click=${() => void (answering ? this.#cancelAnswer(comment.id) : this.#startAnswer(item, comment))}>${t('catalog.comments.answer')}</button>`
        : nothing)}
      ${answers.length
        ? html`<ul class="answers" aria-label=${t('catalog.comments.answers', { author: comment.author })}>
            ${answers.map((answer) => html`<li class="comment ${answer.agency ? 'comment--agency' : ''}" data-comment=${answer.id}>${this.#renderBody(answer)}</li>`)}
          </ul>`
        : nothing}
      ${answering ? this.#renderAnswerForm(item, comment, answering.compose) : nothing}
    </li>`;
  }

  #renderBody(comment: CatalogueComment, action: TemplateResult | typeof nothing = nothing): TemplateResult {
    const { t } = this.#api;
    const lang = this.#api.dataLang;
    const agency = comment.agency;
    return html`<div class="comment__body" tabindex="-1">
      <p class="comment__meta">
        ${agency
          ? html`<span class="agency-tag">${t('catalog.comments.agencyTag')}</span>
              <span lang=${ifDefined(lang(agency.name))}>${agency.name}</span>`
          : nothing}
        <span class="comment__author" lang=${ifDefined(lang(comment.author))}>${comment.author}</span>
        <time datetime=${comment.at}>${this.#api.date(comment.at, 'datetime')}</time>
      </p>
      <p class="comment__text" lang=${ifDefined(lang(comment.text))}>${comment.text}</p>
      ${action}
    </div>`;
  }

  #renderField(compose: Compose, labelKey: string, hintKey: string, rows: number): TemplateResult {
    const { t } = this.#api;
    return html`<egov-textarea name="text" required rows=${rows} maxlength=${COMMENT_MAX_LENGTH}
      .label=${t(labelKey)} .hint=${t(hintKey)} .value=${compose.text} .error=${compose.fieldError}
      @input=${(e: Event) => {
        compose.text = (e.target as EgovTextarea).value;
        // A new attempt: the last refusal no longer applies to what is there now.
        if (compose.fieldError) {
          compose.fieldError = '';
          this.#host.requestUpdate();
        }
      }}></egov-textarea>`;
  }

  #renderError(compose: Compose): TemplateResult | typeof nothing {
    return compose.error
      ? html`<div class="alert alert--error comment-error" tabindex="-1" role="alert"><p class="alert__title">${this.#api.t('error.title')}</p><p>${this.#api.error(compose.error)}</p></div>`
      : nothing;
  }

  #renderForm(item: CatalogItem, level: number): TemplateResult {
    const { t } = this.#api;
    const compose = this.#draft(item.id);
    return html`<form class="comment-form" novalidate aria-labelledby="comment-form-heading" @submit=${(e: Event) => void this.#post(e, item, compose)}>
      ${this.#api.heading(level, t('catalog.comments.formHeading'), 'comment-form-heading')}
      ${this.#renderField(compose, 'catalog.comments.label', 'catalog.comments.hint', 5)}
      <egov-checkbox name="showName" .label=${t('catalog.comments.showName')} .checked=${compose.showName}
        @change=${(e: Event) => { compose.showName = (e.target as HTMLInputElement).checked; }}></egov-checkbox>
      ${this.#renderError(compose)}
      <button class="btn" type="submit" aria-disabled=${compose.posting ? 'true' : 'false'}>
        ${compose.posting ? t('catalog.comments.submitting') : t('catalog.comments.submit')}
      </button>
    </form>`;
  }

  #renderAnswerForm(item: CatalogItem, comment: CatalogueComment, compose: Compose): TemplateResult {
    const { t } = this.#api;
    return html`<form class="answer-form" novalidate aria-label=${t('catalog.comments.answerLabel', { author: comment.author })}
      @submit=${(e: Event) => void this.#post(e, item, compose, comment.id)}>
      ${this.#renderField(compose, 'catalog.comments.answerField', 'catalog.comments.answerHint', 3)}
      ${this.#renderError(compose)}
      <div class="actions">
        <button class="btn" type="submit" aria-disabled=${compose.posting ? 'true' : 'false'}>
          ${compose.posting ? t('catalog.comments.submitting') : t('catalog.comments.answerSubmit')}
        </button>
        <button class="btn btn--secondary" type="button" @click=${() => void this.#cancelAnswer(comment.id)}>${t('catalog.comments.answerCancel')}</button>
      </div>
    </form>`;
  }
}
