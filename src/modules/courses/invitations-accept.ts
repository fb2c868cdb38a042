import { and, eq, isNull } from 'drizzle-orm';
import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { localize } from '../institutions/index.ts';
import { forgetTeamRoles, lockCourse, selectCourse, selectTeamRole } from './core.ts';
import { hashInvitationToken, isUuid, stateOfTeamInvitation, type InvitationRow } from './invitations-shared.ts';
import type { TeamRole } from './model.ts';
import { canJoinTeamFor } from './policies.ts';
import { crsTeamInvitation, crsTeamMember } from './schema.ts';
import { auditCourse, requirePerson } from './team-shared.ts';

/** Finds an invitation by its uuid (studio) or its token (mail link), locked for the decision. */
async function selectInvitationForUpdate(tx: Executor, uuidOrToken: string): Promise<InvitationRow | null> {
  const condition = isUuid(uuidOrToken)
    ? eq(crsTeamInvitation.uuid, uuidOrToken)
    : eq(crsTeamInvitation.tokenHash, hashInvitationToken(uuidOrToken));
  const [row] = await tx.select().from(crsTeamInvitation).where(condition).for('update');
  return row ?? null;
}

function assertPending(row: InvitationRow, now: Date): void {
  const state = stateOfTeamInvitation(row, now);
  if (state !== 'pending') throw conflict(`team_invitation.${state}`, `This invitation is ${state}.`);
}

/** Only the person the invitation was addressed to may answer it. */
async function assertAddressedTo(tx: Executor, actor: Actor, row: InvitationRow): Promise<void> {
  const profile = await getUserProfile(tx, actor.userId);
  if (!profile || profile.email.toLowerCase() !== row.email.toLowerCase()) {
    throw forbidden(
      'This invitation was sent to another e-mail address; sign in with the account for that address to accept it.',
    );
  }
}

/**
 * The invited person joins the team with the invited role, teaching for the chosen owning
 * institution. They must be signed in with the invited address and be an instructor or admin of
 * that institution. Errors: unauthenticated, not_found, forbidden (another address, no teaching
 * role there), conflict (accepted, revoked, expired, institution no longer an owner, already on
 * the team).
 */
export async function acceptTeamInvitation(
  ctx: ServiceContext,
  uuidOrToken: string,
): Promise<{ courseKey: string; role: TeamRole }> {
  const actor = requirePerson(ctx);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await selectInvitationForUpdate(tx, uuidOrToken);
    if (!row) throw notFound('invitation');
    assertPending(row, now);
    await assertAddressedTo(tx, actor, row);
    const course = (await selectCourse(tx, { id: row.courseId }))!;
    const owner = course.owners.find((entry) => entry.institutionId === row.institutionId);
    if (!owner) {
      throw conflict(
        'team_invitation.institution_not_owner',
        'The institution this invitation was made for no longer owns the course; ask for a new invitation.',
      );
    }
    if (!canJoinTeamFor(actor, row.institutionId)) {
      const name = localize(owner.name, 'en');
      throw forbidden(
        `Only instructors and admins of ${name} may join this course team for it. Ask an admin of ${name} to give your account the instructor role, then accept again.`,
      );
    }
    await lockCourse(tx, course.id);
    if (await selectTeamRole(tx, course.id, actor.userId)) {
      throw conflict('team.already_member', 'You are already on the team of this course.');
    }
    await tx
      .update(crsTeamInvitation)
      .set({ acceptedAt: now, acceptedBy: actor.userId })
      .where(and(eq(crsTeamInvitation.id, row.id), isNull(crsTeamInvitation.acceptedAt)));
    await tx.insert(crsTeamMember).values({
      courseId: course.id,
      userId: actor.userId,
      institutionId: row.institutionId,
      role: row.role,
      addedAt: now,
      addedBy: row.invitedBy,
    });
    forgetTeamRoles(course.id);
    await auditCourse(tx, ctx, course, {
      action: 'course.team_member_added',
      objectType: 'course_team_member',
      objectId: `${course.id}:${actor.userId}`,
      after: { userId: actor.userId, role: row.role, institutionId: row.institutionId, invitation: row.uuid },
      at: now,
    });
    return { courseKey: course.key, role: row.role };
  });
}

/** The invited person says no. Errors: unauthenticated, not_found (unknown or addressed to someone else), conflict. */
export async function declineTeamInvitation(ctx: ServiceContext, invitationUuid: string): Promise<void> {
  const actor = requirePerson(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = isUuid(invitationUuid) ? await selectInvitationForUpdate(tx, invitationUuid) : null;
    if (!row) throw notFound('invitation');
    const profile = await getUserProfile(tx, actor.userId);
    if (!profile || profile.email.toLowerCase() !== row.email.toLowerCase()) throw notFound('invitation');
    assertPending(row, now);
    await tx.update(crsTeamInvitation).set({ revokedAt: now }).where(eq(crsTeamInvitation.id, row.id));
    const course = (await selectCourse(tx, { id: row.courseId }))!;
    await auditCourse(tx, ctx, course, {
      action: 'course.team_invitation_declined',
      objectType: 'course_team_invitation',
      objectId: row.uuid,
      before: { email: row.email, role: row.role, institutionId: row.institutionId },
      at: now,
    });
  });
}
