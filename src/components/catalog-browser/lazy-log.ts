import { html, type TemplateResult } from 'lit';
import type { AccessLogController, LogHost } from './access-log';
import type { HostElement } from './data-preview';

/**
 * The reviewer's access log (AccessLogController), loaded with `import()` when it is first
 * opened: only a reviewer of the sharing catalog ever sees it, so a citizen's page never
 * downloads it. Until it is there the view shows the loading state (a failed load, the error
 * state with a retry); `settled()` lets the element's `updateComplete` wait for it, so focus
 * can follow to the log's heading as before.
 */
export class LazyAccessLog {
  readonly #host: HostElement;
  readonly #api: LogHost;
  #log: AccessLogController | undefined;
  #loading: Promise<AccessLogController> | undefined;
  #error: unknown;
  /** Bumped by reset(), so an open() made before it does not run once the code arrives. */
  #generation = 0;
  /** The entry the log was asked for while its code loaded (again on a retry). */
  #itemId: string | undefined;

  constructor(host: HostElement, api: LogHost) {
    this.#host = host;
    this.#api = api;
  }

  #load(): Promise<AccessLogController> {
    this.#loading ??= import('./access-log').then(
      ({ AccessLogController }) => (this.#log = new AccessLogController(this.#host, this.#api)),
      (error: unknown) => {
        this.#error = error;
        this.#loading = undefined;
        throw error;
      },
    ).finally(() => this.#host.requestUpdate());
    this.#error = undefined;
    return this.#loading;
  }

  /** Opens the view (see AccessLogController.open), loading its code first if need be. */
  open(itemId?: string): void {
    if (this.#log) return this.#log.open(itemId);
    const generation = this.#generation;
    this.#itemId = itemId;
    void this.#load().then((log) => generation === this.#generation && log.open(itemId), () => undefined);
  }

  reset(): void {
    this.#generation++;
    this.#log?.reset();
  }

  /** Waits while the code loads; true if it was loading (the host then renders once more). */
  async settled(): Promise<boolean> {
    if (this.#log || !this.#loading) return false;
    await this.#loading.catch(() => undefined);
    return true;
  }

  render(): TemplateResult {
    if (this.#log) return this.#log.render();
    if (this.#error !== undefined && !this.#loading) {
      return html`<egov-async-state state="error" .message=${this.#api.error(this.#error)} @egov-retry=${() => this.open(this.#itemId)}></egov-async-state>`;
    }
    return html`<egov-async-state state="loading"></egov-async-state>`;
  }
}
