import { html, type ReactiveController, type ReactiveElement } from 'lit';

/**
 * Says things to screen-reader users (result counts, saved drafts, step changes) through a
 * visually hidden live region that is rendered from the start, so the first message is
 * heard too. Render `announcer.region()` once in the element's template.
 */
export class AnnounceController implements ReactiveController {
  readonly #host: ReactiveElement;
  #message = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  get message(): string {
    return this.#message;
  }

  announce(message: string): void {
    // Empty the region first: the same words twice in a row would otherwise not be re-read.
    this.#message = '';
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#message = message;
      this.#host.requestUpdate();
    }, 60);
  }

  region(politeness: 'polite' | 'assertive' = 'polite') {
    return html`<div class="sr-only" role=${politeness === 'assertive' ? 'alert' : 'status'} aria-live=${politeness} aria-atomic="true">${this.#message}</div>`;
  }
}
