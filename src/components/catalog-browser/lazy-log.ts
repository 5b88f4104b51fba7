import type { TemplateResult } from 'lit';
import type { AccessLogController, LogHost } from './access-log';
import type { HostElement } from './data-preview';
import { LazyPart } from './lazy-part';

/**
 * The reviewer's access log (AccessLogController), loaded when it is first opened (LazyPart):
 * only a reviewer of the sharing catalog ever sees it.
 */
export class LazyAccessLog {
  readonly #part: LazyPart<AccessLogController>;
  /** Bumped by reset(), so an open() made before it does not run once the code arrives. */
  #generation = 0;
  /** The entry the log was asked for while its code loaded (again on a retry). */
  #itemId: string | undefined;
  readonly #api: LogHost;

  constructor(host: HostElement, api: LogHost) {
    this.#api = api;
    this.#part = new LazyPart(host, () => import('./access-log').then(({ AccessLogController }) => new AccessLogController(host, api)));
  }

  /** Opens the view (see AccessLogController.open), loading its code first if need be. */
  open(itemId?: string): void {
    const log = this.#part.value;
    if (log) return log.open(itemId);
    const generation = this.#generation;
    this.#itemId = itemId;
    void this.#part.get().then((loaded) => generation === this.#generation && loaded.open(itemId), () => undefined);
  }

  reset(): void {
    this.#generation++;
    this.#part.value?.reset();
  }

  settled(): Promise<boolean> {
    return this.#part.settled();
  }

  render(): TemplateResult {
    return this.#part.render((log) => log.render(), this.#api.error, () => this.open(this.#itemId));
  }
}
