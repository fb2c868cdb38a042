/**
 * Domain errors carry a stable code and a message key; the web layer maps the kind to an HTTP
 * status and translates the message, so services never think in status codes.
 */
export type ErrorKind = 'not_found' | 'forbidden' | 'unauthenticated' | 'conflict' | 'invalid' | 'rate_limited';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what}.not_found`, `The ${what} was not found.`);
}

export function forbidden(message = 'You are not allowed to do this.'): DomainError {
  return new DomainError('forbidden', 'forbidden', message);
}

export function unauthenticated(): DomainError {
  return new DomainError('unauthenticated', 'unauthenticated', 'Please sign in first.');
}

export function conflict(code: string, message: string): DomainError {
  return new DomainError('conflict', code, message);
}

export function invalid(code: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('invalid', code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
