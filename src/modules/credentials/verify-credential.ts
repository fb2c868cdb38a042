/**
 * Issuing with both proofs, and verifying an embedded-proof credential as a whole: the VC
 * Data Model basics, its Data Integrity proofs, then its validity period.
 */
import { VC_V2_CONTEXT } from './contexts.ts';
import {
  addEddsaRdfc2022Proof,
  verifyDataIntegrityProofs,
  type DataIntegrityResult,
  type ProofSigner,
} from './data-integrity.ts';
import type { KeyResolver } from './key-resolver.ts';
import { signCredentialJwt } from './vc-jwt.ts';
import { fail, isRecord, parseDateTimeStamp } from './verification.ts';

type JsonObject = Record<string, unknown>;

export type IssuedCredential = { credential: JsonObject & { proof: unknown[] }; jwt: string };

/**
 * Both securing mechanisms Open Badges 3.0 allows: the Data Integrity proof first, then the
 * VC-JWT over the credential that already carries it (OB 3.0 §8.2).
 */
export async function issueCredential(
  credential: JsonObject,
  signer: ProofSigner,
  now: Date,
): Promise<IssuedCredential> {
  const signed = await addEddsaRdfc2022Proof(credential, signer, now);
  return { credential: signed, jwt: await signCredentialJwt(signed, signer, now) };
}

export type CredentialVerificationOptions = {
  resolveKey: KeyResolver;
  now: Date;
  /** Allowed clock difference for validFrom and validUntil, in seconds (0 by default). */
  clockToleranceSeconds?: number;
};

export async function verifyCredential(
  credential: unknown,
  options: CredentialVerificationOptions,
): Promise<DataIntegrityResult> {
  const malformed = (detail: string): DataIntegrityResult => ({ ...fail('malformed_credential', detail), proofs: [] });
  if (!isRecord(credential)) return malformed('The credential is not a JSON object.');
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || contexts[0] !== VC_V2_CONTEXT)
    return malformed(`The first context must be ${VC_V2_CONTEXT}.`);
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) return malformed('The type must include VerifiableCredential.');
  const validFrom = credential.validFrom === undefined ? null : parseDateTimeStamp(credential.validFrom);
  if (credential.validFrom !== undefined && !validFrom) return malformed('validFrom is not a date-time.');
  const validUntil = credential.validUntil === undefined ? null : parseDateTimeStamp(credential.validUntil);
  if (credential.validUntil !== undefined && !validUntil) return malformed('validUntil is not a date-time.');

  const result = await verifyDataIntegrityProofs(credential, { resolveKey: options.resolveKey });
  if (!result.ok) return result;

  const tolerance = (options.clockToleranceSeconds ?? 0) * 1000;
  const now = options.now.getTime();
  if (validFrom && now + tolerance < validFrom.getTime()) {
    return {
      ...fail('not_yet_valid', `The credential is valid from ${validFrom.toISOString()}.`),
      proofs: result.proofs,
    };
  }
  if (validUntil && now - tolerance >= validUntil.getTime()) {
    return { ...fail('expired', `The credential expired at ${validUntil.toISOString()}.`), proofs: result.proofs };
  }
  return result;
}
