/** Tables of the signatures area (see server/store/migrations/*\/0004-signatures.sql). */
export interface SignaturesTables {
  signing_keys: {
    key_id: string;
    subject_id: string;
    algorithm: string;
    public_key: string;
    kind: string;
    private_key: string | null;
    created_at: string;
    revoked_at: string | null;
  };
}
