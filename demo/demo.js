// The demo portal's own script: a sign-in switcher over the demo subjects and a language
// switch. It talks to egov-elements only through their public attributes and events.
const provider = document.getElementById('provider');
const form = document.getElementById('sign-in');
const select = document.getElementById('subject-select');
const signInButton = document.getElementById('sign-in-button');
const sessionStatus = document.getElementById('session-status');
const langToggle = document.getElementById('lang-toggle');
const sessionState = document.getElementById('session-state');
const sharing = document.getElementById('sharing');

// The portal's own words in both languages; the elements bring their own.
const TEXT = {
  'zh-CN': {
    'title.index': '浙江政务服务网（演示） · egov-elements',
    'title.applications': '我的办件 · 浙江政务服务网（演示） · egov-elements',
    'title.officer': '经办人工作台 · 浙江政务服务网（演示） · egov-elements',
    'title.verify': '证照核验 · 浙江政务服务网（演示） · egov-elements',
    'title.steward': '数据编目 · 浙江政务服务网（演示） · egov-elements',
    'title.office': '目录审核 · 浙江政务服务网（演示） · egov-elements',
    skip: '跳到主要内容',
    'portal.name': '浙江政务服务网',
    'portal.demo': '演示门户',
    'nav.label': '主导航',
    'nav.catalog': '公共数据目录',
    'nav.apply': '在线办事',
    'nav.certificates': '我的证照',
    'nav.verify': '证照核验',
    'nav.applications': '我的办件',
    'nav.officer': '经办人工作台',
    'nav.steward': '数据编目',
    'nav.office': '目录审核',
    'signIn.label': '演示身份',
    'signIn.nobody': '未登录',
    'signIn.button': '登录',
    'signIn.out': '退出登录',
    'signIn.as': '已登录：',
    'signIn.signedOut': '已退出登录',
    'signIn.failed': '登录失败，请重试。',
    'h1.index': '公共数据与电子政务服务',
    'h1.applications': '办件进度',
    'h1.officer': '经办人工作台',
    'h1.verify': '电子证照核验',
    'h1.steward': '本单位数据编目',
    'h1.office': '目录审核',
    'h2.comments': '开放数据与公众意见',
    'p.comments': '在目录中打开本单位的开放数据，即可阅读并答复公众意见。',
    'section.entries': '编目条目',
    'section.review': '待审核条目',
    'h2.catalog': '公共数据资源目录',
    'h2.sharing': '共享目录（机关工作人员）',
    'h2.apply': '在线办事：出生登记',
    'section.verify': '证照核验服务',
    'section.cases': '办件',
    footer: '依据《浙江省公共数据和电子政务管理办法》（省政府令第354号）。本页为演示门户，数据均为虚构。',
    unreachable: '无法连接政务服务平台。请检查网络后重试。',
    toggle: 'English',
    'kind.citizen': '市民', 'kind.organisation': '企业', 'kind.staff': '机关工作人员', 'kind.reviewer': '数据审核员', 'kind.officer': '经办人',
    'kind.steward': '数据管理员', 'kind.data-office': '数据主管部门',
  },
  en: {
    'title.index': 'Zhejiang Government Services (demo) · egov-elements',
    'title.applications': 'My applications · Zhejiang Government Services (demo) · egov-elements',
    'title.officer': "Officer's workbench · Zhejiang Government Services (demo) · egov-elements",
    'title.verify': 'Verify a certificate · Zhejiang Government Services (demo) · egov-elements',
    'title.steward': 'Data cataloguing · Zhejiang Government Services (demo) · egov-elements',
    'title.office': 'Catalogue review · Zhejiang Government Services (demo) · egov-elements',
    skip: 'Skip to main content',
    'portal.name': 'Zhejiang Government Services',
    'portal.demo': 'Demo portal',
    'nav.label': 'Main navigation',
    'nav.catalog': 'Public data catalog',
    'nav.apply': 'Online services',
    'nav.certificates': 'My certificates',
    'nav.verify': 'Verify a certificate',
    'nav.applications': 'My applications',
    'nav.officer': "Officer's workbench",
    'nav.steward': 'Data cataloguing',
    'nav.office': 'Catalogue review',
    'signIn.label': 'Demo identity',
    'signIn.nobody': 'Not signed in',
    'signIn.button': 'Sign in',
    'signIn.out': 'Sign out',
    'signIn.as': 'Signed in: ',
    'signIn.signedOut': 'Signed out',
    'signIn.failed': 'Signing in failed. Please try again.',
    'h1.index': 'Public data and e-government services',
    'h1.applications': 'Progress of my applications',
    'h1.officer': "Officer's workbench",
    'h1.verify': 'Verify an electronic certificate',
    'h1.steward': "My agency's data catalogue",
    'h1.office': 'Catalogue review',
    'h2.comments': 'Open data and public comments',
    'p.comments': "Open one of your agency's open data resources in the catalog to read and answer the public's comments.",
    'section.entries': 'Catalogue entries',
    'section.review': 'Entries to review',
    'h2.catalog': 'Public data resource catalog',
    'h2.sharing': 'Sharing catalog (agency staff)',
    'h2.apply': 'Online services: birth registration',
    'section.verify': 'Certificate verification',
    'section.cases': 'Cases',
    footer: 'Under the Zhejiang Provincial Measures for the Management of Public Data and E-Government (Provincial Government Order No. 354). This is a demo portal; all data are fictitious.',
    unreachable: 'The service platform cannot be reached. Check your connection and try again.',
    toggle: '中文',
    'kind.citizen': 'citizen', 'kind.organisation': 'organisation', 'kind.staff': 'agency staff', 'kind.reviewer': 'data reviewer', 'kind.officer': 'case officer',
    'kind.steward': 'data steward', 'kind.data-office': 'data office',
  },
};
const LANG_KEY = 'egov-demo-lang';
const lang = () => (document.documentElement.lang === 'en' ? 'en' : 'zh-CN');
const t = (key) => TEXT[lang()][key] ?? TEXT['zh-CN'][key] ?? key;

let token = sessionStorage.getItem('egov-demo-token') || undefined;
let subject = JSON.parse(sessionStorage.getItem('egov-demo-subject') || 'null');
let subjects = [];
let statusKey = '';
provider.tokenProvider = () => token;

/** The portal's header, headings and footer in the page's language; data (names) stay marked zh-CN. */
function applyLanguage() {
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-label]')) element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  langToggle.textContent = t('toggle');
  langToggle.lang = lang() === 'en' ? 'zh-CN' : 'en';
  fillSubjects();
  showStatus(statusKey);
}

function fillSubjects() {
  if (!subjects.length) return;
  const chosen = select.value || (subject ? subject.id : '');
  const none = new Option(t('signIn.nobody'), '');
  none.dataset.i18n = 'signIn.nobody';
  select.replaceChildren(none, ...subjects.map((s) => {
    const kind = t(`kind.${s.kind}`);
    const option = new Option(lang() === 'en' ? `${s.name} (${kind})` : `${s.name}（${kind}）`, s.id);
    return option;
  }));
  select.value = chosen;
  updateButton();
}

/** The button says what it will do: sign the chosen identity in, or sign out. */
function updateButton() {
  const out = !select.value && !!subject;
  signInButton.textContent = t(out ? 'signIn.out' : 'signIn.button');
  signInButton.disabled = select.disabled || (!select.value && !subject);
}

/** Who is signed in, announced politely; the name is data, marked as Chinese. */
function showStatus(key) {
  statusKey = key;
  if (!sessionStatus) return;
  if (key === 'as' && subject) {
    const name = document.createElement('span');
    name.lang = 'zh-CN';
    name.textContent = subject.name;
    sessionStatus.replaceChildren(t('signIn.as'), name);
  } else {
    sessionStatus.textContent = key ? t(`signIn.${key}`) : '';
  }
}

function applySession() {
  provider.token = token || '';
  if (subject) select.value = subject.id;
  updateButton();
  // The officer's page and "my applications" have no sharing catalog.
  if (!sharing) return;
  const staff = subject && (subject.kind === 'staff' || subject.kind === 'reviewer');
  sharing.hidden = !staff;
  // The sharing catalog exists only while agency staff are signed in, so nobody else's
  // page asks for it.
  const browser = sharing.querySelector('egov-catalog-browser');
  if (staff && !browser) {
    const element = document.createElement('egov-catalog-browser');
    element.setAttribute('mode', 'sharing');
    sharing.append(element);
  } else if (!staff && browser) {
    browser.remove();
  }
}

async function loadSubjects() {
  if (sessionState) sessionState.state = 'loading';
  try {
    const response = await fetch('/api/auth/demo-subjects');
    if (!response.ok) throw new Error(String(response.status));
    subjects = await response.json();
    select.disabled = false;
    fillSubjects();
    if (sessionState) sessionState.state = 'idle';
    applySession();
    if (subject) showStatus('as');
  } catch {
    if (!sessionState) return;
    sessionState.message = t('unreachable');
    sessionState.state = 'error';
  }
}

select.addEventListener('change', updateButton);

// Signing in happens on the button (or Enter in the form), never on the choice alone: moving
// through the list with the arrow keys signs nobody in.
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const id = select.value;
  if (!id) {
    if (!subject) return;
    token = undefined;
    subject = null;
    sessionStorage.removeItem('egov-demo-token');
    sessionStorage.removeItem('egov-demo-subject');
    applySession();
    showStatus('signedOut');
    return;
  }
  signInButton.disabled = true;
  try {
    const response = await fetch('/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: id }) });
    if (!response.ok) throw new Error(String(response.status));
    const body = await response.json();
    token = body.token;
    subject = body.subject;
    sessionStorage.setItem('egov-demo-token', token);
    sessionStorage.setItem('egov-demo-subject', JSON.stringify(subject));
    applySession();
    showStatus('as');
  } catch {
    showStatus('failed');
    updateButton();
  }
});

langToggle.addEventListener('click', () => {
  document.documentElement.lang = lang() === 'en' ? 'zh-CN' : 'en';
  localStorage.setItem(LANG_KEY, document.documentElement.lang);
  applyLanguage();
});

// The language chosen earlier, on this page or another of the demo's.
if (localStorage.getItem(LANG_KEY) === 'en') document.documentElement.lang = 'en';
applyLanguage();

sessionState?.addEventListener('egov-retry', loadSubjects);
loadSubjects();

// The application form asks the portal to sign the applicant in; the demo's sign-in is the
// switcher in the header.
document.addEventListener('egov-sign-in-required', (event) => {
  if (event.detail?.trigger !== 'user') return;
  event.preventDefault();
  select.focus();
  select.scrollIntoView({ block: 'center' });
});
