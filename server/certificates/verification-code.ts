import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { normaliseVerificationCode } from '../../src/core/crypto/seal';

/**
 * Verification codes: 12 characters of Crockford's base32 alphabet (no I, L, O, U, so
 * nothing is misread from paper), 60 bits: far beyond guessing at the rate limit.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

const digest = (code: string) => createHash('sha256').update('egov-verification-code:' + normaliseVerificationCode(code)).digest();
/** Compared against when the number is unknown, so both cases do the same work. */
const NOTHING = digest('no certificate has this code');

/**
 * Whether `given` is the certificate's code. Equal-length digests compared in constant
 * time, and the same work done when there is no certificate, so neither the code nor the
 * existence of a number can be learnt from timing.
 */
export function codeMatches(expected: string | undefined, given: string): boolean {
  const same = timingSafeEqual(digest(given), expected === undefined ? NOTHING : digest(expected));
  return same && expected !== undefined;
}
