import { sm2, sm3 } from 'sm-crypto-v2';
import { decodeDerSignature } from './der';
import { bytesToHex, isHex } from './hex';

/** GB/T 35276 default signer ID, used in Z_A when no other is agreed. */
export const DEFAULT_USER_ID = '1234567812345678';

export interface KeyPairHex {
  /** 64 hex digits. */
  privateKey: string;
  /** Uncompressed point, `04` + X + Y, 130 hex digits. */
  publicKey: string;
}

/** SM3 (GB/T 32905) of bytes, as hex. */
export function sm3Hex(data: Uint8Array | string): string {
  return sm3(typeof data === 'string' ? new TextEncoder().encode(data) : data);
}

export function generateSm2KeyPair(): KeyPairHex {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKey, publicKey };
}

export function sm2PublicKeyFromPrivate(privateKey: string): string {
  return sm2.getPublicKeyFromPrivateKey(privateKey);
}

export function isSm2PublicKey(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 130 || !value.startsWith('04') || !isHex(value)) return false;
  try {
    return sm2.verifyPublicKey(value);
  } catch {
    return false;
  }
}

/**
 * GB/T 32918 signature of message M: e = SM3(Z_A ‖ M) with the default user ID
 * (`hash: true` makes the library compute Z_A), DER-encoded, hex.
 */
export function sm2Sign(message: Uint8Array, privateKey: string, publicKey?: string): string {
  return sm2.doSignature(message, privateKey, { hash: true, der: true, userId: DEFAULT_USER_ID, ...(publicKey ? { publicKey } : {}) });
}

/** True only for a well-formed DER signature by this key over exactly this message. */
export function sm2Verify(message: Uint8Array, signatureDerHex: string, publicKey: string): boolean {
  if (!decodeDerSignature(signatureDerHex) || !isSm2PublicKey(publicKey)) return false;
  try {
    return sm2.doVerifySignature(message, signatureDerHex, publicKey, { hash: true, der: true, userId: DEFAULT_USER_ID });
  } catch {
    return false;
  }
}

export { bytesToHex };
