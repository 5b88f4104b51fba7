import type { Context, MiddlewareHandler } from 'hono';
import { isAgencyStaff } from './access';
import { ApiProblem, problems } from './errors';
import type { AppEnv, Subject } from './env';
import { maskIdNumber } from '../src/core/validation/cn-formats';
import type { TokenService } from './tokens';
import type { Store } from './store/database';
import { loadSubject } from './store/subjects';

export { maskIdNumber };
export { TokenService } from './tokens';

/**
 * Reads the bearer token, if any. A forged or expired token leaves the request anonymous,
 * so public routes (the open catalog, services, verification) keep working for someone
 * whose sign-in has lapsed; every route that needs a subject then answers 401 with the
 * reason (`TOKEN_EXPIRED` or `UNAUTHENTICATED`), so the client learns its sign-in is gone.
 */
export function authenticate(store: Store, tokens: TokenService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('subject', undefined);
    c.set('authProblem', undefined);
    const header = c.req.header('authorization');
    if (header) {
      // The scheme is case-insensitive (RFC 9110 §11.1): `bearer`, `BEARER` and `Bearer` alike.
      const match = /^Bearer\s+([A-Za-z0-9_-]+)\s*$/i.exec(header);
      const claims = match ? tokens.read(match[1]!) : undefined;
      const subject = claims && claims !== 'expired' ? await loadSubject(store.db, claims.sub) : undefined;
      if (subject) c.set('subject', subject);
      else c.set('authProblem', claims === 'expired' ? new ApiProblem(401, 'TOKEN_EXPIRED', 'The token has expired') : problems.unauthenticated('The token is not valid'));
    }
    await next();
  };
}

/** The signed-in subject, or 401. */
export function requireSubject(c: Context<AppEnv>): Subject {
  const subject = c.get('subject');
  if (!subject) throw c.get('authProblem') ?? problems.unauthenticated();
  return subject;
}

/** Agency staff (data users and reviewers), or 401/403. */
export function requireStaff(c: Context<AppEnv>): Subject & { agencyCode: string } {
  const subject = requireSubject(c);
  if (!isAgencyStaff(subject)) throw problems.forbidden('Only agency staff may do this');
  return subject;
}

/** Public view of a subject: never the full ID number. */
export function publicSubject(subject: Subject) {
  return {
    id: subject.id,
    name: subject.name,
    kind: subject.kind,
    agencyCode: subject.agencyCode,
    idNumberMasked: subject.idNumber ? maskIdNumber(subject.idNumber) : null,
  };
}

