import { createLocalKeyEncryption, type KeyEncryption } from './key-encryption.ts';
import type { DidDocumentLoader } from './key-resolver.ts';

/**
 * What the credentials services need from the running platform: the public origin (issuer DIDs,
 * credential and status list URLs), the key-encryption seam for private keys, and how to fetch
 * DID documents of other hosts (none unless configured, so tests never touch the network).
 */
export type CredentialSettings = {
  baseUrl: string;
  keyEncryption: KeyEncryption;
  loadRemoteDidDocument: DidDocumentLoader | null;
  /** How long verifiers may cache a status list, in seconds. */
  statusListTtlSeconds: number;
};

let current: CredentialSettings | null = null;

/** Set once at start-up (and by tests); a secret of ≥ 32 characters builds the local key encryption. */
export function configureCredentials(settings: {
  baseUrl: string;
  keyEncryptionSecret?: string;
  keyEncryption?: KeyEncryption;
  loadRemoteDidDocument?: DidDocumentLoader | null;
  statusListTtlSeconds?: number;
}): void {
  const keyEncryption =
    settings.keyEncryption ??
    (settings.keyEncryptionSecret ? createLocalKeyEncryption(settings.keyEncryptionSecret) : null);
  if (!keyEncryption) throw new Error('Credentials need a key encryption: a secret or an implementation.');
  current = {
    baseUrl: settings.baseUrl.replace(/\/$/, ''),
    keyEncryption,
    loadRemoteDidDocument: settings.loadRemoteDidDocument ?? null,
    statusListTtlSeconds: settings.statusListTtlSeconds ?? 300,
  };
}

export function readCredentialSettings(): CredentialSettings {
  if (!current) throw new Error('Credentials are not configured: call configureCredentials at start-up.');
  return current;
}

export function buildCredentialUrl(baseUrl: string, uuid: string): string {
  return `${baseUrl}/credentials/${uuid}`;
}

export function buildStatusListUrl(baseUrl: string, uuid: string): string {
  return `${baseUrl}/credentials/status/${uuid}`;
}

export function buildVerifyUrl(baseUrl: string, uuid: string): string {
  return `${baseUrl}/verify?credential=${uuid}`;
}
