import type { Kysely } from 'kysely';
import { ENVELOPE_PROPERTIES, isEnvelopeShape, isUtcTimestamp, verifyEnvelope, type SignatureEnvelope } from '../../src/core/crypto/envelope';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { Invalid } from '../domain/errors';
import type { Schema } from '../store/schema';
import { findRegisteredKey } from '../store/lookups';

/** How far a signing time may lie ahead of the server clock (clock skew of the signer). */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** How long before submission a signature may have been made, where the service says nothing. */
export const DEFAULT_SIGNATURE_MAX_AGE_HOURS = 24;

export function signatureInvalid(message: string): Invalid {
  return new Invalid([{ path: 'signature', message }], message, 'SIGNATURE_INVALID');
}

/**
 * The electronic signature of an application (Art. 31): it must verify over exactly the
 * submitted `{ serviceCode, data, materials }`, be made by the applicant, with a key
 * registered to the applicant, with an algorithm the service accepts. A resubmission's
 * payload also carries the application id and its new version (SPEC §6). Throws Invalid
 * (SIGNATURE_INVALID); returns the envelope (or null where the service needs none).
 */
export async function checkSignature(
  db: Kysely<Schema>,
  service: ServiceDefinition,
  applicantId: string,
  payload: { serviceCode: string; data: unknown; materials: unknown; applicationId?: string; version?: number },
  envelope: unknown,
  now = Date.now(),
): Promise<SignatureEnvelope | null> {
  if (envelope === undefined || envelope === null) {
    if (service.signature.required) throw signatureInvalid('This service needs the applicant’s electronic signature');
    return null;
  }
  if (envelope && typeof envelope === 'object' && !Array.isArray(envelope)) {
    const extra = Object.keys(envelope).filter((key) => !ENVELOPE_PROPERTIES.includes(key));
    if (extra.length) throw signatureInvalid(`The signature envelope has properties SPEC §4 does not define: ${extra.slice(0, 5).join(', ')}`);
    const signedAt = (envelope as Record<string, unknown>).signedAt;
    if (!isUtcTimestamp(signedAt)) throw signatureInvalid('signedAt must be an ISO 8601 time in UTC, e.g. 2026-05-01T08:30:00.000Z');
  }
  if (!isEnvelopeShape(envelope)) throw signatureInvalid('The signature envelope is malformed');
  if (!service.signature.algorithms.includes(envelope.algorithm)) throw signatureInvalid(`This service accepts ${service.signature.algorithms.join(', ')} signatures`);
  if (envelope.signerId !== applicantId) throw signatureInvalid('The signature is not the applicant’s');
  if (Date.parse(envelope.signedAt) > now + MAX_CLOCK_SKEW_MS) throw signatureInvalid('The signing time lies in the future');
  const maxAgeHours = service.signature.maxAgeHours ?? DEFAULT_SIGNATURE_MAX_AGE_HOURS;
  if (Date.parse(envelope.signedAt) < now - maxAgeHours * 3_600_000) throw signatureInvalid(`The signature was made more than ${maxAgeHours} hours ago; sign again`);
  const key = await findRegisteredKey(db, applicantId, envelope.keyId);
  if (!key || key.publicKey.toLowerCase() !== envelope.publicKey.toLowerCase() || key.algorithm !== envelope.algorithm) {
    throw signatureInvalid('The signing key is not registered to the applicant');
  }
  const result = await verifyEnvelope(payload, envelope);
  if (!result.valid) {
    throw signatureInvalid(result.problem === 'digest' || result.problem === 'signature'
      ? 'The signature does not match the submitted application'
      : 'The signature envelope is malformed');
  }
  return envelope;
}
