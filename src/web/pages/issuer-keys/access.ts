import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Institution } from '../../../modules/institutions/index.ts';
import { hasInstitutionRole, type Actor } from '../../../platform/access/index.ts';
import { forbidden, notFound } from '../../../platform/errors/index.ts';
import { loadVisibleInstitution, redirectAnonymous } from '../institutions/shared.ts';

export type KeyParams = { Params: { key: string } };
export type KeyNumberParams = { Params: { key: string; number: string } };

/** Notices the keys page shows after a redirect; anything else in `?notice=` is ignored. */
export const KEY_NOTICES = ['rotated', 'compromised', 'compromised-replaced'] as const;
export type KeyNotice = (typeof KEY_NOTICES)[number];

export const keysPath = (key: string, notice?: KeyNotice) =>
  `/institutions/${key}/keys${notice ? `?notice=${notice}` : ''}`;
export const rotatePath = (key: string) => `/institutions/${key}/keys/rotate`;
export const compromisedPath = (key: string, number: number) => `/institutions/${key}/keys/${number}/compromised`;
export const didDocumentPath = (key: string) => `/institutions/${key}/did.json`;
export const jwksPath = (key: string) => `/institutions/${key}/jwks.json`;
export const managePath = (key: string) => `/institutions/${key}/manage`;

export function readKeyNotice(query: unknown): KeyNotice | undefined {
  const notice = (query as Record<string, unknown> | null)?.notice;
  return (KEY_NOTICES as readonly unknown[]).includes(notice) ? (notice as KeyNotice) : undefined;
}

/**
 * A key signs in the institution's own name, so only its admins hold it: not its registrars,
 * and not the secretariat, which manages the alliance but speaks for no member. The keys
 * service draws the same line; the pages check first to answer 403 before loading anything.
 */
export const canManageIssuerKeys = (actor: Actor | null, institutionId: number): boolean =>
  hasInstitutionRole(actor, institutionId, 'admin');

/**
 * The institution whose keys the viewer manages. Anonymous visitors are sent to sign in and back
 * to the keys page (null); an institution the viewer may not see is a 404; one they see but
 * do not administer, a 403.
 */
export async function loadKeyInstitution(
  request: FastifyRequest<KeyParams>,
  reply: FastifyReply,
): Promise<Institution | null> {
  if (redirectAnonymous(request, reply, keysPath(request.params.key))) return null;
  const institution = await loadVisibleInstitution(request, request.params.key);
  if (!canManageIssuerKeys(request.viewer?.actor ?? null, institution.id))
    throw forbidden('Only the institution’s admins manage its signing keys.');
  return institution;
}

/** Key numbers start at 1; anything else in the address names no key. */
export function requireKeyNumber(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw notFound('signing key');
  return Number(value);
}
