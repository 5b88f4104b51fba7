import {
  CATALOGUE_LIMITS as LIMITS,
  FIELD_SENSITIVITIES,
  FIELD_TYPES,
  OPEN_CLASSES,
  SHARING_CLASSES,
  UPDATE_FREQUENCIES,
  type CatalogueEntryInput,
  type CatalogueEntryStatus,
  type CatalogueField,
  type CatalogueReviewInput,
  type FieldSensitivity,
  type FieldType,
  type OpenClass,
  type ReviewChecks,
  type SharingClass,
  type UpdateFrequency,
} from '../../src/core/catalog-types';
import { entryRuleProblems, resourceCodeProblem, type EntryRuleProblem } from '../../src/core/catalogue-entry-rules';
import { fieldKind } from '../../src/core/personal-data';

/**
 * The rules of cataloguing (SPEC §8): what an entry must say (Art. 16, 22), that open data
 * holds no personal data (Art. 25), who may act on an entry and which transitions are
 * allowed (Art. 24–26). Pure: no HTTP, no SQL; problems name the field they are about.
 */

export interface Problem {
  path: string;
  message: string;
}

/** Who is acting: the parts of a signed-in subject the rules look at. */
export interface Actor {
  id: string;
  name: string;
  kind: string;
  agencyCode: string | null;
}

// Who may act on an entry is decided once, in server/access.ts.
export { DATA_OFFICE_AGENCY, isDataOffice, isSteward, isStewardOf } from '../access';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
const chars = (value: string) => Array.from(value).length;

function enumValue<T extends string>(raw: unknown, allowed: readonly T[], fallback: T, path: string, found: Problem[]): T {
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
  found.push({ path, message: `One of ${allowed.join(', ')}` });
  return fallback;
}

function textValue(raw: unknown, max: number, path: string, found: Problem[], required = false): string {
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    found.push({ path, message: 'Must be text' });
    return '';
  }
  const value = text(raw) ?? '';
  if (required && !value) found.push({ path, message: 'Required' });
  else if (chars(value) > max) found.push({ path, message: `At most ${max} characters` });
  return value;
}

function wordList(raw: unknown, maxItems: number, path: string, found: Problem[]): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    found.push({ path, message: 'Must be a list of texts' });
    return [];
  }
  if (raw.length > maxItems) found.push({ path, message: `At most ${maxItems}` });
  const out: string[] = [];
  raw.slice(0, maxItems).forEach((value, i) => {
    const word = text(value);
    if (word === undefined || !word) found.push({ path: `${path}[${i}]`, message: 'Must be a non-empty text' });
    else if (chars(word) > LIMITS.word) found.push({ path: `${path}[${i}]`, message: `At most ${LIMITS.word} characters` });
    else if (!out.includes(word)) out.push(word);
  });
  return out;
}

function readField(raw: unknown, i: number, found: Problem[]): CatalogueField {
  const path = `fields[${i}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    found.push({ path, message: 'Must be an object { name, label, type, sensitivity, description }' });
    return { name: '', label: '', type: 'string', description: '', sensitivity: 'none' };
  }
  const f = raw as Record<string, unknown>;
  // Required names and labels, identifier names: the entry rules (src/core/catalogue-entry-rules.ts).
  const name = textValue(f.name, LIMITS.fieldName, `${path}.name`, found);
  return {
    name,
    label: textValue(f.label, LIMITS.fieldLabel, `${path}.label`, found),
    type: enumValue<FieldType>(f.type, FIELD_TYPES, 'string', `${path}.type`, found),
    description: textValue(f.description, LIMITS.fieldDescription, `${path}.description`, found),
    // Not said: what the label says (身份证号 → id-number), as for the seeded entries (SPEC §7).
    sensitivity: enumValue<FieldSensitivity>(f.sensitivity, FIELD_SENSITIVITIES, fieldKind({ name, label: text(f.label) ?? '' }), `${path}.sensitivity`, found),
  };
}

/**
 * Reads what a steward sent (the body of POST / PUT) into an entry, with every problem of
 * form and every rule of SPEC §8 that holds for a draft: Art. 22's reason and legal basis,
 * no personal field in open data, unique identifier field names, the §4 code lists, lengths.
 */
export function readEntryInput(body: Record<string, unknown>): { input: CatalogueEntryInput; problems: Problem[] } {
  const found: Problem[] = [];
  const input: CatalogueEntryInput = {
    name: textValue(body.name, LIMITS.name, 'name', found),
    summary: textValue(body.summary, LIMITS.summary, 'summary', found),
    sharing: enumValue<SharingClass>(body.sharing, SHARING_CLASSES, 'unconditional', 'sharing', found),
    open: enumValue<OpenClass>(body.open, OPEN_CLASSES, 'closed', 'open', found),
    updateFrequency: enumValue<UpdateFrequency>(body.updateFrequency, UPDATE_FREQUENCIES, 'irregular', 'updateFrequency', found),
    formats: wordList(body.formats, LIMITS.formats, 'formats', found),
    domain: textValue(body.domain, LIMITS.domain, 'domain', found),
    tags: wordList(body.tags, LIMITS.tags, 'tags', found),
    fields: [],
  };
  const condition = textValue(body.sharingCondition, LIMITS.sharingCondition, 'sharingCondition', found);
  if (condition) input.sharingCondition = condition;
  const legalBasis = textValue(body.legalBasis, LIMITS.legalBasis, 'legalBasis', found);
  if (legalBasis) input.legalBasis = legalBasis;
  if (body.licence !== undefined && body.licence !== null) {
    const l = body.licence as Record<string, unknown>;
    if (typeof l !== 'object' || Array.isArray(l)) found.push({ path: 'licence', message: 'Must be an object { name, url }' });
    else {
      const name = textValue(l.name, LIMITS.name, 'licence.name', found, true);
      const url = textValue(l.url, 500, 'licence.url', found, true);
      if (url && !/^https?:\/\/[^\s]+$/i.test(url)) found.push({ path: 'licence.url', message: 'An http or https address' });
      if (name && url) input.licence = { name, url };
    }
  }
  if (body.fields !== undefined && body.fields !== null && !Array.isArray(body.fields)) found.push({ path: 'fields', message: 'Must be a list of fields' });
  else if (Array.isArray(body.fields)) {
    if (body.fields.length > LIMITS.fields) found.push({ path: 'fields', message: `At most ${LIMITS.fields} fields` });
    input.fields = body.fields.slice(0, LIMITS.fields).map((raw, i) => readField(raw, i, found));
  }
  // The rules, where the form itself was right (one problem per place: "Must be text", not also "Required").
  const wrong = found.map((p) => p.path);
  const covered = (path: string) => wrong.some((w) => path === w || path.startsWith(w + '.'));
  found.push(...ruleProblems(input).filter((p) => !covered(p.path)));
  return { input, problems: found };
}

/** The server's words for a rule problem of the entry (SPEC §8). */
function ruleMessage(problem: EntryRuleProblem): string {
  switch (problem.key) {
    case 'nameRequired':
    case 'fieldNameRequired':
    case 'fieldLabelRequired':
      return 'Required';
    case 'summaryRequired':
    case 'domainRequired':
      return 'Required before submission';
    case 'fieldsRequired':
      return 'At least one field before submission';
    case 'conditionRequired':
    case 'legalBasisRequired': {
      const which = problem.params.sharing === 'restricted' ? 'A restricted entry' : 'A non-shared entry';
      return problem.key === 'conditionRequired'
        ? `${which} must state its sharing condition: the reason it is not shared freely (Art. 22)`
        : `${which} must state its legal basis (Art. 22)`;
    }
    case 'personalNotNone':
      return problem.params.kind === 'id-number'
        ? `${problem.params.name} holds citizen ID numbers: mark it id-number`
        : `${problem.params.name} holds personal data: mark it ${problem.params.kind}, not none`;
    case 'personalNotOpen':
      return 'Open data holds no personal data: keep the entry closed, or remove the personal fields';
    case 'personalField':
      return `${problem.params.name} is personal data (${problem.params.kind}): an entry with it cannot be opened`;
    case 'fieldNamePattern':
      return 'An identifier: a letter or _, then letters, digits or _ (e.g. csrq)';
    case 'fieldNameDuplicate':
      return `The name ${problem.params.name} is already used by field ${problem.params.first}: field names must be unique`;
    case 'resourceCodePattern':
      return 'A resource code of 3 to 64 letters, digits, . - _ (e.g. 330000-WJ-000201), or none to have one assigned';
    case 'resourceCodeAgency':
      return `A resource code of your agency: ${problem.params.agency}-… (e.g. ${problem.params.agency}-000201), or none to have one assigned`;
  }
}

/** The rules that tie attributes together (Art. 22, Art. 25, unique names), in the server's words. */
export function ruleProblems(input: CatalogueEntryInput, options: { submission?: boolean } = {}): Problem[] {
  return entryRuleProblems(input, options).map((p) => ({ path: p.path, message: ruleMessage(p) }));
}

/** What submission needs beyond a draft's rules: a summary, a domain and at least one field. */
export function submissionProblems(input: CatalogueEntryInput): Problem[] {
  return ruleProblems(input, { submission: true });
}

/** The body of a review: the decision, the Art. 26 checklist, and the reason of a return. */
export function readReview(body: Record<string, unknown>): { review: CatalogueReviewInput; problems: Problem[] } {
  const found: Problem[] = [];
  const decision = body.decision === 'publish' || body.decision === 'return' ? body.decision : undefined;
  if (!decision) found.push({ path: 'decision', message: 'One of publish, return' });
  const raw = body.checks && typeof body.checks === 'object' && !Array.isArray(body.checks) ? (body.checks as Record<string, unknown>) : undefined;
  if (!raw) found.push({ path: 'checks', message: 'The checklist { legality, privacy, security } (Art. 26)' });
  const checks: ReviewChecks = { legality: raw?.legality === true, privacy: raw?.privacy === true, security: raw?.security === true };
  if (raw) {
    for (const key of ['legality', 'privacy', 'security'] as const) {
      if (raw[key] !== undefined && typeof raw[key] !== 'boolean') found.push({ path: `checks.${key}`, message: 'true or false' });
    }
  }
  const reason = textValue(body.reason, LIMITS.reason, 'reason', found);
  if (decision === 'return' && !reason) found.push({ path: 'reason', message: 'Say why the entry is returned, so the steward can correct it' });
  if (decision === 'publish' && raw) {
    for (const key of ['legality', 'privacy', 'security'] as const) {
      if (!checks[key] && !found.some((p) => p.path === `checks.${key}`)) found.push({ path: `checks.${key}`, message: `Publishing needs the ${key} check done (Art. 26)` });
    }
  }
  const review: CatalogueReviewInput = { decision: decision ?? 'return', checks };
  if (reason) review.reason = reason;
  return { review, problems: found };
}

/** A resource code the steward chooses (optional: the server assigns one otherwise), of their own agency. */
export function readResourceCode(raw: unknown, agencyCode: string): { id?: string; problems: Problem[] } {
  if (raw === undefined || raw === null || raw === '') return { problems: [] };
  const problem = typeof raw === 'string' ? resourceCodeProblem(raw, agencyCode) : { path: 'id' as const, key: 'resourceCodePattern' as const };
  if (problem) return { problems: [{ path: problem.path, message: ruleMessage(problem) }] };
  return { id: raw as string, problems: [] };
}

/** The reason of a withdrawal, required. */
export function readReason(body: Record<string, unknown>): { reason: string; problems: Problem[] } {
  const found: Problem[] = [];
  const reason = textValue(body.reason, LIMITS.reason, 'reason', found, true);
  return { reason, problems: found };
}

/** Statuses in which a steward's PUT edits the working version in place. */
export const EDITABLE: readonly CatalogueEntryStatus[] = ['draft', 'returned'];
/** Statuses from which a PUT starts a new version (the published one stays visible). */
export const NEW_VERSION_FROM: readonly CatalogueEntryStatus[] = ['published', 'withdrawn'];

export type Transition = 'edit' | 'new-version' | 'submit' | 'review' | 'withdraw' | 'import';

/** Whether a transition is allowed from a status; the reason when it is not. */
export function transitionProblem(transition: Transition, status: CatalogueEntryStatus): string | undefined {
  switch (transition) {
    case 'edit':
    case 'import':
      return EDITABLE.includes(status) ? undefined : status === 'submitted' ? 'The entry is under review: it cannot change until the data office decides' : `A ${status} entry is not being edited: save it to start a new version first`;
    case 'new-version':
      return NEW_VERSION_FROM.includes(status) ? undefined : `A ${status} entry is edited in place`;
    case 'submit':
      return EDITABLE.includes(status) ? undefined : `Only a draft or returned entry can be submitted (this one is ${status})`;
    case 'review':
      return status === 'submitted' ? undefined : `Only a submitted entry can be reviewed (this one is ${status})`;
    case 'withdraw':
      return status === 'withdrawn' ? 'The entry is already withdrawn' : undefined;
  }
}

/** Whether the author chose to show their full name on a comment (`showName`, false when not given). */
export function readShowName(raw: unknown): { showName: boolean; problems: Problem[] } {
  if (raw === undefined || raw === null) return { showName: false, problems: [] };
  if (typeof raw !== 'boolean') return { showName: false, problems: [{ path: 'showName', message: 'true to show your full name with the comment, false (the default) to show your surname only' }] };
  return { showName: raw, problems: [] };
}

/** A comment's text: 1–2000 characters, kept exactly as written (shown as text, never as HTML). */
export function readCommentText(raw: unknown): { text: string; problems: Problem[] } {
  if (typeof raw !== 'string') return { text: '', problems: [{ path: 'text', message: 'Write the comment as text' }] };
  const trimmed = raw.trim();
  if (!trimmed) return { text: '', problems: [{ path: 'text', message: 'The comment is empty' }] };
  const n = chars(trimmed);
  if (n > LIMITS.comment) return { text: '', problems: [{ path: 'text', message: `A comment is at most ${LIMITS.comment} characters (this one has ${n})` }] };
  return { text: trimmed, problems: [] };
}
