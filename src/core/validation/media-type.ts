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

/** PDF names that run something when the file is opened or used: scripts and launched programs. */
const PDF_ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch']);

/** Markup a browser or interpreter would run, found after an image's header (a polyglot file). */
const EMBEDDED_MARKUP = /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|script[\s>]|iframe[\s>]|svg[\s>]|object[\s>]|embed[\s>]|meta[\s>]|\?php)/i;

/** Latin-1 text of bytes: one character per byte, so offsets and byte patterns survive. */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

/** Whether PDF text names `/JavaScript`, `/JS` or `/Launch`, also spelled with `#xx` escapes (`/J#61vaScript`). */
function pdfNamesActive(text: string): boolean {
  for (const match of text.matchAll(/\/([^\s/[\]<>(){}%]{1,64})/g)) {
    const name = match[1]!.includes('#') ? match[1]!.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : match[1]!;
    if (PDF_ACTIVE_NAMES.has(name)) return true;
  }
  return false;
}

/**
 * Why an accepted file type still holds active content, or undefined: a PDF with scripts or
 * launch actions (an `/OpenAction` or any other trigger runs them; names are checked in the
 * file and, with `inflate`, inside its compressed object streams), or an image whose bytes
 * carry HTML, SVG or PHP after the header (an image/HTML polyglot). `inflate` undoes
 * FlateDecode (the server passes zlib's), answering `'too-large'` past its bound; without it
 * compressed streams are not looked into.
 */
export function activeContentProblem(bytes: Uint8Array, mediaType: string, inflate?: (data: Uint8Array) => Uint8Array | 'too-large' | undefined): 'pdf-script' | 'markup' | undefined {
  const text = latin1(bytes);
  if (mediaType === 'application/pdf') {
    if (pdfNamesActive(text)) return 'pdf-script';
    if (!inflate) return undefined;
    const streams = /stream\r?\n/g;
    let match: RegExpExecArray | null;
    let inflated = 0;
    while ((match = streams.exec(text))) {
      const start = match.index + match[0].length;
      const end = text.indexOf('endstream', start);
      if (end < 0) break;
      const out = inflate(bytes.subarray(start, end));
      streams.lastIndex = end;
      if (!out) continue;
      // A stream that inflates beyond reason is a bomb: refuse the file rather than look further.
      if (out === 'too-large') return 'pdf-script';
      inflated += out.length;
      if (pdfNamesActive(latin1(out))) return 'pdf-script';
      if (inflated > 64 * 1024 * 1024) return 'pdf-script';
    }
    return undefined;
  }
  if (mediaType.startsWith('image/') && EMBEDDED_MARKUP.test(text)) return 'markup';
  return undefined;
}
