import type { Kysely } from 'kysely';
import type { MaterialRequirement, ServiceDefinition } from '../../src/core/service-definition';
import type { FieldProblem } from '../domain/errors';
import type { Schema } from '../store/schema';
import { holderCertificate } from '../store/lookups';
import { ownedUpload } from './upload-store';

/** One entry of an application's `materials` (SPEC §4). */
export interface MaterialRef {
  code: string;
  certificateId?: string;
  uploadId?: string;
}

/** The shape of `materials`: its problems (the request is malformed), or the typed list. */
export function readMaterials(value: unknown): { problems: FieldProblem[]; materials: MaterialRef[] } {
  const problems: FieldProblem[] = [];
  if (!Array.isArray(value)) return { problems: [{ path: 'materials', message: 'materials must be an array' }], materials: [] };
  if (value.length > 50) return { problems: [{ path: 'materials', message: 'Too many materials' }], materials: [] };
  value.forEach((entry, index) => {
    const path = `materials[${index}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return problems.push({ path, message: 'Each material must be an object' });
    const { code, certificateId, uploadId, ...rest } = entry as Record<string, unknown>;
    if (typeof code !== 'string' || !code || code.length > 100) problems.push({ path: `${path}.code`, message: 'code must be a material code' });
    for (const [name, ref] of [['certificateId', certificateId], ['uploadId', uploadId]] as const) {
      if (ref !== undefined && (typeof ref !== 'string' || !ref || ref.length > 100)) problems.push({ path: `${path}.${name}`, message: `${name} must be a non-empty string` });
    }
    if ((certificateId === undefined) === (uploadId === undefined)) problems.push({ path, message: 'Give either certificateId or uploadId' });
    if (Object.keys(rest).length) problems.push({ path, message: `Unknown properties: ${Object.keys(rest).join(', ')}` });
    return undefined;
  });
  return { problems, materials: problems.length ? [] : (value as MaterialRef[]) };
}

/** The uploads a list of materials names. */
export function uploadIdsOf(materials: MaterialRef[]): string[] {
  return [...new Set(materials.flatMap((m) => (m.uploadId ? [m.uploadId] : [])))];
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A certificate is usable while it is valid and not past its validUntil (a date is valid through that day). */
function stillValid(validUntil: string, now: Date): boolean {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return validUntil >= today(now);
  const until = Date.parse(validUntil);
  return Number.isFinite(until) && until > now.getTime();
}

/**
 * Each material checked against the service and the applicant (Art. 32): every required
 * one present; a certificate reference a valid certificate of the applicant of the
 * required type; an upload the applicant's own, of an accepted type and size. Whether a
 * certificate or upload exists but belongs to someone else is never told apart from
 * "not found".
 */
export async function checkMaterials(db: Kysely<Schema>, service: ServiceDefinition, applicantId: string, materials: MaterialRef[], now = new Date()): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const byCode = new Map<string, MaterialRequirement>(service.materials.map((m) => [m.code, m]));
  const seen = new Set<string>();
  for (const [index, material] of materials.entries()) {
    const problem = await checkOne(db, byCode.get(material.code), material, index, seen, applicantId, now);
    if (problem) problems.push(problem);
  }
  for (const requirement of service.materials) {
    if (requirement.required && !seen.has(requirement.code)) problems.push({ path: `materials.${requirement.code}`, message: `"${requirement.nameEn ?? requirement.code}" (${requirement.name}) is required` });
  }
  return problems;
}

async function checkOne(db: Kysely<Schema>, requirement: MaterialRequirement | undefined, material: MaterialRef, index: number, seen: Set<string>, applicantId: string, now: Date): Promise<FieldProblem | undefined> {
  if (!requirement) return { path: `materials[${index}].code`, message: `This service asks for no material "${material.code}"` };
  // Problems are keyed by material code, as a form shows them next to that material.
  const path = `materials.${material.code}`;
  if (seen.has(material.code)) return { path, message: `"${requirement.nameEn ?? requirement.code}" is given twice` };
  seen.add(material.code);
  if (material.certificateId !== undefined) {
    if (!requirement.certificateType) return { path, message: `"${requirement.nameEn ?? requirement.code}" must be uploaded` };
    const certificate = await holderCertificate(db, applicantId, material.certificateId);
    if (!certificate) return { path, message: 'No such certificate among your certificates' };
    if (certificate.typeCode !== requirement.certificateType) return { path, message: `The certificate is not a ${requirement.certificateType} certificate` };
    if (certificate.status !== 'valid') return { path, message: `The certificate is ${certificate.status}` };
    if (!stillValid(certificate.validUntil, now)) return { path, message: 'The certificate has expired' };
    return undefined;
  }
  const upload = await ownedUpload(db, applicantId, material.uploadId!);
  if (!upload) return { path, message: 'No such upload among your uploads' };
  if (requirement.accept?.length && !requirement.accept.includes(upload.mediaType)) return { path, message: `The file must be one of ${requirement.accept.join(', ')}` };
  if (requirement.maxBytes && upload.size > requirement.maxBytes) return { path, message: `The file is larger than ${requirement.maxBytes} bytes` };
  return undefined;
}
