/**
 * DIDs of institutions (`did:web` on the platform's host) and `did:key` resolved locally.
 * The documents list every key an institution ever signed with: a rotated key stays so that
 * old credentials still verify, and a compromised key carries `revoked` (Multikey vocabulary):
 * proofs made at or after that instant are refused.
 */
import type { KeyObject } from 'node:crypto';
import { exportPublicJwk, exportPublicMultikey, importPublicMultikey, type Ed25519PublicJwk } from './keys.ts';

export const DID_CONTEXT_V1 = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1 = 'https://w3id.org/security/multikey/v1';

export type MultikeyVerificationMethod = {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
  /** XSD dateTime from which proofs by this key are not accepted. */
  revoked?: string;
};

export type DidDocument = {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication?: string[];
};

export type InstitutionKey = {
  /** The key's number: its verification method is `<did>#key-<number>`. */
  number: number;
  publicKey: KeyObject | string;
  revoked?: Date | null;
};

export type Jwks = { keys: (Ed25519PublicJwk & { kid: string; use: 'sig'; alg: 'EdDSA' })[] };

export class DidError extends Error {
  override readonly name = 'DidError';
}

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const PATH_SEGMENT_PATTERN = /^[A-Za-z0-9._~-]+$/;

/**
 * `did:web:<host>[%3A<port>]:institutions:<slug>` for the platform's public origin. The
 * document is then served at `https://<host>[:<port>]/institutions/<slug>/did.json`.
 */
export function buildInstitutionDid(origin: string | URL, slug: string): string {
  const url = typeof origin === 'string' ? new URL(origin) : origin;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DidError('The origin must be a web address.');
  if (!HOST_PATTERN.test(url.hostname)) throw new DidError(`"${url.hostname}" cannot be a did:web host.`);
  if (!SLUG_PATTERN.test(slug)) throw new DidError(`"${slug}" is not an institution slug.`);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return `did:web:${host}:institutions:${slug}`;
}

/** The https URL of a did:web document (did:web spec §3.2, "Read"), or DidError. */
export function didWebToUrl(did: string): URL {
  if (!did.startsWith('did:web:')) throw new DidError('Not a did:web DID.');
  const parts = did.slice('did:web:'.length).split(':');
  const [encodedHost, ...path] = parts;
  const hostAndPort = decodeURIComponent(encodedHost ?? '').toLowerCase();
  const match = /^([^:]+)(?::(\d{1,5}))?$/.exec(hostAndPort);
  if (!match || !HOST_PATTERN.test(match[1] ?? '')) throw new DidError(`"${did}" has no valid host.`);
  const port = match[2] ? Number(match[2]) : null;
  if (port !== null && (port < 1 || port > 65535)) throw new DidError(`"${did}" has an invalid port.`);
  for (const segment of path) {
    if (!PATH_SEGMENT_PATTERN.test(segment) || segment === '.' || segment === '..') {
      throw new DidError(`"${did}" has an invalid path segment.`);
    }
  }
  const pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`;
  return new URL(`https://${match[1]}${port === null ? '' : `:${port}`}${pathname}`);
}

export function verificationMethodId(did: string, keyNumber: number): string {
  return `${did}#key-${keyNumber}`;
}

/** Splits a DID URL into the DID and its fragment; null when it has no fragment. */
export function splitDidUrl(didUrl: string): { did: string; fragment: string } | null {
  const hash = didUrl.indexOf('#');
  if (hash <= 0 || hash === didUrl.length - 1) return null;
  return { did: didUrl.slice(0, hash), fragment: didUrl.slice(hash + 1) };
}

function toXsdDateTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new DidError('Invalid date.');
  return date.toISOString();
}

/** The DID document of an institution: every key, oldest first, all usable for assertions. */
export function buildInstitutionDidDocument(did: string, keys: readonly InstitutionKey[]): DidDocument {
  const numbers = new Set<number>();
  const verificationMethod = [...keys]
    .sort((left, right) => left.number - right.number)
    .map((key): MultikeyVerificationMethod => {
      if (!Number.isInteger(key.number) || key.number < 1 || numbers.has(key.number)) {
        throw new DidError(`Key number ${key.number} is invalid or repeated.`);
      }
      numbers.add(key.number);
      const publicKeyMultibase =
        typeof key.publicKey === 'string'
          ? exportPublicMultikey(importPublicMultikey(key.publicKey))
          : exportPublicMultikey(key.publicKey);
      const method: MultikeyVerificationMethod = {
        id: verificationMethodId(did, key.number),
        type: 'Multikey',
        controller: did,
        publicKeyMultibase,
      };
      if (key.revoked) method.revoked = toXsdDateTime(key.revoked);
      return method;
    });
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((method) => method.id),
  };
}

/** The same keys as a JWKS; `kid` is the verification method id. Revoked keys are left out. */
export function renderJwks(document: DidDocument): Jwks {
  return {
    keys: document.verificationMethod
      .filter((method) => method.revoked === undefined)
      .map((method) => ({
        ...exportPublicJwk(importPublicMultikey(method.publicKeyMultibase)),
        kid: method.id,
        use: 'sig',
        alg: 'EdDSA',
      })),
  };
}

/** did:key (Ed25519 only), resolved without any fetch. */
export function resolveDidKey(did: string): DidDocument {
  const multikey = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did)?.[1];
  if (!multikey) throw new DidError('Only Ed25519 did:key DIDs (did:key:z6Mk…) are supported.');
  let publicKeyMultibase: string;
  try {
    publicKeyMultibase = exportPublicMultikey(importPublicMultikey(multikey));
  } catch {
    throw new DidError('The did:key does not hold an Ed25519 public key.');
  }
  if (publicKeyMultibase !== multikey) throw new DidError('The did:key is not in its canonical form.');
  const id = `${did}#${multikey}`;
  return {
    '@context': [DID_CONTEXT_V1, MULTIKEY_CONTEXT_V1],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase }],
    assertionMethod: [id],
    authentication: [id],
  };
}

/** did:key for a public key (handy for learners and tests). */
export function buildDidKey(publicKey: KeyObject): string {
  return `did:key:${exportPublicMultikey(publicKey)}`;
}
