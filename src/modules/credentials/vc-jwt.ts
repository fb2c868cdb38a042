/**
 * VC-JWT as Open Badges 3.0 §8.2 describes it for VC Data Model 2.0: the JWT payload is the
 * credential itself plus the claims iss = issuer.id, sub = credentialSubject.id, jti = id,
 * nbf = validFrom, exp = validUntil (a `vc` claim is the VC Data Model 1.1 form, read but not
 * written). Signed EdDSA only; the key is never taken from the token.
 */
import { CompactSign, compactVerify } from 'jose';
import { splitDidUrl } from './did.ts';
import type { ProofSigner } from './data-integrity.ts';
import type { KeyResolver } from './key-resolver.ts';
import { decodeBase64url } from './multibase.ts';
import { fail, isRecord, parseDateTimeStamp, readId, type VerificationFailure } from './verification.ts';

type JsonObject = Record<string, unknown>;

export const JWT_ALGORITHM = 'EdDSA';
const JWT_CLAIMS = ['iss', 'sub', 'jti', 'nbf', 'exp', 'iat'] as const;
/** Header parameters that carry or point to a key: a verifier that used them would trust the forger. */
const KEY_BEARING_HEADERS = ['jwk', 'jku', 'x5c', 'x5u'] as const;

export class CredentialJwtError extends Error {
  override readonly name = 'CredentialJwtError';
}

function toNumericDate(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function readSubjectId(credential: JsonObject): string | null {
  const subject = Array.isArray(credential.credentialSubject)
    ? credential.credentialSubject[0]
    : credential.credentialSubject;
  return readId(subject);
}

/** Signs a credential (add any Data Integrity proof first: the JWT then covers it too). */
export async function signCredentialJwt(credential: JsonObject, signer: ProofSigner, issuedAt: Date): Promise<string> {
  const issuer = readId(credential.issuer);
  const subject = readSubjectId(credential);
  const validFrom = parseDateTimeStamp(credential.validFrom);
  if (!issuer || !subject || typeof credential.id !== 'string' || !validFrom) {
    throw new CredentialJwtError('A VC-JWT needs the credential id, issuer id, subject id and validFrom.');
  }
  if (splitDidUrl(signer.verificationMethod)?.did !== issuer) {
    throw new CredentialJwtError('The signing key does not belong to the issuer.');
  }
  const payload: JsonObject = {
    ...credential,
    iss: issuer,
    sub: subject,
    jti: credential.id,
    nbf: toNumericDate(validFrom),
    iat: toNumericDate(issuedAt),
  };
  if (credential.validUntil !== undefined) {
    const validUntil = parseDateTimeStamp(credential.validUntil);
    if (!validUntil) throw new CredentialJwtError('validUntil is not a date-time.');
    payload.exp = toNumericDate(validUntil);
  }
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: JWT_ALGORITHM, kid: signer.verificationMethod, typ: 'JWT' })
    .sign(signer.privateKey);
}

export type JwtVerificationResult =
  { ok: true; credential: JsonObject; payload: JsonObject; verificationMethod: string } | VerificationFailure;

export type JwtVerificationOptions = {
  resolveKey: KeyResolver;
  now: Date;
  /** Allowed clock difference for nbf and exp, in seconds (0 by default). */
  clockToleranceSeconds?: number;
};

function decodeJsonPart(part: string | undefined): JsonObject | null {
  const bytes = part === undefined ? null : decodeBase64url(part);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

function extractCredential(payload: JsonObject): JsonObject {
  if (isRecord(payload.vc)) return payload.vc;
  const credential = { ...payload };
  for (const claim of JWT_CLAIMS) delete credential[claim];
  return credential;
}

/** Verifies a compact VC-JWT: header rules, the issuer's own key, then each claim against the credential. */
export async function verifyCredentialJwt(
  jwt: string,
  options: JwtVerificationOptions,
): Promise<JwtVerificationResult> {
  const parts = jwt.split('.');
  const header = decodeJsonPart(parts[0]);
  if (parts.length !== 3 || !header) return fail('malformed_jwt', 'Not a compact JWS with a JSON header.');
  if (header.alg !== JWT_ALGORITHM)
    return fail('alg_not_allowed', `Algorithm "${String(header.alg)}" is not accepted; only EdDSA.`);
  const inline = KEY_BEARING_HEADERS.filter((name) => name in header);
  if (inline.length > 0) {
    return fail(
      'inline_key_refused',
      `The header carries a key (${inline.join(', ')}); keys come only from the issuer's DID document.`,
    );
  }
  if (header.typ !== undefined && header.typ !== 'JWT')
    return fail('malformed_jwt', `Header typ "${String(header.typ)}" is not JWT.`);
  if (header.crit !== undefined) return fail('malformed_jwt', 'Critical header extensions are not supported.');
  if (typeof header.kid !== 'string' || header.kid.length === 0)
    return fail('malformed_jwt', 'The header names no key (kid).');

  const claimedPayload = decodeJsonPart(parts[1]);
  if (!claimedPayload) return fail('malformed_jwt', 'The payload is not a JSON object.');
  const iss = claimedPayload.iss;
  if (typeof iss !== 'string') return fail('iss_mismatch', 'The JWT has no iss claim.');
  const kid = header.kid.startsWith('#') ? `${iss}${header.kid}` : header.kid;
  if (splitDidUrl(kid)?.did !== iss)
    return fail('issuer_mismatch', `The key ${kid} does not belong to the issuer ${iss}.`);

  let key;
  try {
    key = await options.resolveKey(kid);
  } catch (error) {
    return fail('key_resolution_failed', `The issuer's keys could not be read: ${String(error)}`);
  }
  if (!key) return fail('unknown_verification_method', `${kid} is not in the issuer's DID document.`);
  if (key.controller !== iss) return fail('issuer_mismatch', `The key ${kid} is controlled by ${key.controller}.`);
  if (!key.assertionMethod) return fail('key_not_for_assertion', `${kid} is not an assertion method.`);

  try {
    await compactVerify(jwt, key.publicKey, { algorithms: [JWT_ALGORITHM] });
  } catch {
    return fail('invalid_signature', 'The JWT signature does not verify with the issuer key.');
  }

  const payload = claimedPayload;
  const credential = extractCredential(payload);
  return checkClaims(payload, credential, { kid, revoked: key.revoked, ...options });
}

function checkClaims(
  payload: JsonObject,
  credential: JsonObject,
  context: { kid: string; revoked: Date | null; now: Date; clockToleranceSeconds?: number },
): JwtVerificationResult {
  if (payload.iss !== readId(credential.issuer)) return fail('iss_mismatch', 'iss is not the credential issuer id.');
  if (typeof payload.sub !== 'string' || payload.sub !== readSubjectId(credential)) {
    return fail('sub_mismatch', 'sub is not the credentialSubject id.');
  }
  if (typeof payload.jti !== 'string' || payload.jti !== credential.id)
    return fail('jti_mismatch', 'jti is not the credential id.');

  const validFrom = parseDateTimeStamp(credential.validFrom ?? credential.issuanceDate);
  if (typeof payload.nbf !== 'number' || !validFrom || payload.nbf !== toNumericDate(validFrom)) {
    return fail('nbf_mismatch', 'nbf is not the credential validFrom.');
  }
  const validUntilValue = credential.validUntil ?? credential.expirationDate;
  const validUntil = validUntilValue === undefined ? null : parseDateTimeStamp(validUntilValue);
  if (validUntilValue !== undefined && !validUntil)
    return fail('malformed_credential', 'validUntil is not a date-time.');
  if (payload.exp !== undefined && typeof payload.exp !== 'number')
    return fail('exp_mismatch', 'exp is not a NumericDate.');
  if (validUntil && payload.exp !== toNumericDate(validUntil))
    return fail('exp_mismatch', 'exp is not the credential validUntil.');

  const signedAt = typeof payload.iat === 'number' ? payload.iat : payload.nbf;
  if (context.revoked && signedAt * 1000 >= context.revoked.getTime()) {
    return fail('key_revoked', `${context.kid} is marked compromised since ${context.revoked.toISOString()}.`);
  }
  const now = toNumericDate(context.now);
  const tolerance = context.clockToleranceSeconds ?? 0;
  if (now + tolerance < payload.nbf)
    return fail('not_yet_valid', `The credential is valid from ${validFrom.toISOString()}.`);
  if (typeof payload.exp === 'number' && now - tolerance >= payload.exp) {
    return fail('expired', `The credential expired at ${new Date(payload.exp * 1000).toISOString()}.`);
  }
  return { ok: true, credential, payload, verificationMethod: context.kid };
}
