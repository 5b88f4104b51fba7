/** The kinds of subject the platform knows (SPEC §3): who applies, and who works for an agency. */
export type SubjectKind = 'citizen' | 'organisation' | 'staff' | 'reviewer' | 'officer' | 'steward' | 'data-office';

/**
 * A subject as the API shows it (`GET /auth/me`): who applies or signs, with the ID number
 * masked, and for agency people the agency they work for.
 */
export interface PublicSubject {
  id: string;
  name: string;
  kind: SubjectKind;
  agencyCode: string | null;
  idNumberMasked: string | null;
}
