/** Tables of the certificates area (see server/store/migrations/*\/0003-certificates.sql). */
export interface CertificatesTables {
  issuer_keys: {
    key_id: string;
    agency_code: string;
    algorithm: string;
    public_key: string;
    private_key: string;
    valid_from: string;
    valid_to: string;
    published: number;
  };
  certificates: {
    id: string;
    number: string;
    type_code: string;
    type_name: string;
    holder_subject_id: string;
    holder_name: string;
    holder_id_number_masked: string;
    issuer_code: string;
    issuer_name: string;
    issued_at: string;
    valid_until: string;
    status: string;
    data: string;
    seal_key_id: string;
    seal_algorithm: string;
    seal_signature: string;
    /** The code sealed under the verification-code secret (`v1:…`); in clear only before migration 0015 and the first start after it. */
    verification_code: string;
    /** SHA-256 of the code, which verification compares against (migration 0015). */
    verification_code_hash: string | null;
  };
}
