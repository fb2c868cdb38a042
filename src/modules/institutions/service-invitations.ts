import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError, forbidden, notFound, unauthenticated } from '../../platform/errors/index.ts';
import { enqueueMail } from '../../platform/mail/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { canManageInstitution, isSignedInPerson } from './policies.ts';
import { selectInstitutionById } from './queries.ts';
import { insInstitution, insInvitation, type LocalizedText } from './schema.ts';
import { forgetActorMemberships } from './memberships.ts';
import { insertMembership } from './service-people.ts';
import type { Institution, InstitutionRole, InvitationPreview, InvitationState, InvitationSummary } from './types.ts';
import { invitationSchema, parseInput, type NewInvitation } from './validation.ts';

export const INVITATION_LIFETIME_DAYS = 14;

/**
 * Writes the invitation e-mail; supplied by the web layer, which owns translations and knows the
 * public address where the token is accepted.
 */
export type InvitationMailComposer = (input: {
  token: string;
  email: string;
  role: InstitutionRole;
  institution: { key: string; name: LocalizedText; shortName: string };
  expiresAt: Date;
}) => { subject: string; text: string; locale: string };

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toSummary(row: typeof insInvitation.$inferSelect): InvitationSummary {
  return {
    uuid: row.uuid,
    institutionId: row.institutionId,
    email: row.email,
    role: row.role,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
  };
}

export function stateOfInvitation(invitation: InvitationSummary, now: Date): InvitationState {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

async function requireInstitution(executor: Executor, institutionId: number): Promise<Institution> {
  const institution = await selectInstitutionById(executor, institutionId);
  if (!institution) throw notFound('institution');
  return institution;
}

/**
 * Invites someone by e-mail to a role; only the token's hash is stored, and the mail goes out
 * through the outbox in the same transaction. Returns the token so that callers other than the
 * web (CLI, tests) can hand it over. Errors: forbidden, not_found, invalid.
 */
export async function inviteMember(
  ctx: ServiceContext,
  institutionId: number,
  input: NewInvitation,
  composeMail: InvitationMailComposer,
): Promise<{ invitation: InvitationSummary; token: string }> {
  if (!canManageInstitution(ctx.actor, institutionId)) throw forbidden();
  const data = parseInput(invitationSchema, input, 'invitation.invalid');
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    const institution = await requireInstitution(tx, institutionId);
    const invitedBy = isSignedInPerson(ctx.actor) ? ctx.actor.userId : null;
    const [row] = await tx
      .insert(insInvitation)
      .values({
        institutionId,
        email: data.email,
        role: data.role,
        tokenHash: hashToken(token),
        invitedBy,
        createdAt: now,
        expiresAt,
      })
      .returning();
    const mail = composeMail({ token, email: data.email, role: data.role, institution, expiresAt });
    await enqueueMail(tx, { to: data.email, kind: 'institution-invitation', ...mail });
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'institution.invitation_created',
      objectType: 'invitation',
      objectId: row!.uuid,
      institutionId,
      after: { email: data.email, role: data.role, expiresAt: expiresAt.toISOString() },
      at: now,
    });
    return { invitation: toSummary(row!), token };
  });
}

/** Invitations neither accepted nor revoked, newest first (expired ones included, to be tidied). */
export async function listInvitations(ctx: ServiceContext, institutionId: number): Promise<InvitationSummary[]> {
  if (!canManageInstitution(ctx.actor, institutionId)) throw forbidden();
  const rows = await ctx.db
    .select()
    .from(insInvitation)
    .where(
      and(
        eq(insInvitation.institutionId, institutionId),
        isNull(insInvitation.acceptedAt),
        isNull(insInvitation.revokedAt),
      ),
    )
    .orderBy(desc(insInvitation.id));
  return rows.map(toSummary);
}

/** Errors: forbidden, not_found (unknown, already used or revoked, or another institution's). */
export async function revokeInvitation(ctx: ServiceContext, institutionId: number, uuid: string): Promise<void> {
  if (!canManageInstitution(ctx.actor, institutionId)) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(insInvitation)
      .set({ revokedAt: now })
      .where(
        and(
          eq(insInvitation.uuid, uuid),
          eq(insInvitation.institutionId, institutionId),
          isNull(insInvitation.acceptedAt),
          isNull(insInvitation.revokedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('invitation');
    await recordAudit(tx, {
      actorId: ctx.actor!.userId,
      action: 'institution.invitation_revoked',
      objectType: 'invitation',
      objectId: uuid,
      institutionId,
      before: { email: row.email, role: row.role },
      at: now,
    });
  });
}

/** What the invitation page shows; null for a token that never existed. */
export async function getInvitationByToken(
  executor: Executor,
  token: string,
  now: Date,
): Promise<InvitationPreview | null> {
  const [row] = await executor
    .select({ invitation: insInvitation, institution: insInstitution })
    .from(insInvitation)
    .innerJoin(insInstitution, eq(insInstitution.id, insInvitation.institutionId))
    .where(eq(insInvitation.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return null;
  const invitation = toSummary(row.invitation);
  const { id, key, name, shortName } = row.institution;
  return { invitation, state: stateOfInvitation(invitation, now), institution: { id, key, name, shortName } };
}

/**
 * The signed-in person invited accepts: the invitation must be pending and addressed to their
 * e-mail. Errors: unauthenticated, not_found, forbidden (another address), conflict (used, revoked, expired).
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  token: string,
): Promise<{ institutionKey: string; role: InstitutionRole }> {
  if (!isSignedInPerson(ctx.actor)) throw unauthenticated();
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const accepted = await ctx.db.transaction(async (tx) => {
    const preview = await getInvitationByToken(tx, token, now);
    if (!preview) throw notFound('invitation');
    if (preview.state !== 'pending') {
      throw new DomainError('conflict', `invitation.${preview.state}`, `This invitation is ${preview.state}.`);
    }
    const profile = await getUserProfile(tx, actor.userId);
    if (!profile) throw unauthenticated();
    if (profile.email.toLowerCase() !== preview.invitation.email.toLowerCase()) {
      throw forbidden('This invitation was sent to another e-mail address.');
    }
    const [claimed] = await tx
      .update(insInvitation)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(and(eq(insInvitation.uuid, preview.invitation.uuid), isNull(insInvitation.acceptedAt)))
      .returning({ uuid: insInvitation.uuid });
    if (!claimed) throw new DomainError('conflict', 'invitation.accepted', 'This invitation is accepted.');
    const membership = { institutionId: preview.institution.id, userId: actor.userId, role: preview.invitation.role };
    await insertMembership(tx, membership, now, actor.userId);
    return { institutionKey: preview.institution.key, role: preview.invitation.role };
  });
  forgetActorMemberships(actor.userId);
  return accepted;
}
