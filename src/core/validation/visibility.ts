import type { FormUi } from '../service-definition';
import { jsonEqual } from './json-equal';

/**
 * Which answers a form shows for the given data (`ui.fields[name].visibleWhen`). A field is
 * shown while the answer it depends on is shown and has the given value; a hidden field is
 * neither required nor validated, and its answer is not kept.
 */
export function hiddenFields(ui: FormUi | undefined, data: unknown): Set<string> {
  const hidden = new Set<string>();
  const rules = ui?.fields;
  if (!rules) return hidden;
  const answers = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const state = new Map<string, boolean>();
  const visible = (name: string, trail: Set<string>): boolean => {
    const known = state.get(name);
    if (known !== undefined) return known;
    const rule = rules[name]?.visibleWhen;
    let shown = true;
    if (rule) {
      // A cycle of conditions can never be satisfied: treat its members as hidden.
      if (trail.has(name)) return false;
      trail.add(name);
      shown = visible(rule.field, trail) && jsonEqual(answers[rule.field], rule.equals);
      trail.delete(name);
    }
    state.set(name, shown);
    return shown;
  };
  for (const name of Object.keys(rules)) if (!visible(name, new Set())) hidden.add(name);
  return hidden;
}

export function isFieldVisible(ui: FormUi | undefined, name: string, data: unknown): boolean {
  return !hiddenFields(ui, data).has(name);
}

/** The data without the answers of hidden fields: what a form should submit and a server store. */
export function withoutHidden<T extends Record<string, unknown>>(ui: FormUi | undefined, data: T): Partial<T> {
  const hidden = hiddenFields(ui, data);
  if (!hidden.size) return data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!hidden.has(key)) out[key] = value;
  return out as Partial<T>;
}
