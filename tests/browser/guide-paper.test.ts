import { expect, fixture, html } from '@open-wc/testing';
import '../../src/application-form';
import { demoLogin, expectAccessible, shadow, waitUntil } from './support/helpers';

/** SPEC §14 (Art. 30, 40(5)): the guide says what must be brought on paper, with its legal basis, or that nothing must. */

async function guideOf(service: string, locale: string, token: string): Promise<HTMLElement> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-application-form');
  el.setAttribute('service', service);
  el.setAttribute('locale', locale);
  el.token = token;
  wrapper.append(el);
  await waitUntil(() => el.shadowRoot?.querySelector('[data-guide=paper]'), 'the guide never said anything of paper', { timeout: 10_000 });
  return el;
}

describe('the service guide: paper and presence', () => {
  it('says “无需提交纸质材料” where the service declares nothing, and lists what a service declares with its legal basis', async () => {
    const birth = await guideOf('birth-registration', 'zh-CN', await demoLogin('citizen-001'));
    expect(shadow(birth, '[data-guide=paper]').textContent).to.contain('无需提交纸质材料');
    await expectAccessible(birth);
    const licence = await guideOf('business-licence-change', 'en', await demoLogin('org-001'));
    const paper = shadow(licence, '[data-paper=original-licence]');
    expect(paper.textContent).to.contain('Paper original: The original business licence').and.to.contain('《中华人民共和国市场主体登记管理条例实施细则》');
    await expectAccessible(licence);
  });
});
