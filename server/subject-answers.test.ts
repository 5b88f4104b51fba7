import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers } from '../src/core/answer-checks';
import { todayInChina } from '../src/core/validation';
import { EXAMPLE_ANSWERS, SERVICES } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

// SPEC §4 x-egov-subject and "the server validates every submission against the same
// schema as the browser": answers bound to the applicant, and the checks the browser runs.

let server: TestServer;
let zhang: string; // citizen-001 张三
let li: string; // citizen-002 李四
let org: string; // org-001

beforeAll(async () => {
  server = await startTestServer();
  [zhang, li, org] = await Promise.all(['citizen-001', 'citizen-002', 'org-001'].map((id) => server.login(id)));
});
afterAll(() => server.stop());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);

async function uploadId(token: string, png = false): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([png ? PNG : PDF], { type: png ? 'image/png' : 'application/pdf' }), png ? 'photo.png' : 'proof.pdf');
  const res = await server.call('POST', '/api/uploads', { token, raw: form });
  expect(res.status).toBe(201);
  return res.body.uploadId;
}

async function residenceBody(token: string, signer: TestSigner, data: Record<string, unknown>) {
  const content = {
    serviceCode: 'residence-permit',
    data,
    materials: [{ code: 'id-card', uploadId: await uploadId(token) }, { code: 'residence-proof', uploadId: await uploadId(token) }, { code: 'photo', uploadId: await uploadId(token, true) }],
  };
  return { ...content, signature: sign(content, signer) };
}

function submit(token: string, body: unknown, locale?: string) {
  return server.call('POST', '/api/applications', { token, body, headers: { 'Idempotency-Key': crypto.randomUUID(), ...(locale ? { 'Accept-Language': locale } : {}) } });
}

async function count(subjectId: string): Promise<number> {
  const row = await server.store.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n')).where('applicant_subject_id', '=', subjectId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('answers bound to the applicant (x-egov-subject)', () => {
  it('are marked in the seeded schemas of the services a person or company applies for themselves', () => {
    const marks = Object.fromEntries(SERVICES.map((s) => [s.code, Object.entries(s.form.schema.properties ?? {}).flatMap(([n, p]) => (p['x-egov-subject'] ? [`${n}:${p['x-egov-subject']}`] : []))]));
    expect(marks['residence-permit']).toEqual(['name:name', 'idNumber:idNumber']);
    expect(marks['senior-card']).toEqual(['name:name', 'idNumber:idNumber']);
    expect(marks['flexible-employment-insurance']).toEqual(['name:name', 'idNumber:idNumber']);
    expect(marks['business-licence-change']).toEqual(['creditCode:uscc', 'companyName:orgName']);
    // A parent registers a child: either parent may apply, so neither parent's answers are bound.
    expect(marks['birth-registration']).toEqual([]);
  });

  it('are given to the signed-in applicant alone, for the form to fill in', async () => {
    const mine = await server.call('GET', '/api/services/residence-permit/subject-answers', { token: zhang });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ data: { name: '张三', idNumber: '33010619900101123X' } });
    expect(mine.headers.get('cache-control')).toBe('no-store');
    const company = await server.call('GET', '/api/services/business-licence-change/subject-answers', { token: org });
    expect(company.body).toEqual({ data: { creditCode: '91330100MA27XL0A19', companyName: '杭州示例科技有限公司' } });
    expect((await server.call('GET', '/api/services/residence-permit/subject-answers', {})).status).toBe(401);
    const unknown = await server.call('GET', '/api/services/no-such/subject-answers', { token: zhang });
    expect(unknown.status).toBe(404);
  });

  it("refuse 张三 applying with 李四's name and ID number, naming each field, and store nothing", async () => {
    const signer = await registerSigner(server, zhang, 'citizen-001');
    const before = await count('citizen-001');
    const data = { ...EXAMPLE_ANSWERS['residence-permit'], name: '李四', idNumber: '330102199203150021' };
    const res = await submit(zhang, await residenceBody(zhang, signer, data));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields).toEqual([
      { path: '/name', message: '姓名应为登录的申请人本人的信息' },
      { path: '/idNumber', message: '公民身份号码应为登录的申请人本人的信息' },
    ]);
    expect(await count('citizen-001')).toBe(before);
    const en = await submit(zhang, await residenceBody(zhang, signer, { ...EXAMPLE_ANSWERS['residence-permit'], idNumber: '330102199203150021' }), 'en');
    expect(en.body.error.fields).toEqual([{ path: '/idNumber', message: "ID number must be the signed-in applicant's own" }]);
  });

  it("accept the applicant's own values (an ID number's x in either case)", async () => {
    const signer = await registerSigner(server, zhang, 'citizen-001');
    const res = await submit(zhang, await residenceBody(zhang, signer, { ...EXAMPLE_ANSWERS['residence-permit'], idNumber: '33010619900101123x' }));
    // The lower-case x is the schema's own concern; the binding compares without case.
    expect(res.body.error?.fields?.some((f: { message: string }) => /本人/.test(f.message)) ?? false).toBe(false);
    const ok = await submit(zhang, await residenceBody(zhang, signer, { ...EXAMPLE_ANSWERS['residence-permit'] }));
    expect(ok.body.error ?? null).toBeNull();
    expect(ok.status).toBe(201);
  });

  it("refuse another company's credit code on a licence change", async () => {
    const signer = await registerSigner(server, org, 'org-001');
    const content = {
      serviceCode: 'business-licence-change',
      data: { ...EXAMPLE_ANSWERS['business-licence-change'], companyName: '另一家公司' },
      materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: await uploadId(org) }],
    };
    const res = await submit(org, { ...content, signature: sign(content, signer) });
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual([{ path: '/companyName', message: '企业名称应为登录的申请人本人的信息' }]);
  });

  it('hold on a resubmission too: 李四 cannot be made the applicant of 张三’s case', async () => {
    // The same module runs on resubmission (applications/submission), so the check is not only at first submission.
    const service = SERVICES.find((s) => s.code === 'residence-permit')!;
    const problems = checkAnswers(service, { ...EXAMPLE_ANSWERS['residence-permit'], name: '李四' }, 'zh-CN', { subject: { name: '张三', idNumber: '33010619900101123X' } });
    expect(problems).toEqual([{ path: '/name', message: '姓名应为登录的申请人本人的信息' }]);
    expect(li).toBeTruthy();
  });
});

describe('the checks the browser runs before review are the server checks', () => {
  it('refuse a date after today in China (Asia/Shanghai) with the same message, on both sides', async () => {
    const service = SERVICES.find((s) => s.code === 'birth-registration')!;
    // 16:30 UTC on 31 December is already 1 January in Shanghai: that day is today, the next is not.
    const now = new Date('2026-12-31T16:30:00Z');
    expect(todayInChina(now)).toBe('2027-01-01');
    const at = (day: string) => checkAnswers(service, { ...EXAMPLE_ANSWERS['birth-registration'], childBirthDate: day }, 'zh-CN', { now });
    expect(at('2027-01-01')).toEqual([]);
    expect(at('2027-01-02')).toEqual([{ path: '/childBirthDate', message: '出生日期不能晚于今天' }]);
    const tomorrow = todayInChina(new Date(Date.now() + 86_400_000));
    const signer = await registerSigner(server, zhang, 'citizen-001');
    const body = await residenceBody(zhang, signer, { ...EXAMPLE_ANSWERS['residence-permit'], residenceSince: tomorrow });
    const res = await submit(zhang, body);
    expect(res.status).toBe(422);
    expect(res.body.error.fields).toEqual(checkAnswers(SERVICES.find((s) => s.code === 'residence-permit')!, body.data, 'zh-CN', { subject: { name: '张三', idNumber: '33010619900101123X' } }));
  });

  it("name whose ID number is wrong (the father's, the mother's)", () => {
    const service = SERVICES.find((s) => s.code === 'birth-registration')!;
    const data = { ...EXAMPLE_ANSWERS['birth-registration'], fatherIdNumber: '330106199001011235', motherIdNumber: '330102199203150022' };
    const zh = checkAnswers(service, data, 'zh-CN');
    expect(zh.map((p) => p.path)).toEqual(['/fatherIdNumber', '/motherIdNumber']);
    expect(zh[0]!.message.startsWith('父亲公民身份号码：')).toBe(true);
    expect(zh[1]!.message.startsWith('母亲公民身份号码：')).toBe(true);
    const en = checkAnswers(service, data, 'en');
    expect(en[0]!.message.startsWith("Father's ID number: ")).toBe(true);
    expect(en[1]!.message.startsWith("Mother's ID number: ")).toBe(true);
  });
});
