/**
 * Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C vc-di-eddsa §3.3):
 * RDFC-1.0 of the document without its proofs and of the proof options (carrying the
 * document's `@context`), SHA-256 of each, Ed25519 over proofConfigHash || documentHash.
 * Several proofs form a proof set: each signs the document without any proof.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { CanonicalizationError, canonicalizeRdfc, findUnknownContexts, UnknownContextError } from './contexts.ts';
import { splitDidUrl } from './did.ts';
import type { KeyResolver } from './key-resolver.ts';
import { ED25519_SIGNATURE_BYTES, signEd25519, verifyEd25519 } from './keys.ts';
import { concatBytes, decodeMultibaseBase58btc, encodeMultibaseBase58btc } from './multibase.ts';
import {
  fail,
  formatDateTime,
  isRecord,
  parseDateTimeStamp,
  readId,
  type VerificationFailure,
  type VerificationFailureReason,
} from './verification.ts';

export const DATA_INTEGRITY_PROOF = 'DataIntegrityProof';
export const EDDSA_RDFC_2022 = 'eddsa-rdfc-2022';

export type DataIntegrityProof = {
  type: typeof DATA_INTEGRITY_PROOF;
  cryptosuite: typeof EDDSA_RDFC_2022;
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  proofValue: string;
};

/** The private key and the verification method id under which its public key is published. */
export type ProofSigner = { verificationMethod: string; privateKey: KeyObject };

type JsonObject = Record<string, unknown>;

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...unsecured } = document;
  return unsecured;
}

function sha256(text: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(text, 'utf8').digest());
}

async function hashDocument(unsecured: JsonObject): Promise<Uint8Array> {
  return sha256(await canonicalizeRdfc(unsecured));
}

async function hashProofConfig(proofConfig: JsonObject, documentContext: unknown): Promise<Uint8Array> {
  return sha256(await canonicalizeRdfc({ '@context': documentContext, ...proofConfig }));
}

/** Creates one proof over `document` (any proofs already on it are not signed). */
export async function createEddsaRdfc2022Proof(
  document: JsonObject,
  signer: ProofSigner,
  created: Date,
): Promise<DataIntegrityProof> {
  const unsecured = withoutProof(document);
  const proofConfig = {
    type: DATA_INTEGRITY_PROOF,
    cryptosuite: EDDSA_RDFC_2022,
    created: formatDateTime(created),
    verificationMethod: signer.verificationMethod,
    proofPurpose: 'assertionMethod',
  } as const;
  const [configHash, documentHash] = await Promise.all([
    hashProofConfig(proofConfig, unsecured['@context']),
    hashDocument(unsecured),
  ]);
  const signature = signEd25519(signer.privateKey, concatBytes(configHash, documentHash));
  return { ...proofConfig, proofValue: encodeMultibaseBase58btc(signature) };
}

/** Returns a copy of the credential whose `proof` array holds its earlier proofs and the new one. */
export async function addEddsaRdfc2022Proof<T extends JsonObject>(
  credential: T,
  signer: ProofSigner,
  created: Date,
): Promise<T & { proof: unknown[] }> {
  const existing =
    credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  const proof = await createEddsaRdfc2022Proof(credential, signer, created);
  return { ...credential, proof: [...existing, proof] };
}

export type ProofCheck =
  | { ok: true; verificationMethod: string; created: string }
  | { ok: false; verificationMethod: string | null; reason: VerificationFailureReason; detail: string };

export type DataIntegrityResult =
  { ok: true; proofs: ProofCheck[]; verifiedBy: string[] } | (VerificationFailure & { proofs: ProofCheck[] });

export type DataIntegrityOptions = {
  resolveKey: KeyResolver;
  /** Whose keys may sign; the credential's `issuer` by default. */
  expectedController?: string;
};

function describeCanonicalizationFailure(error: unknown): VerificationFailure {
  if (error instanceof UnknownContextError) return fail('unknown_context', error.message);
  if (error instanceof CanonicalizationError) return fail('malformed_credential', error.message);
  throw error;
}

/**
 * Verifies every proof of a credential. Passes only when at least one eddsa-rdfc-2022 proof
 * by the issuer's key is valid and no eddsa-rdfc-2022 proof fails; proofs of other suites are
 * reported as unsupported and do not count.
 */
export async function verifyDataIntegrityProofs(
  credential: unknown,
  options: DataIntegrityOptions,
): Promise<DataIntegrityResult> {
  if (!isRecord(credential))
    return { ...fail('malformed_credential', 'The credential is not a JSON object.'), proofs: [] };
  const proofs =
    credential.proof === undefined ? [] : Array.isArray(credential.proof) ? credential.proof : [credential.proof];
  if (proofs.length === 0) return { ...fail('no_proof', 'The credential carries no proof.'), proofs: [] };
  const unknownContexts = findUnknownContexts(credential);
  if (unknownContexts.length > 0) {
    return { ...fail('unknown_context', `Unknown JSON-LD context: ${unknownContexts.join(', ')}.`), proofs: [] };
  }
  const controller = options.expectedController ?? readId(credential.issuer);
  if (!controller) return { ...fail('malformed_credential', 'The credential names no issuer.'), proofs: [] };

  const unsecured = withoutProof(credential);
  // Hashed once for all proofs, and only once a proof has passed the cheap checks.
  let documentHash: Promise<Uint8Array> | null = null;
  const getDocumentHash = () => (documentHash ??= hashDocument(unsecured));
  const checks: ProofCheck[] = [];
  for (const proof of proofs) {
    checks.push(await checkProof(proof, { controller, unsecured, getDocumentHash, resolveKey: options.resolveKey }));
  }

  const failed = checks.find((check) => !check.ok && check.reason !== 'unsupported_proof');
  if (failed && !failed.ok) return { ...fail(failed.reason, failed.detail), proofs: checks };
  const verifiedBy = checks.flatMap((check) => (check.ok ? [check.verificationMethod] : []));
  if (verifiedBy.length === 0) {
    return { ...fail('unsupported_proof', 'No proof uses a supported cryptosuite (eddsa-rdfc-2022).'), proofs: checks };
  }
  return { ok: true, proofs: checks, verifiedBy };
}

type ProofContext = {
  controller: string;
  unsecured: JsonObject;
  getDocumentHash: () => Promise<Uint8Array>;
  resolveKey: KeyResolver;
};

async function checkProof(proof: unknown, context: ProofContext): Promise<ProofCheck> {
  const refuse = (reason: VerificationFailureReason, detail: string, method: string | null = null): ProofCheck => ({
    ok: false,
    verificationMethod: method,
    reason,
    detail,
  });
  if (!isRecord(proof)) return refuse('malformed_proof', 'A proof is not a JSON object.');
  if (proof.type !== DATA_INTEGRITY_PROOF || proof.cryptosuite !== EDDSA_RDFC_2022) {
    return refuse(
      'unsupported_proof',
      `Proof type ${String(proof.type)} / ${String(proof.cryptosuite)} is not supported.`,
    );
  }
  const method = typeof proof.verificationMethod === 'string' ? proof.verificationMethod : null;
  if (!method) return refuse('malformed_proof', 'The proof names no verification method.');
  if (proof.proofPurpose !== 'assertionMethod') {
    return refuse(
      'wrong_proof_purpose',
      `Proof purpose "${String(proof.proofPurpose)}" is not assertionMethod.`,
      method,
    );
  }
  const created = parseDateTimeStamp(proof.created);
  if (!created) return refuse('malformed_proof', 'The proof has no valid "created" date-time.', method);
  const signature = typeof proof.proofValue === 'string' ? decodeMultibaseBase58btc(proof.proofValue) : null;
  if (!signature || signature.length !== ED25519_SIGNATURE_BYTES) {
    return refuse('malformed_proof', 'The proof value is not a base58btc Ed25519 signature.', method);
  }
  if (
    proof['@context'] !== undefined &&
    JSON.stringify(proof['@context']) !== JSON.stringify(context.unsecured['@context'])
  ) {
    return refuse('malformed_proof', 'The proof carries a context different from the document.', method);
  }
  if (splitDidUrl(method)?.did !== context.controller) {
    return refuse('issuer_mismatch', `The key ${method} does not belong to the issuer ${context.controller}.`, method);
  }

  let key;
  try {
    key = await context.resolveKey(method);
  } catch (error) {
    return refuse('key_resolution_failed', `The issuer's keys could not be read: ${String(error)}`, method);
  }
  if (!key) return refuse('unknown_verification_method', `${method} is not in the issuer's DID document.`, method);
  if (key.controller !== context.controller) {
    return refuse('issuer_mismatch', `The key ${method} is controlled by ${key.controller}.`, method);
  }
  if (!key.assertionMethod) return refuse('key_not_for_assertion', `${method} is not an assertion method.`, method);
  if (key.revoked && created.getTime() >= key.revoked.getTime()) {
    return refuse('key_revoked', `${method} is marked compromised since ${key.revoked.toISOString()}.`, method);
  }

  let hashData: Uint8Array;
  try {
    const { proofValue: _proofValue, ...proofConfig } = proof;
    const [configHash, documentHash] = await Promise.all([
      hashProofConfig(proofConfig, context.unsecured['@context']),
      context.getDocumentHash(),
    ]);
    hashData = concatBytes(configHash, documentHash);
  } catch (error) {
    const failure = describeCanonicalizationFailure(error);
    return refuse(failure.reason, failure.detail, method);
  }
  if (!verifyEd25519(key.publicKey, hashData, signature)) {
    return refuse('invalid_signature', 'The signature does not match the credential.', method);
  }
  return { ok: true, verificationMethod: method, created: formatDateTime(created) };
}
