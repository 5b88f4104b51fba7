import { entryRuleProblems, resourceCodeProblem } from '../../core/catalogue-entry-rules';
import { FIELD_NAME_PATTERN, type CatalogueEntryInput, type CatalogueField } from '../../core/catalog-types';

export { duplicateNames, needsReason, personalFields } from '../../core/catalogue-entry-rules';

/**
 * The rules of SPEC §8 (src/core/catalogue-entry-rules.ts, the same the server enforces),
 * checked in the browser before anything is sent and put in the editor's words, so the
 * steward reads the reason beside the control concerned. The server stays the judge: its 422
 * `fields` name the same paths and are shown at the same controls.
 */

export interface RuleProblem {
  /** Where, as the API says it: an attribute (`legalBasis`) or a field's property (`fields[2].name`). */
  path: string;
  /** Message key of src/i18n/catalog-editor.ts. */
  key: string;
  params?: Record<string, string | number>;
}

/** Field names are identifiers: they become CSV headers and `filter.<field>` parameters. */
export const FIELD_NAME = FIELD_NAME_PATTERN;

/**
 * A draft may be incomplete but must keep the rules (a name, Art. 22, personal fields marked
 * so, no personal data in open data, unique identifier names); submission also needs a
 * summary, a domain and a field; a resource code chosen for a new entry is the steward's
 * agency's. `separator` joins the names of personal fields.
 */
export function checkEntry(input: CatalogueEntryInput, separator = ', ', options: { submission?: boolean; resourceCode?: { code: string; agencyCode: string } } = {}): RuleProblem[] {
  const chosen = options.resourceCode?.code ? resourceCodeProblem(options.resourceCode.code, options.resourceCode.agencyCode) : undefined;
  return [...(chosen ? [chosen] : []), ...entryRuleProblems(input, options)].map((p): RuleProblem => {
    const key = `editor.rule.${p.key}`;
    if (!('params' in p)) return { path: p.path, key };
    if (p.key === 'personalNotOpen') return { path: p.path, key, params: { fields: p.params.fields.join(separator) } };
    return { path: p.path, key, params: { ...p.params } };
  });
}

/**
 * The control path of an API path (`fields[2].name` → `fields/2/name`, `checks.legality` →
 * `checks/legality`): the editor finds the control of a problem by it.
 */
export function controlPath(path: string): string {
  return path.split(/[.[\]]+/).filter(Boolean).join('/');
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
