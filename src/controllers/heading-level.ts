import type { ReactiveController, ReactiveElement } from 'lit';

/** An element whose headings start at the level a portal gives (`heading-level`, default 2). */
export interface HeadingLevelHost extends ReactiveElement {
  headingLevel: number;
}

/**
 * The levels of an element's headings under the portal's `heading-level`: the element's top
 * heading takes that level (1–6, default 2), and a heading `offset` below it one more per
 * step, never past `max`. The templates keep their own tags (h2, h3, …) and set `aria-level`
 * only where the portal's outline differs from them.
 */
export class HeadingLevelController implements ReactiveController {
  readonly #host: HeadingLevelHost;
  readonly #max: number;

  constructor(host: HeadingLevelHost, options: { max?: number } = {}) {
    this.#host = host;
    this.#max = options.max ?? 6;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The top heading's level, within 1…max (2 when the attribute is not a whole number). */
  get base(): number {
    const given = Math.trunc(this.#host.headingLevel);
    return Number.isInteger(given) && given > 0 ? Math.min(this.#max, given) : 2;
  }

  /** The level of a heading `offset` below the top one. */
  level(offset = 0): number {
    return Math.min(6, this.base + offset);
  }

  /** `aria-level` for a heading rendered as `h{2 + offset}`: undefined when the tag already says it. */
  ariaLevel(offset = 0): number | undefined {
    const level = this.level(offset);
    return level === 2 + offset ? undefined : level;
  }
}
