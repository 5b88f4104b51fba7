/**
 * What a file is, from its first bytes rather than its name or the type the browser guessed
 * (a renamed program stays a program). Shared by the file field and the upload route.
 */

/** The media type the leading bytes show, or undefined when they match none we know. */
export function sniffMediaType(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'application/zip';
  if (starts(0x4d, 0x5a)) return 'application/x-msdownload';
  if (starts(0x7f, 0x45, 0x4c, 0x46)) return 'application/x-elf';
  if (starts(0x23, 0x21)) return 'text/x-script';
  return undefined;
}

/** Executables and scripts: never accepted, whatever their name says. */
export function isExecutableType(mediaType: string | undefined): boolean {
  return mediaType === 'application/x-msdownload' || mediaType === 'application/x-elf' || mediaType === 'text/x-script';
}

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'image/tiff': ['.tif', '.tiff'],
  'application/zip': ['.zip', '.docx', '.xlsx', '.pptx', '.ofd'],
};

/**
 * Whether a file fits an `accept` list (`application/pdf`, `image/*`, `.pdf`, as in HTML).
 * The sniffed type, when known, decides; the name's extension only when nothing is known.
 */
export function acceptsFile(accept: readonly string[], file: { name: string; type?: string }, sniffed?: string): boolean {
  if (!accept.length) return true;
  const name = file.name.toLowerCase();
  const type = sniffed ?? file.type ?? '';
  return accept.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (!entry) return false;
    if (entry.startsWith('.')) return sniffed ? (EXTENSIONS[sniffed] ?? []).includes(entry) && name.endsWith(entry) : name.endsWith(entry);
    if (entry.endsWith('/*')) return type.startsWith(entry.slice(0, -1));
    return type === entry;
  });
}

/** Short names of an accept list for messages: `PDF, JPG, PNG`. */
export function acceptLabel(accept: readonly string[]): string {
  const names = accept.map((entry) => {
    const e = entry.trim().toLowerCase();
    if (e.startsWith('.')) return e.slice(1).toUpperCase();
    if (e === 'image/jpeg') return 'JPG';
    if (e.endsWith('/*')) return e.slice(0, -2);
    return (e.split('/')[1] ?? e).toUpperCase();
  });
  return [...new Set(names)].join(', ');
}
