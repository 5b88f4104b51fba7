// The applicant's path made trustworthy: the service guide, answers bound to the sign-in,
// clicks that are never lost, the server's checks before review, typed dates, and what is
// signed shown as the applicant saw it. In Chromium, against the reference backend.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../src/application-form';
import type { EgovApplicationForm } from '../../src/application-form';
import type { EgovSignature } from '../../src/signature';
import { clearDraftsOf, DraftStore, newDraft, type Draft } from '../../src/services/drafts';
import { demoLogin, expectAccessible, faults, shadow, shadowAll, waitForText, waitUntil } from './support/helpers';

let zhang = '';

before(async () => {
  zhang = await demoLogin('citizen-001');
});

beforeEach(async () => {
  await clearDraftsOf('citizen-001');
  await setViewport({ width: 1000, height: 800 });
});

async function seedDraft(service: string, patch: Partial<Draft>): Promise<void> {
  const store = new DraftStore('citizen-001', service);
  store.save({ ...newDraft('citizen-001', service), ...patch }, 0);
  await store.flush();
}

async function mount(service: string, locale = 'en', token: string | undefined = zhang): Promise<EgovApplicationForm> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('egov-application-form');
  el.setAttribute('service', service);
  el.setAttribute('locale', locale);
  if (token) el.token = token;
  wrapper.append(el);
  await waitUntil(() => el.shadowRoot?.querySelector('.step-heading'), 'the form never rendered', { timeout: 10_000 });
  return el;
}

const heading = (el: Element) => el.shadowRoot?.querySelector('.step-heading')?.textContent?.trim() ?? '';
async function waitForHeading(el: Element, text: string): Promise<void> {
  await waitUntil(() => heading(el).includes(text), `heading never became "${text}" (is "${heading(el)}")`, { timeout: 10_000 });
}
const button = (el: Element, text: string) => shadowAll<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === text)!;
const fieldControl = (el: Element, name: string) => shadow<HTMLElement & { value: string }>(el, `#f-${name}`);
const inner = (el: Element, name: string) => shadow<HTMLInputElement>(fieldControl(el, name), 'input, textarea');

/** Where an element is on screen, as the real mouse sees it. */
async function clickWithMouse(target: Element): Promise<void> {
  const rect = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(rect.left + rect.width / 2), Math.round(rect.top + rect.height / 2)] });
}

describe('the service guide (SPEC §2 guide, Art. 30)', () => {
  it('comes first: what the service is, who may apply, the materials with those the platform holds, legal basis, time limit, fee and contact', async () => {
    const el = await mount('birth-registration');
    await waitForHeading(el, 'Service guide');
    const guide = shadow(el, '.guide');
    const text = guide.textContent!;
    expect(text).to.contain('Registers a child born in Zhejiang');
    expect(text).to.contain("The child's father or mother");
    expect(text).to.contain('《中华人民共和国户口登记条例》');
    expect(shadow(el, '[data-guide=time-limit]').textContent).to.contain('5 working days');
    expect(shadow(el, '[data-guide=fee]').textContent).to.contain('Free of charge');
    expect(shadow(el, '[data-guide=contact]').textContent).to.contain('0571-110');
    // 张三's household register and marriage certificate are on the platform; the birth certificate is not.
    await waitUntil(() => guide.querySelectorAll('[data-held]').length === 2, 'held materials never marked');
    expect(guide.querySelector('[data-material=parents-hukou] [data-held]')).to.not.equal(null);
    expect(guide.querySelector('[data-material=marriage-certificate] [data-held]')).to.not.equal(null);
    expect(guide.querySelector('[data-material=birth-medical-certificate] [data-held]')).to.equal(null);
    // Chinese data inside an English page is marked as Chinese.
    expect(shadowAll(el, '.guide [lang=zh-CN]').length).to.be.greaterThan(0);
    await expectAccessible(el);
    button(el, 'Start now').click();
    await waitForHeading(el, 'Who is applying');
    expect(shadow(el, '[part=step-indicator] [aria-current=step]').textContent).to.contain('Applicant');
  });

  it('speaks Chinese, and a visitor who is not signed in reads it before signing in', async () => {
    const el = await mount('residence-permit', 'zh-CN', '');
    await waitForHeading(el, '办事指南');
    expect(shadow(el, '[data-guide=time-limit]').textContent).to.match(/\d+ 个工作日/);
    expect(shadow(el, '.guide').textContent).to.contain('申请条件');
    await expectAccessible(el);
    button(el, '开始办理').click();
    await waitForText(el, '请先登录');
  });
});

describe('answers bound to the applicant (x-egov-subject)', () => {
  it("fills 张三's name and ID number from the sign-in, read-only, even over a draft holding 李四's", async () => {
    await seedDraft('residence-permit', { step: 'form:applicant', data: { name: '李四', idNumber: '330102199203150021' } });
    const el = await mount('residence-permit');
    await waitForHeading(el, 'About you');
    await waitUntil(() => el.shadowRoot!.querySelector('[data-field=name][data-bound]'), 'the name is not bound');
    expect(fieldControl(el, 'name').textContent!.trim()).to.equal('张三');
    expect(fieldControl(el, 'idNumber').textContent!.trim()).to.equal('33010619900101123X');
    expect(fieldControl(el, 'name').getAttribute('aria-readonly')).to.equal('true');
    expect(shadow(el, '[data-field=name]').querySelector('input')).to.equal(null);
    expect(shadow(el, '[data-field=idNumber]').textContent).to.contain('Filled in from your sign-in');
    // The mobile number is not bound: it is a field as before.
    expect(inner(el, 'mobile')).to.not.equal(null);
    await waitUntil(async () => (await new DraftStore('citizen-001', 'residence-permit').load())?.data.name === '张三', 'the draft kept 李四');
    await expectAccessible(el);
  });
});

describe('clicks are never lost', () => {
  it('a click on the next radio button straight after leaving an invalid field chooses it at the first click', async () => {
    await seedDraft('birth-registration', { step: 'form:parents', data: { fatherName: '张三', fatherIdNumber: '33010619900101123X', motherName: '李四' } });
    const el = await mount('birth-registration');
    await waitForHeading(el, 'The parents');
    const mother = inner(el, 'motherIdNumber');
    mother.focus();
    await sendKeys({ type: '330102199203150022' });
    const yes = shadowAll<HTMLInputElement>(fieldControl(el, 'parentsMarried'), 'input[type=radio]')[0]!;
    yes.scrollIntoView({ block: 'center' });
    const before = yes.getBoundingClientRect().top;
    await clickWithMouse(yes);
    await waitUntil(() => fieldControl(el, 'parentsMarried').value === 'true', 'the first click on "Yes" was lost');
    expect(yes.checked).to.equal(true);
    // The error of the field left shows once the click is done, and the radio button moves only then.
    await waitUntil(() => mother.getAttribute('aria-invalid') === 'true', 'the invalid ID number was not reported');
    expect(yes.getBoundingClientRect().top).to.be.greaterThan(before);
  });

  it('a click on "Save and continue" straight after correcting a field that had an error works at the first click', async () => {
    await seedDraft('birth-registration', { step: 'form:child', data: { childName: '张小明', childSex: 'male', birthPlace: '杭州' } });
    const el = await mount('birth-registration');
    await waitForHeading(el, 'The child');
    button(el, 'Save and continue').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary');
    const date = inner(el, 'childBirthDate');
    date.focus();
    await sendKeys({ type: '2026-10-01' });
    const next = button(el, 'Save and continue');
    next.scrollIntoView({ block: 'center' });
    await clickWithMouse(next);
    await waitForHeading(el, 'The parents');
  });
});

describe('the server\'s checks before review', () => {
  it('refuses a birth date after today before review, with the server\'s message, and goes to the answer', async () => {
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await seedDraft('birth-registration', { step: 'form:child', data: { childName: '张小明', childSex: 'male', birthPlace: '杭州' } });
    const el = await mount('birth-registration');
    await waitForHeading(el, 'The child');
    const date = inner(el, 'childBirthDate');
    date.focus();
    await sendKeys({ type: tomorrow });
    button(el, 'Save and continue').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'a future date passed the step');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('Date of birth cannot be later than today');
    expect(heading(el)).to.contain('The child');
  });

  it('takes the applicant from the documents back to an answer the server would refuse', async () => {
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    await seedDraft('residence-permit', {
      step: 'materials',
      data: { name: '张三', idNumber: '33010619900101123X', mobile: '13800138000', residenceAddress: '浙江省宁波市鄞州区天童南路 588 号', postcode: '315100', residenceSince: tomorrow, residenceReason: 'study' },
      materials: [{ code: 'id-card', certificateId: 'cert-idcard-001' }, { code: 'residence-proof', uploadId: 'x', fileName: 'lease.pdf' }, { code: 'photo', uploadId: 'y', fileName: 'photo.png' }],
    });
    const el = await mount('residence-permit');
    await waitForHeading(el, 'Supporting documents');
    await waitUntil(() => !el.shadowRoot!.querySelector('egov-async-state[state=loading]'), 'documents never loaded');
    button(el, 'Save and continue').click();
    await waitUntil(() => !heading(el).includes('Supporting documents'), 'stayed on the documents');
    expect(heading(el)).to.not.contain('Check your answers');
    await waitUntil(() => el.shadowRoot!.querySelector('[part=error-summary]'), 'no error summary on the answer');
    expect(shadow(el, '[part=error-summary]').textContent).to.match(/cannot be later than today/);
  });
});

describe('dates people can type', () => {
  for (const typed of ['20261015', '2026/10/15', '2026.10.15', '2026年10月15日', '２０２６年１０月１５日']) {
    it(`takes ${typed} and shows it as 2026-10-15`, async () => {
      await seedDraft('birth-registration', { step: 'form:child', data: { childName: '张小明', childSex: 'male', birthPlace: '杭州' } });
      const el = await mount('birth-registration');
      await waitForHeading(el, 'The child');
      const date = inner(el, 'childBirthDate');
      expect(date.getAttribute('inputmode')).to.equal(null);
      date.focus();
      await sendKeys({ type: typed });
      await sendKeys({ press: 'Tab' });
      await waitUntil(() => date.value === '2026-10-15', `shown as ${date.value}`);
      expect(date.getAttribute('aria-invalid')).to.equal('false');
      await waitUntil(async () => (await new DraftStore('citizen-001', 'birth-registration').load())?.data.childBirthDate === '2026-10-15', 'not saved normalised');
    });
  }
});

describe('what is signed, readable (SPEC §2 <egov-signature summary>)', () => {
  for (const [locale, labels] of [['en', ['Sex', 'Male', 'Date of birth', 'October 1, 2026', 'Birth medical certificate', 'scan.pdf', 'Free']], ['zh-CN', ['性别', '男', '出生日期', '2026年10月1日', '出生医学证明', 'scan.pdf']]] as const) {
    it(`shows the questions' labels and the answers as shown, the exact JSON one click away (${locale})`, async () => {
      await seedDraft('birth-registration', {
        step: 'signature',
        data: {
          childName: '张小明', childSex: 'male', childBirthDate: '2026-10-01', birthPlace: '杭州', fatherName: '张三', fatherIdNumber: '33010619900101123X',
          motherName: '李四', motherIdNumber: '330102199203150021', parentsMarried: true, contactMobile: '13800138000', address: '杭州市西湖区', postcode: '310012',
        },
        materials: [{ code: 'birth-medical-certificate', uploadId: 'u-1', fileName: 'scan.pdf' }, { code: 'parents-hukou', certificateId: 'cert-hukou-001', certificateName: '居民户口簿', certificateNumber: 'HK-1' }],
      });
      const el = await mount('birth-registration', locale);
      await waitUntil(() => el.shadowRoot!.querySelector('egov-signature'), 'no signature step');
      const signature = shadow<EgovSignature>(el, 'egov-signature');
      await waitUntil(() => signature.shadowRoot?.querySelector('.summary__list'), 'no summary');
      const summary = shadow(signature, '.summary__list').textContent!;
      for (const label of labels.filter((l) => l !== 'Free')) expect(summary).to.contain(label);
      // Never field codes or raw values.
      for (const code of ['childSex', 'childBirthDate', 'male', 'uploadId', 'birth-medical-certificate']) expect(summary).to.not.contain(code);
      const details = shadow<HTMLDetailsElement>(signature, '[part=payload]');
      expect(details.open).to.equal(false);
      details.querySelector<HTMLElement>('summary')!.click();
      const json = JSON.parse(details.querySelector('pre')!.textContent!);
      expect(json).to.deep.equal(JSON.parse(JSON.stringify(signature.payload)));
      await waitUntil(() => /[0-9A-F]{4} [0-9A-F]{4}/.test(shadow(signature, '[part=fingerprint]').textContent!), 'no fingerprint');
      // No scroll box: the whole summary shows.
      const box = shadow(signature, '.summary__scroll');
      expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
      await expectAccessible(el);
    });
  }
});

describe('drafts keep the last keystroke', () => {
  it('has the answer typed a moment ago, not only after a pause in typing', async () => {
    await seedDraft('birth-registration', { step: 'form:child' });
    const el = await mount('birth-registration');
    await waitForHeading(el, 'The child');
    inner(el, 'childName').focus();
    await sendKeys({ type: '张小明' });
    // Well within the 300 ms the store used to wait before writing.
    await waitUntil(async () => (await new DraftStore('citizen-001', 'birth-registration').load())?.data.childName === '张小明', 'the last keystrokes were not saved', { timeout: 150, interval: 20 });
  });
});

describe('a fuller receipt', () => {
  it('names the agency, the applicant, the time limit and due date, what happens next, and links to my applications', async () => {
    // Submitted on Friday 27 November 2026 in China: 5 working days later is Friday 4 December.
    await seedDraft('birth-registration', { step: 'receipt', receipt: { id: 'app-1', receiptNo: 'GA-20261127-0001', status: 'submitted', submittedAt: '2026-11-27T02:00:00.000Z' } });
    const el = await mount('birth-registration');
    el.setAttribute('applications-url', '/demo/applications.html');
    await waitForHeading(el, 'Application submitted');
    const receipt = shadow(el, '[part=receipt]');
    expect(receipt.querySelector('[data-receipt-row=agency]')!.textContent).to.contain('浙江省公安厅');
    expect(receipt.querySelector('[data-receipt-row=applicant]')!.textContent).to.contain('张三');
    expect(receipt.querySelector('[data-receipt-row=time-limit]')!.textContent).to.contain('5 working days');
    expect(receipt.querySelector('[data-receipt-row=due]')!.textContent).to.contain('December 4, 2026');
    expect(receipt.textContent).to.contain('will decide within 5 working days');
    await el.updateComplete;
    const link = shadowAll<HTMLAnchorElement>(el, '[part=receipt] a').find((a) => a.textContent!.includes('See my applications'))!;
    expect(link.getAttribute('href')).to.equal('/demo/applications.html');
    await expectAccessible(el);
  });
});

describe('focus after uploads', () => {
  function pdf(name: string, size = 40_000): File {
    const bytes = new Uint8Array(size).fill(32);
    bytes.set(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'));
    return new File([bytes], name, { type: 'application/pdf' });
  }
  function choose(el: Element, code: string, file: File): void {
    const input = shadow<HTMLInputElement>(el, `#material-${code}`);
    input.focus();
    const transfer = new DataTransfer();
    transfer.items.add(file);
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  const box = (el: Element, code: string) => shadow(el, `[part=material][data-material="${code}"]`);
  const focused = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;

  it('goes to the file\'s row, the retry button or the choose-file button, never the page body; a cancelled upload is announced', async () => {
    const li = await demoLogin('citizen-002');
    await clearDraftsOf('citizen-002');
    const store = new DraftStore('citizen-002', 'birth-registration');
    store.save({ ...newDraft('citizen-002', 'birth-registration'), step: 'materials' }, 0);
    await store.flush();
    const el = await mount('birth-registration', 'en', li);
    await waitForHeading(el, 'Supporting documents');
    const code = 'birth-medical-certificate';

    choose(el, code, pdf('scan.pdf'));
    await waitUntil(() => box(el, code).querySelector('[data-state=uploaded]'), 'upload did not finish', { timeout: 15_000 });
    await waitUntil(() => focused(el)?.dataset.state === 'uploaded', `focus after the upload is on ${focused(el)?.outerHTML.slice(0, 80) ?? document.activeElement?.localName}`);
    expect(focused(el)!.textContent).to.contain('scan.pdf');

    box(el, code).querySelector<HTMLButtonElement>('[data-state=uploaded] button')!.click();
    await waitUntil(() => focused(el)?.id === `material-${code}`, 'focus after removing is not on the choose-file button');

    // A refused file: focus on "retry"; its "remove" names the file; the file input is described by the failure.
    const exe = new Uint8Array(2048);
    exe.set([0x4d, 0x5a, 0x90, 0x00]);
    choose(el, code, new File([exe], 'renamed.pdf', { type: 'application/pdf' }));
    await waitUntil(() => box(el, code).querySelector('[data-state=failed]'), 'not refused', { timeout: 10_000 });
    await waitUntil(() => focused(el)?.classList.contains('retry'), 'focus after a failed upload is not on retry');
    const remove = [...box(el, code).querySelectorAll<HTMLButtonElement>('[data-state=failed] button')].find((b) => b.textContent!.includes('Remove'))!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove renamed.pdf');
    expect(shadow(el, `#material-${code}`).getAttribute('aria-describedby')).to.contain(`material-${code}-failed`);
    await expectAccessible(el);
    remove.click();
    await waitUntil(() => focused(el)?.id === `material-${code}`, 'focus after removing a failed upload');

    // A slow upload, cancelled: announced, focus back on the choose-file button.
    el.apiBase = faults.delay(3_000);
    await el.updateComplete;
    choose(el, code, pdf('slow.pdf'));
    await waitUntil(() => box(el, code).querySelector('[data-state=uploading]'), 'no upload under way');
    await waitUntil(() => focused(el)?.dataset.state === 'uploading', 'focus is not on the uploading row');
    [...box(el, code).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Cancel upload'))!.click();
    await waitUntil(() => (shadow(el, '[role=status]').textContent ?? '').includes('Upload of slow.pdf cancelled'), 'cancel not announced');
    await waitUntil(() => focused(el)?.id === `material-${code}`, 'focus after cancelling');
    el.apiBase = '/api';
  });
});

describe('the sex radio group', () => {
  it('is required but not invalid before it is touched (even when tabbed through), and invalid after an error', async () => {
    await seedDraft('birth-registration', { step: 'form:child', data: { childName: '张小明' } });
    const el = await mount('birth-registration');
    await waitForHeading(el, 'The child');
    const group = shadow(fieldControl(el, 'childSex'), 'fieldset');
    expect(group.getAttribute('role')).to.equal('radiogroup');
    expect(group.getAttribute('aria-required')).to.equal('true');
    expect(group.getAttribute('aria-invalid')).to.equal('false');
    const radios = shadowAll<HTMLInputElement>(fieldControl(el, 'childSex'), 'input[type=radio]');
    expect(radios.some((r) => r.required || r.matches(':invalid'))).to.equal(false);
    inner(el, 'childName').focus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(group.getAttribute('aria-invalid')).to.equal('false');
    expect(fieldControl(el, 'childSex').shadowRoot!.querySelector('[part=error-message]')).to.equal(null);
    button(el, 'Save and continue').click();
    await waitUntil(() => group.getAttribute('aria-invalid') === 'true', 'the group was not marked invalid after the error');
    expect(shadow(el, '[part=error-summary]').textContent).to.contain('Select sex');
    await expectAccessible(el);
  });
});

describe('print', () => {
  afterEach(() => emulateMedia({ media: 'screen' }));

  it('prints the receipt on one page on its own, without the portal around it', async () => {
    await seedDraft('birth-registration', { step: 'receipt', receipt: { id: 'app-1', receiptNo: 'GA-20261127-0002', status: 'submitted', submittedAt: '2026-11-27T02:00:00.000Z' } });
    const portal = await fixture<HTMLDivElement>(html`<div><header id="portal-header" style="height: 300px">Portal header</header><main id="portal-main"></main></div>`);
    const el = document.createElement('egov-application-form');
    el.setAttribute('service', 'birth-registration');
    el.setAttribute('locale', 'en');
    el.token = zhang;
    portal.querySelector('main')!.append(el);
    await waitForHeading(el, 'Application submitted');
    await emulateMedia({ media: 'print' });
    window.dispatchEvent(new Event('beforeprint'));
    try {
      expect(el.hasAttribute('data-egov-print')).to.equal(true);
      expect(getComputedStyle(portal.querySelector('#portal-header')!).visibility).to.equal('hidden');
      expect(getComputedStyle(el).visibility).to.equal('visible');
      expect(getComputedStyle(shadow(el, '[part=receipt]')).visibility).to.equal('visible');
      // At the top of the first page, and its buttons and steps left out.
      expect(el.getBoundingClientRect().top + window.scrollY).to.be.at.most(1);
      expect(getComputedStyle(shadow(el, '[part=step-indicator]')).display).to.equal('none');
      expect(getComputedStyle(shadow(el, '[part=receipt] .actions')).display).to.equal('none');
      // One A4 page is about 1000 CSS px tall at 96 dpi less its margins.
      expect(el.getBoundingClientRect().height).to.be.below(1000);
    } finally {
      window.dispatchEvent(new Event('afterprint'));
    }
    expect(el.hasAttribute('data-egov-print')).to.equal(false);
  });
});

describe('heading-level', () => {
  it('fits the portal\'s outline: the step heading at the level asked for, its sub-headings below it', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
    const el = document.createElement('egov-application-form');
    el.setAttribute('service', 'birth-registration');
    el.setAttribute('locale', 'en');
    el.setAttribute('heading-level', '3');
    el.token = zhang;
    wrapper.append(el);
    await waitForHeading(el, 'Service guide');
    expect(shadow(el, '.step-heading').getAttribute('aria-level')).to.equal('3');
    expect(shadow(el, '#guide-about').getAttribute('aria-level')).to.equal('4');
    el.removeAttribute('heading-level');
    await el.updateComplete;
    expect(shadow(el, '.step-heading').hasAttribute('aria-level')).to.equal(false);
    await expectAccessible(el);
  });
});
