/** Settings, agencies, the parties who sign in, seed bookkeeping. */
export interface CoreTables {
  schema_migrations: { version: string; applied_at: string };
  settings: { key: string; value: string };
  agencies: { code: string; name: string; name_en: string };
  subjects: { id: string; name: string; kind: string; agency_code: string | null; id_number: string | null; mobile: string | null };
  seed_runs: { name: string; seeded_at: string };
  /** Fixed-window rate-limit counters, shared by every instance (0009-rate-limits). */
  rate_limits: { key: string; reset_at: number; count: number };
}
