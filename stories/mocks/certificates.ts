import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { AGENCIES } from '../../server/seed/data/agencies';
import { SUBJECTS } from '../../server/seed/data/subjects';
import { CERTIFICATE_SEEDS, CERTIFICATE_TYPE_NAMES, ISSUER_KEY_SEEDS } from '../../server/seed/data/certificates';
import { encodeQrPayload, generateSm2KeyPair, normaliseVerificationCode, parseQrPayload, sealCertificate, verifySeal } from '../../src/core/crypto';
import type { Certificate, TrustedIssuer, VerifyResult } from '../../src/core/crypto';
import { maskIdNumber } from '../../src/services/certificates';
import { apiError, storySubject } from './session';

/**
 * Mocked API of the certificates area, built from the server's seed data. The issuer keys
 * are generated here in the browser when the handlers load, and every certificate is
 * sealed with them, so seals verify for real in the stories.
 */

const keys = new Map(ISSUER_KEY_SEEDS.map((seed) => [seed.keyId, { seed, ...generateSm2KeyPair() }]));

export const STORY_TRUST_LIST: TrustedIssuer[] = [...keys.values()]
  .filter((k) => k.seed.published)
  .map((k) => ({
    keyId: k.seed.keyId,
    agency: { code: k.seed.agencyCode, name: AGENCIES.find((a) => a.code === k.seed.agencyCode)!.name },
    algorithm: 'SM2-SM3',
    publicKey: k.publicKey,
    validFrom: k.seed.validFrom,
    validTo: k.seed.validTo,
  }));

interface StoredMock {
  certificate: Certificate;
  holderSubjectId: string;
  verificationCode: string;
}

function sealed(seed: (typeof CERTIFICATE_SEEDS)[number]): StoredMock {
  const holder = SUBJECTS.find((s) => s.id === seed.holderSubjectId)!;
  const issuer = AGENCIES.find((a) => a.code === seed.issuerCode)!;
  const content = {
    number: seed.number,
    type: { code: seed.typeCode, name: CERTIFICATE_TYPE_NAMES[seed.typeCode]!.name },
    holder: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber!) },
    issuer: { code: issuer.code, name: issuer.name },
    issuedAt: seed.issuedAt,
    validUntil: seed.validUntil,
    data: seed.data,
  };
  const key = keys.get(seed.sealKeyId)!;
  const status = seed.revoked ? 'revoked' : Date.parse(seed.validUntil) <= Date.now() ? 'expired' : 'valid';
  return {
    certificate: { id: seed.id, ...content, status, seal: sealCertificate(content, { keyId: key.seed.keyId, privateKey: key.privateKey, publicKey: key.publicKey }) },
    holderSubjectId: seed.holderSubjectId,
    verificationCode: seed.verificationCode,
  };
}

const STORED = CERTIFICATE_SEEDS.map(sealed);

/**
 * A certificate whose data was changed after sealing, as a compromised or faulty service
 * would serve it: the mock still answers "valid", the element must see through it.
 */
export const STORY_TAMPERED = { number: 'ZJHK-2020-330106-0999', verificationCode: 'TMPR3D8X4KQA' };
{
  const original = STORED.find((s) => s.certificate.id === 'cert-hukou-001')!;
  const copy = sealed({ ...CERTIFICATE_SEEDS.find((s) => s.id === 'cert-hukou-001')!, id: 'cert-tampered', number: STORY_TAMPERED.number, verificationCode: STORY_TAMPERED.verificationCode });
  copy.certificate.data = { ...original.certificate.data, address: '浙江省宁波市海曙区中山路 1 号' };
  copy.holderSubjectId = 'nobody';
  STORED.push(copy);
}

/** A verification code the mock answers with 429, as the server does past its rate limit. */
export const STORY_RATE_LIMITED_CODE = 'RATE0LIMIT00';

const holderView = (s: StoredMock): Certificate => ({
  ...s.certificate,
  verificationCode: s.verificationCode,
  qrPayload: encodeQrPayload(s.certificate.number, s.verificationCode),
});

export const certificateHandlers: HttpHandler[] = [
  // Stories point an element here to show a failing server.
  http.all('*/story-broken/api/*', () => apiError(500, 'SERVER_ERROR', 'Injected failure')),
  // …and here to show one that never answers (the loading state).
  http.all('*/story-slow/api/*', async () => {
    await delay('infinite');
    return apiError(504, 'TIMEOUT', 'Never answered');
  }),
  http.get('*/api/trust/issuers', () => HttpResponse.json(STORY_TRUST_LIST)),
  http.get('*/api/certificates', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    return HttpResponse.json(STORED.filter((s) => s.holderSubjectId === subject.id).map((s) => s.certificate));
  }),
  http.get('*/api/certificates/lookup', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const type = new URL(request.url).searchParams.get('type');
    if (!type) return apiError(400, 'BAD_REQUEST', 'Give the certificate type');
    return HttpResponse.json(STORED.filter((s) => s.holderSubjectId === subject.id && s.certificate.type.code === type && s.certificate.status === 'valid').map((s) => s.certificate));
  }),
  http.get('*/api/certificates/:id', ({ request, params }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const found = STORED.find((s) => s.certificate.id === params.id && s.holderSubjectId === subject.id);
    return found ? HttpResponse.json(holderView(found)) : apiError(404, 'NOT_FOUND', 'No such certificate');
  }),
  http.post('*/api/certificates/verify', async ({ request }) => {
    const body = (await request.json()) as { number?: string; verificationCode?: string; qrPayload?: string };
    let number = body.number?.trim().toUpperCase();
    let code = body.verificationCode ? normaliseVerificationCode(body.verificationCode) : undefined;
    if (body.qrPayload !== undefined) {
      const parsed = parseQrPayload(body.qrPayload);
      if (!parsed) return HttpResponse.json({ error: { code: 'BAD_REQUEST', message: 'The request is not valid', fields: [{ path: 'qrPayload', message: 'Not a certificate QR payload' }] } }, { status: 400 });
      ({ number, verificationCode: code } = parsed);
    }
    if (code === STORY_RATE_LIMITED_CODE) return HttpResponse.json({ error: { code: 'RATE_LIMITED', message: 'Too many requests' } }, { status: 429, headers: { 'Retry-After': '8' } });
    const found = STORED.find((s) => s.certificate.number === number && s.verificationCode === code);
    const checkedAt = new Date().toISOString();
    if (!found) return HttpResponse.json({ status: 'not_found', checks: { seal: null, notRevoked: null, withinValidity: null }, checkedAt } satisfies VerifyResult);
    if (found.certificate.id === 'cert-tampered') {
      return HttpResponse.json({ status: 'valid', checks: { seal: true, notRevoked: true, withinValidity: true }, certificate: found.certificate, checkedAt } satisfies VerifyResult);
    }
    const verdict = verifySeal(found.certificate, STORY_TRUST_LIST);
    return HttpResponse.json({ status: verdict.status, checks: verdict.checks, certificate: found.certificate, checkedAt } satisfies VerifyResult);
  }),
];
