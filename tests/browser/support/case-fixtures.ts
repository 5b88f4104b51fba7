import { generateSm2KeyPair } from '../../../src/core/crypto';
import { prepareSignature, signSm2Envelope } from '../../../src/core/crypto/sign';
import type { ApplicationDetail, DecisionInput } from '../../../src/core/case-types';
import type { SignatureEnvelope } from '../../../src/core/crypto/envelope';
import { EXAMPLE_ANSWERS } from '../../../server/seed/data/services';
import { demoLogin } from './helpers';

/**
 * Cases made through the real API for the element tests (SPEC §6): an applicant signs and
 * submits, an officer decides — as a portal and a colleague would, over HTTP.
 */

/** Answers that pass every check of the birth-registration form, for 张三 (citizen-001). */
export const BIRTH_ANSWERS: Record<string, unknown> = {
  childName: '张小明',
  childSex: 'male',
  childBirthDate: '2026-10-01',
  birthPlace: '浙江大学医学院附属妇产科医院',
  fatherName: '张三',
  fatherIdNumber: '33010619900101123X',
  motherName: '王芳',
  motherIdNumber: '330102199203150021',
  parentsMarried: true,
  contactMobile: '13800138000',
  address: '浙江省杭州市西湖区文三路 100 号',
  postcode: '310012',
};

type Material = { code: string; certificateId?: string; uploadId?: string };

async function call<T>(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const response = await fetch('/api' + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const keys = new Map<string, { keyId: string; privateKey: string; publicKey: string }>();

/** A software key registered to the subject, made once per test page. */
async function keyOf(token: string, subjectId: string) {
  let key = keys.get(subjectId);
  if (!key) {
    const pair = generateSm2KeyPair();
    const { status, body } = await call<{ keyId: string }>(token, 'POST', '/signing-keys', { publicKey: pair.publicKey, algorithm: 'SM2-SM3' });
    if (status !== 201 && status !== 200) throw new Error('key registration failed: ' + status);
    key = { keyId: body.keyId, ...pair };
    keys.set(subjectId, key);
  }
  return key;
}

export async function signAs(token: string, subjectId: string, payload: unknown): Promise<SignatureEnvelope> {
  const key = await keyOf(token, subjectId);
  const { content, bytes } = prepareSignature(payload, subjectId, null);
  return signSm2Envelope(content, bytes, key);
}

export async function uploadPdf(token: string, name = 'scan.pdf', kind: 'pdf' | 'png' = 'pdf'): Promise<string> {
  const head = kind === 'pdf' ? [...'%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'].map((c) => c.charCodeAt(0)) : [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const bytes = new Uint8Array(4_000);
  head.forEach((b, i) => (bytes[i] = b));
  for (let i = head.length; i < bytes.length; i++) bytes[i] = 32 + (i % 90);
  const form = new FormData();
  form.append('file', new File([bytes], name, { type: kind === 'pdf' ? 'application/pdf' : 'image/png' }));
  const response = await fetch('/api/uploads', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: form });
  if (!response.ok) throw new Error('upload failed: ' + response.status);
  return ((await response.json()) as { uploadId: string }).uploadId;
}

/** The certificate of a type the subject holds (Art. 32), as the form would attach it. */
export async function heldCertificate(token: string, type: string): Promise<string> {
  const { body } = await call<Array<{ id: string }> | { items: Array<{ id: string }> }>(token, 'GET', '/certificates/lookup?type=' + encodeURIComponent(type));
  const list = Array.isArray(body) ? body : body.items;
  if (!list[0]) throw new Error('no certificate of type ' + type);
  return list[0].id;
}

/** 张三 applies for a birth registration with two certificates and one upload. */
export async function applyForBirthRegistration(overrides: Record<string, unknown> = {}): Promise<{ id: string; receiptNo: string; token: string }> {
  const token = await demoLogin('citizen-001');
  const materials: Material[] = [
    { code: 'birth-medical-certificate', uploadId: await uploadPdf(token, 'birth.pdf') },
    { code: 'parents-hukou', certificateId: await heldCertificate(token, 'hukou') },
    { code: 'marriage-certificate', certificateId: await heldCertificate(token, 'marriage') },
  ];
  const payload = { serviceCode: 'birth-registration', data: { ...BIRTH_ANSWERS, ...overrides }, materials };
  const signature = await signAs(token, 'citizen-001', payload);
  const { status, body } = await call<{ id: string; receiptNo: string }>(token, 'POST', '/applications', { ...payload, signature }, { 'Idempotency-Key': crypto.randomUUID() });
  if (status !== 201) throw new Error('submission failed: ' + status + ' ' + JSON.stringify(body));
  return { ...body, token };
}

/**
 * 张三 applies for a residence permit: a service that issues no certificate, so approving
 * it leaves his certificates (which other test files count) as they are.
 */
export async function applyForResidencePermit(): Promise<{ id: string; receiptNo: string; token: string }> {
  const token = await demoLogin('citizen-001');
  const materials: Material[] = [
    { code: 'id-card', certificateId: await heldCertificate(token, 'id-card') },
    { code: 'residence-proof', uploadId: await uploadPdf(token, 'tenancy.pdf') },
    { code: 'photo', uploadId: await uploadPdf(token, 'photo.png', 'png') },
  ];
  const payload = { serviceCode: 'residence-permit', data: { ...EXAMPLE_ANSWERS['residence-permit'] }, materials };
  const signature = await signAs(token, 'citizen-001', payload);
  const { status, body } = await call<{ id: string; receiptNo: string }>(token, 'POST', '/applications', { ...payload, signature }, { 'Idempotency-Key': crypto.randomUUID() });
  if (status !== 201) throw new Error('submission failed: ' + status + ' ' + JSON.stringify(body));
  return { ...body, token };
}

/** 杭州示例科技有限公司 (org-001) applies to change its business licence: a three-step case of 市场监管局 (SPEC §14). */
export async function applyForLicenceChange(): Promise<{ id: string; receiptNo: string; token: string }> {
  const token = await demoLogin('org-001');
  const materials: Material[] = [
    { code: 'business-licence', certificateId: await heldCertificate(token, 'business-licence') },
    { code: 'change-resolution', uploadId: await uploadPdf(token, 'resolution.pdf') },
  ];
  const payload = { serviceCode: 'business-licence-change', data: { ...EXAMPLE_ANSWERS['business-licence-change'] }, materials };
  const signature = await signAs(token, 'org-001', payload);
  const { status, body } = await call<{ id: string; receiptNo: string }>(token, 'POST', '/applications', { ...payload, signature }, { 'Idempotency-Key': crypto.randomUUID() });
  if (status !== 201) throw new Error('submission failed: ' + status + ' ' + JSON.stringify(body));
  return { ...body, token };
}

/** An officer changes a case's clock (SPEC §14): `suspension`, `resumption` or `extension`. */
export async function changeClock(officerToken: string, id: string, what: 'suspension' | 'resumption' | 'extension', body: unknown = {}): Promise<{ status: number; body: ApplicationDetail }> {
  return call<ApplicationDetail>(officerToken, 'POST', `/cases/${id}/${what}`, body);
}

export async function decide(officerToken: string, id: string, input: DecisionInput): Promise<{ status: number; body: ApplicationDetail }> {
  return call<ApplicationDetail>(officerToken, 'POST', `/cases/${id}/decisions`, input, { 'Idempotency-Key': crypto.randomUUID() });
}

export async function readApplication(token: string, id: string): Promise<ApplicationDetail> {
  return (await call<ApplicationDetail>(token, 'GET', `/applications/${id}`)).body;
}

export async function readCase(token: string, id: string): Promise<ApplicationDetail> {
  return (await call<ApplicationDetail>(token, 'GET', `/cases/${id}`)).body;
}
