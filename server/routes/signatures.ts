import { Hono } from 'hono';
import { requireSubject } from '../auth';
import { ApiProblem } from '../errors';
import { FieldChecks, readObject } from '../http';
import { rateLimit } from '../rate-limit';
import type { AppEnv, Deps } from '../env';
import { KEY_ALGORITHMS, isPublicKeyFor, listKeys, registerLocalKey } from '../signatures/keys';
import { RemoteSigner } from '../signatures/remote-signer';
import { isDigestHex } from '../../src/core/crypto/sign';
import type { SignatureAlgorithm } from '../../src/core/crypto/envelope';

/** Requests per minute one subject may make to each signing route. */
export const SIGNING_RATE_LIMIT = 300;

/**
 * Routes of the signatures area (SPEC §3, Art. 31): binding a browser key to the signed-in
 * subject, and remote signing with the subject's server-held SM2 key.
 */
export function signaturesRoutes({ store, keys }: Deps) {
  const { db } = store;
  const app = new Hono<AppEnv>();
  const remote = new RemoteSigner(db, keys);
  // Per signed-in subject and route, so one person cannot exhaust the signer for others;
  // generous enough for a busy counter clerk or a test suite, tight enough to stop a loop.
  const perSubject = (route: string) => rateLimit({ limit: SIGNING_RATE_LIMIT, windowMs: 60_000, key: (c) => route + ':' + (c.get('subject')?.id ?? 'anonymous') });

  app.post('/signing-keys', perSubject('keys'), async (c) => {
    const subject = requireSubject(c);
    const body = await readObject(c);
    const checks = new FieldChecks();
    const algorithm = body.algorithm;
    const publicKey = body.publicKey;
    if (typeof algorithm !== 'string' || !KEY_ALGORITHMS.includes(algorithm as SignatureAlgorithm)) {
      checks.add('algorithm', 'Must be one of ' + KEY_ALGORITHMS.join(', '));
    }
    if (typeof publicKey !== 'string' || !/^04[0-9a-fA-F]{128}$/.test(publicKey)) {
      checks.add('publicKey', 'Must be an uncompressed point, hex 04 followed by 128 hex digits');
    }
    checks.throwIfAny(400);
    if (!isPublicKeyFor(algorithm as SignatureAlgorithm, publicKey as string)) {
      throw new ApiProblem(422, 'INVALID_PUBLIC_KEY', 'The public key is not a point on the curve of ' + String(algorithm), [{ path: 'publicKey', message: 'Not a point on the curve' }]);
    }
    const { keyId, created } = await registerLocalKey(db, subject.id, algorithm as SignatureAlgorithm, publicKey as string);
    return c.json({ keyId }, created ? 201 : 200);
  });

  /** The subject's own active keys, so a portal can show them and a client can check its key is known. */
  app.get('/signing-keys', async (c) => {
    const subject = requireSubject(c);
    return c.json({ items: await listKeys(db, subject.id) });
  });

  app.post('/signatures', perSubject('sign'), async (c) => {
    const subject = requireSubject(c);
    const body = await readObject(c);
    const checks = new FieldChecks();
    if (!('payload' in body) || body.payload === undefined) checks.add('payload', 'Required: the JSON value to sign');
    const handwritingDigest = body.handwritingDigest ?? null;
    if (handwritingDigest !== null && !isDigestHex(handwritingDigest)) checks.add('handwritingDigest', 'Must be an SM3 digest: 64 hex digits, or null');
    checks.throwIfAny(400);
    const envelope = await remote.sign(subject.id, body.payload, handwritingDigest === null ? null : (handwritingDigest as string).toLowerCase());
    return c.json(envelope);
  });

  return app;
}
