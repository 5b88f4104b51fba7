import type Database from 'better-sqlite3';
import { maskIdNumber } from '../auth';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { sealCertificate, type SealedContent } from '../../src/core/crypto/seal';
import { AGENCIES } from './data/agencies';
import { SUBJECTS } from './data/subjects';
import { CERTIFICATE_SEEDS, CERTIFICATE_TYPE_NAMES, ISSUER_KEY_SEEDS } from './data/certificates';

/**
 * Creates an SM2 key per issuing agency (the private keys stay in this database) and seals
 * the seeded certificates with them (SPEC §4–5).
 */
export function seedCertificates(db: Database.Database): void {
  const keys = new Map<string, { keyId: string; privateKey: string; publicKey: string }>();
  const insertKey = db.prepare('INSERT INTO issuer_keys (key_id, agency_code, algorithm, public_key, private_key, valid_from, valid_to, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const seed of ISSUER_KEY_SEEDS) {
    const pair = generateSm2KeyPair();
    insertKey.run(seed.keyId, seed.agencyCode, 'SM2-SM3', pair.publicKey, pair.privateKey, seed.validFrom, seed.validTo, seed.published ? 1 : 0);
    keys.set(seed.keyId, { keyId: seed.keyId, ...pair });
  }
  const insert = db.prepare(`INSERT INTO certificates (id, number, type_code, type_name, holder_subject_id, holder_name, holder_id_number_masked,
      issuer_code, issuer_name, issued_at, valid_until, status, data, seal_key_id, seal_algorithm, seal_signature, verification_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const seed of CERTIFICATE_SEEDS) {
    const holder = SUBJECTS.find((s) => s.id === seed.holderSubjectId);
    const issuer = AGENCIES.find((a) => a.code === seed.issuerCode);
    const key = keys.get(seed.sealKeyId);
    const type = CERTIFICATE_TYPE_NAMES[seed.typeCode];
    if (!holder?.idNumber || !issuer || !key || !type) throw new Error('Certificate seed ' + seed.id + ' is inconsistent');
    const content: SealedContent = {
      number: seed.number,
      type: { code: seed.typeCode, name: type.name },
      holder: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber) },
      issuer: { code: issuer.code, name: issuer.name },
      issuedAt: seed.issuedAt,
      validUntil: seed.validUntil,
      data: seed.data,
    };
    const seal = sealCertificate(content, key);
    insert.run(seed.id, seed.number, seed.typeCode, type.name, holder.id, content.holder.name, content.holder.idNumberMasked,
      issuer.code, issuer.name, seed.issuedAt, seed.validUntil, seed.revoked ? 'revoked' : 'valid', JSON.stringify(seed.data),
      seal.keyId, seal.algorithm, seal.signature, seed.verificationCode);
  }
}
