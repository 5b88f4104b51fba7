import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { LitElement, html as litHtml } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { HeadingLevelController } from '../../src/controllers/heading-level';
import { MediaQueryController } from '../../src/controllers/media-query';
import { waitUntil } from './support/helpers';

/** A host with a portal's `heading-level`: its top heading an h2, one below it an h3. */
class HeadingHost extends LitElement {
  static override properties = { headingLevel: { type: Number, attribute: 'heading-level' } };
  declare headingLevel: number;
  readonly headings = new HeadingLevelController(this);

  constructor() {
    super();
    this.headingLevel = 2;
  }

  override render() {
    return litHtml`<h2 aria-level=${ifDefined(this.headings.ariaLevel(0))}>Top</h2><h3 aria-level=${ifDefined(this.headings.ariaLevel(1))}>Below</h3>`;
  }
}
customElements.define('test-heading-host', HeadingHost);

/** A host that renders whether the window is narrow, and counts its renders. */
class MediaHost extends LitElement {
  readonly narrow = new MediaQueryController(this, '(max-width: 500px)');
  renders = 0;

  override render() {
    this.renders++;
    return litHtml`<p>${this.narrow.matches ? 'narrow' : 'wide'}</p>`;
  }
}
customElements.define('test-media-host', MediaHost);

describe('HeadingLevelController', () => {
  it('gives the portal level to the top heading and one more to each step below, with aria-level where the tag differs', async () => {
    const el = await fixture<HeadingHost>(html`<test-heading-host heading-level="4"></test-heading-host>`);
    expect(el.headings.base).to.equal(4);
    expect(el.headings.level(1)).to.equal(5);
    expect(el.shadowRoot!.querySelector('h2')!.getAttribute('aria-level')).to.equal('4');
    expect(el.shadowRoot!.querySelector('h3')!.getAttribute('aria-level')).to.equal('5');
  });

  it('sets no aria-level when the tags already say it, clamps to 6 and falls back to 2', async () => {
    const el = await fixture<HeadingHost>(html`<test-heading-host></test-heading-host>`);
    expect(el.shadowRoot!.querySelector('h2')!.hasAttribute('aria-level')).to.equal(false);
    expect(el.shadowRoot!.querySelector('h3')!.hasAttribute('aria-level')).to.equal(false);
    el.headingLevel = 6;
    await el.updateComplete;
    expect(el.headings.level(1)).to.equal(6);
    el.headingLevel = Number('abc');
    await el.updateComplete;
    expect(el.headings.base).to.equal(2);
    const capped = new HeadingLevelController(el, { max: 5 });
    el.headingLevel = 9;
    expect(capped.base).to.equal(5);
  });
});

describe('MediaQueryController', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('renders again when the media query starts or stops matching, and not otherwise', async () => {
    await setViewport({ width: 800, height: 600 });
    const el = await fixture<MediaHost>(html`<test-media-host></test-media-host>`);
    expect(el.narrow.matches).to.equal(false);
    expect(el.shadowRoot!.textContent).to.contain('wide');
    await setViewport({ width: 400, height: 600 });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('narrow'), 'narrow after resizing');
    expect(el.narrow.matches).to.equal(true);
    const renders = el.renders;
    await setViewport({ width: 380, height: 600 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(el.renders).to.equal(renders);
    await setViewport({ width: 800, height: 600 });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('wide'), 'wide again');
  });

  it('stops listening when the host leaves the document', async () => {
    await setViewport({ width: 800, height: 600 });
    const el = await fixture<MediaHost>(html`<test-media-host></test-media-host>`);
    el.remove();
    const renders = el.renders;
    await setViewport({ width: 400, height: 600 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(el.renders).to.equal(renders);
  });
});
