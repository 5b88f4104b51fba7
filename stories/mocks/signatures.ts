import { http, HttpResponse, type HttpHandler } from 'msw';
import { generateSm2KeyPair, isSm2PublicKey } from '../../src/core/crypto/sm';
import { prepareSignature, signSm2Envelope, isDigestHex } from '../../src/core/crypto/sign';
import { apiError, storySubject } from './session';

/**
 * Mocked API of the signatures area. Like the reference backend: keys bind to the subject
 * who registers them first, and remote signing uses a per-subject SM2 key, here made in the
 * browser, so every envelope a story produces verifies.
 */
const registered = new Map<string, { keyId: string; subjectId: string; algorithm: string; publicKey: string; kind: 'local' | 'remote'; createdAt: string }>();
const remoteKeys = new Map<string, { keyId: string; privateKey: string; publicKey: string }>();

function keyIdFor(publicKey: string): string {
  return 'story-' + publicKey.slice(2, 34);
}

export const signatureHandlers: HttpHandler[] = [
  http.post('*/api/signing-keys', async ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const body = (await request.json()) as { publicKey?: string; algorithm?: string };
    const publicKey = String(body.publicKey ?? '').toLowerCase();
    if (body.algorithm !== 'SM2-SM3' && body.algorithm !== 'ECDSA-P256-SHA256') return apiError(400, 'BAD_REQUEST', 'Unknown algorithm');
    if (!/^04[0-9a-f]{128}$/.test(publicKey) || (body.algorithm === 'SM2-SM3' && !isSm2PublicKey(publicKey))) return apiError(422, 'INVALID_PUBLIC_KEY', 'Not a point on the curve');
    const existing = registered.get(body.algorithm + publicKey);
    if (existing && existing.subjectId !== subject.id) return apiError(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is registered to another subject');
    if (existing) return HttpResponse.json({ keyId: existing.keyId });
    const keyId = keyIdFor(publicKey);
    registered.set(body.algorithm + publicKey, { keyId, subjectId: subject.id, algorithm: body.algorithm, publicKey, kind: 'local', createdAt: new Date().toISOString() });
    return HttpResponse.json({ keyId }, { status: 201 });
  }),
  http.get('*/api/signing-keys', ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const items = [...registered.values()].filter((k) => k.subjectId === subject.id).map(({ subjectId: _s, ...k }) => k);
    return HttpResponse.json({ items });
  }),
  http.post('*/api/signatures', async ({ request }) => {
    const subject = storySubject(request);
    if (!subject) return apiError(401, 'UNAUTHENTICATED', 'Sign-in is required');
    const body = (await request.json()) as { payload?: unknown; handwritingDigest?: unknown };
    if (body.payload === undefined) return apiError(400, 'BAD_REQUEST', 'payload is required');
    const handwritingDigest = body.handwritingDigest ?? null;
    if (handwritingDigest !== null && !isDigestHex(handwritingDigest)) return apiError(400, 'BAD_REQUEST', 'handwritingDigest must be 64 hex digits');
    let key = remoteKeys.get(subject.id);
    if (!key) {
      const pair = generateSm2KeyPair();
      key = { keyId: 'story-remote-' + subject.id, ...pair };
      remoteKeys.set(subject.id, key);
      registered.set('SM2-SM3' + pair.publicKey, { keyId: key.keyId, subjectId: subject.id, algorithm: 'SM2-SM3', publicKey: pair.publicKey, kind: 'remote', createdAt: new Date().toISOString() });
    }
    const { content, bytes } = prepareSignature(body.payload, subject.id, handwritingDigest as string | null);
    return HttpResponse.json(signSm2Envelope(content, bytes, key));
  }),
];

/** For the "key not registered" story: the server says this browser's key belongs to someone else. */
export const keyOwnedByAnotherHandlers: HttpHandler[] = [
  http.post('*/api/signing-keys', () => apiError(409, 'KEY_REGISTERED_TO_ANOTHER', 'This public key is registered to another subject')),
];
