import { notFound } from '../../../platform/errors/index.ts';

export const MY_CREDENTIALS_PATH = '/account/credentials';
export const LEARNER_RECORD_CLR_PATH = '/account/credentials/learner-record.clr.json';
export const LEARNER_RECORD_JSON_PATH = '/account/credentials/learner-record.json';
export const VERIFY_PATH = '/verify';
export const CATALOG_PATH = '/courses';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const credentialPath = (uuid: string) => `/credentials/${uuid}`;
export const credentialJsonPath = (uuid: string) => `${credentialPath(uuid)}/credential.json`;
export const credentialJwtPath = (uuid: string) => `${credentialPath(uuid)}/credential.jwt`;
export const certificatePdfPath = (uuid: string) => `${credentialPath(uuid)}/certificate.pdf`;
export const badgePngPath = (uuid: string) => `${credentialPath(uuid)}/badge.png`;
export const visibilityPath = (uuid: string) => `${credentialPath(uuid)}/visibility`;
export const revokePath = (uuid: string) => `${credentialPath(uuid)}/revoke`;

export type CredentialParams = { Params: { uuid: string } };

/** Notices a credential page shows after a redirect; anything else in `?notice=` is ignored. */
export const CREDENTIAL_NOTICES = ['public', 'private', 'revoked'] as const;
export type CredentialNotice = (typeof CREDENTIAL_NOTICES)[number];

export function readCredentialNotice(query: unknown): CredentialNotice | undefined {
  const notice = (query as Record<string, unknown> | null)?.notice;
  return (CREDENTIAL_NOTICES as readonly unknown[]).includes(notice) ? (notice as CredentialNotice) : undefined;
}

/** True for a credential id; anything else is refused before a service is asked. */
export function isCredentialUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** A credential id from the address, lower-cased; nothing can exist at a malformed one, so it is a 404. */
export function requireCredentialUuid(value: unknown): string {
  if (!isCredentialUuid(value)) throw notFound('credential');
  return value.toLowerCase();
}

/** A text field of a posted form, or the empty string. */
export function readFormField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : '';
}
