/**
 * Tables of the data area (SPEC §7, migration 0008-data): rows, their filter index, per-entry
 * data information, grants, the access log; and the access requests that make grants
 * (created by 0002-catalog, reshaped by 0008-data).
 */
export interface DataTables {
  data_blocks: { item_id: string; block_no: number; doc: string };
  data_indexed: { item_id: string; col: number };
  data_values: { item_id: string; col: number; value: string; row_no: number };
  data_sets: { item_id: string; fields: string; row_count: number; licence_name: string | null; licence_url: string | null; updated_at: string };
  data_grants: {
    id: string;
    item_id: string;
    request_id: string;
    subject_id: string;
    fields: string;
    desensitized: number;
    copy: number;
    purpose: string;
    valid_until: string;
    created_at: string;
  };
  access_log: {
    seq: number;
    at: string;
    subject_id: string;
    agency: string | null;
    item_id: string;
    provider_agency: string;
    grant_id: string;
    purpose: string;
    route: string;
    fields: string;
    rows: number;
    prev_hash: string;
    hash: string;
  };
  access_requests: {
    id: string;
    item_id: string;
    item_name: string;
    requester_id: string;
    requester_agency: string | null;
    provider_agency: string;
    purpose: string;
    legal_basis: string;
    fields: string;
    desensitized: number;
    copy: number;
    status: 'pending' | 'approved' | 'rejected';
    created_at: string;
    decision: 'approve' | 'reject' | null;
    decision_reason: string | null;
    decider_id: string | null;
    decided_at: string | null;
  };
}
