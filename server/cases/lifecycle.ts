import type { ApplicationStatus, CorrectionItem, DecisionAction, DecisionInput } from '../../src/core/case-types';
import { DECISION_ACTIONS, FINAL_STATUSES } from '../../src/core/case-types';
import type { ServiceDefinition } from '../../src/core/service-definition';
import { ApiProblem, type FieldProblem } from '../errors';

/**
 * The rules of a case (SPEC §6, Art. 30): which status each decision leaves from and leads
 * to, and what each decision must state. Pure: no HTTP, no SQL.
 */
export const DECISIONS: Record<DecisionAction, { from: ApplicationStatus[]; to: ApplicationStatus; needs: Array<'reason' | 'legalBasis' | 'items'> }> = {
  accept: { from: ['submitted'], to: 'accepted', needs: [] },
  request_correction: { from: ['submitted'], to: 'correction_requested', needs: ['items'] },
  // Refusing to accept or to grant must say why and under which provision.
  not_accept: { from: ['submitted'], to: 'not_accepted', needs: ['reason', 'legalBasis'] },
  approve: { from: ['accepted'], to: 'approved', needs: [] },
  refuse: { from: ['accepted'], to: 'refused', needs: ['reason', 'legalBasis'] },
};

/** The applicant's own moves. */
export const RESUBMIT_FROM: ApplicationStatus[] = ['correction_requested'];
export const WITHDRAW_FROM: ApplicationStatus[] = ['submitted', 'correction_requested'];

export function isFinal(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

export function invalidTransition(status: string, what: string): ApiProblem {
  return new ApiProblem(409, 'INVALID_TRANSITION', `The application is ${status}: it cannot be ${what} now`);
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
  const rule = DECISIONS[action as DecisionAction];
  for (const [name, value] of [['reason', reason], ['legalBasis', legalBasis]] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > MAX_TEXT)) problems.push({ path: name, message: `${name} must be text of at most ${MAX_TEXT} characters` });
    else if (rule.needs.includes(name) && !text(value)) problems.push({ path: name, message: name === 'reason' ? 'Give the reason for this decision' : 'Give the legal basis (the provision) for this decision' });
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
    const { path, material, reason, ...rest } = item as Record<string, unknown>;
    if (Object.keys(rest).length) problems.push({ path: at, message: `Unknown properties: ${Object.keys(rest).join(', ')}` });
    if ((path === undefined) === (material === undefined)) problems.push({ path: at, message: 'Give either path (an answer) or material (a material code)' });
    if (path !== undefined && (typeof path !== 'string' || !/^\/[^/]+(\/[^/]*)*$/.test(path) || path.length > 200)) problems.push({ path: `${at}.path`, message: 'path must be a JSON pointer into the answers, e.g. /childName' });
    if (material !== undefined && (typeof material !== 'string' || !material || material.length > 100)) problems.push({ path: `${at}.material`, message: 'material must be a material code' });
    if (!text(reason) || (reason as string).length > MAX_TEXT) problems.push({ path: `${at}.reason`, message: 'Say what must be corrected and why' });
    out.push({ ...(typeof path === 'string' ? { path } : {}), ...(typeof material === 'string' ? { material } : {}), reason: text(reason) ?? '' });
    return undefined;
  });
  return out;
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
    if (item.material !== undefined && !materials.has(item.material)) problems.push({ path: `items[${index}].material`, message: `The service asks for no material "${item.material}"` });
  });
  return problems;
}
