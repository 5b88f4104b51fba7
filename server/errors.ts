import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

import { DomainError, type DomainErrorKind, type FieldProblem, Limited } from './domain/errors';

export type { FieldProblem };

/** A failure with its SPEC §3 shape: `{ error: { code, message, fields? } }`. */
export class ApiProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const problems = {
  badRequest: (message = 'The request is not valid', fields?: FieldProblem[]) => new ApiProblem(400, 'BAD_REQUEST', message, fields),
  unauthenticated: (message = 'Sign-in is required') => new ApiProblem(401, 'UNAUTHENTICATED', message),
  forbidden: (message = 'Not allowed', code = 'FORBIDDEN') => new ApiProblem(403, code, message),
  notFound: (message = 'Not found') => new ApiProblem(404, 'NOT_FOUND', message),
  conflict: (message: string, code = 'CONFLICT') => new ApiProblem(409, code, message),
  tooLarge: (message = 'The request body is too large') => new ApiProblem(413, 'PAYLOAD_TOO_LARGE', message),
  unsupportedMediaType: (message = 'Send application/json') => new ApiProblem(415, 'UNSUPPORTED_MEDIA_TYPE', message),
  validation: (fields: FieldProblem[], message = 'Validation failed', code = 'VALIDATION_FAILED') => new ApiProblem(422, code, message, fields),
  rateLimited: (retryAfterSeconds: number) =>
    new ApiProblem(429, 'RATE_LIMITED', 'Too many requests', undefined, { 'Retry-After': String(retryAfterSeconds) }),
};

export function problemResponse(c: Context, problem: ApiProblem): Response {
  const body = { error: { code: problem.code, message: problem.message, ...(problem.fields?.length ? { fields: problem.fields } : {}) } };
  return c.json(body, problem.status, problem.headers);
}

/** The one place a domain refusal becomes an HTTP status (SPEC §3). */
const STATUS_OF: Record<DomainErrorKind, ContentfulStatusCode> = {
  'malformed': 400,
  'unauthenticated': 401,
  'forbidden': 403,
  'not-found': 404,
  'conflict': 409,
  'invalid-transition': 409,
  'too-large': 413,
  'unsupported-type': 415,
  'invalid': 422,
  'limited': 429,
  'broken': 500,
};

/** A domain error as the HTTP answer it stands for. */
export function toApiProblem(error: DomainError): ApiProblem {
  const headers = error instanceof Limited ? { 'Retry-After': String(error.retryAfterSeconds) } : undefined;
  return new ApiProblem(STATUS_OF[error.kind], error.code, error.message, error.fields, headers);
}
