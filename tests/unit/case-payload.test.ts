// What the officer's browser checks a signature against (SPEC §4, §6): the payload rebuilt
// from the case as the server shows it, and when a case counts as overdue.
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, verifyEnvelope } from '../../src/core/crypto';
import { prepareSignature, signSm2Envelope } from '../../src/core/crypto/sign';
import type { ApplicationDetail } from '../../src/core/case-types';
import { isOverdue, materialRef, signedPayload, verifyApplicationSignature } from '../../src/services/cases';

const base: ApplicationDetail = {
  id: 'app-1', receiptNo: 'ZJGA-1', serviceCode: 'birth-registration', applicant: { name: '张三' }, status: 'submitted', version: 1,
  submittedAt: '2026-11-27T02:00:00Z', data: { childName: '张小明' }, signature: null, history: [],
  materials: [
    { code: 'parents-hukou', certificateId: 'cert-1', certificate: { number: 'N' } as never },
    { code: 'birth-medical-certificate', uploadId: 'up-1', upload: { uploadId: 'up-1', size: 1, mediaType: 'application/pdf', sm3: '00' } },
  ],
};
const key = { keyId: 'k1', ...generateSm2KeyPair() };
function signed(detail: ApplicationDetail, payload: unknown = signedPayload(detail)): ApplicationDetail {
  const { content, bytes } = prepareSignature(payload, 'citizen-001', null);
  return { ...detail, signature: signSm2Envelope(content, bytes, key) };
}

describe('the signed payload of a case', () => {
  it('is { serviceCode, data, materials } with bare references for the first version', () => {
    expect(signedPayload(base)).toEqual({
      serviceCode: 'birth-registration', data: { childName: '张小明' },
      materials: [{ code: 'parents-hukou', certificateId: 'cert-1' }, { code: 'birth-medical-certificate', uploadId: 'up-1' }],
    });
    expect(materialRef({ code: 'x', upload: { uploadId: 'u', size: 1, mediaType: 'image/png', sm3: '' } })).toEqual({ code: 'x', uploadId: 'u' });
  });

  it('binds the application and its version after a resubmission, so an earlier signature does not match', async () => {
    const v2 = { ...base, version: 2 };
    expect(signedPayload(v2)).toMatchObject({ applicationId: 'app-1', version: 2 });
    expect((await verifyApplicationSignature(signed(v2))).status).toBe('valid');
    // The first round's signature carried over to version 2: not valid for what is shown.
    expect((await verifyApplicationSignature({ ...v2, signature: signed(base).signature })).status).toBe('invalid');
  });

  it('a changed answer or material no longer matches; no signature is said so', async () => {
    const ok = signed(base);
    expect((await verifyApplicationSignature(ok)).status).toBe('valid');
    expect((await verifyApplicationSignature({ ...ok, data: { childName: '张小亮' } })).status).toBe('invalid');
    expect((await verifyApplicationSignature({ ...ok, materials: ok.materials.slice(1) })).status).toBe('invalid');
    expect((await verifyApplicationSignature(base)).status).toBe('missing');
    expect(await verifyEnvelope(signedPayload(ok), ok.signature!)).toEqual({ valid: true });
  });
});

describe('overdue', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  it('is an open case past its due date, never a closed one or one without a due date', () => {
    expect(isOverdue({ status: 'accepted', dueAt: '2026-11-30T00:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'accepted', dueAt: '2026-12-02T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'approved', dueAt: '2026-11-30T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'submitted' }, now)).toBe(false);
  });
});
