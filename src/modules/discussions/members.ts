import { and, desc, eq, gt, isNotNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { DomainError, notFound } from '../../platform/errors/index.ts';
import { selectEnrollment } from '../enrollment/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import { forgetStanding, requireForumReader, requireModerator, requireStaff, selectStanding } from './access.ts';
import { moderationReasonSchema, parseForumInput } from './inputs.ts';
import type { ForumReader, MemberStanding } from './model.ts';
import { notifyUser } from './notify.ts';
import { dscMember } from './schema.ts';

export const MAX_MUTE_HOURS = 24 * 90;

const standingSchema = z
  .object({
    userId: z.uuid('must be a person’s id'),
    communityTa: z.boolean().optional(),
    muteHours: z
      .number('must be a number of hours')
      .int()
      .min(0)
      .max(MAX_MUTE_HOURS, `must be at most ${MAX_MUTE_HOURS} hours`)
      .optional(),
    banned: z.boolean().optional(),
    reason: moderationReasonSchema,
  })
  .strict()
  .refine((value) => value.communityTa !== undefined || value.muteHours !== undefined || value.banned !== undefined, {
    message: 'say what to change: communityTa, muteHours or banned',
    path: ['input'],
  })
  .refine((value) => !(value.banned === true || (value.muteHours ?? 0) > 0) || !!value.reason, {
    message: 'say why, so the learner understands',
    path: ['reason'],
  });

export type StandingChange = z.input<typeof standingSchema>;

/**
 * Changes a learner's standing in a run's forum: staff grant or take back the community TA
 * role and ban or unban; moderators (community TAs too) mute for some hours (0 ends a mute).
 * Staff members themselves cannot be sanctioned here. The learner is told, and every change is
 * audited. Errors: unauthenticated, not_found (forum, learner), forbidden 'forum.staff_only' /
 * 'forum.moderators_only', invalid 'forum.invalid' / 'forum.self'.
 */
export async function setMemberStanding(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  input: unknown,
): Promise<MemberStanding & { userId: string }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireModerator(reader);
  const change = parseForumInput(standingSchema, input, 'forum.invalid');
  if (change.communityTa !== undefined || change.banned !== undefined) requireStaff(reader);
  if (change.userId === reader.actor.userId) {
    throw new DomainError('invalid', 'forum.self', 'You cannot change your own standing.');
  }
  const enrollment = await selectEnrollment(ctx.db, reader.run.id, change.userId);
  if (!enrollment) throw notFound('learner');
  const now = ctx.clock.now();
  const before = await selectStanding(ctx.db, reader.run.id, change.userId);
  if (before.communityTa && change.communityTa === undefined && reader.role !== 'staff') {
    throw new DomainError('forbidden', 'forum.staff_only', 'Only course staff may sanction a community TA.');
  }
  const next: MemberStanding = {
    communityTa: change.communityTa ?? before.communityTa,
    mutedUntil:
      change.muteHours === undefined
        ? before.mutedUntil
        : change.muteHours === 0
          ? null
          : new Date(now.getTime() + change.muteHours * 3_600_000),
    bannedAt: change.banned === undefined ? before.bannedAt : change.banned ? (before.bannedAt ?? now) : null,
    sanctionReason: change.reason ?? before.sanctionReason,
  };
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(dscMember)
      .values({ runId: reader.run.id, userId: change.userId, ...next, updatedAt: now, updatedBy: reader.actor.userId })
      .onConflictDoUpdate({
        target: [dscMember.runId, dscMember.userId],
        set: { ...next, updatedAt: now, updatedBy: reader.actor.userId },
      });
    forgetStanding(reader.run.id, change.userId);
    await notifyUser(tx, change.userId, {
      kind: 'moderation',
      runId: reader.run.id,
      threadId: null,
      postId: null,
      actorId: reader.actor.userId,
      detail: describeChange(change),
      at: now,
    });
    await recordAudit(tx, {
      actorId: reader.actor.userId,
      action: 'forum.member_standing_changed',
      objectType: 'forum_member',
      objectId: `${reader.run.id}:${change.userId}`,
      before: serialise(before),
      after: serialise(next),
      at: now,
    });
  });
  return { userId: change.userId, ...next };
}

function describeChange(change: StandingChange): string {
  if (change.banned === true) return 'banned';
  if (change.banned === false) return 'unbanned';
  if (change.muteHours !== undefined) return change.muteHours === 0 ? 'unmuted' : 'muted';
  return change.communityTa ? 'community_ta_granted' : 'community_ta_removed';
}

function serialise(standing: MemberStanding): Record<string, unknown> {
  return {
    communityTa: standing.communityTa,
    mutedUntil: standing.mutedUntil?.toISOString() ?? null,
    bannedAt: standing.bannedAt?.toISOString() ?? null,
    reason: standing.sanctionReason,
  };
}

export type ForumMember = MemberStanding & { userId: string; name: string; country: string | null };

/**
 * Everyone with a standing in a run's forum (community TAs, muted, banned), for moderators.
 * Errors: unauthenticated, not_found 'forum', forbidden 'forum.moderators_only'.
 */
export async function listForumMembers(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<{ reader: ForumReader; members: ForumMember[] }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireModerator(reader);
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select()
    .from(dscMember)
    .where(
      and(
        eq(dscMember.runId, reader.run.id),
        or(eq(dscMember.communityTa, true), isNotNull(dscMember.bannedAt), gt(dscMember.mutedUntil, now)),
      ),
    )
    .orderBy(desc(dscMember.updatedAt))
    .limit(500);
  const profiles = new Map(
    (
      await listUserProfiles(
        ctx.db,
        rows.map((row) => row.userId),
      )
    ).map((profile) => [profile.id, profile]),
  );
  const members = rows.map((row) => ({
    userId: row.userId,
    name: profiles.get(row.userId)?.name ?? '—',
    country: profiles.get(row.userId)?.country ?? null,
    communityTa: row.communityTa,
    mutedUntil: row.mutedUntil,
    bannedAt: row.bannedAt,
    sanctionReason: row.sanctionReason,
  }));
  return { reader, members };
}
