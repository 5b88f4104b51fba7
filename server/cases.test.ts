import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalBytes, sm2Verify, sm3Hex, verifySeal, type TrustedIssuer } from '../src/core/crypto';
import type { ApplicationDetail, ArchivalRecord } from '../src/core/case-types';
import { addWorkingDays } from './applications/working-days';
import { EXAMPLE_ANSWERS } from './seed/data/services';
import { startTestServer, type TestServer } from './testing';
import { opensslHasSm2, opensslVerifies } from './test-openssl';
import { registerSigner, signAs as sign, type TestSigner } from './test-signer';

let server: TestServer;
let zhang: string; // citizen-001
let li: string; // citizen-002
let org: string; // org-001
let ga: string; // officer-001, 330000-GA: birth-registration, residence-permit
let sc: string; // officer-002, 330000-SC: business-licence-change
let reviewer: string; // reviewer-001 of 330000-GA: not an officer

let zhangSigner: TestSigner;
let orgSigner: TestSigner;

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  server = await startTestServer();
  [zhang, li, org, ga, sc, reviewer] = await Promise.all(['citizen-001', 'citizen-002', 'org-001', 'officer-001', 'officer-002', 'reviewer-001'].map((id) => server.login(id)));
  zhangSigner = await registerSigner(server, zhang, 'citizen-001');
  orgSigner = await registerSigner(server, org, 'org-001');
});
afterAll(() => server.stop());

async function uploadId(token: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PDF as BlobPart], { type: 'application/pdf' }), 'scan.pdf');
  const res = await server.call('POST', '/api/uploads', { token, raw: form });
  expect(res.status).toBe(201);
  return res.body.uploadId;
}

/** A submitted birth registration of 张三: its id and what was signed. */
async function birthCase(data: Record<string, unknown> = { ...EXAMPLE_ANSWERS['birth-registration'] }) {
  const materials = [
    { code: 'birth-medical-certificate', uploadId: await uploadId(zhang) },
    { code: 'parents-hukou', certificateId: 'cert-hukou-001' },
    { code: 'marriage-certificate', certificateId: 'cert-marriage-001' },
  ];
  const content = { serviceCode: 'birth-registration', data, materials };
  const res = await server.call('POST', '/api/applications', { token: zhang, body: { ...content, signature: sign(content, zhangSigner) }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, content };
}

function decide(token: string, id: string, body: unknown, key: string = crypto.randomUUID()) {
  return server.call<ApplicationDetail & { error?: { code: string; fields?: Array<{ path: string }> } }>('POST', `/api/cases/${id}/decisions`, { token, body, headers: { 'Idempotency-Key': key } });
}

async function trustList(): Promise<TrustedIssuer[]> {
  return (await server.call<TrustedIssuer[]>('GET', '/api/trust/issuers')).body;
}

async function certificateCount(id: string): Promise<number> {
  return (await server.store.db.selectFrom('certificates').select('id').where('id', '=', id).execute()).length;
}

async function decisionEvents(id: string): Promise<number> {
  return (await server.store.db.selectFrom('application_events').select('seq').where('application_id', '=', id).where('action', 'in', ['approved', 'refused']).execute()).length;
}

describe('GET /cases: the officers’ queue', () => {
  it('refuses citizens, organisations and other staff with 403, and anonymous callers with 401', async () => {
    for (const token of [zhang, org, reviewer]) {
      const res = await server.call('GET', '/api/cases', { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await server.call('GET', '/api/cases')).status).toBe(401);
  });

  it('lists only the cases of the officer’s agency, with applicant, status and dates', async () => {
    const { id } = await birthCase();
    const mine = await server.call('GET', '/api/cases?pageSize=100', { token: ga });
    expect(mine.status).toBe(200);
    expect(mine.body.items.find((c: { id: string }) => c.id === id)).toEqual({
      id, receiptNo: expect.stringMatching(/^ZJ-/), serviceCode: 'birth-registration', applicant: { name: '张三' }, status: 'submitted', submittedAt: expect.any(String),
    });
    expect(mine.body.items.every((c: { serviceCode: string }) => ['birth-registration', 'residence-permit'].includes(c.serviceCode))).toBe(true);
    const theirs = await server.call('GET', '/api/cases?pageSize=100', { token: sc });
    expect(theirs.body.items.some((c: { id: string }) => c.id === id)).toBe(false);
  });

  it('filters by status and service (repeated or comma-separated), caps the page size, and refuses an unknown status', async () => {
    const { id } = await birthCase();
    expect((await decide(ga, id, { action: 'accept' })).status).toBe(200);
    const accepted = await server.call('GET', '/api/cases?status=accepted&service=birth-registration', { token: ga });
    expect(accepted.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(accepted.body.items.every((c: { status: string }) => c.status === 'accepted')).toBe(true);
    const both = await server.call('GET', '/api/cases?status=accepted,submitted', { token: ga });
    expect(both.body.items.every((c: { status: string }) => ['accepted', 'submitted'].includes(c.status))).toBe(true);
    const none = await server.call('GET', '/api/cases?service=residence-permit', { token: ga });
    expect(none.body.items.some((c: { id: string }) => c.id === id)).toBe(false);
    const capped = await server.call('GET', '/api/cases?pageSize=5000', { token: ga });
    expect(capped.body.pageSize).toBe(100);
    const bad = await server.call('GET', '/api/cases?status=lost', { token: ga });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('status');
  });

  it('puts the oldest due first, and cases not yet accepted after those with a due date', async () => {
    const first = await birthCase();
    const second = await birthCase();
    await decide(ga, second.id, { action: 'accept' });
    const queue = await server.call('GET', '/api/cases?pageSize=100', { token: ga });
    const ids = queue.body.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const due = queue.body.items.filter((c: { dueAt?: string }) => c.dueAt).map((c: { dueAt: string }) => c.dueAt);
    expect(due).toEqual([...due].sort());
  });
});

describe('GET /cases/{id}', () => {
  it('shows the officer the whole application: answers, certificates with seals, uploads, signature, history', async () => {
    const { id, content } = await birthCase();
    const res = await server.call<ApplicationDetail>('GET', `/api/cases/${id}`, { token: ga });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, status: 'submitted', version: 1, applicant: { name: '张三' }, data: content.data, history: [{ action: 'submitted', actor: { kind: 'applicant', name: '张三' } }] });
    const [upload, hukou] = res.body.materials;
    expect(upload).toMatchObject({ code: 'birth-medical-certificate', uploadId: content.materials[0]!.uploadId, upload: { size: PDF.byteLength, mediaType: 'application/pdf', sm3: sm3Hex(PDF) } });
    expect(hukou).toMatchObject({ code: 'parents-hukou', certificateId: 'cert-hukou-001', certificate: { number: 'ZJHK-2019-330106-0128', seal: { keyId: expect.any(String) } } });
    // The officer never sees the holder's verification code.
    expect(hukou!.certificate).not.toHaveProperty('verificationCode');
    expect(verifySeal(hukou!.certificate, await trustList()).status).toBe('valid');
    // The signature checks against exactly what was signed, stripped of what the case adds.
    const { verifyEnvelope } = await import('../src/core/crypto/envelope');
    const signed = { serviceCode: res.body.serviceCode, data: res.body.data, materials: res.body.materials.map(({ code, certificateId, uploadId }) => ({ code, ...(certificateId ? { certificateId } : {}), ...(uploadId ? { uploadId } : {}) })) };
    expect(await verifyEnvelope(signed, res.body.signature!)).toEqual({ valid: true });
  });

  it('answers an officer of another agency, and an unknown id, with 404', async () => {
    const { id } = await birthCase();
    expect((await server.call('GET', `/api/cases/${id}`, { token: sc })).status).toBe(404);
    expect((await server.call('GET', '/api/cases/no-such-case', { token: ga })).status).toBe(404);
    expect((await decide(sc, id, { action: 'accept' })).status).toBe(404);
  });
});

describe('POST /cases/{id}/decisions', () => {
  it('accepts with a due date counted in working days, then approves and issues the 出生登记证明 under the agency’s seal', async () => {
    const { id, content } = await birthCase();
    const accepted = await decide(ga, id, { action: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const acceptedAt = accepted.body.history.find((h) => h.action === 'accepted')!.at;
    expect(accepted.body.dueAt).toBe(addWorkingDays(new Date(acceptedAt), 5));
    expect(accepted.body.history.at(-1)).toMatchObject({ action: 'accepted', actor: { kind: 'officer', name: '孙七', agency: { code: '330000-GA', name: '浙江省公安厅' } } });

    const approved = await decide(ga, id, { action: 'approve', reason: '材料齐全，符合条件' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decision: { action: 'approve', reason: '材料齐全，符合条件', officer: { name: '孙七' } }, certificateId: expect.any(String) });
    expect(approved.body.history.map((h) => h.action)).toEqual(['submitted', 'accepted', 'approved', 'certificate_issued']);

    // The holder has it, with its code; it is offered for the next application (Art. 32).
    const mine = await server.call('GET', `/api/certificates/${approved.body.certificateId}`, { token: zhang });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      type: { code: 'birth-registration-record', name: '出生登记证明' },
      holder: { name: '张三' },
      issuer: { code: '330000-GA', name: '浙江省公安厅' },
      status: 'valid',
      data: { childName: content.data.childName, childSex: content.data.childSex, childBirthDate: content.data.childBirthDate, birthPlace: content.data.birthPlace },
    });
    expect(mine.body.issuedAt).toBe(approved.body.decision!.at);
    const list = await server.call('GET', '/api/certificates', { token: zhang });
    expect(list.body.map((c: { id: string }) => c.id)).toContain(mine.body.id);
    const lookup = await server.call('GET', '/api/certificates/lookup?type=birth-registration-record', { token: zhang });
    expect(lookup.body.map((c: { id: string }) => c.id)).toContain(mine.body.id);

    // The seal verifies against the trust list, and the public check says valid.
    const trust = await trustList();
    expect(verifySeal(mine.body, trust)).toMatchObject({ status: 'valid', issuerKey: { agency: { code: '330000-GA' } } });
    const verified = await server.call('POST', '/api/certificates/verify', { body: { number: mine.body.number, verificationCode: mine.body.verificationCode } });
    expect(verified.body.status).toBe('valid');
    // The code the holder sees is kept only as a hash (and sealed for the holder's view), never in clear.
    expect(mine.body.verificationCode).toMatch(/^[0-9A-Z]{12}$/);
    const row = await server.store.db.selectFrom('certificates').selectAll().where('id', '=', mine.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(mine.body.verificationCode);
    const wrong = await server.call('POST', '/api/certificates/verify', { body: { number: mine.body.number, verificationCode: 'AAAAAAAAAAAA' } });
    expect(wrong.body.status).toBe('not_found');
  });

  it('seals issued certificates and archival records so OpenSSL 3 (an independent GB/T 32918 implementation) verifies them', async () => {
    if (!opensslHasSm2()) return expect(opensslHasSm2()).toBe(false);
    const { id } = await birthCase();
    await decide(ga, id, { action: 'accept' });
    const approved = await decide(ga, id, { action: 'approve' });
    const certificate = (await server.call('GET', `/api/certificates/${approved.body.certificateId}`, { token: zhang })).body;
    const trust = await trustList();
    const key = trust.find((k) => k.keyId === certificate.seal.keyId)!;
    const { number, type, holder, issuer, issuedAt, validUntil, data } = certificate;
    expect(opensslVerifies(key.publicKey, certificate.seal.signature, canonicalBytes({ number, type, holder, issuer, issuedAt, validUntil, data }))).toBe(true);
    expect(opensslVerifies(key.publicKey, certificate.seal.signature, canonicalBytes({ number, type, holder, issuer, issuedAt, validUntil, data: { ...data, childName: '王五' } }))).toBe(false);
    const { seal, ...record } = (await server.call<ArchivalRecord>('GET', `/api/applications/${id}/record`, { token: zhang })).body;
    const recordKey = trust.find((k) => k.keyId === seal.keyId)!;
    expect(opensslVerifies(recordKey.publicKey, seal.signature, canonicalBytes(record))).toBe(true);
    return undefined;
  });

  it('refuses to approve a case that is only submitted (409 INVALID_TRANSITION), and to approve twice (one certificate)', async () => {
    const { id } = await birthCase();
    const early = await decide(ga, id, { action: 'approve' });
    expect(early.status).toBe(409);
    expect(early.body.error!.code).toBe('INVALID_TRANSITION');
    await decide(ga, id, { action: 'accept' });
    expect((await decide(ga, id, { action: 'approve' })).status).toBe(200);
    const twice = await decide(ga, id, { action: 'approve' });
    expect(twice.status).toBe(409);
    expect(twice.body.error!.code).toBe('INVALID_TRANSITION');
    expect(await certificateCount(`cert-${id}`)).toBe(1);
  });

  it('of two officers deciding at once, one decision stands and the other gets 409', async () => {
    const { id } = await birthCase();
    await decide(ga, id, { action: 'accept' });
    const other = await server.login('officer-001');
    const answers = await Promise.all([
      decide(ga, id, { action: 'approve' }),
      decide(other, id, { action: 'refuse', reason: '不符合条件', legalBasis: '《户口登记条例》第七条' }),
      decide(other, id, { action: 'approve' }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    expect(await decisionEvents(id)).toBe(1);
    expect(await certificateCount(`cert-${id}`)).toBeLessThanOrEqual(1);
  });

  it('answers the same Idempotency-Key with the same answer, once', async () => {
    const { id } = await birthCase();
    const key = crypto.randomUUID();
    const first = await decide(ga, id, { action: 'accept' }, key);
    const again = await decide(ga, id, { action: 'accept' }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const reused = await decide(ga, id, { action: 'request_correction', items: [{ path: '/childName', reason: '与出生医学证明不一致' }] }, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await server.call('POST', `/api/cases/${id}/decisions`, { token: ga, body: { action: 'approve' } })).body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('needs a reason and a legal basis to not accept or refuse (400 naming the field), and items for a correction request', async () => {
    const { id } = await birthCase();
    const bare = await decide(ga, id, { action: 'not_accept' });
    expect(bare.status).toBe(400);
    expect(bare.body.error!.fields!.map((f) => f.path).sort()).toEqual(['legalBasis', 'reason']);
    const noBasis = await decide(ga, id, { action: 'not_accept', reason: '不属于本机关管辖' });
    expect(noBasis.body.error!.fields!.map((f) => f.path)).toEqual(['legalBasis']);
    const blank = await decide(ga, id, { action: 'not_accept', reason: '  ', legalBasis: '《行政许可法》第三十二条' });
    expect(blank.body.error!.fields!.map((f) => f.path)).toEqual(['reason']);
    for (const items of [undefined, []]) {
      const res = await decide(ga, id, { action: 'request_correction', items });
      expect(res.status).toBe(400);
      expect(res.body.error!.fields!.map((f) => f.path)).toEqual(['items']);
    }
    const vague = await decide(ga, id, { action: 'request_correction', items: [{ path: '/childName' }, { material: 'no-such-material', reason: '缺' }, { path: '/nothing', reason: 'x' }] });
    expect(vague.status).toBe(400);
    expect(vague.body.error!.fields!.map((f) => f.path)).toEqual(['items[0].reason']);
    const unknown = await decide(ga, id, { action: 'request_correction', items: [{ material: 'no-such-material', reason: '缺' }, { path: '/nothing', reason: 'x' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error!.fields!.map((f) => f.path)).toEqual(['items[0].material', 'items[1].path']);
    expect((await decide(ga, id, { action: 'grant' })).body.error!.fields![0]!.path).toBe('action');
    // Nothing of it was recorded.
    expect((await server.call('GET', `/api/cases/${id}`, { token: ga })).body.status).toBe('submitted');
    const refused = await decide(ga, id, { action: 'not_accept', reason: '不属于本机关管辖', legalBasis: '《行政许可法》第三十二条' });
    expect(refused.body).toMatchObject({ status: 'not_accepted', decision: { action: 'not_accept', reason: '不属于本机关管辖', legalBasis: '《行政许可法》第三十二条' } });
  });
});

describe('corrections and resubmission', () => {
  async function correctionCase() {
    const c = await birthCase();
    const res = await decide(ga, c.id, { action: 'request_correction', items: [{ path: '/childName', reason: '与出生医学证明不一致' }, { material: 'birth-medical-certificate', reason: '扫描件不清晰' }] });
    expect(res.status).toBe(200);
    return c;
  }

  function resubmit(id: string, body: unknown, key = crypto.randomUUID(), token = zhang) {
    return server.call('POST', `/api/applications/${id}/resubmissions`, { token, body, headers: { 'Idempotency-Key': key } });
  }

  it('shows the applicant the open correction request, and takes a resubmission signed over the new version', async () => {
    const { id, content } = await correctionCase();
    const seen = await server.call<ApplicationDetail>('GET', `/api/applications/${id}`, { token: zhang });
    expect(seen.body).toMatchObject({ status: 'correction_requested', version: 1, corrections: [{ path: '/childName', reason: '与出生医学证明不一致' }, { material: 'birth-medical-certificate', reason: '扫描件不清晰' }] });
    const data = { ...content.data, childName: '张小明明' };
    const materials = [{ code: 'birth-medical-certificate', uploadId: await uploadId(zhang) }, ...content.materials.slice(1)];
    const payload = { serviceCode: 'birth-registration', data, materials, applicationId: id, version: 2 };
    const res = await resubmit(id, { data, materials, signature: sign(payload, zhangSigner) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'submitted', version: 2, data });
    expect(res.body).not.toHaveProperty('corrections');
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'correction_requested', 'resubmitted']);
    // The officer can open the new upload and the old one (both named by a version of the case).
    for (const upload of [materials[0]!.uploadId, content.materials[0]!.uploadId]) {
      expect((await server.call('GET', `/api/uploads/${upload}`, { token: ga })).status).toBe(200);
    }
    // Not correction_requested any more: 409.
    const again = await resubmit(id, { data, materials, signature: sign(payload, zhangSigner) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses the previous signature (422 SIGNATURE_INVALID): an earlier round cannot be replayed', async () => {
    const c = await birthCase();
    await decide(ga, c.id, { action: 'request_correction', items: [{ path: '/childName', reason: '请核对' }] });
    const original = (await server.call('GET', `/api/applications/${c.id}`, { token: zhang })).body.signature;
    const res = await resubmit(c.id, { data: c.content.data, materials: c.content.materials, signature: original });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('SIGNATURE_INVALID');
    // Signed over version 1 again: refused too.
    const stale = sign({ ...c.content, applicationId: c.id, version: 1 }, zhangSigner);
    expect((await resubmit(c.id, { data: c.content.data, materials: c.content.materials, signature: stale })).body.error.code).toBe('SIGNATURE_INVALID');
    expect((await server.call('GET', `/api/applications/${c.id}`, { token: zhang })).body).toMatchObject({ status: 'correction_requested', version: 1 });
  });

  it('refuses changes to answers and materials the request did not name (422 naming each)', async () => {
    const { id, content } = await correctionCase();
    const data = { ...content.data, childName: '张小明明', contactMobile: '13900139000' };
    const materials = [content.materials[0]!, { code: 'parents-hukou', uploadId: await uploadId(zhang) }, content.materials[2]!];
    const payload = { serviceCode: 'birth-registration', data, materials, applicationId: id, version: 2 };
    const res = await resubmit(id, { data, materials, signature: sign(payload, zhangSigner) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['/contactMobile', 'materials.parents-hukou']);
  });

  it('checks a resubmission like a first submission: answers, materials, the applicant only', async () => {
    const { id, content } = await correctionCase();
    const data = { ...content.data, childName: '' };
    const bad = await resubmit(id, { data, materials: content.materials, signature: sign({ ...content, data, applicationId: id, version: 2 }, zhangSigner) });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('/childName');
    const foreign = [{ code: 'birth-medical-certificate', uploadId: await uploadId(li) }, ...content.materials.slice(1)];
    const notMine = await resubmit(id, { data: content.data, materials: foreign, signature: sign({ ...content, materials: foreign, applicationId: id, version: 2 }, zhangSigner) });
    expect(notMine.status).toBe(422);
    expect(notMine.body.error.code).toBe('MATERIAL_INVALID');
    expect((await resubmit(id, { data: content.data, materials: content.materials, signature: null }, undefined, li)).status).toBe(404);
    expect((await resubmit(id, { data: [], materials: 'x' })).status).toBe(400);
  });

  it('of two resubmissions at once, one is taken (version 2) and the other gets 409', async () => {
    const { id, content } = await correctionCase();
    const round = async (childName: string) => {
      const data = { ...content.data, childName };
      const materials = [{ code: 'birth-medical-certificate', uploadId: await uploadId(zhang) }, ...content.materials.slice(1)];
      return { data, materials, signature: sign({ serviceCode: 'birth-registration', data, materials, applicationId: id, version: 2 }, zhangSigner) };
    };
    const bodies = await Promise.all([round('张小明明'), round('张晓明')]);
    const answers = await Promise.all(bodies.map((body) => resubmit(id, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const now = (await server.call('GET', `/api/applications/${id}`, { token: zhang })).body;
    expect(now.version).toBe(2);
    expect(now.history.filter((h: { action: string }) => h.action === 'resubmitted')).toHaveLength(1);
  });

  it('refuses a resubmission while not correction_requested (409)', async () => {
    const { id, content } = await birthCase();
    const res = await resubmit(id, { data: content.data, materials: content.materials, signature: sign({ ...content, applicationId: id, version: 2 }, zhangSigner) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('withdrawal and the archival record', () => {
  it('lets the applicant withdraw a submitted case, sealing its record; a decided case cannot be withdrawn (409)', async () => {
    const { id } = await birthCase();
    expect((await server.call('POST', `/api/applications/${id}/withdrawal`, { token: li, body: {} })).status).toBe(404);
    expect((await server.call('GET', `/api/applications/${id}/record`, { token: zhang })).status).toBe(409);
    const garbled = await server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang, raw: '{"reason":', headers: { 'Content-Type': 'application/json' } });
    expect(garbled.status).toBe(400);
    const odd = await server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang, body: { reason: 7, why: 'x' } });
    expect(odd.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['reason', 'why']);
    expect((await server.call('GET', `/api/applications/${id}`, { token: zhang })).body.status).toBe('submitted');
    const res = await server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang, body: { reason: '信息填写有误，重新申请' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.history.at(-1)).toMatchObject({ action: 'withdrawn', reason: '信息填写有误，重新申请', actor: { kind: 'applicant', name: '张三' } });
    const again = await server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    const record = await server.call<ArchivalRecord>('GET', `/api/applications/${id}/record`, { token: zhang });
    expect(record.status).toBe(200);
    expect(record.body.application.status).toBe('withdrawn');

    const decided = await birthCase();
    await decide(ga, decided.id, { action: 'accept' });
    await decide(ga, decided.id, { action: 'refuse', reason: '不符合条件', legalBasis: '《户口登记条例》第七条' });
    const late = await server.call('POST', `/api/applications/${decided.id}/withdrawal`, { token: zhang, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('of a withdrawal and an acceptance at once, one happens and the other gets 409', async () => {
    const { id } = await birthCase();
    const [withdrawn, accepted] = await Promise.all([
      server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang, body: {} }),
      decide(ga, id, { action: 'accept' }),
    ]);
    expect([withdrawn.status, accepted.status].sort()).toEqual([200, 409]);
    const status = (await server.call('GET', `/api/cases/${id}`, { token: ga })).body.status;
    expect(status).toBe(withdrawn.status === 200 ? 'withdrawn' : 'accepted');
  });

  it('seals the record of an approved case with the agency’s key: the JCS bytes without the seal verify', async () => {
    const { id, content } = await birthCase();
    await decide(ga, id, { action: 'accept' });
    await decide(ga, id, { action: 'approve' });
    const res = await server.call<ArchivalRecord>('GET', `/api/applications/${id}/record`, { token: zhang });
    expect(res.status).toBe(200);
    const byOfficer = await server.call<ArchivalRecord>('GET', `/api/applications/${id}/record`, { token: ga });
    expect(byOfficer.body).toEqual(res.body);
    expect((await server.call('GET', `/api/applications/${id}/record`, { token: sc })).status).toBe(404);
    const { seal, ...unsealed } = res.body;
    expect(unsealed.decision).toMatchObject({ action: 'approve' });
    expect(unsealed.certificate).toMatchObject({ type: { code: 'birth-registration-record' } });
    expect(unsealed.materials[0]).toEqual({ code: 'birth-medical-certificate', uploadId: content.materials[0]!.uploadId, sm3: sm3Hex(PDF) });
    expect(unsealed.materials[1]).toMatchObject({ code: 'parents-hukou', certificateId: 'cert-hukou-001', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const key = (await trustList()).find((k) => k.keyId === seal.keyId)!;
    expect(key.agency.code).toBe('330000-GA');
    expect(sm2Verify(canonicalBytes(unsealed), seal.signature, key.publicKey)).toBe(true);
    expect(sm2Verify(canonicalBytes({ ...unsealed, sealedAt: new Date().toISOString() }), seal.signature, key.publicKey)).toBe(false);
  });
});

describe('the history of a case is hash-chained', () => {
  it('holds through every kind of event, and an event changed behind its back stops the case from being archived', async () => {
    const { historyBrokenAt } = await import('./applications/store');
    const { id } = await birthCase();
    await decide(ga, id, { action: 'request_correction', items: [{ path: '/childName', reason: '请核对' }] });
    await server.call('POST', `/api/applications/${id}/withdrawal`, { token: zhang, body: { reason: '重新申请' } });
    expect(await historyBrokenAt(server.store.db, id)).toBeNull();
    expect((await server.call('GET', `/api/cases/${id}`, { token: ga })).body.historyBroken).toBeUndefined();

    const other = await birthCase();
    await decide(ga, other.id, { action: 'accept' });
    // Someone with database access rewrites who accepted it.
    await server.store.db.updateTable('application_events').set({ actor: JSON.stringify({ kind: 'officer', name: '某人' }) }).where('application_id', '=', other.id).where('seq', '=', 2).execute();
    expect(await historyBrokenAt(server.store.db, other.id)).toBe(2);
    // Whoever reads the case is told its history cannot be trusted, and where it breaks.
    expect((await server.call('GET', `/api/cases/${other.id}`, { token: ga })).body.historyBroken).toEqual({ at: 2 });
    expect((await server.call('GET', `/api/applications/${other.id}`, { token: zhang })).body.historyBroken).toEqual({ at: 2 });
    const mine = (await server.call('GET', '/api/applications?pageSize=100', { token: zhang })).body.items as Array<{ id: string; historyBroken?: { at: number } }>;
    expect(mine.find((a) => a.id === other.id)!.historyBroken).toEqual({ at: 2 });
    expect(mine.find((a) => a.id === id)!.historyBroken).toBeUndefined();
    // Closing it is refused as a conflict with the state of the case, not a server failure.
    const refused = await decide(ga, other.id, { action: 'refuse', reason: '不符合条件', legalBasis: '《户口登记条例》第七条' });
    expect(refused.status).toBe(409);
    expect(refused.body.error!.code).toBe('HISTORY_BROKEN');
    // Nothing of the refusal was kept.
    expect((await server.call('GET', `/api/cases/${other.id}`, { token: ga })).body.status).toBe('accepted');
    expect((await server.call('GET', `/api/applications/${other.id}/record`, { token: zhang })).status).toBe(409);
  });
});

describe('GET /uploads/{id}', () => {
  it('gives the file to its uploader and the handling officer as an attachment, and “not found” to anyone else', async () => {
    const { content } = await birthCase();
    const upload = content.materials[0]!.uploadId!;
    for (const token of [zhang, ga]) {
      const res = await fetch(`${server.origin}/api/uploads/${upload}`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    }
    for (const token of [li, sc, reviewer]) expect((await server.call('GET', `/api/uploads/${upload}`, { token })).status).toBe(404);
    // An upload no application names: only its uploader.
    const loose = await uploadId(zhang);
    expect((await server.call('GET', `/api/uploads/${loose}`, { token: ga })).status).toBe(404);
    expect((await server.call('GET', `/api/uploads/${upload}`)).status).toBe(401);
  });
});

describe('business licence change: a new 营业执照 replaces the old', () => {
  it('issues the new licence, revokes the old one (reason: replaced), and verification follows', async () => {
    const old = (await server.call('GET', '/api/certificates/cert-licence-001', { token: org })).body;
    expect(old.status).toBe('valid');
    const data = { ...EXAMPLE_ANSWERS['business-licence-change'] };
    const materials = [{ code: 'business-licence', certificateId: 'cert-licence-001' }, { code: 'change-resolution', uploadId: await uploadId(org) }];
    const content = { serviceCode: 'business-licence-change', data, materials };
    const submitted = await server.call('POST', '/api/applications', { token: org, body: { ...content, signature: sign(content, orgSigner) }, headers: { 'Idempotency-Key': crypto.randomUUID() } });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    expect((await server.call('GET', `/api/cases/${id}`, { token: ga })).status).toBe(404);
    const accepted = await decide(sc, id, { action: 'accept' });
    expect(accepted.body.dueAt).toBe(addWorkingDays(new Date(accepted.body.history.at(-1)!.at), 3));
    // Three steps (SPEC §14): the handler passes it on, the reviewer too, the approver approves.
    expect((await decide(sc, id, { action: 'approve' })).body.status).toBe('accepted');
    expect((await decide(await server.login('officer-005'), id, { action: 'approve' })).body.status).toBe('accepted');
    const approved = await decide(await server.login('officer-006'), id, { action: 'approve' });
    expect(approved.status).toBe(200);

    const fresh = (await server.call('GET', `/api/certificates/${approved.body.certificateId}`, { token: org })).body;
    expect(fresh).toMatchObject({ type: { code: 'business-licence', name: '营业执照' }, issuer: { code: '330000-SC' }, status: 'valid', data: { companyName: data.companyName, creditCode: data.creditCode } });
    expect(verifySeal(fresh, await trustList()).status).toBe('valid');
    const lookup = await server.call('GET', '/api/certificates/lookup?type=business-licence', { token: org });
    expect(lookup.body.map((c: { id: string }) => c.id)).toEqual([fresh.id]);
    const replaced = await server.call('POST', '/api/certificates/verify', { body: { number: old.number, verificationCode: old.verificationCode } });
    expect(replaced.body.status).toBe('revoked');
    expect(await server.store.db.selectFrom('certificate_revocations').select('reason').where('certificate_id', '=', 'cert-licence-001').executeTakeFirst()).toEqual({ reason: 'replaced' });
  });
});

describe('POST /certificates/{id}/revocation', () => {
  it('lets only an officer of the issuing agency revoke (403 for another agency), with a reason', async () => {
    const { id } = await birthCase();
    await decide(ga, id, { action: 'accept' });
    const { certificateId } = (await decide(ga, id, { action: 'approve' })).body;
    const other = await server.call('POST', `/api/certificates/${certificateId}/revocation`, { token: sc, body: { reason: '错误' } });
    expect(other.status).toBe(403);
    expect((await server.call('POST', `/api/certificates/${certificateId}/revocation`, { token: zhang, body: { reason: '错误' } })).status).toBe(403);
    const noReason = await server.call('POST', `/api/certificates/${certificateId}/revocation`, { token: ga, body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields[0].path).toBe('reason');
    expect((await server.call('POST', '/api/certificates/no-such/revocation', { token: ga, body: { reason: '错误' } })).status).toBe(404);
    const res = await server.call('POST', `/api/certificates/${certificateId}/revocation`, { token: ga, body: { reason: '登记信息有误' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: certificateId, status: 'revoked' });
    expect(res.body).not.toHaveProperty('verificationCode');
    const holder = (await server.call('GET', `/api/certificates/${certificateId}`, { token: zhang })).body;
    const verified = await server.call('POST', '/api/certificates/verify', { body: { number: holder.number, verificationCode: holder.verificationCode } });
    expect(verified.body.status).toBe('revoked');
    expect((await server.call('POST', `/api/certificates/${certificateId}/revocation`, { token: ga, body: { reason: '再次' } })).status).toBe(409);
  });
});

describe('working days', () => {
  it('counts Monday to Friday in China time', () => {
    // Friday 2026-12-04 10:00 in China → 1 working day → end of Monday 2026-12-07 in China.
    expect(addWorkingDays(new Date('2026-12-04T02:00:00Z'), 1)).toBe('2026-12-07T15:59:59.999Z');
    // Friday 23:30 in China is still Friday there (Friday 15:30 UTC).
    expect(addWorkingDays(new Date('2026-12-04T15:30:00Z'), 1)).toBe('2026-12-07T15:59:59.999Z');
    // Saturday → 5 working days → the next Friday.
    expect(addWorkingDays(new Date('2026-12-05T02:00:00Z'), 5)).toBe('2026-12-11T15:59:59.999Z');
    expect(addWorkingDays(new Date('2026-12-01T02:00:00Z'), 10)).toBe('2026-12-15T15:59:59.999Z');
  });
});

describe('the applicant’s view', () => {
  it('lists applications with status, version, history, decision and due date; someone else’s is not found', async () => {
    const { id } = await birthCase();
    await decide(ga, id, { action: 'accept' });
    const list = await server.call('GET', '/api/applications?pageSize=100', { token: zhang });
    expect(list.body.items.find((a: { id: string }) => a.id === id)).toMatchObject({ status: 'accepted', version: 1, dueAt: expect.any(String), history: [{ action: 'submitted' }, { action: 'accepted' }] });
    expect((await server.call('GET', `/api/applications/${id}`, { token: li })).status).toBe(404);
    expect((await server.call('GET', `/api/applications/${id}/record`, { token: li })).status).toBe(404);
  });
});
