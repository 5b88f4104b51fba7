import { html, type TemplateResult } from 'lit';

/**
 * A part of the catalog browser only staff see (a reviewer's queue, the access log), loaded
 * with `import()` when it is first shown, so a citizen's page never downloads it. Until it is
 * there it renders the loading state (a failed load, the error state with a retry);
 * `settled()` lets the element's `updateComplete` wait for it.
 */
export class LazyPart<T> {
  readonly #host: { requestUpdate(): void };
  readonly #load: () => Promise<T>;
  #value: T | undefined;
  #loading: Promise<T> | undefined;
  #error: unknown;

  constructor(host: { requestUpdate(): void }, load: () => Promise<T>) {
    this.#host = host;
    this.#load = load;
  }

  /** The part once loaded, else undefined. */
  get value(): T | undefined {
    return this.#value;
  }

  /** Loads the part (once; again after a failure); the host renders when it settles. */
  get(): Promise<T> {
    if (this.#loading) return this.#loading;
    this.#error = undefined;
    this.#loading = this.#load().then(
      (value) => (this.#value = value),
      (error: unknown) => {
        this.#error = error;
        this.#loading = undefined;
        throw error;
      },
    ).finally(() => this.#host.requestUpdate());
    return this.#loading;
  }

  /** Waits while the part loads; true if it was loading (the host then renders once more). */
  async settled(): Promise<boolean> {
    if (this.#value !== undefined || !this.#loading) return false;
    await this.#loading.catch(() => undefined);
    return true;
  }

  /** The part, or the loading state (starting the load), or the error state with a retry. */
  render(ready: (value: T) => TemplateResult, message: (error: unknown) => string, retry: () => void = () => void this.get().catch(() => undefined)): TemplateResult {
    if (this.#value !== undefined) return ready(this.#value);
    if (this.#error !== undefined && !this.#loading) {
      return html`<egov-async-state state="error" .message=${message(this.#error)} @egov-retry=${retry}></egov-async-state>`;
    }
    if (!this.#loading) void this.get().catch(() => undefined);
    return html`<egov-async-state state="loading"></egov-async-state>`;
  }
}
