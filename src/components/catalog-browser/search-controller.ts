import type { ReactiveController, ReactiveElement } from 'lit';
import { isAbortError } from '../../services/api-client';

export type SearchStatus = 'idle' | 'loading' | 'error';

/**
 * Runs searches for an element: debounces typing, cancels the request a newer one
 * supersedes (AbortController), never lets a late answer overwrite a newer one, and
 * keeps the last good result while the next one loads so the list does not blank.
 */
export class SearchController<Q, R> implements ReactiveController {
  readonly #host: ReactiveElement;
  readonly #fetch: (query: Q, signal: AbortSignal) => Promise<R>;
  readonly #onResult: (result: R, query: Q) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #abort: AbortController | undefined;
  #seq = 0;

  /** The last result that arrived for the latest query that completed. */
  result: R | undefined;
  /** The query the current result answers. */
  resultQuery: Q | undefined;
  status: SearchStatus = 'idle';
  error: unknown;
  delay: number;

  constructor(
    host: ReactiveElement,
    options: { fetch: (query: Q, signal: AbortSignal) => Promise<R>; onResult?: (result: R, query: Q) => void; delay?: number },
  ) {
    this.#host = host;
    this.#fetch = options.fetch;
    this.#onResult = options.onResult ?? (() => undefined);
    this.delay = options.delay ?? 250;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** Searches after a pause in typing. */
  schedule(query: Q, beforeRun?: (query: Q) => void): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      beforeRun?.(query);
      void this.run(query);
    }, this.delay);
  }

  /** Searches now, superseding anything scheduled or in flight. */
  async run(query: Q): Promise<void> {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const seq = ++this.#seq;
    this.status = 'loading';
    this.#host.requestUpdate();
    try {
      const result = await this.#fetch(query, abort.signal);
      if (seq !== this.#seq) return;
      this.result = result;
      this.resultQuery = query;
      this.error = undefined;
      this.status = 'idle';
      this.#onResult(result, query);
    } catch (error) {
      if (seq !== this.#seq || isAbortError(error) || abort.signal.aborted) return;
      this.error = error;
      this.status = 'error';
    } finally {
      if (seq === this.#seq) this.#host.requestUpdate();
    }
  }

  /** Drops whatever is scheduled or in flight. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#abort?.abort();
    this.#seq++;
    if (this.status === 'loading') this.status = 'idle';
  }

  /** Forgets the result too (e.g. after signing out of the sharing catalog). */
  reset(): void {
    this.cancel();
    this.result = undefined;
    this.resultQuery = undefined;
    this.error = undefined;
    this.status = 'idle';
    this.#host.requestUpdate();
  }
}
