/** Tables of the cataloguing area (SPEC §8, migrations 0012-cataloguing, 0014-catalogue-imports). */
export interface CataloguingTables {
  catalogue_entries: {
    id: string;
    agency_code: string;
    status: 'draft' | 'submitted' | 'published' | 'returned' | 'withdrawn';
    version: number;
    published_version: number | null;
    created_at: string;
    updated_at: string;
    published_at: string | null;
    /** JSON ReviewChecks. */
    checks: string | null;
    reason: string | null;
  };
  catalogue_versions: {
    entry_id: string;
    version: number;
    state: 'draft' | 'submitted' | 'published' | 'returned' | 'withdrawn' | 'superseded';
    /** JSON CatalogueEntryInput. */
    doc: string;
    created_at: string;
    updated_at: string;
    published_at: string | null;
    imported_rows: number | null;
  };
  /** Append-only. */
  catalogue_history: {
    entry_id: string;
    seq: number;
    at: string;
    action: string;
    actor_id: string;
    actor_name: string;
    actor_role: string;
    version: number;
    reason: string | null;
    detail: string | null;
  };
  catalogue_comments: {
    id: string;
    item_id: string;
    reply_to: string | null;
    text: string;
    author_id: string;
    author_name: string;
    agency_code: string | null;
    agency_name: string | null;
    at: string;
    /** 1: the author chose to show their full name; 0: the surname only (migration 0015). */
    show_name: number;
  };
  /** Imports in progress, one per steward (migration 0014-catalogue-imports). */
  catalogue_imports: {
    steward_id: string;
    entry_id: string;
    import_key: string;
    started_at: number;
  };
}
