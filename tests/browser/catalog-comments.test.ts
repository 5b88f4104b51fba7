import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/catalog-browser';
import type { EgovCatalogBrowser } from '../../src/components/catalog-browser/catalog-browser';
import type { EgovTextarea } from '../../src/components/field-textarea/field-textarea';
import { CATALOGUE_LIMITS, type CatalogItem, type CatalogueComment } from '../../src/core/catalog-types';
import { catalogSeed, SEED_IDS } from '../../server/seed/data/catalog';
import { demoLogin, expectAccessible, shadow, shadowAll, waitUntil } from './support/helpers';

// Public comments on an open entry (SPEC §8, part `comments`) in <egov-catalog-browser>, in
// Chromium against the real reference backend: reading signed out, posting, markup as text,
// the limit, the providing agency's answer, both languages, phone width.

const SEED = catalogSeed();
const T = { timeout: 10_000 };
/** Open entries of 浙江省卫生健康委员会, whose steward is 吴九 (steward-001). */
const WJ_OPEN = SEED.filter((i) => i.agency.code === '330000-WJ' && i.open === 'open').map((i) => i.id);
/** Open entries of other agencies that the other catalog tests leave alone. */
const OTHER_OPEN = SEED.filter((i) => i.open === 'open' && i.agency.code !== '330000-WJ' && !(Object.values(SEED_IDS) as string[]).includes(i.id)).map((i) => i.id);
const CLOSED = SEED.find((i) => i.open === 'closed' && !(Object.values(SEED_IDS) as string[]).includes(i.id))!.id;

async function api<R>(path: string, token?: string, body?: unknown): Promise<R> {
  const response = await fetch('/api' + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<R>;
}

const commentsOf = async (id: string) => (await api<{ items: CatalogueComment[] }>(`/catalog/items/${id}/comments`)).items;
const comment = (id: string, token: string, text: string, replyTo?: string) =>
  api<CatalogueComment>(`/catalog/items/${id}/comments`, token, replyTo ? { text, replyTo } : { text });

const part = (el: Element) => shadow(el, '[part=comments]');
const items = (el: Element) => shadowAll(el, '[part=comments] .comment');
const byId = (el: Element, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-comment="${CSS.escape(id)}"]`);
const liveText = (el: Element) => el.shadowRoot?.querySelector('.sr-only[role=status]')?.textContent ?? '';
const active = (el: Element) => el.shadowRoot!.activeElement as HTMLElement | null;
const field = (el: Element, form = '.comment-form') => shadow<EgovTextarea>(el, `${form} egov-textarea`);
const area = (textarea: EgovTextarea) => textarea.shadowRoot!.querySelector('textarea')!;
const fieldError = (textarea: EgovTextarea) => textarea.shadowRoot!.querySelector('[part=error-message]')?.textContent ?? '';

async function openEntry(template: ReturnType<typeof html>, id: string): Promise<EgovCatalogBrowser> {
  const el = await fixture<EgovCatalogBrowser>(template);
  await waitUntil(() => el.shadowRoot!.querySelector('[part=result-item]'), 'the catalog never loaded', T);
  el.openItem(id);
  await waitUntil(() => el.shadowRoot!.querySelector('.detail .facts'), 'the entry never opened', T);
  await waitUntil(() => el.shadowRoot!.querySelector('[part=comments] egov-async-state:not([state=loading])'), 'the comments never loaded', T);
  // Signed in, the form's field loads with the fields the first time it is needed.
  await waitUntil(() => !el.shadowRoot!.querySelector('.comment-form') || el.shadowRoot!.querySelector('.comment-form egov-textarea')?.shadowRoot, 'the comment field never loaded', T);
  return el;
}

/** Pastes text into a comment field as a person would (typing 20,000 characters would take minutes). */
function paste(textarea: EgovTextarea, text: string): void {
  const control = area(textarea);
  control.focus();
  control.value = text;
  control.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
}

/** Records the calls the element makes, by method and path. */
function recordFetch() {
  const original = window.fetch;
  const calls: string[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    return original(request);
  };
  return { calls, restore: () => (window.fetch = original) };
}

let citizen: string;
let citizen2: string;
let steward: string;
before(async () => {
  [citizen, citizen2, steward] = await Promise.all([demoLogin('citizen-001'), demoLogin('citizen-002'), demoLogin('steward-001')]);
});

describe('<egov-catalog-browser> public comments', () => {
  afterEach(() => setViewport({ width: 1280, height: 900 }));

  it('signed out: reads the comments with author and time, and is offered sign-in instead of a form', async () => {
    const id = OTHER_OPEN[0]!;
    const posted = await comment(id, citizen2, '请问数据多久更新一次？');
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, id);
    await waitUntil(() => byId(el, posted.id), 'the comment is not listed', T);
    const shown = byId(el, posted.id)!;
    // The surname only: 李四 did not choose to show the full name.
    expect(shown.querySelector('.comment__author')!.textContent).to.equal('李*');
    expect(shown.querySelector('.comment__text')!.textContent).to.equal('请问数据多久更新一次？');
    // The time in Asia/Shanghai, machine-readable too.
    const time = shown.querySelector('time')!;
    expect(time.getAttribute('datetime')).to.equal(posted.at);
    expect(time.textContent).to.equal(new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' }).format(new Date(posted.at)));
    const all = await commentsOf(id);
    expect(items(el).length).to.equal(all.length);
    // The heading counts the public's comments; answers are shown under them.
    expect(shadow(el, '#comments-heading').textContent).to.equal(`公众意见（${all.filter((c) => !c.replyTo).length} 条）`);
    // No form and no answer button for someone not signed in; the prompt says how to take part.
    expect(el.shadowRoot!.querySelector('.comment-form')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.comment__answer')).to.equal(null);
    expect(shadow(el, '.comments-sign-in').textContent).to.contain('登录');
    // A section of the entry, beside its fields and data.
    expect(shadow(el, '#comments-heading').getAttribute('aria-level')).to.equal(shadow(el, '#fields-heading').getAttribute('aria-level'));
    await expectAccessible(el);
  });

  it('an open entry nobody has commented on says so; a closed entry has no comments part', async () => {
    let empty: string | undefined;
    for (const id of OTHER_OPEN.slice(1)) {
      if (!(await commentsOf(id)).length) {
        empty = id;
        break;
      }
    }
    expect(empty, 'an open entry without comments').to.be.a('string');
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, empty!);
    const state = shadow(el, '[part=comments] egov-async-state');
    expect(state.getAttribute('state')).to.equal('empty');
    expect(state.shadowRoot!.textContent).to.contain('还没有人');

    const closed = await fixture<EgovCatalogBrowser>(html`<egov-catalog-browser mode="sharing" token=${await demoLogin('staff-001')}></egov-catalog-browser>`);
    await waitUntil(() => closed.shadowRoot!.querySelector('[part=result-item]'), 'the sharing catalog never loaded', T);
    closed.openItem(CLOSED);
    await waitUntil(() => closed.shadowRoot!.querySelector('.detail .facts'), 'the closed entry never opened', T);
    expect(closed.shadowRoot!.querySelector('[part=comments]')).to.equal(null);
  });

  it('a citizen types a comment and posts it: it appears at the end, is announced politely and takes focus; the field starts again empty', async () => {
    const id = OTHER_OPEN[1]!;
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    const before = items(el).length;
    const textarea = field(el);
    expect(textarea.label).to.equal('意见内容');
    // The character count of the limit the server keeps.
    expect(textarea.shadowRoot!.querySelector('[part=count]')!.textContent).to.contain(String(CATALOGUE_LIMITS.comment));
    area(textarea).focus();
    await sendKeys({ type: '建议增加按月汇总' });
    // Past the choice to show the full name (left unticked) to the button.
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.matches('.comment-form egov-checkbox')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(active(el)?.matches('.comment-form button[type=submit]')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => items(el).length === before + 1, 'the comment never appeared', T);
    const last = items(el).at(-1)!;
    expect(last.querySelector('.comment__text')!.textContent).to.equal('建议增加按月汇总');
    expect(last.querySelector('.comment__author')!.textContent).to.equal('张*');
    await waitUntil(() => liveText(el) === '您的意见已发表。', 'the post was not announced', T);
    expect(el.shadowRoot!.querySelector('.sr-only[role=status]')!.getAttribute('aria-live')).to.equal('polite');
    expect(active(el)).to.equal(last.querySelector('.comment__body'));
    // The field is empty again and not in error for being empty.
    expect(area(field(el)).value).to.equal('');
    expect(fieldError(field(el))).to.equal('');
    // The server has it, by display name only.
    const saved = (await commentsOf(id)).find((c) => c.text === '建议增加按月汇总')!;
    expect(saved.author).to.equal('张*');
    expect(JSON.stringify(saved)).not.to.contain('citizen-001');
    await expectAccessible(el);
  });

  it('signs a comment with the full name only when its author ticks “公开显示我的姓名” (unticked by default)', async () => {
    const id = OTHER_OPEN[2]!;
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    const box = shadow<HTMLElement & { label: string; checked: boolean }>(el, '.comment-form egov-checkbox');
    expect(box.label).to.equal('公开显示我的姓名');
    expect(box.checked).to.equal(false);
    const before = items(el).length;
    paste(field(el), '署名的意见');
    box.shadowRoot!.querySelector('input')!.click();
    expect(box.checked).to.equal(true);
    shadow<HTMLButtonElement>(el, '.comment-form button[type=submit]').click();
    await waitUntil(() => items(el).length === before + 1, 'the comment never appeared', T);
    expect(items(el).at(-1)!.querySelector('.comment__author')!.textContent).to.equal('张三');
    expect((await commentsOf(id)).find((c) => c.text === '署名的意见')!.author).to.equal('张三');
    // The next comment starts unticked again.
    await waitUntil(() => !shadow<HTMLElement & { checked: boolean }>(el, '.comment-form egov-checkbox').checked, 'the box stayed ticked', T);
    await expectAccessible(el);
  });

  it('shows markup as text, never as elements', async () => {
    const id = OTHER_OPEN[2]!;
    const markup = '<img src=x onerror="window.__pwned=1"><b>加粗</b><script>window.__pwned=2</script>';
    const posted = await comment(id, citizen2, markup);
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, id);
    await waitUntil(() => byId(el, posted.id), 'the comment is not listed', T);
    const text = byId(el, posted.id)!.querySelector('.comment__text')!;
    expect(text.textContent).to.equal(markup);
    expect(text.children.length).to.equal(0);
    expect(part(el).querySelector('img, b, script')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('a comment of 20,000 characters: a clear error at the field, the text kept, nothing sent', async () => {
    const id = OTHER_OPEN[3]!;
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    const before = (await commentsOf(id)).length;
    const long = '很'.repeat(20_000);
    paste(field(el), long);
    await waitUntil(() => field(el).shadowRoot!.querySelector('[part=count].over'), 'the count does not say it is over', T);
    const record = recordFetch();
    try {
      shadow<HTMLButtonElement>(el, '.comment-form button[type=submit]').click();
      await waitUntil(() => fieldError(field(el)), 'no error at the field', T);
    } finally {
      record.restore();
    }
    expect(fieldError(field(el))).to.contain('2000');
    expect(area(field(el)).value).to.equal(long);
    expect(area(field(el)).getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    expect(record.calls.filter((c) => c.startsWith('POST'))).to.deep.equal([]);
    expect((await commentsOf(id)).length).to.equal(before);
    await expectAccessible(el);
  });

  it('the server refusing a comment: its error at the field, the text kept (a page whose limit is older than the server’s)', async () => {
    const id = OTHER_OPEN[3]!;
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    const before = (await commentsOf(id)).length;
    // The field lets it through; only the server can refuse it now.
    field(el).maxlength = 100_000;
    await field(el).updateComplete;
    const long = '长'.repeat(20_000);
    paste(field(el), long);
    shadow<HTMLButtonElement>(el, '.comment-form button[type=submit]').click();
    await waitUntil(() => fieldError(field(el)), 'the server’s error is not at the field', T);
    expect(area(field(el)).value).to.equal(long);
    expect((await commentsOf(id)).length).to.equal(before);
    // Editing the text clears the server's error: it no longer applies.
    area(field(el)).focus();
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => !fieldError(field(el)), 'the old error stays', T);
  });

  it('too many comments in a minute: the server’s refusal said above the button, the text kept for later', async () => {
    const id = OTHER_OPEN[4]!;
    const org = await demoLogin('org-001');
    // The server takes ten a minute from one subject; the eleventh waits.
    for (let i = 1; i <= 10; i++) await comment(id, org, `第 ${i} 条意见`);
    const el = await openEntry(html`<egov-catalog-browser token=${org}></egov-catalog-browser>`, id);
    paste(field(el), '第十一条意见');
    shadow<HTMLButtonElement>(el, '.comment-form button[type=submit]').click();
    await waitUntil(() => el.shadowRoot!.querySelector('.comment-error'), 'no error shown', T);
    expect(shadow(el, '.comment-error').textContent).to.contain('请求过于频繁');
    expect(shadow(el, '.comment-error').getAttribute('role')).to.equal('alert');
    expect(active(el)).to.equal(shadow(el, '.comment-error'));
    expect(area(field(el)).value).to.equal('第十一条意见');
    expect(fieldError(field(el))).to.equal('');
    expect(items(el).some((i) => i.textContent!.includes('第十一条意见'))).to.equal(false);
  });

  it('the agency’s steward answers a comment: the answer appears under it, marked as the agency’s', async () => {
    const id = WJ_OPEN[0]!;
    const question = await comment(id, citizen2, '能否提供按地市的统计？');
    // A citizen has no answer button.
    const reader = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    await waitUntil(() => byId(reader, question.id), 'the comment is not listed', T);
    expect(reader.shadowRoot!.querySelector('.comment__answer')).to.equal(null);

    const el = await openEntry(html`<egov-catalog-browser token=${steward}></egov-catalog-browser>`, id);
    await waitUntil(() => byId(el, question.id)?.querySelector('.comment__answer'), 'the steward has no answer button', T);
    const button = byId(el, question.id)!.querySelector<HTMLButtonElement>('.comment__answer')!;
    expect(button.getAttribute('aria-label')).to.equal('答复 李* 的意见');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => byId(el, question.id)!.querySelector('.answer-form egov-textarea'), 'no answer form', T);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    const answerField = field(el, `[data-comment="${question.id}"] .answer-form`);
    expect(el.shadowRoot!.activeElement).to.equal(answerField);
    await sendKeys({ type: '下一版本将增加地市字段。' });
    byId(el, question.id)!.querySelector<HTMLButtonElement>('.answer-form button[type=submit]')!.click();
    await waitUntil(() => byId(el, question.id)!.querySelector('.answers .comment--agency'), 'the answer never appeared', T);
    const answer = byId(el, question.id)!.querySelector<HTMLElement>('.answers .comment--agency')!;
    expect(answer.querySelector('.comment__text')!.textContent).to.equal('下一版本将增加地市字段。');
    // Marked as the agency's in words (seen and heard), with the agency's name.
    expect(answer.querySelector('.agency-tag')!.textContent).to.equal('提供单位答复');
    expect(answer.textContent).to.contain('浙江省卫生健康委员会');
    expect(byId(el, question.id)!.querySelector('.answers')!.getAttribute('aria-label')).to.contain('李*');
    await waitUntil(() => liveText(el) === '答复已发表。', 'the answer was not announced', T);
    expect(active(el)).to.equal(answer.querySelector('.comment__body'));
    expect(byId(el, question.id)!.querySelector('.answer-form')).to.equal(null);
    const saved = (await commentsOf(id)).find((c) => c.replyTo === question.id)!;
    expect(saved.agency?.code).to.equal('330000-WJ');
    await expectAccessible(el);

    // On another agency's entry the same steward is one of the public: no answer buttons.
    const other = await openEntry(html`<egov-catalog-browser token=${steward}></egov-catalog-browser>`, OTHER_OPEN[0]!);
    await waitUntil(() => items(other).length, 'no comments on the other entry', T);
    expect(other.shadowRoot!.querySelector('.comment__answer')).to.equal(null);
    expect(other.shadowRoot!.querySelector('.comment-form')).not.to.equal(null);
  });

  it('an entry opened again shows the comments posted meanwhile', async () => {
    const id = OTHER_OPEN[1]!;
    const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, id);
    const posted = await comment(id, citizen2, '又看了一遍，补充一条意见。');
    expect(byId(el, posted.id)).to.equal(null);
    el.closeItem();
    await waitUntil(() => !el.shadowRoot!.querySelector('.detail'), 'the detail stays open', T);
    el.openItem(id);
    await waitUntil(() => byId(el, posted.id), 'the new comment is not shown', T);
  });

  it('a comment being written is kept while going to another entry and back, and dropped when someone else signs in', async () => {
    const [first, second] = [OTHER_OPEN[1]!, OTHER_OPEN[2]!];
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, first);
    paste(field(el), '还没写完的意见');
    el.openItem(second);
    await waitUntil(() => shadow(el, '#detail-heading').textContent === SEED.find((i) => i.id === second)!.name, 'the second entry never opened', T);
    await waitUntil(() => el.shadowRoot!.querySelector('.comment-form egov-textarea'), 'no form on the second entry', T);
    expect(area(field(el)).value).to.equal('');
    el.openItem(first);
    await waitUntil(() => shadow(el, '#detail-heading').textContent === SEED.find((i) => i.id === first)!.name, 'the first entry never opened again', T);
    await waitUntil(() => area(field(el)).value === '还没写完的意见', 'the draft was lost', T);
    // 李四 signs in on the same page: 张三's words must never be posted in 李四's name.
    el.setAttribute('token', citizen2);
    await waitUntil(() => el.shadowRoot!.querySelector('.comment-form egov-textarea') && area(field(el)).value === '', 'the last person\'s draft stays', T);
  });

  it('the steward’s answer form is left with Cancel, focus back on the answer button', async () => {
    const id = WJ_OPEN[1]!;
    const question = await comment(id, citizen, '字段说明不够清楚。');
    const el = await openEntry(html`<egov-catalog-browser token=${steward}></egov-catalog-browser>`, id);
    await waitUntil(() => byId(el, question.id)?.querySelector('.comment__answer'), 'the steward has no answer button', T);
    byId(el, question.id)!.querySelector<HTMLButtonElement>('.comment__answer')!.click();
    await waitUntil(() => byId(el, question.id)!.querySelector('.answer-form'), 'no answer form', T);
    byId(el, question.id)!.querySelector<HTMLButtonElement>('.answer-form .btn--secondary')!.click();
    await waitUntil(() => !byId(el, question.id)!.querySelector('.answer-form'), 'the form stays', T);
    expect(active(el)).to.equal(byId(el, question.id)!.querySelector('.comment__answer'));
  });

  it('in English: the part in English, Chinese names and text marked zh-CN', async () => {
    const id = OTHER_OPEN[0]!;
    await comment(id, citizen2, '数据很有用。');
    const el = await openEntry(html`<egov-catalog-browser locale="en" token=${citizen}></egov-catalog-browser>`, id);
    await waitUntil(() => items(el).length, 'no comments', T);
    expect(shadow(el, '#comments-heading').textContent).to.match(/^Public comments \(\d+ comments?\)$/);
    expect(field(el).label).to.equal('Your comment');
    expect(shadow(el, '.comment-form button[type=submit]').textContent!.trim()).to.equal('Post comment');
    expect(shadow<HTMLElement & { label: string }>(el, '.comment-form egov-checkbox').label).to.equal('Show my full name');
    const first = items(el).find((i) => i.querySelector('.comment__author')!.textContent === '李*')!;
    expect(first.querySelector('.comment__author')!.getAttribute('lang')).to.equal('zh-CN');
    expect(first.querySelector('.comment__text')!.getAttribute('lang')).to.equal('zh-CN');
    expect(first.querySelector('time')!.textContent).to.match(/\d{4}/);
    await expectAccessible(el);

    // Signed out in English: the prompt in English.
    const out = await openEntry(html`<egov-catalog-browser locale="en"></egov-catalog-browser>`, id);
    expect(shadow(out, '.comments-sign-in').textContent!.trim()).to.equal('Sign in to comment on this data resource.');
  });

  it('at 375 px a long comment wraps and nothing scrolls sideways', async () => {
    await setViewport({ width: 375, height: 800 });
    const id = OTHER_OPEN[2]!;
    const posted = await comment(id, citizen2, 'https://example.org/' + 'a'.repeat(300) + ' ' + '很长的意见'.repeat(60));
    const el = await openEntry(html`<egov-catalog-browser token=${citizen}></egov-catalog-browser>`, id);
    await waitUntil(() => byId(el, posted.id), 'the comment is not listed', T);
    const text = byId(el, posted.id)!.querySelector<HTMLElement>('.comment__text')!;
    expect(text.scrollWidth).to.be.at.most(text.clientWidth + 1);
    expect(document.documentElement.scrollWidth).to.be.at.most(375);
    expect(text.getBoundingClientRect().right).to.be.at.most(375);
    await expectAccessible(el);
  });

  it('comments that fail to load: an error with a retry that loads them, the entry still shown', async () => {
    const id = OTHER_OPEN[0]!;
    const original = window.fetch;
    let fail = true;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      if (fail && new URL(request.url).pathname.endsWith('/comments')) return Promise.resolve(Response.json({ error: { code: 'SERVER_ERROR', message: 'down' } }, { status: 500 }));
      return original(request);
    };
    try {
      const el = await openEntry(html`<egov-catalog-browser></egov-catalog-browser>`, id);
      await waitUntil(() => el.shadowRoot!.querySelector('[part=comments] egov-async-state[state=error]'), 'no error state', { timeout: 20_000 });
      expect(el.shadowRoot!.querySelector('.facts')).not.to.equal(null);
      fail = false;
      shadow(el, '[part=comments] egov-async-state').shadowRoot!.querySelector<HTMLButtonElement>('[part=retry]')!.click();
      await waitUntil(() => items(el).length > 0, 'the retry did not load the comments', T);
    } finally {
      window.fetch = original;
    }
  });
});

// Make sure the seed has what these tests need.
describe('seed for the comment tests', () => {
  it('has open entries of 浙江省卫生健康委员会 and of other agencies', () => {
    expect(WJ_OPEN.length).to.be.at.least(2);
    expect(OTHER_OPEN.length).to.be.at.least(5);
    expect(SEED.find((i: CatalogItem) => i.id === CLOSED)!.open).to.equal('closed');
  });
});
