/** Reading issued credentials, deciding who may see them, sharing and revoking them. */
import { and, desc, eq } from 'drizzle-orm';
import { hasInstitutionRole, type Actor, type ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, forbidden, invalid, notFound, unauthenticated } from '../../platform/errors/index.ts';
import { getInstitutionById } from '../institutions/index.ts';
import { buildIssuerDid, loadIssuerSigner } from './issuer-keys.ts';
import type { CREDENTIAL_KINDS } from './schema.ts';
import { credCredential } from './schema.ts';
import { setStatusBit } from './status-store.ts';

export type CredentialSummary = {
  uuid: string;
  kind: (typeof CREDENTIAL_KINDS)[number];
  title: string;
  language: string;
  userId: string;
  institutionId: number;
  runId: number | null;
  courseId: number | null;
  programId: number | null;
  issuedAt: Date;
  public: boolean;
  revokedAt: Date | null;
  revokedReason: string | null;
};

export type StoredCredential = CredentialSummary & { document: Record<string, unknown>; jwt: string };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const summaryColumns = {
  uuid: credCredential.uuid,
  kind: credCredential.kind,
  title: credCredential.title,
  language: credCredential.language,
  userId: credCredential.userId,
  institutionId: credCredential.institutionId,
  runId: credCredential.runId,
  courseId: credCredential.courseId,
  programId: credCredential.programId,
  issuedAt: credCredential.issuedAt,
  public: credCredential.public,
  revokedAt: credCredential.revokedAt,
  revokedReason: credCredential.revokedReason,
};

/** The signed-in learner's credentials, newest first. */
export async function listMyCredentials(ctx: ServiceContext): Promise<CredentialSummary[]> {
  if (!ctx.actor) throw unauthenticated();
  return ctx.db
    .select(summaryColumns)
    .from(credCredential)
    .where(eq(credCredential.userId, ctx.actor.userId))
    .orderBy(desc(credCredential.issuedAt));
}

/** Every credential of one learner, for exports and programs (no access check: callers decide). */
export async function listCredentialsOfUser(executor: Executor, userId: string): Promise<StoredCredential[]> {
  return executor
    .select({ ...summaryColumns, document: credCredential.document, jwt: credCredential.jwt })
    .from(credCredential)
    .where(eq(credCredential.userId, userId))
    .orderBy(desc(credCredential.issuedAt));
}

export async function findCredential(executor: Executor, uuid: string): Promise<StoredCredential | null> {
  if (!UUID_PATTERN.test(uuid)) return null;
  const [row] = await executor
    .select({ ...summaryColumns, document: credCredential.document, jwt: credCredential.jwt })
    .from(credCredential)
    .where(eq(credCredential.uuid, uuid.toLowerCase()));
  return row ?? null;
}

/** Staff of the awarding institution who may revoke: its admins and registrars. */
export function canRevokeCredential(actor: Actor | null, institutionId: number): boolean {
  return hasInstitutionRole(actor, institutionId, 'admin') || hasInstitutionRole(actor, institutionId, 'registrar');
}

/** The learner, the awarding institution's admins and registrars, or anyone when it is public. */
export function canViewCredential(actor: Actor | null, credential: CredentialSummary): boolean {
  if (credential.public) return true;
  if (!actor) return false;
  return actor.userId === credential.userId || canRevokeCredential(actor, credential.institutionId);
}

/** One credential for someone allowed to see it; not_found otherwise, so existence does not leak. */
export async function getCredential(ctx: ServiceContext, uuid: string): Promise<StoredCredential> {
  const credential = await findCredential(ctx.db, uuid);
  if (!credential || !canViewCredential(ctx.actor, credential)) throw notFound('credential');
  return credential;
}

/** The learner makes their credential public (anyone with the link sees it) or private again. */
export async function setCredentialVisibility(
  ctx: ServiceContext,
  uuid: string,
  visible: boolean,
): Promise<CredentialSummary> {
  if (!ctx.actor) throw unauthenticated();
  const credential = await findCredential(ctx.db, uuid);
  if (!credential || !canViewCredential(ctx.actor, credential)) throw notFound('credential');
  if (credential.userId !== ctx.actor.userId) throw forbidden('Only the learner decides who sees a credential.');
  const [row] = await ctx.db
    .update(credCredential)
    .set({ public: visible })
    .where(and(eq(credCredential.uuid, credential.uuid), eq(credCredential.userId, ctx.actor.userId)))
    .returning(summaryColumns);
  if (!row) throw notFound('credential');
  return row;
}

/**
 * Revokes a credential for good: the bit in its status list is set and the list re-signed in
 * the same transaction, with an audit record. Revoking twice is a conflict.
 */
export async function revokeCredential(
  ctx: ServiceContext,
  uuid: string,
  reasonInput: string,
): Promise<CredentialSummary> {
  if (!ctx.actor) throw unauthenticated();
  const actor = ctx.actor;
  const found = await findCredential(ctx.db, uuid);
  if (!found) throw notFound('credential');
  if (!canRevokeCredential(actor, found.institutionId)) {
    if (canViewCredential(actor, found)) {
      throw forbidden('Only the awarding institution’s admins and registrars revoke its credentials.');
    }
    throw notFound('credential');
  }
  const reason = reasonInput.trim();
  if (reason.length < 3 || reason.length > 500) {
    throw invalid('credentials.revoke.reason', 'Give the reason for revoking in 3 to 500 characters.');
  }
  const now = ctx.clock.now();
  const institution = await getInstitutionById(ctx.db, found.institutionId);
  if (!institution) throw notFound('institution');
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({
        revokedAt: credCredential.revokedAt,
        statusListId: credCredential.statusListId,
        statusIndex: credCredential.statusIndex,
      })
      .from(credCredential)
      .where(eq(credCredential.uuid, found.uuid))
      .for('update');
    if (!locked) throw notFound('credential');
    if (locked.revokedAt) throw conflict('credentials.already_revoked', 'This credential is already revoked.');
    const signer = await loadIssuerSigner(tx, institution, now);
    await setStatusBit(tx, {
      listId: locked.statusListId,
      index: locked.statusIndex,
      value: true,
      issuerDid: buildIssuerDid(institution.key),
      signer,
      at: now,
    });
    const [row] = await tx
      .update(credCredential)
      .set({ revokedAt: now, revokedReason: reason, revokedBy: actor.userId })
      .where(eq(credCredential.uuid, found.uuid))
      .returning(summaryColumns);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'credentials.revoked',
      objectType: 'credential',
      objectId: found.uuid,
      institutionId: found.institutionId,
      before: { revokedAt: null },
      after: { revokedAt: now.toISOString(), reason },
      at: now,
    });
    if (!row) throw notFound('credential');
    return row;
  });
}
