import { and, eq } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor, ServiceContext } from '../../platform/access/index.ts';
import { createHotPathCache, freezeDeep, scopeKeyOf } from '../../platform/cache/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError, notFound, unauthenticated } from '../../platform/errors/index.ts';
import { courseKeySchema, getCourseByKey, getRun, readCourseCapabilities, runCodeSchema } from '../courses/index.ts';
import { selectEnrollment } from '../enrollment/index.ts';
import type { ForumReader, ForumRole, MemberStanding } from './model.ts';
import { dscMember } from './schema.ts';
import { readStanding } from './statements.ts';

const NO_STANDING: MemberStanding = { communityTa: false, mutedUntil: null, bannedAt: null, sanctionReason: null };

export async function selectStanding(executor: Executor, runId: number, userId: string): Promise<MemberStanding> {
  const [row] = await executor
    .select({
      communityTa: dscMember.communityTa,
      mutedUntil: dscMember.mutedUntil,
      bannedAt: dscMember.bannedAt,
      sanctionReason: dscMember.sanctionReason,
    })
    .from(dscMember)
    .where(and(eq(dscMember.runId, runId), eq(dscMember.userId, userId)));
  return row ?? NO_STANDING;
}

/*
 * Every forum request reads the reader's standing, which staff change rarely, through
 * setMemberStanding only: answers ("none" included) are kept per run and person for the
 * hot-path TTL (ADR 0021), forgotten in this process when staff change them. Another process
 * may let a newly banned or muted learner post for up to the TTL, as with a suspended account.
 */
const STANDING_SETTLE_MS = 2_000;
const standings = createHotPathCache<{ runId: number; userId: string; standing: MemberStanding | null }>({
  maxEntries: 50_000,
  settleMs: STANDING_SETTLE_MS,
});

async function readCachedStanding(executor: Executor, runId: number, userId: string): Promise<MemberStanding | null> {
  if (executor instanceof PgTransaction) return readStanding(executor, runId, userId);
  const entry = await standings.getOrLoad(`${scopeKeyOf(executor)}|${runId}|${userId}`, async () =>
    freezeDeep({ runId, userId, standing: await readStanding(executor, runId, userId) }),
  );
  return entry.standing;
}

/** Called by the one writer of standings, inside its transaction (the settling covers the commit). */
export function forgetStanding(runId: number, userId: string): void {
  standings.invalidate((entry) => entry.runId === runId && entry.userId === userId);
}

/** One answer for everyone who may not read a forum: it does not exist for them. */
export function forumNotFound(): DomainError {
  return notFound('forum');
}

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor || ctx.actor.via === 'system') throw unauthenticated();
  return ctx.actor;
}

/**
 * Who reads a run's forum and in which role: an active learner of the run (a community TA when
 * staff granted it), or the course's staff (the team but authors, and owner admins: those who
 * see its learners). Anyone else, learners of other runs included, is told the forum does not
 * exist. Errors: unauthenticated, not_found 'forum'.
 */
export async function requireForumReader(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<ForumReader> {
  const actor = requireActor(ctx);
  if (!courseKeySchema.safeParse(courseKey).success || !runCodeSchema.safeParse(runCode).success) {
    throw forumNotFound();
  }
  // Course and run come from the per-process caches every learner page uses (ADR 0021).
  const course = await getCourseByKey(ctx.db, courseKey);
  if (!course || course.latestReleaseId === null) throw forumNotFound();
  const run = await getRun(ctx.db, course.id, runCode);
  if (!run) throw forumNotFound();
  const [capabilities, enrollment, standing] = await Promise.all([
    readCourseCapabilities(ctx, course),
    selectEnrollment(ctx.db, run.id, actor.userId),
    readCachedStanding(ctx.db, run.id, actor.userId),
  ]);
  const staff = capabilities.has('view_learners');
  if (!staff && enrollment?.status !== 'active') throw forumNotFound();
  const current = standing ?? NO_STANDING;
  const role: ForumRole = staff ? 'staff' : current.communityTa ? 'community_ta' : 'learner';
  return { actor, course, run, role, standing: current, staffCapabilities: capabilities };
}

export function canModerate(reader: Pick<ForumReader, 'role'>): boolean {
  return reader.role === 'staff' || reader.role === 'community_ta';
}

/** Errors: forbidden 'forum.moderators_only'. */
export function requireModerator(reader: ForumReader): void {
  if (!canModerate(reader)) {
    throw new DomainError('forbidden', 'forum.moderators_only', 'Only course staff and community TAs may do this.');
  }
}

/** Errors: forbidden 'forum.staff_only'. */
export function requireStaff(reader: ForumReader): void {
  if (reader.role !== 'staff') {
    throw new DomainError('forbidden', 'forum.staff_only', 'Only course staff may do this.');
  }
}

/**
 * Whether the reader may write now: a banned participant never does, a muted one until the
 * mute ends. Staff are never muted. Errors: forbidden 'forum.banned', 'forum.muted'.
 */
export function requirePoster(reader: ForumReader, now: Date): void {
  if (reader.role === 'staff') return;
  const { bannedAt, mutedUntil } = reader.standing;
  if (bannedAt) {
    throw new DomainError('forbidden', 'forum.banned', 'You have been removed from posting in this forum.');
  }
  if (mutedUntil && mutedUntil.getTime() > now.getTime()) {
    throw new DomainError('forbidden', 'forum.muted', 'You cannot post in this forum until your mute ends.', {
      until: mutedUntil.toISOString(),
    });
  }
}
