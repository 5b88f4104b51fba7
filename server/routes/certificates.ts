import { Hono } from 'hono';
import { requireSubject } from '../auth';
import { certificateById, certificateByNumber, certificatesOf, trustList, withHolderSecrets } from '../certificates/store';
import { isHolderOf } from '../access';
import { codeMatches, holderVerificationCode } from '../certificates/verification-code';
import type { AppEnv, Deps } from '../env';
import { problems } from '../errors';
import { FieldChecks, readObject } from '../http';
import { rateLimit } from '../rate-limit';
import { isCertificateNumber, normaliseVerificationCode, parseQrPayload, verifySeal, type VerifyResult } from '../../src/core/crypto/seal';

/**
 * How many verifications one client may ask for per window: `EGOV_VERIFY_RATE_LIMIT`
 * (default 30) per `EGOV_VERIFY_RATE_WINDOW_MS` (default 10 000). With 60-bit codes this
 * keeps guessing hopeless while a counter clerk checking a queue is never held up.
 */
export function verifyRateLimit(env: NodeJS.ProcessEnv = process.env): { limit: number; windowMs: number } {
  const limit = Number(env.EGOV_VERIFY_RATE_LIMIT ?? 30);
  const windowMs = Number(env.EGOV_VERIFY_RATE_WINDOW_MS ?? 10_000);
  return {
    limit: Number.isInteger(limit) && limit > 0 ? limit : 30,
    windowMs: Number.isFinite(windowMs) && windowMs >= 100 ? windowMs : 10_000,
  };
}

const MAX_INPUT = 200;

/** Routes of the certificates area (SPEC §3). */
export function certificatesRoutes(deps: Deps) {
  const { db } = deps.store;
  const app = new Hono<AppEnv>();

  app.get('/certificates', async (c) => {
    const subject = requireSubject(c);
    return c.json((await certificatesOf(db, subject.id)).map((s) => s.certificate));
  });

  // Art. 32: proof the platform already holds is not asked of the applicant again.
  // Registered before `/certificates/:id` so "lookup" is never taken for an id.
  app.get('/certificates/lookup', async (c) => {
    const subject = requireSubject(c);
    const type = c.req.query('type');
    if (!type) throw problems.badRequest('Give the certificate type', [{ path: 'type', message: 'Required' }]);
    const items = (await certificatesOf(db, subject.id, new Date(), type)).filter((s) => s.certificate.status === 'valid').map((s) => s.certificate);
    return c.json(items);
  });

  app.get('/certificates/:id', async (c) => {
    const subject = requireSubject(c);
    const stored = await certificateById(db, c.req.param('id'));
    // Another holder's certificate answers exactly like one that does not exist.
    if (!stored || !isHolderOf(subject, stored)) throw problems.notFound('No such certificate');
    return c.json(withHolderSecrets(stored, await holderVerificationCode(db, stored.sealedCode, deps.keys), deps.settings.verifyUrl));
  });

  const { limit, windowMs } = verifyRateLimit();
  app.post('/certificates/verify', rateLimit({ limit, windowMs }), async (c) => {
    const body = await readObject(c);
    const checks = new FieldChecks();
    let number: string | undefined;
    let code: string | undefined;
    if (body.qrPayload !== undefined) {
      const parsed = typeof body.qrPayload === 'string' && body.qrPayload.length <= MAX_INPUT ? parseQrPayload(body.qrPayload) : undefined;
      if (!parsed) checks.add('qrPayload', 'Not a certificate QR payload');
      else ({ number, verificationCode: code } = parsed);
    } else {
      if (typeof body.number !== 'string' || !body.number.trim() || body.number.length > MAX_INPUT) checks.add('number', 'Give the certificate number');
      else number = body.number.trim().toUpperCase();
      if (typeof body.verificationCode !== 'string' || !body.verificationCode.trim() || body.verificationCode.length > MAX_INPUT) checks.add('verificationCode', 'Give the verification code');
      else code = normaliseVerificationCode(body.verificationCode);
    }
    checks.throwIfAny();
    const now = new Date();
    const stored = isCertificateNumber(number!) ? await certificateByNumber(db, number!, now) : undefined;
    const checkedAt = now.toISOString();
    // An unknown number and a wrong code answer alike, so numbers cannot be enumerated.
    if (!codeMatches(stored?.codeHash, code!) || !stored) {
      const result: VerifyResult = { status: 'not_found', checks: { seal: null, notRevoked: null, withinValidity: null }, checkedAt };
      return c.json(result);
    }
    const verdict = verifySeal(stored.certificate, await trustList(db), now);
    const result: VerifyResult = { status: verdict.status, checks: verdict.checks, certificate: stored.certificate, checkedAt };
    return c.json(result);
  });

  app.get('/trust/issuers', async (c) => c.json(await trustList(db)));

  return app;
}
