/** Results of verification: never a throw for bad input, always a reason a caller can show. */

export type VerificationFailureReason =
  | 'malformed_credential'
  | 'unknown_context'
  | 'no_proof'
  | 'malformed_proof'
  | 'unsupported_proof'
  | 'wrong_proof_purpose'
  | 'unknown_verification_method'
  | 'key_resolution_failed'
  | 'key_not_for_assertion'
  | 'issuer_mismatch'
  | 'key_revoked'
  | 'invalid_signature'
  | 'not_yet_valid'
  | 'expired'
  | 'alg_not_allowed'
  | 'inline_key_refused'
  | 'malformed_jwt'
  | 'iss_mismatch'
  | 'sub_mismatch'
  | 'jti_mismatch'
  | 'nbf_mismatch'
  | 'exp_mismatch';

export type VerificationFailure = { ok: false; reason: VerificationFailureReason; detail: string };

export function fail(reason: VerificationFailureReason, detail: string): VerificationFailure {
  return { ok: false, reason, detail };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `id` of a value that is either an IRI or an object with an `id`. */
export function readId(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.id === 'string') return value.id;
  return null;
}

const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A date-time with an explicit offset (XSD dateTimeStamp), or null. */
export function parseDateTimeStamp(value: unknown): Date | null {
  if (typeof value !== 'string' || !XSD_DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Seconds precision, as `created`, `validFrom` and JWT NumericDates agree on. */
export function formatDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
