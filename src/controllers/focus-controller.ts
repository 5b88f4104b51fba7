import type { ReactiveController, ReactiveElement } from 'lit';

/**
 * Moves focus to a part of the host's shadow tree once it is rendered: after opening a case
 * its heading, after an error the summary, after closing the row that was opened. A target
 * not rendered yet (a list still loading) is focused when it first appears.
 */
export class FocusController implements ReactiveController {
  readonly #host: ReactiveElement;
  #target: string | undefined;

  constructor(host: ReactiveElement) {
    this.#host = host;
    host.addController(this);
  }

  /** Focus the first element matching `selector` in the host's render root when it is there. */
  focus(selector: string): void {
    this.#target = selector;
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    const target = this.#target;
    if (!target) return;
    const found = this.#host.renderRoot.querySelector<HTMLElement>(target);
    if (!found) return;
    this.#target = undefined;
    queueMicrotask(() => found.focus());
  }
}
