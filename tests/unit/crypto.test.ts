import { describe, expect, it } from 'vitest';
import { sm2 as smLib } from 'sm-crypto-v2';
import { SM3 } from 'gm-crypto';
import {
  DEFAULT_USER_ID,
  bytesToHex,
  canonicalJson,
  decodeDerSignature,
  encodeDerSignature,
  encodeQrPayload,
  generateSm2KeyPair,
  hexToBytes,
  isSm2PublicKey,
  parseQrPayload,
  sealCertificate,
  sealedBytes,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  utf8,
  verifySeal,
  type Certificate,
  type TrustedIssuer,
} from '../../src/core/crypto';

/**
 * An independent SM2 verifier for interoperability checks: textbook affine arithmetic on
 * the GB/T 32918.5 recommended curve with BigInt, hashing with gm-crypto's SM3 (gm-crypto
 * has no SM2 signatures). Slow and not constant-time: for tests only.
 */
const CURVE = {
  p: BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffff'),
  a: BigInt('0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc'),
  b: BigInt('0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93'),
  n: BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123'),
  gx: BigInt('0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7'),
  gy: BigInt('0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0'),
};
type Point = { x: bigint; y: bigint } | null;
const mod = (v: bigint, m: bigint) => ((v % m) + m) % m;
function inv(v: bigint, m: bigint): bigint {
  let [a, b, x0, x1] = [mod(v, m), m, 0n, 1n];
  while (a > 1n) {
    const q = a / b;
    [a, b] = [b, a % b];
    [x0, x1] = [x1 - q * x0, x0];
  }
  return mod(x1, m);
}
function add(P: Point, Q: Point): Point {
  if (!P) return Q;
  if (!Q) return P;
  const { p } = CURVE;
  if (P.x === Q.x && mod(P.y + Q.y, p) === 0n) return null;
  const l = P.x === Q.x ? mod((3n * P.x * P.x + CURVE.a) * inv(2n * P.y, p), p) : mod((Q.y - P.y) * inv(Q.x - P.x, p), p);
  const x = mod(l * l - P.x - Q.x, p);
  return { x, y: mod(l * (P.x - x) - P.y, p) };
}
function mul(k: bigint, P: Point): Point {
  let R: Point = null;
  for (let Q = P; k > 0n; k >>= 1n, Q = add(Q, Q)) if (k & 1n) R = add(R, Q);
  return R;
}
const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
function independentZa(publicKey: string, userId = DEFAULT_USER_ID): string {
  const id = bytesToHex(utf8(userId));
  const entl = (id.length * 4).toString(16).padStart(4, '0');
  return SM3.digest(entl + id + [CURVE.a, CURVE.b, CURVE.gx, CURVE.gy].map(hex32).join('') + publicKey.slice(2), 'hex', 'hex');
}
function independentVerify(message: Uint8Array, r: bigint, s: bigint, publicKey: string): boolean {
  const { n } = CURVE;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const e = BigInt('0x' + SM3.digest(independentZa(publicKey) + bytesToHex(message), 'hex', 'hex'));
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const PA = { x: BigInt('0x' + publicKey.slice(2, 66)), y: BigInt('0x' + publicKey.slice(66)) };
  const X = add(mul(s, { x: CURVE.gx, y: CURVE.gy }), mul(t, PA));
  return !!X && mod(e + X.x, n) === r;
}

describe('SM3 (GB/T 32905-2016, Annex A)', () => {
  it('A.1: "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('A.2: the 64-byte message "abcd" × 16', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('hashes bytes and strings alike, and agrees with an independent implementation', () => {
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) & 0xff);
    expect(sm3Hex(bytes)).toBe(SM3.digest(bytesToHex(bytes), 'hex', 'hex'));
    expect(sm3Hex('中文')).toBe(sm3Hex(utf8('中文')));
  });
});

/**
 * GB/T 32918.5-2017 Annex A (recommended curve, user ID 1234567812345678, M = "message digest").
 * sm-crypto-v2 lets the random point be injected (`pointPool` of { k, x1 = x(kG) }), so the
 * published signature is reproduced with the published k, not only verified.
 */
describe('SM2 signature (GB/T 32918.5-2017, Annex A)', () => {
  const dA = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
  const PA = '04' + '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' + 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13';
  const k = '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21';
  const ZA = 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3';
  const e = 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640';
  const r = 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3';
  const s = 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa';
  const M = utf8('message digest');

  it('derives the published public key, Z_A and e = SM3(Z_A ‖ M)', () => {
    expect(sm2PublicKeyFromPrivate(dA)).toBe(PA);
    expect(bytesToHex(smLib.getZ(PA, DEFAULT_USER_ID))).toBe(ZA);
    expect(sm3Hex(new Uint8Array([...hexToBytes(ZA), ...M]))).toBe(e);
  });

  it('reproduces (r, s) with the fixed k', () => {
    const x1 = BigInt('0x' + sm2PublicKeyFromPrivate(k).slice(2, 66));
    const der = smLib.doSignature(M, dA, { hash: true, der: true, userId: DEFAULT_USER_ID, publicKey: PA, pointPool: [{ k: BigInt('0x' + k), x1 }] });
    expect(der).toBe(encodeDerSignature(BigInt('0x' + r), BigInt('0x' + s)));
    expect(decodeDerSignature(der)).toEqual({ r: BigInt('0x' + r), s: BigInt('0x' + s) });
  });

  it('verifies the published signature with sm2Verify and with an independent verifier', () => {
    const der = encodeDerSignature(BigInt('0x' + r), BigInt('0x' + s));
    expect(sm2Verify(M, der, PA)).toBe(true);
    expect(independentZa(PA)).toBe(ZA);
    expect(independentVerify(M, BigInt('0x' + r), BigInt('0x' + s), PA)).toBe(true);
    expect(independentVerify(M, BigInt('0x' + r), BigInt('0x' + s) + 1n, PA)).toBe(false);
  });
});

describe('SM2 sign and verify', () => {
  const pair = generateSm2KeyPair();
  const message = utf8('{"number":"ZJHK-2019-330106-0128"}');
  const signature = sm2Sign(message, pair.privateKey, pair.publicKey);

  it('verifies its own signatures, and the independent verifier accepts them', () => {
    expect(isSm2PublicKey(pair.publicKey)).toBe(true);
    expect(sm2Verify(message, signature, pair.publicKey)).toBe(true);
    const { r, s } = decodeDerSignature(signature)!;
    expect(independentVerify(message, r, s, pair.publicKey)).toBe(true);
  });

  it('fails when any single byte of the message changes', () => {
    for (let i = 0; i < message.length; i++) {
      const changed = message.slice();
      changed[i]! ^= 0x01;
      expect(sm2Verify(changed, signature, pair.publicKey), 'byte ' + i).toBe(false);
    }
  });

  it('fails when any single byte of the public key changes', () => {
    const bytes = hexToBytes(pair.publicKey);
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i]! ^= 0x01;
      expect(sm2Verify(message, signature, bytesToHex(changed)), 'byte ' + i).toBe(false);
    }
    expect(sm2Verify(message, signature, generateSm2KeyPair().publicKey)).toBe(false);
  });

  it('fails when any single byte of the signature changes', () => {
    const bytes = hexToBytes(signature);
    for (let i = 0; i < bytes.length; i++) {
      const changed = bytes.slice();
      changed[i]! ^= 0x01;
      expect(sm2Verify(message, bytesToHex(changed), pair.publicKey), 'byte ' + i).toBe(false);
    }
  });

  it('rejects malformed hex and malformed DER without throwing', () => {
    for (const bad of ['', 'zz', signature.slice(1), signature + '00', '3006020101020101ff', '300602010002010a', '3006020180020101', '30070201010201010000', '02020101', 'not hex at all']) {
      expect(sm2Verify(message, bad, pair.publicKey), bad).toBe(false);
    }
    expect(decodeDerSignature('3006020100020101')).toEqual({ r: 0n, s: 1n });
    expect(decodeDerSignature('300702020001020101'), 'non-minimal integer').toBeUndefined();
    expect(decodeDerSignature('3006020181020101'), 'negative integer').toBeUndefined();
    for (const badKey of ['', '04', pair.publicKey.slice(2), '05' + pair.publicKey.slice(2), pair.publicKey.toUpperCase().replace(/^04/, '0x')]) {
      expect(sm2Verify(message, signature, badKey)).toBe(false);
    }
    expect(() => hexToBytes('abc')).toThrow();
  });
});

/** RFC 8785 (JSON Canonicalization Scheme), its own examples. */
describe('canonical JSON (RFC 8785)', () => {
  it('Appendix B: number serialisation of IEEE-754 doubles', () => {
    const table: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    const view = new DataView(new ArrayBuffer(8));
    for (const [bits, expected] of table) {
      view.setBigUint64(0, BigInt('0x' + bits));
      expect(canonicalJson(view.getFloat64(0)), bits).toBe(expected);
    }
  });

  it('Appendix B: NaN and Infinity are errors', () => {
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson(Infinity)).toThrow();
    expect(() => canonicalJson({ a: -Infinity })).toThrow();
  });

  it('3.2.2: the sample object (numbers, string escaping, literals, key order)', () => {
    const input = JSON.parse('{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}');
    expect(canonicalJson(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('3.2.3: members sorted by UTF-16 code units, not by code points', () => {
    const input = JSON.parse('{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}');
    // Expected output of RFC 8785 §3.2.3 (U+0080 and above are not escaped).
    expect(canonicalJson(input)).toBe('{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}');
  });

  it('3.2.2.2: strings escape only what JSON requires, control characters as lower-case \\u00xx', () => {
    expect(canonicalJson('\u0000\u0008\u0009\u000a\u000c\u000d\u001f"\\/é€😀')).toBe('"\\u0000\\b\\t\\n\\f\\r\\u001f\\"\\\\/é€😀"');
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: '' })).toBe('{"a":"","b":[1,{"c":2,"d":1}]}');
  });

  it('nests, drops undefined members, and is stable under key order of the input', () => {
    expect(canonicalJson({ z: { y: 1, x: [true, null] }, a: undefined })).toBe('{"z":{"x":[true,null],"y":1}}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('certificate seals (SPEC §4)', () => {
  const key = { keyId: 'TEST-1', ...generateSm2KeyPair() };
  const trust: TrustedIssuer[] = [{ keyId: 'TEST-1', agency: { code: '330000-GA', name: '浙江省公安厅' }, algorithm: 'SM2-SM3', publicKey: key.publicKey, validFrom: '2020-01-01T00:00:00Z', validTo: '2030-01-01T00:00:00Z' }];
  const content = {
    number: 'ZJHK-2021-000001',
    type: { code: 'hukou', name: '居民户口簿' },
    holder: { name: '张三', idNumberMasked: '3301**********123X' },
    issuer: { code: '330000-GA', name: '浙江省公安厅' },
    issuedAt: '2021-03-12T09:00:00+08:00',
    validUntil: '2099-12-31T23:59:59+08:00',
    data: { address: '浙江省杭州市', idNumber: '33010619900101123X' },
  };
  const certificate: Certificate = { id: 'c1', status: 'valid', ...content, seal: sealCertificate(content, key) };
  const now = new Date('2026-06-01T00:00:00Z');

  it('seals the JCS bytes of exactly the sealed members', () => {
    expect(new TextDecoder().decode(sealedBytes(certificate))).toBe(canonicalJson(content));
    expect(sm2Verify(sealedBytes(certificate), certificate.seal.signature, key.publicKey)).toBe(true);
  });

  it('valid: every check passes', () => {
    expect(verifySeal(certificate, trust, now)).toMatchObject({ status: 'valid', checks: { seal: true, notRevoked: true, withinValidity: true } });
    // Status and id are not sealed; a reordered copy (as after JSON transit) still verifies.
    expect(verifySeal(JSON.parse(JSON.stringify({ seal: certificate.seal, ...content, status: 'valid', id: 'x' })), trust, now).status).toBe('valid');
  });

  it('tampered: any change to sealed content, however small', () => {
    const changes: Array<Partial<Certificate>> = [
      { data: { ...content.data, address: '浙江省宁波市' } },
      { data: { ...content.data, extra: 1 } },
      { number: 'ZJHK-2021-000002' },
      { holder: { name: '张四', idNumberMasked: content.holder.idNumberMasked } },
      { validUntil: '2100-12-31T23:59:59+08:00' },
      { type: { code: 'hukou', name: '结婚证' } },
    ];
    for (const change of changes) {
      const result = verifySeal({ ...certificate, ...change }, trust, now);
      expect(result.status, JSON.stringify(change)).toBe('tampered');
      expect(result.checks.seal).toBe(false);
      expect(result.problem).toBe('signature');
    }
  });

  it('tampered: a seal that is not hex or not DER, or of another algorithm', () => {
    for (const signature of ['not-hex', certificate.seal.signature.slice(0, -2), '3006020101020101ff']) {
      expect(verifySeal({ ...certificate, seal: { ...certificate.seal, signature } }, trust, now)).toMatchObject({ status: 'tampered', problem: 'malformed-seal' });
    }
    expect(verifySeal({ ...certificate, seal: { ...certificate.seal, algorithm: 'RSA' } }, trust, now)).toMatchObject({ status: 'tampered', problem: 'algorithm' });
    expect(verifySeal({ number: 1 }, trust, now)).toMatchObject({ status: 'tampered', problem: 'malformed-certificate' });
    expect(verifySeal(null, trust, now).status).toBe('tampered');
  });

  it('indeterminate: an empty trust list, an unlisted key, a listed key not valid when the certificate was issued', () => {
    expect(verifySeal(certificate, [], now)).toMatchObject({ status: 'indeterminate', checks: { seal: null }, problem: 'unknown-key' });
    expect(verifySeal(certificate, [{ ...trust[0]!, keyId: 'OTHER' }], now).status).toBe('indeterminate');
    expect(verifySeal(certificate, [{ ...trust[0]!, publicKey: 'zz' }], now).status).toBe('indeterminate');
    const retired = [{ ...trust[0]!, validFrom: '2010-01-01T00:00:00Z', validTo: '2020-12-31T00:00:00Z' }];
    expect(verifySeal(certificate, retired, now)).toMatchObject({ status: 'indeterminate', problem: 'key-not-valid-at-issue' });
  });

  it('a key that expired after sealing still vouches for what it sealed while valid', () => {
    const expiredSince = [{ ...trust[0]!, validTo: '2022-01-01T00:00:00Z' }];
    expect(verifySeal(certificate, expiredSince, now).status).toBe('valid');
  });

  it("tampered: a genuine seal of another agency's key on a certificate naming a different issuer", () => {
    const otherAgency = [{ ...trust[0]!, agency: { code: '330000-MZ', name: '浙江省民政厅' } }];
    expect(verifySeal(certificate, otherAgency, now)).toMatchObject({ status: 'tampered', checks: { seal: false }, problem: 'issuer-mismatch' });
  });

  it('a forged seal made with another key, claiming the listed key id, is tampered', () => {
    const forged = { ...certificate, seal: sealCertificate(content, { keyId: 'TEST-1', ...generateSm2KeyPair() }) };
    expect(verifySeal(forged, trust, now).status).toBe('tampered');
  });

  it('revoked with a good seal; expired after validUntil; revoked wins over expired', () => {
    expect(verifySeal({ ...certificate, status: 'revoked' }, trust, now)).toMatchObject({ status: 'revoked', checks: { seal: true, notRevoked: false, withinValidity: true } });
    expect(verifySeal(certificate, trust, new Date('2100-01-01T00:00:00Z'))).toMatchObject({ status: 'expired', checks: { seal: true, notRevoked: true, withinValidity: false } });
    expect(verifySeal({ ...certificate, status: 'revoked' }, trust, new Date('2100-01-01T00:00:00Z')).status).toBe('revoked');
  });
});

describe('QR payload', () => {
  it('round-trips and tolerates case and whitespace', () => {
    const payload = encodeQrPayload('ZJHK-2019-330106-0128', 'hk7d-2qxm-9pra');
    expect(payload).toBe('EGOVCERT:1:ZJHK-2019-330106-0128:HK7D2QXM9PRA');
    expect(parseQrPayload(payload)).toEqual({ number: 'ZJHK-2019-330106-0128', verificationCode: 'HK7D2QXM9PRA' });
    expect(parseQrPayload('  ' + payload.toLowerCase() + '\n')).toEqual({ number: 'ZJHK-2019-330106-0128', verificationCode: 'HK7D2QXM9PRA' });
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'hello', 'EGOVCERT:1:', 'EGOVCERT:2:ZJHK-1:HK7D2QXM9PRA', 'EGOVCERT:1:ZJHK-2019:HK7D2QXM9PRA:extra', 'EGOVCERT:1:ZJ HK:HK7D2QXM9PRA', 'EGOVCERT:1:ZJHK-2019:short', 'https://example.org/?n=1']) {
      expect(parseQrPayload(bad), bad).toBeUndefined();
    }
  });

  it('takes no prefix of a payload for the whole one, as a scanner types it', () => {
    const payload = 'EGOVCERT:1:ZJHK-2019-330106-0128:HK7D2QXM9PRA';
    for (let end = 1; end < payload.length; end++) expect(parseQrPayload(payload.slice(0, end)), payload.slice(0, end)).toBeUndefined();
  });
});
