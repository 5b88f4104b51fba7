// The demo portal's own script: a sign-in switcher over the demo subjects and a language
// switch. It talks to egov-elements only through their public attributes and events.
const provider = document.getElementById('provider');
const select = document.getElementById('subject-select');
const langToggle = document.getElementById('lang-toggle');
const sessionState = document.getElementById('session-state');
const sharing = document.getElementById('sharing');
const KINDS = { citizen: '市民', organisation: '企业', staff: '机关工作人员', reviewer: '数据审核员', officer: '经办人' };

let token = sessionStorage.getItem('egov-demo-token') || undefined;
let subject = JSON.parse(sessionStorage.getItem('egov-demo-subject') || 'null');
provider.tokenProvider = () => token;

function applySession() {
  provider.token = token || '';
  select.value = subject ? subject.id : '';
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
  select.value = subject ? subject.id : '';
}

async function loadSubjects() {
  sessionState.state = 'loading';
  try {
    const response = await fetch('/api/auth/demo-subjects');
    if (!response.ok) throw new Error(String(response.status));
    const subjects = await response.json();
    select.replaceChildren(new Option('未登录', ''), ...subjects.map((s) => new Option(`${s.name}（${KINDS[s.kind] ?? s.kind}）`, s.id)));
    select.disabled = false;
    sessionState.state = 'idle';
    applySession();
  } catch {
    sessionState.message = document.documentElement.lang === 'en'
      ? 'The service platform cannot be reached. Check your connection and try again.'
      : '无法连接政务服务平台。请检查网络后重试。';
    sessionState.state = 'error';
  }
}

select.addEventListener('change', async () => {
  const id = select.value;
  if (!id) {
    token = undefined;
    subject = null;
    sessionStorage.removeItem('egov-demo-token');
    sessionStorage.removeItem('egov-demo-subject');
    applySession();
    return;
  }
  const response = await fetch('/api/auth/demo-login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ subjectId: id }) });
  if (!response.ok) return;
  const body = await response.json();
  token = body.token;
  subject = body.subject;
  sessionStorage.setItem('egov-demo-token', token);
  sessionStorage.setItem('egov-demo-subject', JSON.stringify(subject));
  applySession();
});

langToggle.addEventListener('click', () => {
  const en = document.documentElement.lang !== 'en';
  document.documentElement.lang = en ? 'en' : 'zh-CN';
  langToggle.textContent = en ? '中文' : 'English';
  langToggle.lang = en ? 'zh-CN' : 'en';
});

sessionState.addEventListener('egov-retry', loadSubjects);
loadSubjects();

// The application form asks the portal to sign the applicant in; the demo's sign-in is the
// switcher in the header.
document.addEventListener('egov-sign-in-required', (event) => {
  if (event.detail?.trigger !== 'user') return;
  event.preventDefault();
  select.focus();
  select.scrollIntoView({ block: 'center' });
});
