import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens: AES-256-GCM over `{ sub, exp }`, so they are signed (tampering fails
 * authentication), expire, and never show the subject id in clear.
 */
export class TokenService {
  readonly #key: Buffer;

  constructor(secret: string) {
    this.#key = createHash('sha256').update('egov-token:' + secret).digest();
  }

  issue(subjectId: string, ttlSeconds: number, now = Date.now()): { token: string; expiresAt: string } {
    const exp = Math.floor(now / 1000) + ttlSeconds;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ sub: subjectId, exp }), 'utf8'), cipher.final()]);
    const token = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The subject id, `'expired'`, or undefined for anything forged or malformed. */
  read(token: string, now = Date.now()): { sub: string } | 'expired' | undefined {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29 || raw.length > 1024) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const claims = JSON.parse(text) as { sub?: unknown; exp?: unknown };
      if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return undefined;
      if (claims.exp * 1000 <= now) return 'expired';
      return { sub: claims.sub };
    } catch {
      return undefined;
    }
  }
}
