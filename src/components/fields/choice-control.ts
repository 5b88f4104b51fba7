import { property } from 'lit/decorators.js';
import type { EgovLocale } from '../../services/config';
import type { JsonSchema } from '../../services/service-definition';
import { EgovValueControl } from './form-control';

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
}

interface ResolvedOption extends ChoiceOption {
  /** The JSON value the option stands for (an `enum` member keeps its type). */
  json: unknown;
}

/** The options of a schema's `enum`, labelled from `x-egov-enum-labels` in the reader's language. */
export function optionsFromSchema(schema: JsonSchema | undefined, locale: EgovLocale): ResolvedOption[] {
  if (!Array.isArray(schema?.enum)) return [];
  const labels = schema['x-egov-enum-labels'] ?? {};
  return schema.enum.map((member) => {
    const key = typeof member === 'string' ? member : JSON.stringify(member);
    return { value: key, label: labels[key]?.[locale] ?? labels[key]?.['zh-CN'] ?? key, json: member };
  });
}

/**
 * A field that picks one of a list (select, radio group). The list comes from, in order:
 * the `options` property, `<option>` children in the page (so plain HTML works), or the
 * schema's `enum`.
 */
export abstract class EgovChoiceControl extends EgovValueControl {
  /** The choices, `{ value, label, hint?, disabled? }`; otherwise `<option>` children or the schema's `enum`. */
  @property({ attribute: false }) options?: ChoiceOption[];

  #observer?: MutationObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer = new MutationObserver(() => this.requestUpdate());
    this.#observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
  }

  protected get choices(): ResolvedOption[] {
    if (this.options) return this.options.map((o) => ({ ...o, json: this.#jsonOf(o.value) }));
    const children = [...this.querySelectorAll('option')];
    if (children.length) {
      return children.map((o) => ({ value: o.value, label: o.label || (o.textContent ?? '').trim(), disabled: o.disabled, json: this.#jsonOf(o.value) }));
    }
    return optionsFromSchema(this.schema, this.i18n.locale);
  }

  #jsonOf(value: string): unknown {
    const member = this.schema?.enum?.find((m) => (typeof m === 'string' ? m : JSON.stringify(m)) === value);
    return member ?? value;
  }

  get jsonValue(): unknown {
    if (this.value === '') return undefined;
    const found = this.choices.find((o) => o.value === this.value);
    return found ? found.json : this.value;
  }

  protected override fieldSchema(): JsonSchema {
    const schema = this.schema ?? {};
    if (schema.enum) return schema;
    // A list given in the page is the list of allowed answers.
    return { ...schema, enum: this.choices.map((o) => o.json) };
  }
}
