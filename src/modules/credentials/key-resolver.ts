/**
 * From a verification method id to a public key a verifier may trust. The key comes only from
 * the controller's DID document (our own from the database, a did:key decoded locally, others
 * through a loader the caller supplies), never from the credential or the JWT header.
 */
import type { KeyObject } from 'node:crypto';
import { resolveDidKey, splitDidUrl } from './did.ts';
import { importPublicJwk, importPublicMultikey } from './keys.ts';
import { isRecord, parseDateTimeStamp, readId } from './verification.ts';

export type VerificationKey = {
  id: string;
  /** The DID that controls the key: it must be the credential's issuer. */
  controller: string;
  publicKey: KeyObject;
  /** Proofs made at or after this instant are refused. */
  revoked: Date | null;
  /** Listed under `assertionMethod` in the controller's document. */
  assertionMethod: boolean;
};

/** Null when the method is not in its controller's document. */
export type KeyResolver = (verificationMethodId: string) => Promise<VerificationKey | null>;

/** Returns the DID document of a DID (parsed JSON), or null when there is none. */
export type DidDocumentLoader = (did: string) => Promise<unknown>;

/** Resolves did:key locally and every other DID through `loadDidDocument` (none by default). */
export function createKeyResolver(options: { loadDidDocument?: DidDocumentLoader } = {}): KeyResolver {
  return async (verificationMethodId) => {
    const parts = splitDidUrl(verificationMethodId);
    if (!parts || !parts.did.startsWith('did:')) return null;
    let document: unknown;
    if (parts.did.startsWith('did:key:')) {
      try {
        document = resolveDidKey(parts.did);
      } catch {
        return null;
      }
    } else {
      if (!options.loadDidDocument) return null;
      document = await options.loadDidDocument(parts.did);
    }
    return findVerificationKey(document, parts.did, verificationMethodId);
  };
}

function absoluteId(reference: string, did: string): string {
  return reference.startsWith('#') ? `${did}${reference}` : reference;
}

/** Reads one verification method out of a DID document; null if absent or unusable. */
export function findVerificationKey(
  document: unknown,
  did: string,
  verificationMethodId: string,
): VerificationKey | null {
  if (!isRecord(document) || document.id !== did) return null;
  const listed = (term: string): unknown[] => {
    const value = document[term];
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
  };
  const candidates = [...listed('verificationMethod'), ...listed('assertionMethod').filter(isRecord)];
  const method = candidates.find(
    (candidate) => isRecord(candidate) && absoluteId(String(candidate.id ?? ''), did) === verificationMethodId,
  );
  if (!isRecord(method) || readId(method.controller) !== did) return null;

  let publicKey: KeyObject;
  try {
    if (method.type === 'Multikey' && typeof method.publicKeyMultibase === 'string') {
      publicKey = importPublicMultikey(method.publicKeyMultibase);
    } else if (method.type === 'JsonWebKey' && isRecord(method.publicKeyJwk)) {
      publicKey = importPublicJwk(method.publicKeyJwk);
    } else {
      return null;
    }
  } catch {
    return null;
  }

  let revoked: Date | null = null;
  if (method.revoked !== undefined) {
    // An unreadable revocation time is treated as "revoked since always": fail closed.
    revoked = parseDateTimeStamp(method.revoked) ?? new Date(0);
  }
  const assertionMethod = listed('assertionMethod').some((entry) => {
    const id = readId(entry);
    return id !== null && absoluteId(id, did) === verificationMethodId;
  });
  return { id: verificationMethodId, controller: did, publicKey, revoked, assertionMethod };
}
