import type { ReactiveElement } from 'lit';
import type { ApiClient } from '../../services/api-client';
import type { LocaleController } from '../../controllers/locale-controller';
import type { HeadingLevelController } from '../../controllers/heading-level';
import type { CatalogueEntryDetail, CatalogueEntryStatus } from '../../services/catalog-entries';

/** Statuses whose entry the steward may change (a published one: as a new version). */
export const EDITABLE: CatalogueEntryStatus[] = ['draft', 'returned', 'published'];
export const SUBMITTABLE: CatalogueEntryStatus[] = ['draft', 'returned'];

/** The action under way, if any: one at a time. */
export type Busy = '' | 'save' | 'submit' | 'withdraw' | 'import' | 'review';

/**
 * What the parts of an open entry (the form, the import, the withdrawal, the review) share
 * with the editor's body: the entry, the action under way, what the last one said, and the
 * body's messages, focus and events.
 */
export interface EditorContext {
  readonly host: ReactiveElement;
  readonly client: ApiClient;
  readonly i18n: LocaleController;
  readonly headings: HeadingLevelController;
  /** The entry open, once read. */
  readonly current: CatalogueEntryDetail | undefined;
  /** The signed-in steward's agency (a resource code they choose begins with it). */
  readonly agencyCode: string | null;
  busy: Busy;
  /** The last action's failure, shown above the entry. */
  actionError: unknown;
  /** What the last action did, shown above the entry. */
  notice: string;
  announce(message: string): void;
  /** Focus moves to the first match once it is rendered. */
  focus(selector: string): void;
  emit<K extends keyof HTMLElementEventMap>(type: K, detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never): boolean;
  /** An entry was saved: shown as the server has it; changes kept for it are gone. */
  saved(entry: CatalogueEntryDetail): void;
  /** An action was done: the entry as the server now has it, `notice` said (after `tell`), then read again. */
  acted(entry: CatalogueEntryDetail, notice: string, tell?: () => void): void;
  /** An action failed: said above the entry (or at the answers it names). */
  failed(error: unknown): void;
  /** Reads the entry again (its history and versions), keeping what is shown meanwhile. */
  refresh(id: string): Promise<void>;
}
