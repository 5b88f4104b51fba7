import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index';
import { configure } from '../../src/services/config';
import { ApiClient, ApiError } from '../../src/services/api-client';
import type { EgovAsyncState } from '../../src/components/shared/async-state';
import type { EgovAlert } from '../../src/components/shared/alert';
import { demoLogin, expectAccessible, faults, shadow, waitUntil } from './support/helpers';

describe('registration', () => {
  it('defines every shared element once, and a second registration does not throw', async () => {
    expect(customElements.get('egov-provider')).to.exist;
    expect(customElements.get('egov-async-state')).to.exist;
    await import('../../src/provider');
    await import('../../src/shared');
  });
});

describe('<egov-async-state>', () => {
  it('shows loading in a live region that existed before the message', async () => {
    const el = await fixture<EgovAsyncState>(html`<egov-async-state locale="en"><p>content</p></egov-async-state>`);
    const region = shadow(el, '[role=status]');
    expect(region.textContent?.trim()).to.equal('');
    el.state = 'loading';
    await el.updateComplete;
    expect(shadow(el, '[role=status]')).to.equal(region);
    expect(region.textContent).to.contain('Loading');
    await expectAccessible(el);
  });

  it('offers a retry after an error, by keyboard too', async () => {
    const el = await fixture<EgovAsyncState>(html`<egov-async-state state="error" message="Broken" locale="en"></egov-async-state>`);
    await expectAccessible(el);
    shadow<HTMLButtonElement>(el, 'button').focus();
    const retried = oneEvent(el, 'egov-retry');
    await sendKeys({ press: 'Enter' });
    const event = await retried;
    expect(event.composed).to.equal(true);
    expect(event.bubbles).to.equal(true);
  });

  it('speaks Chinese by default and follows the nearest [lang] live, across shadow roots', async () => {
    const wrapper = await fixture(html`<div><egov-async-state state="loading"></egov-async-state></div>`);
    const el = wrapper.querySelector('egov-async-state')!;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('正在加载');
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => el.shadowRoot!.textContent!.includes('Loading'), 'did not follow lang');
  });
});

describe('<egov-provider>', () => {
  afterEach(() => configure({ apiBase: '/api', locale: undefined, token: undefined }));

  it('gives its locale to the elements inside, and an element may override it', async () => {
    const provider = await fixture(html`<egov-provider locale="en">
      <egov-async-state state="loading"></egov-async-state>
      <egov-async-state state="loading" locale="zh-CN"></egov-async-state>
    </egov-provider>`);
    const [inherits, overrides] = [...provider.querySelectorAll('egov-async-state')];
    await inherits!.updateComplete;
    expect(inherits!.shadowRoot!.textContent).to.contain('Loading');
    expect(overrides!.shadowRoot!.textContent).to.contain('正在加载');
  });

  it('alerts are accessible in every variant', async () => {
    for (const variant of ['info', 'success', 'warning', 'error'] as const) {
      const el = await fixture<EgovAlert>(html`<egov-alert variant=${variant} heading="Notice" live>Body</egov-alert>`);
      await expectAccessible(el);
    }
  });
});

describe('configure() for pages without a provider', () => {
  afterEach(() => configure({ apiBase: '/api', locale: undefined, token: undefined }));

  it('sets the language and the backend of every element, which an element may still override', async () => {
    configure({ locale: 'en', apiBase: faults.down });
    const el = await fixture<EgovAsyncState>(html`<egov-async-state state="loading"></egov-async-state>`);
    expect(el.shadowRoot!.textContent).to.contain('Loading');
    const own = await fixture<EgovAsyncState>(html`<egov-async-state state="loading" locale="zh-CN"></egov-async-state>`);
    expect(own.shadowRoot!.textContent).to.contain('正在加载');
    configure({ locale: 'zh-CN' });
    await waitUntil(() => el.shadowRoot!.textContent!.includes('正在加载'), 'did not follow configure()');
    // The backend: a catalog with no api-base of its own talks to the configured one.
    configure({ locale: 'en', apiBase: faults.down });
    const catalog = await fixture(html`<egov-catalog-browser></egov-catalog-browser>`);
    await waitUntil(() => catalog.shadowRoot?.querySelector('egov-async-state[state=error]'), 'the configured (unreachable) backend was not used');
    configure({ apiBase: '/api' });
  });
});

describe('ApiClient against the reference backend', () => {
  it('sends the token from a tokenProvider and reads an authenticated route', async () => {
    const token = await demoLogin('citizen-001');
    let calls = 0;
    const client = new ApiClient({ apiBase: '/api', tokenProvider: async () => { calls++; return token; } });
    const me = await client.get<{ subject: { id: string; idNumberMasked: string } }>('/auth/me');
    expect(me.subject.id).to.equal('citizen-001');
    expect(me.subject.idNumberMasked).not.to.contain('19900101');
    expect(calls).to.equal(1);
  });

  it('turns a forged token into a typed 401 that is not retryable', async () => {
    const client = new ApiClient({ apiBase: '/api', token: 'Zm9yZ2VkLXRva2VuLXRoYXQtaXMtbG9uZy1lbm91Z2gtdG8tcGFyc2U' });
    const error = await client.get('/auth/me').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(401);
    expect((error as ApiError).code).to.equal('UNAUTHENTICATED');
    expect((error as ApiError).retryable).to.equal(false);
  });

  it('reports an unreachable server as NETWORK, retryable', async () => {
    const client = new ApiClient({ apiBase: faults.down, timeout: 5_000 });
    const error = (await client.get('/auth/demo-subjects').catch((e: unknown) => e)) as ApiError;
    expect(error).to.be.instanceOf(ApiError);
    expect(error.code).to.equal('NETWORK');
    expect(error.retryable).to.equal(true);
  });

  it('reports a slow server as TIMEOUT', async () => {
    const client = new ApiClient({ apiBase: faults.delay(3_000), timeout: 300 });
    const error = (await client.get('/auth/demo-subjects').catch((e: unknown) => e)) as ApiError;
    expect(error.code).to.equal('TIMEOUT');
    expect(error.retryable).to.equal(true);
  });

  it('carries the SPEC error code and field errors of a 400', async () => {
    const client = new ApiClient({ apiBase: '/api' });
    const error = (await client.post('/auth/demo-login', { subjectId: 'nobody' }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).to.equal(400);
    expect(error.code).to.equal('BAD_REQUEST');
    expect(error.fields[0]!.path).to.equal('subjectId');
  });
});
