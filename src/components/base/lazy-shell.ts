import { css, nothing, unsafeCSS, type CSSResultGroup, type TemplateResult } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { EgovElement } from './egov-element';
import { alertStyles, buttonStyles, fieldStyles, hostStyles } from '../shared/shared.styles';
import { LazyBody, type BodyElement } from '../../controllers/lazy-body';

type Shared = Pick<EgovElement, 'apiBase' | 'token' | 'tokenProvider' | 'locale'>;

/** Passes an element's own configuration (api-base, token, token provider, locale) on to its body. */
class PassConfig extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('passConfig() belongs on an element');
  }

  render(_from: Shared) {
    return nothing;
  }

  override update(part: ElementPart, [from]: [Shared]) {
    const body = part.element as HTMLElement & Shared;
    body.apiBase = from.apiBase;
    body.token = from.token;
    body.tokenProvider = from.tokenProvider;
    body.locale = from.locale;
    return nothing;
  }
}
const passConfig = directive(PassConfig);

/**
 * An element whose body — its rendering and logic — is loaded when it is first connected
 * (LazyBody): the loading and error states until it is there, then the body with the
 * element's configuration and properties passed down on every render, and an
 * `updateComplete` that waits for the body's render too. A shell keeps only its own
 * attributes, properties and methods, and says how its body is rendered (`renderBody`).
 */
export abstract class LazyShell<B extends BodyElement> extends EgovElement {
  /** The styles every shell has, its own, and its body laid out as if it were not there. */
  protected static shellStyles(bodyTag: string, ...own: CSSResultGroup[]): CSSResultGroup {
    return [hostStyles, buttonStyles, fieldStyles, alertStyles, ...own, css`${unsafeCSS(bodyTag)} { display: contents; }`];
  }

  protected readonly body: LazyBody<B>;

  constructor(bodyTag: string, load: () => Promise<unknown>) {
    super();
    this.body = new LazyBody<B>(this, bodyTag, load);
  }

  /** The body element, with `${this.passConfig()}` on it and the shell's own properties. */
  protected abstract renderBody(): TemplateResult;

  /** The binding that hands the shell's api-base, token, token provider and locale to its body. */
  protected passConfig() {
    return passConfig(this);
  }

  override render() {
    return this.body.render(() => this.renderBody(), (error) => this.i18n.error(error));
  }

  /** Waits for the body's render too, so `updateComplete` means what is on screen. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await this.body.settled();
    return done;
  }
}
