import { bytesToHex, hexToBytes, isHex } from './hex';

/**
 * DER `SEQUENCE { INTEGER r, INTEGER s }` (X.690), the signature encoding of GB/T 35276
 * and of ECDSA in X.509. Strict: anything that is not exactly one well-formed sequence of
 * two positive minimal integers of at most 32 bytes is rejected.
 */
export function decodeDerSignature(hex: string): { r: bigint; s: bigint } | undefined {
  if (!isHex(hex)) return undefined;
  const bytes = hexToBytes(hex);
  if (bytes.length < 8 || bytes[0] !== 0x30) return undefined;
  const [seqLength, seqStart] = readLength(bytes, 1) ?? [];
  if (seqLength === undefined || seqStart === undefined || seqStart + seqLength !== bytes.length) return undefined;
  let offset = seqStart;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (bytes[offset] !== 0x02) return undefined;
    const [length, start] = readLength(bytes, offset + 1) ?? [];
    if (length === undefined || start === undefined || length < 1 || length > 33 || start + length > bytes.length) return undefined;
    const body = bytes.subarray(start, start + length);
    if (body[0]! & 0x80) return undefined; // negative
    if (length > 1 && body[0] === 0 && !(body[1]! & 0x80)) return undefined; // not minimal
    if (length === 33 && body[0] !== 0) return undefined;
    ints.push(BigInt('0x' + bytesToHex(body)));
    offset = start + length;
  }
  if (offset !== bytes.length) return undefined;
  return { r: ints[0]!, s: ints[1]! };
}

function readLength(bytes: Uint8Array, at: number): [number, number] | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return [first, at + 1];
  if (first === 0x81) {
    const value = bytes[at + 1];
    return value !== undefined && value >= 0x80 ? [value, at + 2] : undefined;
  }
  return undefined;
}

export function encodeDerSignature(r: bigint, s: bigint): string {
  const int = (value: bigint) => {
    let hex = value.toString(16);
    if (hex.length % 2) hex = '0' + hex;
    if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = '00' + hex;
    return '02' + lengthHex(hex.length / 2) + hex;
  };
  const body = int(r) + int(s);
  return '30' + lengthHex(body.length / 2) + body;
}

function lengthHex(length: number): string {
  return length < 0x80 ? length.toString(16).padStart(2, '0') : '81' + length.toString(16).padStart(2, '0');
}

/** The order n of the P-256 group (FIPS 186-4 D.1.2.3). */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * True when `s` is in the lower half of the group (s ≤ n/2). (r, s) and (r, n−s) both verify
 * under ECDSA; accepting only the low one leaves each signature a single encoding (BIP 62).
 */
export function isLowS(s: bigint, order: bigint = P256_ORDER): boolean {
  return s >= 1n && s <= order >> 1n;
}

/**
 * WebCrypto gives ECDSA signatures as r‖s (IEEE P1363); the envelope wants DER, with s in
 * its low form (n−s where WebCrypto chose the high twin; the server refuses high s).
 */
export function rawToDer(raw: Uint8Array, order: bigint = P256_ORDER): string {
  const half = raw.length / 2;
  const s = BigInt('0x' + bytesToHex(raw.subarray(half)));
  return encodeDerSignature(BigInt('0x' + bytesToHex(raw.subarray(0, half))), isLowS(s, order) ? s : order - s);
}

export function derToRaw(hex: string, size = 32): Uint8Array | undefined {
  const decoded = decodeDerSignature(hex);
  if (!decoded) return undefined;
  const r = decoded.r.toString(16).padStart(size * 2, '0');
  const s = decoded.s.toString(16).padStart(size * 2, '0');
  if (r.length > size * 2 || s.length > size * 2) return undefined;
  return hexToBytes(r + s);
}
