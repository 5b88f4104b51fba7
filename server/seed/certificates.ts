import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema';
import { maskIdNumber } from '../../src/core/validation/cn-formats';
import { generateSm2KeyPair } from '../../src/core/crypto/sm';
import { issuerKeyFile } from '../signatures/secrets';
import { resolvePrivateKey, type KeyVault } from '../signatures/vault';
import { sealCertificate, type SealedContent } from '../../src/core/crypto/seal';
import { AGENCIES } from './data/agencies';
import { SUBJECTS } from './data/subjects';
import { CERTIFICATE_SEEDS, CERTIFICATE_TYPE_NAMES, ISSUER_KEY_SEEDS } from './data/certificates';
import { insertCertificate, insertIssuerKey, issuerKeys } from './store';
import { keptVerificationCode } from '../certificates/verification-code';

/**
 * Creates an SM2 key per issuing key seed, unless there is one, and answers them all. With a
 * keys directory (SPEC §5) the private key is written there (0600) and the database keeps
 * only its `file:` reference; without one (a demo on PostgreSQL) it stays in the database.
 */
export async function seedIssuerKeys(trx: Kysely<Schema>, vault?: KeyVault): Promise<Map<string, { keyId: string; privateKey: string; publicKey: string }>> {
  const keys = new Map<string, { keyId: string; privateKey: string; publicKey: string }>();
  const existing = await issuerKeys(trx);
  for (const seed of ISSUER_KEY_SEEDS) {
    const known = existing.get(seed.keyId);
    if (known) {
      keys.set(seed.keyId, { keyId: seed.keyId, publicKey: known.publicKey, privateKey: resolvePrivateKey(known.privateKey) });
      continue;
    }
    const pair = generateSm2KeyPair();
    await insertIssuerKey(trx, {
      key_id: seed.keyId, agency_code: seed.agencyCode, algorithm: 'SM2-SM3', public_key: pair.publicKey,
      private_key: vault ? vault.store(issuerKeyFile(seed.keyId), pair.privateKey) : pair.privateKey,
      valid_from: seed.validFrom, valid_to: seed.validTo, published: seed.published ? 1 : 0,
    });
    keys.set(seed.keyId, { keyId: seed.keyId, ...pair });
  }
  return keys;
}

/** The issuers' keys (seedIssuerKeys) and the seeded certificates sealed with them (SPEC §4–5). */
export async function seedCertificates(trx: Kysely<Schema>, vault?: KeyVault): Promise<void> {
  const keys = await seedIssuerKeys(trx, vault);
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
    await insertCertificate(trx, {
      id: seed.id, number: seed.number, type_code: seed.typeCode, type_name: type.name, holder_subject_id: holder.id,
      holder_name: content.holder.name, holder_id_number_masked: content.holder.idNumberMasked, issuer_code: issuer.code,
      issuer_name: issuer.name, issued_at: seed.issuedAt, valid_until: seed.validUntil, status: seed.revoked ? 'revoked' : 'valid',
      data: JSON.stringify(seed.data), seal_key_id: seal.keyId, seal_algorithm: seal.algorithm, seal_signature: seal.signature,
      ...(await keptVerificationCode(trx, seed.verificationCode, vault)),
    });
  }
}
