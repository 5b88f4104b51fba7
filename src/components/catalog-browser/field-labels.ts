import type { CatalogSource } from '../../services/catalog-sources/source';

/**
 * The labels of entries' field codes (xm → 姓名), read once per entry from the catalog, for
 * views that only carry the codes (requests to review, my requests and their grants).
 */
export class FieldLabels {
  readonly #labels = new Map<string, Map<string, string>>();

  /** Reads the entries not read yet; true when something new arrived. */
  async load(source: CatalogSource, itemIds: Iterable<string>, signal?: AbortSignal): Promise<boolean> {
    const ids = [...new Set(itemIds)].filter((id) => !this.#labels.has(id));
    if (!ids.length) return false;
    const found = await Promise.all(ids.map((id) => source.get(id, signal, 'sharing').catch(() => undefined)));
    if (signal?.aborted) return false;
    for (const item of found) if (item) this.#labels.set(item.id, new Map((item.fields ?? []).map((f) => [f.name, f.label])));
    return found.some(Boolean);
  }

  /** `label (code)` as the message says, or the code alone while the label is unknown. */
  name(itemId: string, code: string, format: (label: string, code: string) => string): string {
    const label = this.#labels.get(itemId)?.get(code);
    return label ? format(label, code) : code;
  }
}
