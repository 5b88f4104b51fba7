/**
 * The media type of a file from its first bytes ("magic numbers"), never from its name or
 * the type the client declared: a renamed executable stays an executable.
 */
export type DetectedMediaType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: Array<{ type: DetectedMediaType; bytes: number[] }> = [
  // ISO 32000: a PDF starts with "%PDF-".
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  // PNG (ISO/IEC 15948) signature.
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // JPEG (ISO/IEC 10918): SOI marker followed by another marker.
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export const ACCEPTED_MEDIA_TYPES: readonly DetectedMediaType[] = SIGNATURES.map((s) => s.type);

export function detectMediaType(head: Uint8Array): DetectedMediaType | undefined {
  return SIGNATURES.find((s) => s.bytes.length <= head.length && s.bytes.every((b, i) => head[i] === b))?.type;
}
