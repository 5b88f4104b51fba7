import type { ApplicationStatus, CaseStep, CorrectionItem, CorrectionKind, DecisionAction, DecisionInput } from '../../src/core/case-types';
import { CORRECTION_KINDS, DECISION_ACTIONS } from '../../src/core/case-types';
import { decisionNeeds, isFinal, transition, type CaseMove, type TransitionProblem } from '../../src/core/case-decisions';
import { canonicalJson } from '../../src/core/crypto/canonical-json';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { Invalid, InvalidTransition, type FieldProblem } from '../domain/errors';
import type { MaterialRef } from './materials';

/**
 * The rules of a case (SPEC §6, Art. 30) the server adds to the decision table of
 * src/core/case-decisions.ts: the shape of a decision, correction items against the service,
 * what a resubmission may change. Pure: no HTTP, no SQL.
 */

export { isFinal };

/** How the server says a move the table refuses. */
function say(problem: TransitionProblem): string {
  const { status, by, action } = problem.params;
  const what = by === 'officer' ? `given the decision "${action}"` : action === 'resubmit' ? 'resubmitted' : 'withdrawn';
  return `The application is ${status}: it cannot be ${what} now`;
}

/** Where the move leads from this status (at this step); InvalidTransition (INVALID_TRANSITION) when the table does not allow it. */
export function allowedMove(status: string, move: CaseMove): ApplicationStatus;
export function allowedMove(status: string, move: CaseMove, step: Pick<CaseStep, 'number' | 'of'>): { to: ApplicationStatus; next?: number };
export function allowedMove(status: string, move: CaseMove, step?: Pick<CaseStep, 'number' | 'of'>): ApplicationStatus | { to: ApplicationStatus; next?: number } {
  const found = transition(status as ApplicationStatus, move, step);
  if ('problem' in found) throw new InvalidTransition(say(found.problem));
  return step ? found : found.to;
}

/** The refusal of a move that lost a race: the status moved on meanwhile. */
export function movedOn(status: string, move: CaseMove): InvalidTransition {
  return new InvalidTransition(say({ key: 'case.transition.notAllowed', params: { status: status as ApplicationStatus, by: move.by, action: move.action } }));
}

const MAX_TEXT = 2000;
const MAX_ITEMS = 50;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** The body of `POST /cases/{id}/decisions`, checked for its shape: problems name each field. */
export function readDecision(body: Record<string, unknown>): { input?: DecisionInput; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const { action, reason, legalBasis, items, ...rest } = body;
  for (const name of Object.keys(rest)) problems.push({ path: name, message: 'Unknown property' });
  if (typeof action !== 'string' || !(DECISION_ACTIONS as readonly string[]).includes(action)) {
    problems.push({ path: 'action', message: `action must be one of ${DECISION_ACTIONS.join(', ')}` });
    return { problems };
  }
  const needs = decisionNeeds(action as DecisionAction);
  for (const [name, value] of [['reason', reason], ['legalBasis', legalBasis]] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > MAX_TEXT)) problems.push({ path: name, message: `${name} must be text of at most ${MAX_TEXT} characters` });
    else if (needs.includes(name) && !text(value)) problems.push({ path: name, message: name === 'reason' ? 'Give the reason for this decision' : 'Give the legal basis (the provision) for this decision' });
  }
  let correctionItems: CorrectionItem[] | undefined;
  if (action === 'request_correction') {
    if (!Array.isArray(items) || items.length === 0) problems.push({ path: 'items', message: 'Name at least one answer or material to correct, each with a reason' });
    else if (items.length > MAX_ITEMS) problems.push({ path: 'items', message: `At most ${MAX_ITEMS} items` });
    else correctionItems = readItems(items, problems);
  } else if (items !== undefined) {
    problems.push({ path: 'items', message: 'items belong to a correction request only' });
  }
  if (problems.length) return { problems };
  return {
    problems,
    input: {
      action: action as DecisionAction,
      ...(text(reason) ? { reason: text(reason) } : {}),
      ...(text(legalBasis) ? { legalBasis: text(legalBasis) } : {}),
      ...(correctionItems ? { items: correctionItems } : {}),
    },
  };
}

function readItems(items: unknown[], problems: FieldProblem[]): CorrectionItem[] {
  const out: CorrectionItem[] = [];
  items.forEach((item, index) => {
    const at = `items[${index}]`;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return problems.push({ path: at, message: 'Each item must be an object' });
    const { kind, path, material, code, reason, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length) problems.push({ path: at, message: `Unknown properties: ${Object.keys(rest).join(', ')}` });
    if (kind !== undefined && !(CORRECTION_KINDS as readonly unknown[]).includes(kind)) problems.push({ path: `${at}.kind`, message: `kind must be one of ${CORRECTION_KINDS.join(', ')}` });
    // SPEC §14: paper and presence name what the service declares by its code; answers and materials as before.
    if (kind === 'paper' || kind === 'presence') {
      if (typeof code !== 'string' || !code || code.length > 100 || path !== undefined || material !== undefined) problems.push({ path: `${at}.code`, message: 'A paper or presence item names the declared requirement by its code' });
    } else {
      const materialCode = material ?? (kind === 'material' ? code : undefined);
      if ((path === undefined) === (materialCode === undefined) || (kind === 'answer' && path === undefined) || (kind === 'material' && path !== undefined)) problems.push({ path: at, message: 'Give either path (an answer) or material (a material code)' });
      if (code !== undefined && kind !== 'material') problems.push({ path: `${at}.code`, message: 'code names a material, a paper original or a presence' });
    }
    if (path !== undefined && (typeof path !== 'string' || !/^\/[^/]+(\/[^/]*)*$/.test(path) || path.length > 200)) problems.push({ path: `${at}.path`, message: 'path must be a JSON pointer into the answers, e.g. /childName' });
    if (material !== undefined && (typeof material !== 'string' || !material || material.length > 100)) problems.push({ path: `${at}.material`, message: 'material must be a material code' });
    if (!text(reason) || (reason as string).length > MAX_TEXT) problems.push({ path: `${at}.reason`, message: 'Say what must be corrected and why' });
    out.push({
      ...(typeof kind === 'string' ? { kind: kind as CorrectionKind } : {}),
      ...(typeof path === 'string' ? { path } : {}),
      ...(typeof material === 'string' ? { material } : {}),
      ...(typeof code === 'string' ? { code } : {}),
      reason: text(reason) ?? '',
    });
    return undefined;
  });
  return out;
}

/** The material a correction item names: `material`, or `code` for `kind: material`. */
export function materialOf(item: CorrectionItem): string | undefined {
  return item.material ?? (item.kind === 'material' ? item.code : undefined);
}

/** SPEC §14 (Art. 30, 40(5)): paper and presence items, each for a requirement the service declares of that kind; else PAPER_NOT_ALLOWED. */
export function checkPaperAgainstService(items: CorrectionItem[], service: ServiceDefinition): void {
  const problems: FieldProblem[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'paper' && item.kind !== 'presence') return;
    if (!(service.paperRequired ?? []).some((p) => p.code === item.code && p.kind === item.kind)) {
      problems.push({ path: `items[${index}].code`, message: `The service declares no ${item.kind === 'paper' ? 'paper original' : 'presence'} "${item.code}" with its legal basis: it cannot be asked for` });
    }
  });
  if (problems.length) throw new Invalid(problems, 'A paper original or presence may be asked for only where the service declares it with its legal basis', 'PAPER_NOT_ALLOWED');
}

/** The answer a correction item names: the first segment of its JSON pointer. */
export function answerOf(path: string): string {
  return path.split('/')[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Correction items checked against the service: each names a question or a material it has. */
export function checkItemsAgainstService(items: CorrectionItem[], service: ServiceDefinition): FieldProblem[] {
  const properties = service.form.schema.properties ?? {};
  const materials = new Set(service.materials.map((m) => m.code));
  const problems: FieldProblem[] = [];
  items.forEach((item, index) => {
    if (item.path !== undefined && !Object.hasOwn(properties, answerOf(item.path))) problems.push({ path: `items[${index}].path`, message: `The form has no answer ${item.path}` });
    const material = materialOf(item);
    if (material !== undefined && !materials.has(material)) problems.push({ path: `items[${index}].${item.material !== undefined ? 'material' : 'code'}`, message: `The service asks for no material "${material}"` });
  });
  return problems;
}

/** Whether two JSON values are the same (as JCS sees them). */
function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}

/** Answers and materials the open correction request did not name must come back unchanged. */
export function unchangedProblems(corrections: CorrectionItem[], before: { data: Record<string, unknown>; materials: MaterialRef[] }, after: { data: Record<string, unknown>; materials: MaterialRef[] }): FieldProblem[] {
  const answers = new Set(corrections.flatMap((c) => (c.path ? [answerOf(c.path)] : [])));
  const materials = new Set(corrections.flatMap((c) => { const m = materialOf(c); return m ? [m] : []; }));
  const problems: FieldProblem[] = [];
  for (const name of new Set([...Object.keys(before.data), ...Object.keys(after.data)])) {
    if (!answers.has(name) && !same(before.data[name], after.data[name])) problems.push({ path: `/${name}`, message: 'This answer was not named in the correction request and cannot be changed' });
  }
  const byCode = (list: MaterialRef[]) => new Map(list.map((m) => [m.code, m]));
  const old = byCode(before.materials);
  const now = byCode(after.materials);
  for (const code of new Set([...old.keys(), ...now.keys()])) {
    if (!materials.has(code) && !same(old.get(code), now.get(code))) problems.push({ path: `materials.${code}`, message: 'This material was not named in the correction request and cannot be changed' });
  }
  return problems;
}
