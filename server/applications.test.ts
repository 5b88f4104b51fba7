import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateSm2KeyPair, sm3Hex, verifyEnvelope } from '../src/core/crypto';
import { chinaDay } from './applications/receipt-number';
import { sweepOrphanUploads } from './applications/uploads';
import { KEY_LIFETIME_MS } from './applications/idempotency';
import { TokenService } from './tokens';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

const SECRET = 'applications-test-secret';
let server: TestServer;
let zhang: string; // citizen-001
let li: string; // citizen-002
let org: string; // org-001
let staff: string; // staff-001

// Smallest files that start with each accepted signature.
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
// A Windows executable ("MZ" header), whatever it is called.
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0, ...new Array(64).fill(0)]);

beforeAll(async () => {
  server = await startTestServer({ EGOV_SECRET: SECRET });
  [zhang, li, org, staff] = await Promise.all(['citizen-001', 'citizen-002', 'org-001', 'staff-001'].map((id) => server.login(id)));
});
afterAll(() => server.stop());

async function upload(token: string | undefined, bytes: Uint8Array, name = 'scan.pdf', type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([bytes as BlobPart], { type }), name);
  return server.call('POST', '/api/uploads', { token, raw: form });
}

async function uploadId(token: string, bytes: Uint8Array = PDF): Promise<string> {
  const res = await upload(token, bytes);
  expect(res.status).toBe(201);
  return res.body.uploadId;
}

function birthData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...EXAMPLE_ANSWERS['birth-registration'], ...overrides };
}

async function birthMaterials(token: string) {
  return [
    { code: 'birth-medical-certificate', uploadId: await uploadId(token) },
    { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
    { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
  ];
}

/** A complete signed birth-registration body of citizen-001. */
async function birthApplication(signer: TestSigner, data = birthData(), materials?: unknown[]) {
  const content = { serviceCode: 'birth-registration', data, materials: materials ?? (await birthMaterials(zhang)) };
  return { ...content, signature: sign(content, signer) };
}

function submit(token: string | undefined, body: unknown, key: string | null = crypto.randomUUID()) {
  return server.call('POST', '/api/applications', { token, body, headers: key === null ? {} : { 'Idempotency-Key': key } });
}

async function applicationCount(subjectId?: string): Promise<number> {
  let query = server.store.db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n'));
  if (subjectId) query = query.where('applicant_subject_id', '=', subjectId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

async function uploadCount(size?: number): Promise<number> {
  let query = server.store.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n'));
  if (size !== undefined) query = query.where('size', '=', size);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

let zhangSigner: TestSigner;
beforeAll(async () => {
  zhangSigner = await registerSigner(server, zhang, 'citizen-001');
});

describe('POST /applications: the happy path', () => {
  it('stores a signed birth registration with certificates by reference and an upload, and issues a receipt number', async () => {
    const body = await birthApplication(zhangSigner);
    const res = await submit(zhang, body);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), receiptNo: expect.stringMatching(/^ZJ-\d{8}-\d{6}$/), status: 'submitted', submittedAt: expect.any(String) });
    expect(Date.parse(res.body.submittedAt)).toBeGreaterThan(Date.now() - 60_000);

    const one = await server.call('GET', `/api/applications/${res.body.id}`, { token: zhang });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ ...res.body, serviceCode: 'birth-registration', serviceName: '出生登记', serviceNameEn: 'Birth registration', agency: { code: '330000-GA', name: '浙江省公安厅' }, data: body.data, materials: body.materials, signature: body.signature });
    // What is stored still verifies for anyone holding it.
    const { serviceCode, data, materials } = body;
    expect(await verifyEnvelope({ serviceCode, data, materials }, one.body.signature)).toEqual({ valid: true });

    const list = await server.call('GET', '/api/applications', { token: zhang });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(res.body.id);
    expect(list.body.items[0]).toEqual({
      ...res.body,
      serviceCode: 'birth-registration',
      serviceName: '出生登记',
      serviceNameEn: 'Birth registration',
      agency: { code: '330000-GA', name: '浙江省公安厅' },
      applicant: { name: '张三' },
      version: 1,
      history: [{ at: res.body.submittedAt, action: 'submitted', actor: { kind: 'applicant', name: '张三' } }],
    });
    expect(list.body).toMatchObject({ total: expect.any(Number), page: 1, pageSize: 20 });
  });

  it('dates receipt numbers by the calendar day in China', () => {
    expect(chinaDay(new Date('2026-11-27T15:59:59Z'))).toBe('20261127');
    expect(chinaDay(new Date('2026-11-27T16:00:00Z'))).toBe('20261128');
  });

  it('gives every application its own receipt number', async () => {
    const a = await submit(zhang, await birthApplication(zhangSigner));
    const b = await submit(zhang, await birthApplication(zhangSigner));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.receiptNo).not.toBe(b.body.receiptNo);
    expect(a.body.id).not.toBe(b.body.id);
  });

  it('accepts an organisation’s business licence change with its licence by reference', async () => {
    const signer = await registerSigner(server, org, 'org-001');
    const content = {
      serviceCode: 'business-licence-change',
      data: EXAMPLE_ANSWERS['business-licence-change'],
      materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: await uploadId(org) }],
    };
    const res = await submit(org, { ...content, signature: sign(content, signer) });
    expect(res.status).toBe(201);
  });

  it('accepts a signature made remotely with the subject’s server-held key', async () => {
    const content = { serviceCode: 'birth-registration', data: birthData(), materials: await birthMaterials(zhang) };
    const signed = await server.call('POST', '/api/signatures', { token: zhang, body: { payload: content } });
    expect(signed.status).toBe(200);
    const res = await submit(zhang, { ...content, signature: signed.body });
    expect(res.status).toBe(201);
  });

  it('accepts emoji and mixed scripts in free text', async () => {
    const data = birthData({ childName: '张·Анна·明 😊', birthPlace: 'Hôpital 杭州 🏥 ①号楼', address: '杭州市 Xīhú 区 𠀋 路 1 号 👍' });
    const res = await submit(zhang, await birthApplication(zhangSigner, data));
    expect(res.status).toBe(201);
    const one = await server.call('GET', `/api/applications/${res.body.id}`, { token: zhang });
    expect(one.body.data.childName).toBe('张·Анна·明 😊');
    expect(one.body.data.address).toBe('杭州市 Xīhú 区 𠀋 路 1 号 👍');
  });

  it('accepts the unmarried branch when the explanation is given', async () => {
    const materials = [
      { code: 'birth-medical-certificate', uploadId: await uploadId(zhang) },
      { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
      { code: 'marriage-certificate', uploadId: await uploadId(zhang, JPEG) },
    ];
    const data = birthData({ parentsMarried: false, unmarriedExplanation: '父母未办理结婚登记，由母亲申报。' });
    const res = await submit(zhang, await birthApplication(zhangSigner, data, materials));
    expect(res.status).toBe(201);
  });
});

describe('POST /applications: who may submit', () => {
  it('requires a token, and refuses an expired one with TOKEN_EXPIRED, storing nothing; signing in again carries on', async () => {
    const body = await birthApplication(zhangSigner);
    const key = crypto.randomUUID();
    const before = await applicationCount();
    const anonymous = await submit(undefined, body, key);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    const expired = new TokenService(SECRET).issue('citizen-001', 60, Date.now() - 3_600_000).token;
    const late = await submit(expired, body, key);
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('TOKEN_EXPIRED');
    expect(await applicationCount()).toBe(before);
    // Signed in again, the same answers, materials, signature and key go through once.
    const again = await submit(await server.login('citizen-001'), body, key);
    expect(again.status).toBe(201);
    expect(await applicationCount()).toBe(before + 1);
  });

  it('refuses an applicant of a kind the service does not serve with 403 APPLICANT_NOT_ALLOWED', async () => {
    const content = { serviceCode: 'business-licence-change', data: {}, materials: [] };
    const citizen = await submit(zhang, { ...content, signature: sign(content, zhangSigner) });
    expect(citizen.status).toBe(403);
    expect(citizen.body.error.code).toBe('APPLICANT_NOT_ALLOWED');
    const staffRes = await submit(staff, { serviceCode: 'birth-registration', data: birthData(), materials: [] });
    expect(staffRes.status).toBe(403);
    expect(staffRes.body.error.code).toBe('APPLICANT_NOT_ALLOWED');
  });
});

describe('POST /applications: bad requests', () => {
  it('needs an Idempotency-Key: 400 IDEMPOTENCY_KEY_REQUIRED without one, nothing stored', async () => {
    const before = await applicationCount();
    const res = await submit(zhang, await birthApplication(zhangSigner), null);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const blank = await submit(zhang, await birthApplication(zhangSigner), '  ');
    expect(blank.status).toBe(400);
    const tooLong = await submit(zhang, await birthApplication(zhangSigner), 'k'.repeat(256));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.fields[0].path).toBe('Idempotency-Key');
    expect(await applicationCount()).toBe(before);
  });

  it('answers a body of the wrong shape with 400 and the fields named', async () => {
    const res = await submit(zhang, { serviceCode: 7, data: [], materials: [{ code: 'x', certificateId: 'a', uploadId: 'b' }, 'y'], extra: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['serviceCode', 'data', 'materials[0]', 'materials[1]', 'extra']);
  });

  it('answers a number JSON cannot carry faithfully (1e400) with 400, not a server error', async () => {
    const res = await server.call('POST', '/api/applications', {
      token: zhang,
      raw: '{"serviceCode":"birth-registration","data":{"childName":1e400},"materials":[]}',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('answers an unknown service with 404 SERVICE_NOT_FOUND', async () => {
    const content = { serviceCode: 'no-such-service', data: {}, materials: [] };
    const res = await submit(zhang, { ...content, signature: sign(content, zhangSigner) });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SERVICE_NOT_FOUND');
  });
});

describe('POST /applications: answers checked by the shared validation module', () => {
  async function failing(data: Record<string, unknown>) {
    const res = await submit(zhang, await birthApplication(zhangSigner, data));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    return res.body.error.fields as Array<{ path: string; message: string }>;
  }

  it('refuses a wrong ID check digit, 31 February, a bad mobile and postcode, naming each field', async () => {
    const before = await applicationCount();
    const fields = await failing(birthData({ fatherIdNumber: '330106199001011231', childBirthDate: '2026-02-31', contactMobile: '12345', postcode: '31001' }));
    expect(fields.map((f) => f.path).sort()).toEqual(['/childBirthDate', '/contactMobile', '/fatherIdNumber', '/postcode']);
    for (const field of fields) expect(field.message).toBeTruthy();
    expect(await applicationCount()).toBe(before);
  });

  it('refuses a credit code with a wrong check character and a legal representative ID with a wrong check digit', async () => {
    const signer = await registerSigner(server, org, 'org-001');
    const content = {
      serviceCode: 'business-licence-change',
      data: { ...EXAMPLE_ANSWERS['business-licence-change'], creditCode: '91330100MA27XL0A18', legalRepIdNumber: '330106199001011230' },
      materials: [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: await uploadId(org) }],
    };
    const res = await submit(org, { ...content, signature: sign(content, signer) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['/creditCode', '/legalRepIdNumber']);
  });

  it('accepts an 18-character ID number ending in X', async () => {
    const res = await submit(zhang, await birthApplication(zhangSigner, birthData({ fatherIdNumber: '33010619900101123X' })));
    expect(res.status).toBe(201);
  });

  it('refuses a missing required answer, an unknown enum value and an unknown field', async () => {
    const data = birthData({ childSex: 'unknown', surprise: 'x' });
    delete data.childName;
    const paths = (await failing(data)).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['/childName', '/childSex']));
    expect(paths.some((p) => p.startsWith('/surprise') || p === '')).toBe(true);
  });

  it('requires the explanation when the parents are not married (a conditional field)', async () => {
    const fields = await failing(birthData({ parentsMarried: false }));
    expect(fields.map((f) => f.path)).toEqual(['/unmarriedExplanation']);
  });

  it('refuses a date of birth in the future', async () => {
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const fields = await failing(birthData({ childBirthDate: tomorrow }));
    expect(fields).toEqual([{ path: '/childBirthDate', message: '出生日期不能晚于今天' }]);
  });

  it('refuses a 1 MB string in a field with 422, not a crash or a 413', async () => {
    const fields = await failing(birthData({ childName: 'x'.repeat(1024 * 1024) }));
    expect(fields.map((f) => f.path)).toEqual(['/childName']);
  });

  it('answers in English when asked', async () => {
    const body = await birthApplication(zhangSigner, birthData({ contactMobile: '12345' }));
    const res = await server.call('POST', '/api/applications', { token: zhang, body, headers: { 'Idempotency-Key': crypto.randomUUID(), 'Accept-Language': 'en-GB,en;q=0.8' } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].message).toMatch(/[A-Za-z]/);
    expect(res.body.error.fields[0].message).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });
});

describe('POST /applications: materials (Art. 32)', () => {
  async function materialProblem(token: string, signer: TestSigner, materials: unknown[], serviceCode = 'birth-registration', data: Record<string, unknown> = birthData()) {
    const content = { serviceCode, data, materials };
    const before = await applicationCount();
    const res = await submit(token, { ...content, signature: sign(content, signer) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('MATERIAL_INVALID');
    expect(await applicationCount()).toBe(before);
    return res.body.error.fields as Array<{ path: string; message: string }>;
  }

  it('names every required material that is missing', async () => {
    const fields = await materialProblem(zhang, zhangSigner, [{ code: 'parents-hukou', certificateId: 'cert-hukou-001' }]);
    expect(fields.map((f) => f.path)).toEqual(['materials.birth-medical-certificate', 'materials.marriage-certificate']);
  });

  it('refuses a certificate reference belonging to someone else', async () => {
    const materials = await birthMaterials(zhang);
    materials[1] = { code: 'parents-hukou', certificateId: 'cert-hukou-002' }; // 李四's
    const fields = await materialProblem(zhang, zhangSigner, materials);
    expect(fields).toEqual([{ path: 'materials.parents-hukou', message: expect.stringMatching(/no such certificate/i) }]);
  });

  it('refuses an unknown certificate with the same answer as someone else’s', async () => {
    const materials = await birthMaterials(zhang);
    materials[1] = { code: 'parents-hukou', certificateId: 'cert-does-not-exist' };
    const fields = await materialProblem(zhang, zhangSigner, materials);
    expect(fields).toEqual([{ path: 'materials.parents-hukou', message: expect.stringMatching(/no such certificate/i) }]);
  });

  it('refuses a certificate of the wrong type', async () => {
    const materials = await birthMaterials(zhang);
    materials[1] = { code: 'parents-hukou', certificateId: 'cert-idcard-001' };
    const fields = await materialProblem(zhang, zhangSigner, materials);
    expect(fields[0]!.path).toBe('materials.parents-hukou');
    expect(fields[0]!.message).toMatch(/hukou/);
  });

  it('refuses a revoked certificate and one past its validity', async () => {
    const liSigner = await registerSigner(server, li, 'citizen-002');
    const revoked = await materialProblem(li, liSigner, [
      { code: 'birth-medical-certificate', uploadId: await uploadId(li) },
      { code: 'parents-hukou', certificateId: 'cert-hukou-002' },
      { code: 'marriage-certificate', certificateId: 'cert-marriage-002' },
    ], 'birth-registration', birthData({ contactMobile: '13900139000' }));
    expect(revoked).toEqual([{ path: 'materials.marriage-certificate', message: expect.stringMatching(/revoked/) }]);

    const expired = await materialProblem(li, liSigner, [
      { code: 'id-card', certificateId: 'cert-idcard-002' },
      { code: 'photo', uploadId: await uploadId(li, PNG) },
    ], 'senior-card', { name: '李四', idNumber: '330102199203150021', mobile: '13900139000', deliveryMethod: 'pickup' });
    expect(expired).toEqual([{ path: 'materials.id-card', message: expect.stringMatching(/expired/) }]);
  });

  it('refuses someone else’s upload, and a certificate id where an upload is needed', async () => {
    const materials = await birthMaterials(zhang);
    materials[0] = { code: 'birth-medical-certificate', uploadId: await uploadId(li) };
    const fields = await materialProblem(zhang, zhangSigner, materials);
    expect(fields).toEqual([{ path: 'materials.birth-medical-certificate', message: expect.stringMatching(/no such upload/i) }]);

    const byReference = await birthMaterials(zhang);
    byReference[0] = { code: 'birth-medical-certificate', certificateId: 'cert-hukou-001' };
    expect((await materialProblem(zhang, zhangSigner, byReference))[0]!.path).toBe('materials.birth-medical-certificate');
  });

  it('refuses an upload of a type the material does not accept, a material code the service does not know, and a material given twice', async () => {
    const photoAsPdf = await materialProblem(zhang, zhangSigner, [
      { code: 'id-card', certificateId: 'cert-idcard-001' },
      { code: 'photo', uploadId: await uploadId(zhang, PDF) },
    ], 'senior-card', { name: '张三', idNumber: '33010619900101123X', mobile: '13800138000', deliveryMethod: 'pickup' });
    expect(photoAsPdf).toEqual([{ path: 'materials.photo', message: expect.stringContaining('image/png') }]);

    const materials: unknown[] = await birthMaterials(zhang);
    materials.push({ code: 'bank-statement', uploadId: await uploadId(zhang) }, { code: 'parents-hukou', certificateId: 'cert-hukou-001' });
    const paths = (await materialProblem(zhang, zhangSigner, materials)).map((f) => f.path);
    expect(paths).toEqual(['materials[3].code', 'materials.parents-hukou']);
  });
});

describe('POST /applications: the signature (Art. 31)', () => {
  async function signatureProblem(token: string, body: unknown) {
    const before = await applicationCount();
    const res = await submit(token, body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('SIGNATURE_INVALID');
    expect(res.body.error.fields[0].path).toBe('signature');
    expect(await applicationCount()).toBe(before);
    return res.body.error.message as string;
  }

  it('refuses a payload changed after signing', async () => {
    const body = await birthApplication(zhangSigner);
    const changed = { ...body, data: { ...body.data, childName: '张小红' } };
    expect(await signatureProblem(zhang, changed)).toMatch(/does not match/);
    const swapped = { ...body, materials: [...body.materials].reverse() };
    expect(await signatureProblem(zhang, swapped)).toMatch(/does not match/);
  });

  it('refuses an application without the signature the service requires', async () => {
    const { signature: _omitted, ...unsigned } = await birthApplication(zhangSigner);
    await signatureProblem(zhang, unsigned);
  });

  it('refuses a tampered signature value and a malformed envelope', async () => {
    const body = await birthApplication(zhangSigner);
    const flipped = body.signature.signature.slice(0, -2) + (body.signature.signature.endsWith('00') ? '01' : '00');
    await signatureProblem(zhang, { ...body, signature: { ...body.signature, signature: flipped } });
    await signatureProblem(zhang, { ...body, signature: { ...body.signature, publicKey: 'not hex' } });
  });

  it('refuses a key that is not registered, and one registered to someone else', async () => {
    const content = { serviceCode: 'birth-registration', data: birthData(), materials: await birthMaterials(zhang) };
    const unregistered: TestSigner = { subjectId: 'citizen-001', keyId: 'sm2-unregistered', keys: generateSm2KeyPair() };
    expect(await signatureProblem(zhang, { ...content, signature: sign(content, unregistered) })).toMatch(/not registered/);
    const liSigner = await registerSigner(server, li, 'citizen-002');
    // 李四's key, the envelope claiming 张三 signed.
    expect(await signatureProblem(zhang, { ...content, signature: sign(content, { ...liSigner, subjectId: 'citizen-001' }) })).toMatch(/not registered/);
    // Signed by 李四 as 李四, submitted by 张三.
    expect(await signatureProblem(zhang, { ...content, signature: sign(content, liSigner) })).toMatch(/not the applicant/);
  });

  it('refuses a signature the service does not accept or dated in the future', async () => {
    const content = { serviceCode: 'birth-registration', data: birthData(), materials: await birthMaterials(zhang) };
    const envelope = sign(content, zhangSigner);
    await signatureProblem(zhang, { ...content, signature: { ...envelope, algorithm: 'ECDSA-P256-SHA256' } });
    const future = sign(content, zhangSigner, { signedAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(await signatureProblem(zhang, { ...content, signature: future })).toMatch(/future/);
  });
});

describe('POST /applications: Idempotency-Key', () => {
  it('answers a double submit with the same application and stores one', async () => {
    const body = await birthApplication(zhangSigner);
    const key = crypto.randomUUID();
    const before = await applicationCount();
    const first = await submit(zhang, body, key);
    const second = await submit(zhang, body, key);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await applicationCount()).toBe(before + 1);
  });

  it('treats a body with the same content in another key order as the same request', async () => {
    const body = await birthApplication(zhangSigner);
    const key = crypto.randomUUID();
    const first = await submit(zhang, body, key);
    const reordered = { signature: body.signature, materials: body.materials, data: Object.fromEntries(Object.entries(body.data).reverse()), serviceCode: body.serviceCode };
    const second = await submit(zhang, reordered, key);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('stores one application when the same request arrives several times at once', async () => {
    const body = await birthApplication(zhangSigner);
    const key = crypto.randomUUID();
    const before = await applicationCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit(zhang, body, key)));
    for (const answer of answers) expect(answer.status).toBe(201);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.receiptNo)).size).toBe(1);
    expect(await applicationCount()).toBe(before + 1);
  });

  it('refuses the same key with a different body with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    const key = crypto.randomUUID();
    const first = await submit(zhang, await birthApplication(zhangSigner), key);
    expect(first.status).toBe(201);
    const before = await applicationCount();
    const other = await submit(zhang, await birthApplication(zhangSigner, birthData({ childName: '张小红' })), key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await applicationCount()).toBe(before);
  });

  it('keeps an answer 24 hours: an older key is taken as new, and expired keys are swept', async () => {
    const key = crypto.randomUUID();
    const stale = crypto.randomUUID();
    const first = await submit(zhang, await birthApplication(zhangSigner), key);
    expect((await submit(zhang, await birthApplication(zhangSigner), stale)).status).toBe(201);
    const dayAgo = new Date(Date.now() - KEY_LIFETIME_MS - 60_000).toISOString();
    await server.store.db.updateTable('request_keys').set({ created_at: dayAgo }).where('key', 'in', ['submission:' + key, 'submission:' + stale]).execute();
    const before = await applicationCount();
    const again = await submit(zhang, await birthApplication(zhangSigner, birthData({ childName: '张小红' })), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.id).not.toBe(first.body.id);
    expect(await applicationCount()).toBe(before + 1);
    const kept = await server.store.db.selectFrom('request_keys').select('key').where('key', 'in', ['submission:' + key, 'submission:' + stale]).execute();
    expect(kept.map((k) => k.key)).toEqual(['submission:' + key]);
  });

  it('keeps keys apart per subject', async () => {
    const key = 'shared-key-' + crypto.randomUUID();
    const mine = await submit(zhang, await birthApplication(zhangSigner), key);
    const liSigner = await registerSigner(server, li, 'citizen-002');
    const content = { serviceCode: 'senior-card', data: { name: '李四', idNumber: '330102199203150021', mobile: '13900139000', deliveryMethod: 'pickup' }, materials: [{ code: 'id-card', uploadId: await uploadId(li) }, { code: 'photo', uploadId: await uploadId(li, JPEG) }] };
    const theirs = await submit(li, { ...content, signature: sign(content, liSigner) }, key);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('lets a corrected request reuse the key of one that was refused', async () => {
    const key = crypto.randomUUID();
    const refused = await submit(zhang, await birthApplication(zhangSigner, birthData({ contactMobile: '12345' })), key);
    expect(refused.status).toBe(422);
    const corrected = await submit(zhang, await birthApplication(zhangSigner), key);
    expect(corrected.status).toBe(201);
  });
});

describe('GET /applications: the applicant only', () => {
  it('does not show one subject’s applications to another', async () => {
    const mine = await submit(zhang, await birthApplication(zhangSigner));
    expect(mine.status).toBe(201);
    const other = await server.call('GET', `/api/applications/${mine.body.id}`, { token: li });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    const list = await server.call('GET', '/api/applications', { token: li });
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(mine.body.id);
    expect(list.body.total).toBe(await applicationCount('citizen-002'));
    expect((await server.call('GET', '/api/applications')).status).toBe(401);
    expect((await server.call('GET', `/api/applications/${mine.body.id}`)).status).toBe(401);
  });

  it('pages the list, newest first', async () => {
    const page = await server.call('GET', '/api/applications?page=1&pageSize=2', { token: zhang });
    expect(page.body.items).toHaveLength(2);
    expect(page.body.pageSize).toBe(2);
    expect(page.body.total).toBe(await applicationCount('citizen-001'));
    expect(page.body.items[0].submittedAt >= page.body.items[1].submittedAt).toBe(true);
  });
});

describe('POST /uploads', () => {
  it('stores a PDF, a PNG and a JPEG with their size, detected type and SM3', async () => {
    for (const [bytes, mediaType] of [[PDF, 'application/pdf'], [PNG, 'image/png'], [JPEG, 'image/jpeg']] as const) {
      // The declared type and name say nothing: the bytes decide.
      const res = await upload(zhang, bytes, 'file.bin', 'application/octet-stream');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ uploadId: expect.any(String), size: bytes.byteLength, mediaType, sm3: sm3Hex(bytes) });
    }
  });

  it('refuses a renamed .exe with 415 UNSUPPORTED_FILE_TYPE whatever its name and declared type', async () => {
    const res = await upload(zhang, EXE, '出生医学证明.pdf', 'application/pdf');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(res.body.error.message).toMatch(/PDF, PNG and JPEG/);
    expect(await uploadCount(EXE.byteLength)).toBe(0);
  });

  /** Streams a multipart body of `total` bytes and resolves with the answer as soon as one comes. */
  function streamUpload(total: number, chunked: boolean) {
    return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      const boundary = 'egovboundary';
      const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`);
      const headers: Record<string, string> = { Authorization: `Bearer ${zhang}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` };
      if (!chunked) headers['Content-Length'] = String(total);
      const req = request(`${server.origin}/api/uploads`, { method: 'POST', headers });
      let sent = 0;
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, sent });
          req.destroy();
        });
      });
      // The server may close the connection once it has answered: that is fine.
      req.on('error', (error) => (sent > 0 ? undefined : reject(error)));
      req.write(head);
      sent = head.length;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < total && !req.destroyed) {
          const ok = req.write(chunk);
          sent += chunk.length;
          if (!ok) return void req.once('drain', pump);
        }
        if (sent >= total && !req.destroyed) req.end();
      };
      pump();
    });
  }

  it('refuses a 50 MB file with 413 in the SPEC shape from its Content-Length, before reading it all', async () => {
    const total = 50 * 1024 * 1024;
    const answer = await streamUpload(total, false);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
    expect(answer.sent).toBeLessThan(total);
    expect((await server.call('GET', '/healthz')).status).toBe(200);
  });

  it('refuses a 50 MB file sent without a Content-Length (chunked) with 413, stopping once the limit is passed', async () => {
    const total = 50 * 1024 * 1024;
    const before = await uploadCount();
    const answer = await streamUpload(total, true);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.sent).toBeLessThan(total);
    expect(await uploadCount()).toBe(before);
  });

  it('refuses a file just over the limit with 413', async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024 + 1);
    bytes.set(PDF.subarray(0, 5));
    const res = await upload(zhang, bytes);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('needs sign-in, multipart, and exactly one non-empty file', async () => {
    expect((await upload(undefined, PDF)).status).toBe(401);
    const json = await server.call('POST', '/api/uploads', { token: zhang, body: { file: 'x' } });
    expect(json.status).toBe(415);
    const empty = await upload(zhang, new Uint8Array(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('file');
    const none = new FormData();
    none.append('note', 'no file here');
    expect((await server.call('POST', '/api/uploads', { token: zhang, raw: none })).status).toBe(400);
    const two = new FormData();
    two.append('file', new Blob([PDF as BlobPart]), 'a.pdf');
    two.append('file', new Blob([PDF as BlobPart]), 'b.pdf');
    const twoRes = await server.call('POST', '/api/uploads', { token: zhang, raw: two });
    expect(twoRes.status).toBe(400);
    expect(twoRes.body.error.fields[0].message).toMatch(/one file/);
  });
});

describe('POST /uploads: daily quota', () => {
  it('refuses uploads past the daily quota of one subject with 429 UPLOAD_QUOTA_EXCEEDED, and serves others', async () => {
    // 199.99 MB already uploaded today by 李四 (recorded directly: sending it would only slow the test).
    await server.store.db.insertInto('uploads')
      .values({ id: 'quota-filler', owner_subject_id: 'citizen-002', size: 200 * 1024 * 1024 - 10, media_type: 'application/pdf', sm3: '00', content: Buffer.from([0]), created_at: new Date().toISOString() })
      .execute();
    try {
      const res = await upload(li, PDF);
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('UPLOAD_QUOTA_EXCEEDED');
      expect(res.headers.get('retry-after')).toBe('3600');
      expect((await upload(zhang, PDF)).status).toBe(201);
    } finally {
      await server.store.db.deleteFrom('uploads').where('id', '=', 'quota-filler').execute();
    }
    expect((await upload(li, PDF)).status).toBe(201);
  });
});

describe('logs', () => {
  it('carry no answers, names, ID numbers, phone numbers or file hashes of a submission', async () => {
    const logged: string[] = [];
    const capture = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'log').mockImplementation(capture), vi.spyOn(console, 'error').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture)];
    const logging = await startTestServer({ EGOV_LOG: '1' });
    try {
      const token = await logging.login('citizen-001');
      const keys = generateSm2KeyPair();
      const { keyId } = (await logging.call('POST', '/api/signing-keys', { token, body: { publicKey: keys.publicKey, algorithm: 'SM2-SM3' } })).body;
      const form = new FormData();
      form.append('file', new Blob([PDF as BlobPart]), '张小明-出生医学证明.pdf');
      const uploaded = await logging.call('POST', '/api/uploads', { token, raw: form });
      const content = { serviceCode: 'birth-registration', data: birthData({ childName: '张日志测试' }), materials: [
        { code: 'birth-medical-certificate', uploadId: uploaded.body.uploadId },
        { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
        { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
      ] };
      const signature = sign(content, { subjectId: 'citizen-001', keyId, keys });
      expect((await logging.call('POST', '/api/applications', { token, body: { ...content, signature }, headers: { 'Idempotency-Key': 'k-1' } })).status).toBe(201);
      const bad = { ...content, data: { ...content.data, contactMobile: '12345678901' } };
      expect((await logging.call('POST', '/api/applications', { token, body: { ...bad, signature }, headers: { 'Idempotency-Key': 'k-2' } })).status).toBe(422);
      const text = logged.join('\n');
      expect(text).toContain('/api/applications');
      for (const secret of ['张日志测试', '张小明', '33010619900101123X', '330102199203150021', '13800138000', '12345678901', 'cert-hukou-001', uploaded.body.uploadId, uploaded.body.sm3, 'citizen-001', token]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await logging.stop();
      for (const spy of spies) spy.mockRestore();
    }
  });
});

describe('upload retention', () => {
  it('deletes uploads no application names once they are 30 days old, and keeps those an application names', async () => {
    const named = await uploadId(zhang);
    const orphan = await uploadId(zhang);
    const materials = [{ code: 'birth-medical-certificate', uploadId: named }, { code: 'parents-hukou', certificateId: 'cert-hukou-001' }, { code: 'marriage-certificate', certificateId: 'cert-marriage-001' }];
    expect((await submit(zhang, await birthApplication(zhangSigner, birthData(), materials))).status).toBe(201);
    const old = new Date(Date.now() - 31 * 24 * 3_600_000).toISOString();
    await server.store.db.updateTable('uploads').set({ created_at: old }).where('id', 'in', [named, orphan]).execute();
    const fresh = await uploadId(zhang);
    expect(await sweepOrphanUploads(server.store.db)).toBeGreaterThanOrEqual(1);
    const left = (await server.store.db.selectFrom('uploads').select('id').where('id', 'in', [named, orphan, fresh]).execute()).map((r) => r.id).sort();
    expect(left).toEqual([named, fresh].sort());
  });
});
