import { FIELD_NAME_PATTERN, type CatalogueEntryInput, type CatalogueField } from '../../core/catalog-types';

/**
 * The rules of SPEC §8 the server enforces, checked in the browser before anything is sent,
 * so the steward reads the reason beside the control concerned. The server stays the judge:
 * its 422 `fields` are shown at the same controls.
 */

export interface RuleProblem {
  /** Where: an attribute (`legalBasis`) or a field's cell (`fields/2/name`). */
  path: string;
  /** Message key of src/i18n/catalog-editor.ts. */
  key: string;
  params?: Record<string, string | number>;
}

/** Field names are identifiers: they become CSV headers and `filter.<field>` parameters. */
export const FIELD_NAME = FIELD_NAME_PATTERN;

/** Art. 22: restricted and non-shared entries state why (the condition) and on what legal basis. */
export function needsReason(sharing: CatalogueEntryInput['sharing']): boolean {
  return sharing === 'restricted' || sharing === 'none';
}

/** Open data holds no personal data: the fields that stop an entry from being opened. */
export function personalFields(fields: readonly CatalogueField[]): CatalogueField[] {
  return fields.filter((f) => (f.sensitivity ?? 'none') !== 'none');
}

/** Names used by more than one row, compared as the server compares them (case-insensitive). */
export function duplicateNames(fields: readonly CatalogueField[]): Set<string> {
  const seen = new Map<string, number>();
  for (const f of fields) {
    const key = f.name.trim().toLowerCase();
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

/**
 * A draft may be incomplete but must keep the rules (a name, Art. 22, no personal data in
 * open data, unique identifier names); submission also needs a summary, a domain and a field.
 */
export function checkEntry(input: CatalogueEntryInput, separator = ', ', options: { submission?: boolean } = {}): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!input.name.trim()) out.push({ path: 'name', key: 'editor.rule.nameRequired' });
  if (options.submission && !input.summary.trim()) out.push({ path: 'summary', key: 'editor.rule.summaryRequired' });
  if (options.submission && !input.domain.trim()) out.push({ path: 'domain', key: 'editor.rule.domainRequired' });
  if (needsReason(input.sharing)) {
    if (!input.sharingCondition?.trim()) out.push({ path: 'sharingCondition', key: 'editor.rule.conditionRequired' });
    if (!input.legalBasis?.trim()) out.push({ path: 'legalBasis', key: 'editor.rule.legalBasisRequired' });
  }
  const personal = personalFields(input.fields);
  if (input.open !== 'closed' && personal.length) {
    out.push({ path: 'open', key: 'editor.rule.personalNotOpen', params: { fields: personal.map((f) => f.label || f.name).join(separator) } });
    input.fields.forEach((f, i) => {
      if ((f.sensitivity ?? 'none') !== 'none') out.push({ path: `fields/${i}/sensitivity`, key: 'editor.rule.personalField', params: { row: i + 1, name: f.label || f.name } });
    });
  }
  if (options.submission && !input.fields.length) out.push({ path: 'fields', key: 'editor.rule.fieldsRequired' });
  // As the server: a name used again is flagged where it is used again, naming the first row.
  const first = new Map<string, number>();
  input.fields.forEach((f, i) => {
    const name = f.name.trim();
    const earlier = first.get(name.toLowerCase());
    if (name && earlier === undefined) first.set(name.toLowerCase(), i);
    if (!name) out.push({ path: `fields/${i}/name`, key: 'editor.rule.fieldNameRequired', params: { row: i + 1 } });
    else if (!FIELD_NAME.test(name)) out.push({ path: `fields/${i}/name`, key: 'editor.rule.fieldNamePattern', params: { row: i + 1 } });
    else if (earlier !== undefined) out.push({ path: `fields/${i}/name`, key: 'editor.rule.fieldNameDuplicate', params: { row: i + 1, name, first: earlier + 1 } });
    if (!f.label.trim()) out.push({ path: `fields/${i}/label`, key: 'editor.rule.fieldLabelRequired', params: { row: i + 1 } });
  });
  return out;
}

/**
 * A server path (`/fields/2/name`, `fields[2].name`, `legalBasis`) in the form the checks
 * above use, so the server's answer lands at the same control.
 */
export function normalisePath(path: string): string {
  return path.replace(/^[/$.]+/, '').split(/[/.[\]]+/).filter(Boolean).join('/');
}

// ---- the difference between the published version and the new one ----

export type AttributeKey = 'name' | 'summary' | 'sharing' | 'sharingCondition' | 'legalBasis' | 'open' | 'updateFrequency' | 'formats' | 'domain' | 'tags';
export const ATTRIBUTES: readonly AttributeKey[] = ['name', 'summary', 'sharing', 'sharingCondition', 'legalBasis', 'open', 'updateFrequency', 'formats', 'domain', 'tags'];

export interface EntryDiff {
  attributes: Array<{ key: AttributeKey; before: string; after: string }>;
  added: CatalogueField[];
  removed: CatalogueField[];
  changed: Array<{ name: string; changes: Array<{ key: 'label' | 'type' | 'sensitivity' | 'description'; before: string; after: string }> }>;
}

type Comparable = Partial<CatalogueEntryInput>;

const text = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : value === undefined || value === null ? '' : String(value));

/** What changed from `before` (the published version) to `after` (the new one); fields matched by name. */
export function diffEntries(before: Comparable, after: Comparable): EntryDiff {
  const attributes = ATTRIBUTES.filter((key) => text(before[key]) !== text(after[key])).map((key) => ({ key, before: text(before[key]), after: text(after[key]) }));
  const old = new Map((before.fields ?? []).map((f) => [f.name, f]));
  const now = new Map((after.fields ?? []).map((f) => [f.name, f]));
  const added = [...now.values()].filter((f) => !old.has(f.name));
  const removed = [...old.values()].filter((f) => !now.has(f.name));
  const changed: EntryDiff['changed'] = [];
  for (const [name, f] of now) {
    const o = old.get(name);
    if (!o) continue;
    const changes = (['label', 'type', 'sensitivity', 'description'] as const)
      .filter((k) => text(o[k] ?? (k === 'sensitivity' ? 'none' : '')) !== text(f[k] ?? (k === 'sensitivity' ? 'none' : '')))
      .map((k) => ({ key: k, before: text(o[k] ?? (k === 'sensitivity' ? 'none' : '')), after: text(f[k] ?? (k === 'sensitivity' ? 'none' : '')) }));
    if (changes.length) changed.push({ name, changes });
  }
  return { attributes, added, removed, changed };
}

export function isEmptyDiff(diff: EntryDiff): boolean {
  return !diff.attributes.length && !diff.added.length && !diff.removed.length && !diff.changed.length;
}
