import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index';
import type { EgovCertificateLookup } from '../../src/components/certificate-lookup/certificate-lookup';
import { CERTIFICATE_SEEDS } from '../../server/seed/data/certificates';
import { demoLogin, expectAccessible, shadow, shadowAll, waitUntil } from './support/helpers';
import { applyForBirthRegistration, decide } from './support/case-fixtures';
import '../../src/my-applications';

const HUKOU = CERTIFICATE_SEEDS.find((s) => s.id === 'cert-hukou-001')!;
const HAN = /\p{Script=Han}/u;

/** Level of each heading in the shadow root, as the accessibility tree reads it. */
function headingLevels(el: Element): Array<[string, number]> {
  return shadowAll(el, 'h1, h2, h3, h4, h5, h6, [role=heading]')
    .filter((h) => h.getClientRects().length > 0 || h.classList.contains('sr-only'))
    .map((h) => [h.textContent!.trim().slice(0, 30), Number(h.getAttribute('aria-level') ?? h.tagName.slice(1))]);
}

async function openHukou(locale: string, headingLevel?: number) {
  const token = await demoLogin('citizen-001');
  const el = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="mine" locale=${locale} token=${token}
    heading-level=${headingLevel ?? 2}></egov-certificate-lookup>`);
  await waitUntil(() => shadowAll(el, '[part=certificate]').some((c) => c.textContent!.includes(HUKOU.number)), 'list never loaded');
  const verified = oneEvent(el, 'egov-certificate-verified');
  shadowAll(el, '[part=certificate]').find((c) => c.textContent!.includes(HUKOU.number))!.querySelector('button')!.click();
  await verified;
  await el.updateComplete;
  return el;
}

/** Text nodes holding Chinese whose nearest lang (inside the element, or the host's) is not zh-CN. */
function unmarkedChinese(el: Element, within: Node = el.shadowRoot!): string[] {
  const found: string[] = [];
  const walk = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof Element) {
        if (node.shadowRoot) walk(node.shadowRoot);
        continue;
      }
      const text = node.textContent!.trim();
      if (!HAN.test(text)) continue;
      const parent = node.parentElement;
      if (parent?.closest('style, script, [hidden], [aria-hidden=true]')) continue;
      const lang = parent?.closest('[lang]')?.getAttribute('lang') ?? el.getAttribute('lang');
      if (lang !== 'zh-CN') found.push(text);
    }
  };
  walk(within);
  return found;
}

describe('each element says the language of its own content', () => {
  it('marks itself with the page language and follows a change of it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><section><egov-async-state state="loading"></egov-async-state></section></div>`);
    const el = wrapper.querySelector('egov-async-state')!;
    await waitUntil(() => el.getAttribute('lang') === 'en', 'no lang on the element');
    expect(el.shadowRoot!.textContent).to.contain('Loading');
    wrapper.setAttribute('lang', 'zh-CN');
    await waitUntil(() => el.getAttribute('lang') === 'zh-CN' && el.shadowRoot!.textContent!.includes('正在加载'), 'did not follow the page');
    // Its own mark is not taken for the portal's: it still follows the page.
    wrapper.setAttribute('lang', 'en');
    await waitUntil(() => el.getAttribute('lang') === 'en' && el.shadowRoot!.textContent!.includes('Loading'), 'stuck on the language it marked');
  });

  it('marks its own locale, and leaves a lang the portal set on it alone', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="zh-CN">
      <egov-async-state state="loading" locale="en"></egov-async-state>
      <egov-async-state state="loading" lang="en"></egov-async-state>
    </div>`);
    const [own, portal] = [...wrapper.querySelectorAll('egov-async-state')];
    await own!.updateComplete;
    expect(own!.getAttribute('lang')).to.equal('en');
    expect(portal!.getAttribute('lang')).to.equal('en');
    expect(portal!.shadowRoot!.textContent).to.contain('Loading');
    wrapper.setAttribute('lang', 'zh-CN');
    await portal!.updateComplete;
    expect(portal!.getAttribute('lang')).to.equal('en');
  });

  it('an element inside another element follows the page through both', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en"><egov-certificate-lookup mode="verify"></egov-certificate-lookup></div>`);
    const lookup = wrapper.querySelector('egov-certificate-lookup')!;
    await waitUntil(() => lookup.shadowRoot?.querySelector('#verify-heading'), 'not rendered');
    expect(lookup.getAttribute('lang')).to.equal('en');
    wrapper.setAttribute('lang', 'zh-CN');
    await waitUntil(() => lookup.getAttribute('lang') === 'zh-CN' && HAN.test(shadow(lookup, '#verify-heading').textContent!), 'did not follow');
  });
});

describe('Chinese data in an English element', () => {
  it('is marked lang="zh-CN" (holder, issuer, the certificate data), the English around it is not', async () => {
    const el = await openHukou('en');
    expect(el.getAttribute('lang')).to.equal('en');
    const holder = shadowAll(el, 'dd').find((dd) => dd.textContent === '张三')!;
    expect(holder, 'the holder row').to.exist;
    expect(holder.getAttribute('lang')).to.equal('zh-CN');
    const chinese = shadowAll(el, 'dd').filter((dd) => HAN.test(dd.textContent!));
    expect(chinese.length).to.be.greaterThan(2);
    for (const dd of chinese) expect(dd.closest('[lang]')!.getAttribute('lang'), dd.textContent!).to.equal('zh-CN');
    for (const dt of shadowAll(el, 'dt')) expect(dt.hasAttribute('lang')).to.equal(false);
    await expectAccessible(el);
  });

  it('inside translated sentences too: every Chinese text in the English view sits in a zh-CN mark', async () => {
    const el = await openHukou('en');
    const seal = shadow(el, '[data-check=seal]');
    const agency = [...seal.querySelectorAll('span[lang="zh-CN"]')].map((s) => s.textContent);
    expect(agency.length, seal.textContent!).to.be.greaterThan(0);
    expect(seal.textContent).to.match(/The seal matches/);
    expect(unmarkedChinese(el), 'Chinese text without lang="zh-CN"').to.deep.equal([]);
  });

  it('is not marked again in a Chinese element', async () => {
    const el = await openHukou('zh-CN');
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    expect(shadowAll(el, 'dd[lang]')).to.have.length(0);
  });
});

describe('<egov-certificate-lookup heading-level>', () => {
  it('puts its headings at the portal\'s level, those below one deeper, in every view', async () => {
    const el = await openHukou('en', 4);
    const levels = headingLevels(el);
    expect(levels[0]![1], JSON.stringify(levels)).to.equal(4);
    expect(levels.slice(1).every(([, level]) => level === 5), JSON.stringify(levels)).to.equal(true);
    await expectAccessible(el);

    const verify = await fixture<EgovCertificateLookup>(html`<egov-certificate-lookup mode="verify" locale="en" heading-level="3"></egov-certificate-lookup>`);
    await waitUntil(() => verify.shadowRoot?.querySelector('#verify-heading'), 'not rendered');
    expect(headingLevels(verify)).to.deep.equal([['Verify a certificate', 3], [shadow(verify, '#qr-heading').textContent!.trim().slice(0, 30), 4]]);
    verify.removeAttribute('heading-level');
    await verify.updateComplete;
    expect(shadow(verify, '#verify-heading').hasAttribute('aria-level')).to.equal(false);
    expect(shadow(verify, '#qr-heading').hasAttribute('aria-level')).to.equal(false);
    await expectAccessible(verify);
  });
});

describe('Chinese data in other English elements', () => {
  it('the catalog marks each Chinese entry name and summary zh-CN, and a Chinese catalog marks none', async () => {
    const el = await fixture(html`<egov-catalog-browser locale="en" page-size="3"></egov-catalog-browser>`);
    await waitUntil(() => shadowAll(el, '.item-link').length > 0, 'no results');
    const links = shadowAll(el, '.item-link').filter((a) => HAN.test(a.textContent!));
    expect(links.length).to.be.greaterThan(0);
    for (const link of links) expect(link.getAttribute('lang')).to.equal('zh-CN');
    for (const p of shadowAll(el, '.result__summary').filter((x) => HAN.test(x.textContent!))) expect(p.getAttribute('lang')).to.equal('zh-CN');
    // The English around them is not marked.
    expect(shadowAll(el, '.result__meta .badge').every((b) => !b.closest('[lang=zh-CN]'))).to.equal(true);
    // The providing agency inside "Providing agency: …" too.
    expect(unmarkedChinese(el, shadow(el, '[part=result-list]')), 'Chinese text without lang="zh-CN" in the results').to.deep.equal([]);
    await expectAccessible(el);
    const zh = await fixture(html`<egov-catalog-browser locale="zh-CN" page-size="3"></egov-catalog-browser>`);
    await waitUntil(() => shadowAll(zh, '.item-link').length > 0, 'no results');
    expect(shadowAll(zh, '.item-link[lang], .result__summary[lang]')).to.have.length(0);
  });
});

describe('Chinese names inside English sentences of the case views', () => {
  it("the applicant's decision (who decided, why, on what basis) and the timeline's actors are marked zh-CN, the English is not", async () => {
    const officer = await demoLogin('officer-001');
    const { id, token } = await applyForBirthRegistration();
    await decide(officer, id, { action: 'accept' });
    await decide(officer, id, { action: 'refuse', reason: '出生医学证明与申请信息不一致', legalBasis: '《浙江省公共数据和电子政务管理办法》第三十条' });
    const el = document.createElement('egov-my-applications');
    el.setAttribute('locale', 'en');
    el.setAttribute('application', id);
    (el as HTMLElement & { token: string }).token = token;
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await waitUntil(() => el.shadowRoot?.querySelector('[part=decision]'), 'no decision shown', { timeout: 15_000 });
    const decision = shadow(el, '[part=decision]');
    const officerName = [...decision.querySelectorAll('span[lang="zh-CN"]')].map((s) => s.textContent);
    expect(officerName).to.include('孙七');
    expect(decision.textContent).to.match(/Reason|reason/);
    expect(unmarkedChinese(el, decision), 'Chinese text without lang="zh-CN" in the decision').to.deep.equal([]);
    const timeline = shadow(el, '.timeline');
    expect(timeline.textContent).to.contain('孙七');
    expect(unmarkedChinese(el, timeline), 'Chinese text without lang="zh-CN" in the timeline').to.deep.equal([]);
    await expectAccessible(el);
  });
});
