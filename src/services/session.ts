import { ApiError, type ApiClient } from './api-client';
import type { PublicSubject } from '../core/subject';

export type { SubjectKind } from '../core/subject';

/**
 * The signed-in subject (a reviewer gets the catalog's review queue, a steward answers
 * comments, an officer sees the agency's cases).
 */
export type Subject = PublicSubject;

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
