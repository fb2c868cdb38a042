/**
 * The learner record: every credential a learner holds, as one CLR 2.0 `ClrCredential` signed by
 * the platform (both proofs), or as plain JSON for people and scripts that want the facts.
 */
import { randomUUID } from 'node:crypto';
import type { ServiceContext } from '../../platform/access/index.ts';
import { unauthenticated } from '../../platform/errors/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { CLR_V2_CONTEXT, OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.ts';
import { listCredentialsOfUser } from './credentials-store.ts';
import { buildPlatformDid, loadPlatformSigner } from './issuer-keys.ts';
import { buildCredentialUrl, readCredentialSettings } from './settings.ts';
import { formatDateTime, isRecord } from './verification.ts';
import { issueCredential } from './verify-credential.ts';

export const PLATFORM_NAME = 'Orbis';

export type LearnerRecordFormat = 'clr' | 'json';

export type PlainLearnerRecord = {
  learner: { id: string; name: string };
  exportedAt: string;
  credentials: Array<{
    id: string;
    kind: 'course' | 'program';
    title: string;
    issuedAt: string;
    revoked: { at: string; reason: string | null } | null;
    url: string;
    credential: Record<string, unknown>;
    jwt: string;
  }>;
};

function readAchievement(document: Record<string, unknown>): Record<string, unknown> | null {
  const subject = document.credentialSubject;
  return isRecord(subject) && isRecord(subject.achievement) ? subject.achievement : null;
}

/** Everything the learner holds, newest first, revoked ones marked (plain JSON). */
export async function exportPlainLearnerRecord(ctx: ServiceContext): Promise<PlainLearnerRecord> {
  if (!ctx.actor) throw unauthenticated();
  const profile = await getUserProfile(ctx.db, ctx.actor.userId);
  if (!profile) throw unauthenticated();
  const baseUrl = readCredentialSettings().baseUrl;
  const credentials = await listCredentialsOfUser(ctx.db, profile.id);
  return {
    learner: { id: `urn:uuid:${profile.id}`, name: profile.name },
    exportedAt: ctx.clock.now().toISOString(),
    credentials: credentials.map((entry) => ({
      id: entry.uuid,
      kind: entry.kind,
      title: entry.title,
      issuedAt: entry.issuedAt.toISOString(),
      revoked: entry.revokedAt ? { at: entry.revokedAt.toISOString(), reason: entry.revokedReason } : null,
      url: buildCredentialUrl(baseUrl, entry.uuid),
      credential: entry.document,
      jwt: entry.jwt,
    })),
  };
}

export type SignedLearnerRecord = { credential: Record<string, unknown>; jwt: string };

/**
 * One ClrCredential over the learner's credentials that are not revoked, signed now by the
 * platform key: its `verifiableCredential` entries keep their own issuers' proofs.
 */
export async function exportClrLearnerRecord(ctx: ServiceContext): Promise<SignedLearnerRecord> {
  if (!ctx.actor) throw unauthenticated();
  const profile = await getUserProfile(ctx.db, ctx.actor.userId);
  if (!profile) throw unauthenticated();
  const now = ctx.clock.now();
  const held = (await listCredentialsOfUser(ctx.db, profile.id)).filter((entry) => entry.revokedAt === null);
  const achievements = held.flatMap((entry) => {
    const achievement = readAchievement(entry.document);
    return achievement ? [achievement] : [];
  });
  const unique = [...new Map(achievements.map((achievement) => [String(achievement.id), achievement])).values()];
  const clr: Record<string, unknown> = {
    '@context': [VC_V2_CONTEXT, CLR_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: { id: buildPlatformDid(), type: ['Profile'], name: PLATFORM_NAME, url: readCredentialSettings().baseUrl },
    name: `Learner record of ${profile.name}`,
    description: `Every credential ${profile.name} holds on ${PLATFORM_NAME}, each signed by the institution that awarded it.`,
    validFrom: formatDateTime(now),
    credentialSubject: {
      id: `urn:uuid:${profile.id}`,
      type: ['ClrSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: profile.name, identityType: 'name', hashed: false }],
      achievement: unique,
      verifiableCredential: held.map((entry) => entry.document),
    },
  };
  return ctx.db.transaction(async (tx) => {
    const signer = await loadPlatformSigner(tx, now);
    return issueCredential(clr, signer, now);
  });
}
