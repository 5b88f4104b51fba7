/**
 * A readable account of the payload for the person signing: a top-level object becomes a
 * list of name/value rows; nested values become indented text lines, so nothing signed is
 * hidden behind a control. Pure: the element supplies the words for yes, no and empty.
 */
export interface SummaryWords {
  yes: string;
  no: string;
  empty: string;
}

export type PayloadSummary =
  | { kind: 'rows'; rows: Array<{ label: string; text: string }> }
  | { kind: 'scalar'; text: string };

/** Limits against a pathological payload: the summary stays readable and cheap to render. */
const MAX_ROWS = 500;
const MAX_DEPTH = 12;

export function summarisePayload(payload: unknown, words: SummaryWords): PayloadSummary {
  if (payload && typeof payload === 'object' && !Array.isArray(payload)) {
    const rows = Object.entries(payload as Record<string, unknown>)
      .filter(([, value]) => value !== undefined)
      .slice(0, MAX_ROWS)
      .map(([label, value]) => ({ label, text: textOf(value, words, 0) }));
    return { kind: 'rows', rows };
  }
  return { kind: 'scalar', text: textOf(payload, words, 0) };
}

function textOf(value: unknown, words: SummaryWords, depth: number): string {
  if (value === null || value === undefined || value === '') return words.empty;
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (depth >= MAX_DEPTH) return JSON.stringify(value) ?? '';
  const pad = '  ';
  if (Array.isArray(value)) {
    if (!value.length) return words.empty;
    return value.map((item, i) => `${i + 1}. ` + indentTail(textOf(item, words, depth + 1), pad)).join('\n');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!entries.length) return words.empty;
    return entries
      .map(([key, item]) => {
        const text = textOf(item, words, depth + 1);
        return text.includes('\n') ? `${key}:\n${pad}${indentTail(text, pad)}` : `${key}: ${text}`;
      })
      .join('\n');
  }
  return String(value);
}

function indentTail(text: string, pad: string): string {
  return text.replace(/\n/g, '\n' + pad);
}

/** `a1b2c3…` → `A1B2 C3D4 E5F6 0718`: the first 16 hex digits in groups of four. */
export function shortFingerprint(hex: string, digits = 16): string {
  return (hex.slice(0, digits).toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
