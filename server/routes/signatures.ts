import { Hono } from 'hono';
import { requireSubject } from '../auth';
import { FieldChecks } from '../domain/errors';
import { readObject } from '../http';
import { rateLimit } from '../rate-limit';
import type { AppEnv, Deps } from '../env';
import { listKeys, readKeyRegistration, registerLocalKey } from '../signatures/keys';
import { RemoteSigner } from '../signatures/remote-signer';
import { isDigestHex } from '../../src/core/crypto/sign';

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
    const { algorithm, publicKey } = readKeyRegistration(await readObject(c));
    const { keyId, created } = await registerLocalKey(db, subject.id, algorithm, publicKey);
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
    checks.throwIfAny('malformed');
    const envelope = await remote.sign(subject.id, body.payload, handwritingDigest === null ? null : (handwritingDigest as string).toLowerCase());
    return c.json(envelope);
  });

  return app;
}
