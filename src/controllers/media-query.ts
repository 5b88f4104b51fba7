import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Whether a media query matches, kept current: the host renders again when it starts or
 * stops matching (a phone turned, a window narrowed, reduced motion switched on). False on a
 * server and where `matchMedia` is missing.
 */
export class MediaQueryController implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #query: string;
  #list: MediaQueryList | undefined;
  #matches = false;

  constructor(host: ReactiveElement, query: string) {
    this.#host = host;
    this.#query = query;
    host.addController(this);
  }

  get matches(): boolean {
    return this.#matches;
  }

  hostConnected(): void {
    this.#list = globalThis.matchMedia?.(this.#query);
    this.#matches = this.#list?.matches ?? false;
    this.#list?.addEventListener('change', this.#onChange);
  }

  hostDisconnected(): void {
    this.#list?.removeEventListener('change', this.#onChange);
    this.#list = undefined;
  }

  #onChange = (event: MediaQueryListEvent) => {
    if (event.matches === this.#matches) return;
    this.#matches = event.matches;
    this.#host.requestUpdate();
  };
}
