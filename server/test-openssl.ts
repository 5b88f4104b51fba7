import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hexToBytes } from '../src/core/crypto/hex';

/** Whether the `openssl` on the path speaks SM2 (OpenSSL 3), the independent GB/T 32918 implementation tests check against. */
export function opensslHasSm2(): boolean {
  const probe = spawnSync('openssl', ['list', '-public-key-algorithms'], { encoding: 'utf8' });
  return probe.status === 0 && /sm2/i.test(probe.stdout);
}

/** Whether `openssl dgst -sm3 -verify` (default user ID) accepts an SM2 signature of `message` by `publicKey`. */
export function opensslVerifies(publicKey: string, signatureHex: string, message: Uint8Array): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'egov-openssl-'));
  try {
    const spki = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), Buffer.from(publicKey, 'hex')]);
    writeFileSync(join(dir, 'pub.pem'), `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END PUBLIC KEY-----\n`);
    writeFileSync(join(dir, 'sig.der'), hexToBytes(signatureHex));
    writeFileSync(join(dir, 'msg'), message);
    const run = spawnSync('openssl', ['dgst', '-sm3', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), '-sigopt', 'distid:1234567812345678', join(dir, 'msg')], { encoding: 'utf8' });
    return run.status === 0 && /Verified OK/.test(run.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
