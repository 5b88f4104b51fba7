import { saveBlob } from '../../services/save-blob';
import type { CatalogItem } from '../../core/catalog-types';

export type ExportKind = 'csv' | 'json' | 'dcat';

export interface ExportedFile {
  name: string;
  type: string;
  text: string;
}

/**
 * The file for a download: the current results as CSV or JSON, or one entry as DCAT-AP
 * JSON-LD (Art. 27) — with `apiBase` (this catalog's API) the same dataset node as the
 * server's harvestable catalogue.
 */
export async function exportFile(kind: ExportKind, items: CatalogItem[], dcat: { apiBase?: string } = {}): Promise<ExportedFile> {
  // The mappers (and the EU vocabularies) load on the first download only.
  const { toCsv, toDcat, toJson } = await import('../../services/catalog-export');
  const stamp = new Date().toISOString().slice(0, 10);
  if (kind === 'csv') return { name: `catalog-${stamp}.csv`, type: 'text/csv;charset=utf-8', text: toCsv(items) };
  if (kind === 'json') return { name: `catalog-${stamp}.json`, type: 'application/json;charset=utf-8', text: toJson(items) };
  const item = items[0]!;
  return { name: `${item.id.replace(/[^\w.-]/g, '_')}.jsonld`, type: 'application/ld+json;charset=utf-8', text: toDcat(item, dcat.apiBase ? { apiBase: dcat.apiBase } : {}) };
}

/**
 * Saves a file through a Blob and an object URL made at the moment of the click and
 * released right after, so nothing is generated for users who never download.
 */
export function downloadFile(root: ShadowRoot | DocumentFragment, file: ExportedFile): void {
  saveBlob(new Blob([file.text], { type: file.type }), file.name, root);
}
