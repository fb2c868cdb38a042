import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { conflict, invalid, notFound } from '../../platform/errors/index.ts';
import { enqueueMail } from '../../platform/mail/index.ts';
import { findUserByEmail, getUserProfile } from '../identity/index.ts';
import { lockCourse, parseCourseInput, readDraftRoot, requireCourse, selectCourse, type LoadedCourse } from './core.ts';
import { crsTeamInvitation, crsTeamMember } from './schema.ts';
import {
  hashInvitationToken,
  isUuid,
  newTeamInvitationSchema,
  stateOfTeamInvitation,
  TEAM_INVITATION_LIFETIME_DAYS,
  type InvitationRow,
  type NewTeamInvitation,
  type TeamInvitationMailComposer,
  type TeamInvitationSummary,
} from './invitations-shared.ts';
import { actingUserId, auditCourse, requirePerson } from './team-shared.ts';

async function toSummaries(executor: Executor, rows: readonly InvitationRow[], now: Date) {
  const courses = new Map<number, { course: LoadedCourse; title: Record<string, string> }>();
  for (const courseId of new Set(rows.map((row) => row.courseId))) {
    const course = (await selectCourse(executor, { id: courseId }))!;
    courses.set(courseId, { course, title: (await readDraftRoot(executor, course)).metadata.title });
  }
  return rows.map((row): TeamInvitationSummary => {
    const { course, title } = courses.get(row.courseId)!;
    const owner = course.owners.find((entry) => entry.institutionId === row.institutionId);
    return {
      uuid: row.uuid,
      courseId: row.courseId,
      courseKey: course.key,
      courseTitle: title,
      email: row.email,
      role: row.role,
      institution: { id: row.institutionId, key: owner?.key ?? '', name: owner?.name ?? {} },
      invitedBy: row.invitedBy,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      acceptedAt: row.acceptedAt,
      revokedAt: row.revokedAt,
      state: stateOfTeamInvitation(row, now),
    };
  });
}

async function assertNotOnTeamOrInvited(tx: Executor, courseId: number, email: string, now: Date): Promise<void> {
  const user = await findUserByEmail(tx, email);
  if (user) {
    const member = await tx
      .select({ role: crsTeamMember.role })
      .from(crsTeamMember)
      .where(and(eq(crsTeamMember.courseId, courseId), eq(crsTeamMember.userId, user.id)));
    if (member.length > 0) throw conflict('team.already_member', `${email} is already on the team of this course.`);
  }
  const pending = await tx
    .select({ id: crsTeamInvitation.id })
    .from(crsTeamInvitation)
    .where(and(eq(crsTeamInvitation.courseId, courseId), eq(crsTeamInvitation.email, email), ...pendingAt(now)));
  if (pending.length > 0) {
    throw conflict(
      'team.invitation_pending',
      `${email} already has a pending invitation to this course; revoke it to send a new one.`,
    );
  }
}

function pendingAt(now: Date) {
  return [
    isNull(crsTeamInvitation.acceptedAt),
    isNull(crsTeamInvitation.revokedAt),
    gt(crsTeamInvitation.expiresAt, now),
  ];
}

/**
 * Invites someone by e-mail to teach for one of the owning institutions. Only the token's hash
 * is stored; the mail goes through the outbox in the same transaction when a composer is given
 * (without one, the invitee still finds it in their studio). Errors: not_found, forbidden,
 * invalid, conflict 'team.already_member', 'team.invitation_pending'.
 */
export async function inviteToTeam(
  ctx: ServiceContext,
  courseKey: string,
  input: NewTeamInvitation,
  compose?: TeamInvitationMailComposer,
): Promise<{ token: string; invitation: TeamInvitationSummary }> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const data = parseCourseInput(newTeamInvitationSchema, input, 'team_invitation.invalid');
  const owner = course.owners.find((entry) => entry.institutionId === data.institutionId);
  if (!owner) {
    const message = 'must be one of the institutions owning the course';
    throw invalid('team_invitation.invalid', `institutionId: ${message}`, {
      fields: [{ field: 'institutionId', message }],
    });
  }
  const now = ctx.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TEAM_INVITATION_LIFETIME_DAYS * 86_400_000);
  return ctx.db.transaction(async (tx) => {
    await lockCourse(tx, course.id);
    await assertNotOnTeamOrInvited(tx, course.id, data.email, now);
    const [row] = await tx
      .insert(crsTeamInvitation)
      .values({
        courseId: course.id,
        email: data.email,
        role: data.role,
        institutionId: data.institutionId,
        tokenHash: hashInvitationToken(token),
        invitedBy: actingUserId(ctx),
        createdAt: now,
        expiresAt,
      })
      .returning();
    const [invitation] = await toSummaries(tx, [row!], now);
    if (compose) {
      const mail = compose({
        token,
        email: data.email,
        role: data.role,
        course: { key: course.key, title: invitation!.courseTitle },
        institution: { key: owner.key, name: owner.name },
        expiresAt,
      });
      await enqueueMail(tx, { to: data.email, kind: 'course-team-invitation', ...mail });
    }
    await auditCourse(tx, ctx, course, {
      action: 'course.team_invitation_created',
      objectType: 'course_team_invitation',
      objectId: row!.uuid,
      after: {
        email: data.email,
        role: data.role,
        institutionId: data.institutionId,
        expiresAt: expiresAt.toISOString(),
      },
      at: now,
    });
    return { token, invitation: invitation! };
  });
}

/** Invitations neither accepted nor revoked, newest first (expired ones too, to be tidied). */
export async function listTeamInvitations(ctx: ServiceContext, courseKey: string): Promise<TeamInvitationSummary[]> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  const rows = await ctx.db
    .select()
    .from(crsTeamInvitation)
    .where(
      and(
        eq(crsTeamInvitation.courseId, course.id),
        isNull(crsTeamInvitation.acceptedAt),
        isNull(crsTeamInvitation.revokedAt),
      ),
    )
    .orderBy(desc(crsTeamInvitation.id));
  return toSummaries(ctx.db, rows, ctx.clock.now());
}

/** Errors: not_found (unknown, already used or revoked, or another course's), forbidden. */
export async function revokeTeamInvitation(
  ctx: ServiceContext,
  courseKey: string,
  invitationUuid: string,
): Promise<void> {
  const { course } = await requireCourse(ctx, { key: courseKey }, 'manage_team');
  if (!isUuid(invitationUuid)) throw notFound('invitation');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(crsTeamInvitation)
      .set({ revokedAt: now })
      .where(
        and(
          eq(crsTeamInvitation.uuid, invitationUuid),
          eq(crsTeamInvitation.courseId, course.id),
          isNull(crsTeamInvitation.acceptedAt),
          isNull(crsTeamInvitation.revokedAt),
        ),
      )
      .returning();
    if (!row) throw notFound('invitation');
    await auditCourse(tx, ctx, course, {
      action: 'course.team_invitation_revoked',
      objectType: 'course_team_invitation',
      objectId: invitationUuid,
      before: { email: row.email, role: row.role, institutionId: row.institutionId },
      at: now,
    });
  });
}

/** Pending invitations addressed to the signed-in person's e-mail, newest first. */
export async function listMyTeamInvitations(ctx: ServiceContext): Promise<TeamInvitationSummary[]> {
  const actor = requirePerson(ctx);
  const profile = await getUserProfile(ctx.db, actor.userId);
  if (!profile) return [];
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select()
    .from(crsTeamInvitation)
    .where(and(eq(crsTeamInvitation.email, profile.email.toLowerCase()), ...pendingAt(now)))
    .orderBy(desc(crsTeamInvitation.id));
  return toSummaries(ctx.db, rows, now);
}

/** What the invitation page shows before someone accepts; null for a token that never existed. */
export async function getTeamInvitationByToken(
  executor: Executor,
  token: string,
  now: Date,
): Promise<TeamInvitationSummary | null> {
  const [row] = await executor
    .select()
    .from(crsTeamInvitation)
    .where(eq(crsTeamInvitation.tokenHash, hashInvitationToken(token)));
  return row ? ((await toSummaries(executor, [row], now))[0] ?? null) : null;
}
