import { ApiError, type ApiClient } from './api-client';

/** The kinds of subject the platform knows (SPEC §3). */
export type SubjectKind = 'citizen' | 'organisation' | 'staff' | 'reviewer' | 'officer' | 'steward' | 'data-office';

/**
 * The signed-in subject as `GET /auth/me` gives it: who applies or signs (with the masked
 * ID number), and for agency people the agency they work for (a reviewer gets the catalog's
 * review queue, a steward answers comments, an officer sees the agency's cases).
 */
export interface Subject {
  id: string;
  name: string;
  kind: SubjectKind;
  agencyCode: string | null;
  idNumberMasked: string | null;
}

/**
 * Who the token belongs to. Without a token it answers at once with the ApiError 401 the
 * server would give; a missing, forged or expired sign-in is an ApiError 401 too.
 */
export async function currentSubject(client: ApiClient, signal?: AbortSignal): Promise<Subject> {
  if (!(await client.token())) {
    throw new ApiError({ status: 401, code: 'UNAUTHENTICATED', message: 'Sign-in is required', retryable: false });
  }
  const body = await client.get<{ subject: Subject }>('/auth/me', signal ? { signal } : {});
  return body.subject;
}

/** A 401 of either kind: the sign-in is missing, forged or expired. */
export function isSignInError(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
