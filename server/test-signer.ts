import { generateSm2KeyPair, signedBytes, sm2Sign, sm3Hex, type KeyPairHex, type SignatureEnvelope } from '../src/core/crypto';
import type { TestServer } from './testing';

/** An applicant's browser key, registered to them as the browser registers it. For tests over HTTP. */
export interface TestSigner {
  subjectId: string;
  keyId: string;
  keys: KeyPairHex;
}

/** A fresh SM2 key registered to the subject through `POST /signing-keys`. */
export async function registerSigner(server: TestServer, token: string, subjectId: string): Promise<TestSigner> {
  const keys = generateSm2KeyPair();
  const res = await server.call('POST', '/api/signing-keys', { token, body: { publicKey: keys.publicKey, algorithm: 'SM2-SM3' } });
  if (res.status !== 201) throw new Error(`registering a signing key answered ${res.status}`);
  return { subjectId, keyId: res.body.keyId, keys };
}

/** A SignatureEnvelope (SPEC §4) over `payload`, made as the browser makes it; `overrides` bends the signed head. */
export function signAs(payload: unknown, signer: TestSigner, overrides: Partial<SignatureEnvelope> = {}): SignatureEnvelope {
  const head = { signerId: signer.subjectId, signedAt: new Date().toISOString(), handwritingDigest: null, ...overrides };
  const bytes = signedBytes(payload, head);
  return {
    algorithm: 'SM2-SM3',
    keyId: signer.keyId,
    publicKey: signer.keys.publicKey,
    digest: sm3Hex(bytes),
    signature: sm2Sign(bytes, signer.keys.privateKey, signer.keys.publicKey),
    ...head,
  };
}
