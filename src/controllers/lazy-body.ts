import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
// The loading and error states are <egov-async-state>, defined here for an element that uses no other.
import '../shared';

/** What a body element offers its element: it renders when it updates. */
export interface BodyElement extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
}

interface LazyHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * An element's body — its rendering and logic — loaded with `import()` when the element is
 * first connected, so a page that never shows the element never downloads it (nor is it
 * prefetched: a citizen's page has no use for staff code). Until it arrives the element shows
 * the loading state (a screen reader hears "loading"); a failed load shows the error state
 * with a retry. The body is an element of its own rendered into the element's shadow root
 * without a shadow root of its own (`renderInto`), so the element's styles, parts, focus and
 * events are as they were; the element passes its properties down on every render.
 */
export class LazyBody<E extends BodyElement> implements ReactiveController {
  readonly #host: LazyHost;
  readonly #tag: string;
  readonly #load: () => Promise<unknown>;
  #state: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  #error: unknown;
  #loading: Promise<void> | undefined;

  constructor(host: LazyHost, tag: string, load: () => Promise<unknown>) {
    this.#host = host;
    this.#tag = tag;
    this.#load = load;
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#state === 'idle') void this.load().catch(() => undefined);
  }

  /** Loads the body (once; again after a failure). */
  load(): Promise<void> {
    if (this.#state === 'ready') return Promise.resolve();
    this.#loading ??= (async () => {
      this.#state = 'loading';
      this.#host.requestUpdate();
      try {
        await this.#load();
        this.#state = customElements.get(this.#tag) ? 'ready' : 'error';
      } catch (error) {
        this.#error = error;
        this.#state = 'error';
        this.#loading = undefined;
        throw error;
      } finally {
        this.#host.requestUpdate();
      }
    })();
    return this.#loading;
  }

  /** The body element once it is rendered, else null. */
  get element(): E | null {
    return this.#state === 'ready' ? this.#host.renderRoot.querySelector<E>(this.#tag) : null;
  }

  /** The body element, loading it first if need be. */
  async whenReady(): Promise<E> {
    await this.load();
    await this.#host.updateComplete;
    return this.element!;
  }

  /**
   * Waits for the body while it loads, and for its own render, so the element's
   * `updateComplete` means what is on screen (a failed load settles too, on the error state).
   */
  async settled(): Promise<void> {
    if (this.#state === 'loading' && this.#loading) {
      await this.#loading.catch(() => undefined);
      await this.#host.updateComplete;
    }
    const body = this.element;
    if (body) await body.updateComplete;
  }

  /**
   * The body, or the loading state, or the error state with a retry (`message`: what the
   * element says of the error, from its catalogue).
   */
  render(body: () => TemplateResult, message: (error: unknown) => string): TemplateResult {
    if (this.#state === 'ready') return body();
    if (this.#state === 'error') {
      return html`<egov-async-state state="error" message=${message(this.#error)} @egov-retry=${() => void this.load().catch(() => undefined)}></egov-async-state>`;
    }
    return html`<egov-async-state state="loading"></egov-async-state>`;
  }
}
