import { FIELD_NAME_PATTERN, type CatalogueEntryInput, type CatalogueField, type FieldSensitivity } from './catalog-types';
import { personalKinds } from './personal-data';

/**
 * The rules of a catalogue entry (SPEC §8), once, for the catalogue editor in the browser and
 * the server alike: what a draft must keep (a name, Art. 22's condition and legal basis, no
 * personal field marked "not personal", no personal data in open data, identifier field names
 * used once) and what submission needs besides (a summary, a domain, a field). Each problem
 * names where it is, in the one path style of the API (`legalBasis`, `fields[2].name`), by a
 * key and its parameters; the server words them in its English messages, the editor in its
 * message catalogue. Pure: no HTTP, no storage, no messages.
 */

export type EntryRuleProblem =
  | { path: string; key: 'nameRequired' | 'summaryRequired' | 'domainRequired' | 'fieldsRequired' }
  | { path: string; key: 'conditionRequired' | 'legalBasisRequired'; params: { sharing: CatalogueEntryInput['sharing'] } }
  /** A field the classifier calls personal is marked "not personal" (Art. 22, 25). */
  | { path: string; key: 'personalNotNone'; params: { row: number; name: string; kind: FieldSensitivity } }
  /** Open data holds no personal data: on `open`, with the names of the personal fields. */
  | { path: string; key: 'personalNotOpen'; params: { fields: string[] } }
  | { path: string; key: 'personalField'; params: { row: number; name: string; kind: FieldSensitivity } }
  | { path: string; key: 'fieldNameRequired' | 'fieldNamePattern' | 'fieldLabelRequired'; params: { row: number } }
  | { path: string; key: 'fieldNameDuplicate'; params: { row: number; name: string; first: number } }
  /** A resource code the steward chose: not one (`resourceCodePattern`), or another agency's. */
  | { path: 'id'; key: 'resourceCodePattern' }
  | { path: 'id'; key: 'resourceCodeAgency'; params: { agency: string } };

export type EntryRuleKey = EntryRuleProblem['key'];

/** Where a field's property is: `fields[2].name`. */
export const fieldPath = (index: number, property: keyof CatalogueField) => `fields[${index}].${property}`;

/** Art. 22: restricted and non-shared entries state why (the condition) and on what legal basis. */
export function needsReason(sharing: CatalogueEntryInput['sharing']): boolean {
  return sharing === 'restricted' || sharing === 'none';
}

/** Open data holds no personal data: the fields that stop an entry from being opened. */
export function personalFields<F extends Pick<CatalogueField, 'sensitivity'>>(fields: readonly F[]): F[] {
  return fields.filter((f) => (f.sensitivity ?? 'none') !== 'none');
}

/** Names used by more than one field, compared case-insensitively (lower case). */
export function duplicateNames(fields: ReadonlyArray<Pick<CatalogueField, 'name'>>): Set<string> {
  const seen = new Map<string, number>();
  for (const f of fields) {
    const key = f.name.trim().toLowerCase();
    if (key) seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, n]) => n > 1).map(([k]) => k));
}

/** A resource code (SPEC §4 `id`): 3 to 64 letters, digits, . - _. */
export const RESOURCE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;

/**
 * What is wrong with a resource code a steward chooses for a new entry, if anything: a code
 * is the agency's own, `<agency code>-…` (as assigned ones are, e.g. 330000-WJ-000123), so
 * no steward takes a code another agency's numbering may need.
 */
export function resourceCodeProblem(code: string, agencyCode: string): EntryRuleProblem | undefined {
  if (!RESOURCE_CODE_PATTERN.test(code)) return { path: 'id', key: 'resourceCodePattern' };
  if (!code.startsWith(agencyCode + '-') || code.length === agencyCode.length + 1) return { path: 'id', key: 'resourceCodeAgency', params: { agency: agencyCode } };
  return undefined;
}

const blank = (value: string | undefined) => !value?.trim();
const shown = (f: Pick<CatalogueField, 'name' | 'label'>) => f.label.trim() || f.name.trim();

/** Every rule problem of an entry; with `submission`, what submitting also needs. */
export function entryRuleProblems(input: CatalogueEntryInput, options: { submission?: boolean } = {}): EntryRuleProblem[] {
  const out: EntryRuleProblem[] = [];
  const submission = !!options.submission;
  if (blank(input.name)) out.push({ path: 'name', key: 'nameRequired' });
  if (submission && blank(input.summary)) out.push({ path: 'summary', key: 'summaryRequired' });
  if (submission && blank(input.domain)) out.push({ path: 'domain', key: 'domainRequired' });
  if (needsReason(input.sharing)) {
    if (blank(input.sharingCondition)) out.push({ path: 'sharingCondition', key: 'conditionRequired', params: { sharing: input.sharing } });
    if (blank(input.legalBasis)) out.push({ path: 'legalBasis', key: 'legalBasisRequired', params: { sharing: input.sharing } });
  }
  // A field the classifier calls personal is never "not personal", whatever the form says (Art. 22, 25).
  personalKinds(input.fields).forEach((kind, i) => {
    const f = input.fields[i]!;
    if (kind !== 'none' && (f.sensitivity ?? 'none') === 'none') out.push({ path: fieldPath(i, 'sensitivity'), key: 'personalNotNone', params: { row: i + 1, name: shown(f), kind } });
  });
  if (input.open !== 'closed') {
    const personal = input.fields.map((f, i) => [f, i] as const).filter(([f]) => (f.sensitivity ?? 'none') !== 'none');
    if (personal.length) {
      out.push({ path: 'open', key: 'personalNotOpen', params: { fields: personal.map(([f]) => shown(f)) } });
      for (const [f, i] of personal) out.push({ path: fieldPath(i, 'sensitivity'), key: 'personalField', params: { row: i + 1, name: shown(f), kind: f.sensitivity } });
    }
  }
  if (submission && !input.fields.length) out.push({ path: 'fields', key: 'fieldsRequired' });
  // A name used again is flagged where it is used again, naming the first field with it.
  const first = new Map<string, number>();
  input.fields.forEach((f, i) => {
    const name = f.name.trim();
    const earlier = first.get(name.toLowerCase());
    if (name && earlier === undefined) first.set(name.toLowerCase(), i);
    if (!name) out.push({ path: fieldPath(i, 'name'), key: 'fieldNameRequired', params: { row: i + 1 } });
    else if (!FIELD_NAME_PATTERN.test(name)) out.push({ path: fieldPath(i, 'name'), key: 'fieldNamePattern', params: { row: i + 1 } });
    else if (earlier !== undefined) out.push({ path: fieldPath(i, 'name'), key: 'fieldNameDuplicate', params: { row: i + 1, name, first: earlier + 1 } });
    if (blank(f.label)) out.push({ path: fieldPath(i, 'label'), key: 'fieldLabelRequired', params: { row: i + 1 } });
  });
  return out;
}
