import { isServer, type ReactiveController } from 'lit';
import { property } from 'lit/decorators.js';
import type { EgovLocale } from '../../services/config';
import type { JsonSchema } from '../../core/service-definition';
import { EgovValueControl, type EgovFormControl } from './form-control';

export interface ChoiceOption {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
}

export interface ResolvedOption extends ChoiceOption {
  /** The JSON value the option stands for (an `enum` member keeps its type). */
  json: unknown;
  /** Chosen by default (`<option selected>`). */
  selected?: boolean;
}

const keyOf = (member: unknown) => (typeof member === 'string' ? member : JSON.stringify(member));

/** The options of an `enum`, labelled from `x-egov-enum-labels` in the reader's language. */
export function optionsFromSchema(schema: JsonSchema | undefined, locale: EgovLocale): ResolvedOption[] {
  if (!Array.isArray(schema?.enum)) return [];
  const labels = schema['x-egov-enum-labels'] ?? {};
  return schema.enum.map((member) => {
    const key = keyOf(member);
    return { value: key, label: labels[key]?.[locale] ?? labels[key]?.['zh-CN'] ?? key, json: member };
  });
}

interface ChoiceHost extends EgovFormControl {
  options?: ChoiceOption[] | undefined;
}

/**
 * The list of a choice field, from (in order) its `options` property, `<option>` children in
 * the page (so plain HTML works; watched for changes), or an `enum` of the schema.
 */
export class ChoiceOptionsController implements ReactiveController {
  readonly #host: ChoiceHost;
  readonly #enumSchema: () => JsonSchema | undefined;
  readonly #locale: () => EgovLocale;
  #observer?: MutationObserver;

  constructor(host: ChoiceHost, enumSchema: () => JsonSchema | undefined, locale: () => EgovLocale) {
    this.#host = host;
    this.#enumSchema = enumSchema;
    this.#locale = locale;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.observe(this.#host, { childList: true, subtree: true, characterData: true, attributes: true });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  get choices(): ResolvedOption[] {
    const host = this.#host;
    if (host.options) return host.options.map((o) => ({ ...o, json: this.jsonOf(o.value) }));
    // A server (@lit-labs/ssr) cannot read light-DOM <option>s; the browser does on upgrade.
    const children = isServer ? [] : [...host.querySelectorAll('option')];
    if (children.length) {
      return children.map((o) => ({
        value: o.value,
        label: o.label || (o.textContent ?? '').trim(),
        disabled: o.disabled,
        selected: o.hasAttribute('selected'),
        json: this.jsonOf(o.value),
      }));
    }
    return optionsFromSchema(this.#enumSchema(), this.#locale());
  }

  /** An option's JSON value: the `enum` member it names, or its text. */
  jsonOf(value: string): unknown {
    const member = this.#enumSchema()?.enum?.find((m) => keyOf(m) === value);
    return member ?? value;
  }
}

/** A field that picks one of a list (select, radio group). */
export abstract class EgovChoiceControl extends EgovValueControl {
  /** The choices, `{ value, label, hint?, disabled? }`; otherwise `<option>` children or the schema's `enum`. */
  @property({ attribute: false }) options?: ChoiceOption[];

  protected readonly list = new ChoiceOptionsController(this, () => this.schema, () => this.i18n.locale);

  protected get choices(): ResolvedOption[] {
    return this.list.choices;
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
