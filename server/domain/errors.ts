/**
 * What a rule of the Measures can refuse, said without HTTP: domain modules (the aggregates,
 * the catalogue, data delivery, signatures) throw these, and the HTTP layer alone maps each
 * kind to its status and the SPEC §3 error shape (`server/errors.ts`, `toApiProblem`).
 * A code is the SPEC's error code (`NOT_FOUND`, `INVALID_TRANSITION`, …); a field problem
 * names the field by its path (`fields[1].sensitivity`).
 */

export interface FieldProblem {
  path: string;
  message: string;
}

/** The kinds of refusal; each maps to exactly one HTTP status in the HTTP layer. */
export type DomainErrorKind =
  | 'not-found'
  | 'conflict'
  | 'invalid-transition'
  | 'forbidden'
  | 'unauthenticated'
  | 'invalid'
  | 'malformed'
  | 'too-large'
  | 'unsupported-type'
  | 'limited'
  | 'broken';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: FieldProblem[],
  ) {
    super(message);
  }
}

/** The thing asked for does not exist, or its existence is not revealed to this subject. */
export class NotFound extends DomainError {
  readonly kind = 'not-found';
  constructor(message = 'Not found', code = 'NOT_FOUND') {
    super(code, message);
  }
}

/** The request contradicts the current state (a taken code, a lost race, a reused key). */
export class Conflict extends DomainError {
  readonly kind = 'conflict';
  constructor(message: string, code = 'CONFLICT') {
    super(code, message);
  }
}

/** The step asked for is not allowed from the state the record is in. */
export class InvalidTransition extends DomainError {
  readonly kind = 'invalid-transition';
  constructor(message: string, code = 'INVALID_TRANSITION') {
    super(code, message);
  }
}

/** The subject is known but may not do this. */
export class Forbidden extends DomainError {
  readonly kind = 'forbidden';
  constructor(message = 'Not allowed', code = 'FORBIDDEN') {
    super(code, message);
  }
}

/** No subject, or a sign-in that no longer holds (`TOKEN_EXPIRED`). */
export class Unauthenticated extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(message = 'Sign-in is required', code = 'UNAUTHENTICATED') {
    super(code, message);
  }
}

/** Well-formed input that breaks a rule: each problem names its field. */
export class Invalid extends DomainError {
  readonly kind = 'invalid';
  constructor(fields: FieldProblem[], message = 'Validation failed', code = 'VALIDATION_FAILED') {
    super(code, message, fields);
  }
}

/** Input not of the form asked for (a missing or mistyped property, an unknown value). */
export class Malformed extends DomainError {
  readonly kind = 'malformed';
  constructor(message = 'The request is not valid', fields?: FieldProblem[], code = 'BAD_REQUEST') {
    super(code, message, fields);
  }
}

/** More than a limit allows in one piece (a file, a body, rows or cells of an import). */
export class TooLarge extends DomainError {
  readonly kind = 'too-large';
  constructor(message = 'The request body is too large', code = 'PAYLOAD_TOO_LARGE', fields?: FieldProblem[]) {
    super(code, message, fields);
  }
}

/** Content of a type that is not accepted (a file type, active content). */
export class UnsupportedType extends DomainError {
  readonly kind = 'unsupported-type';
  constructor(message: string, code = 'UNSUPPORTED_MEDIA_TYPE', fields?: FieldProblem[]) {
    super(code, message, fields);
  }
}

/** Too many at once or too often; try again after `retryAfterSeconds`. */
export class Limited extends DomainError {
  readonly kind = 'limited';
  constructor(readonly retryAfterSeconds: number, message = 'Too many requests', code = 'RATE_LIMITED') {
    super(code, message);
  }
}

/** The platform's own records or keys are not as they must be (a broken chain, a missing key). */
export class Broken extends DomainError {
  readonly kind = 'broken';
  constructor(message: string, code = 'SERVER_ERROR') {
    super(code, message);
  }
}

/** Collects field problems and throws them together as one `Malformed` or `Invalid`. */
export class FieldChecks {
  readonly problems: FieldProblem[] = [];
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  throwIfAny(as: 'malformed' | 'invalid' = 'malformed'): void {
    if (!this.problems.length) return;
    throw as === 'malformed' ? new Malformed('The request is not valid', this.problems) : new Invalid(this.problems);
  }
}
