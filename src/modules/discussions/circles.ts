import { and, asc, eq, isNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError, notFound } from '../../platform/errors/index.ts';
import { getUserProfile, listUserProfiles } from '../identity/index.ts';
import { requireForumReader, requireStaff } from './access.ts';
import {
  CIRCLE_MAX_SIZE,
  countDistinctCountries,
  matchStudyCircles,
  normaliseLanguage,
  type CircleCandidate,
  type ExistingCircle,
} from './circle-matching.ts';
import { languageTagSchema, parseForumInput } from './inputs.ts';
import type { ForumReader } from './model.ts';
import { notifyUser } from './notify.ts';
import { dscCircle, dscCircleMember } from './schema.ts';

type MemberRow = typeof dscCircleMember.$inferSelect;

export type CircleMember = { userId: string; name: string; country: string | null; languages: string[] };
export type StudyCircle = { id: number; number: number; language: string; countries: number; members: CircleMember[] };

const joinSchema = z
  .object({
    languages: z
      .array(languageTagSchema)
      .min(1, 'choose at least one language you can discuss in')
      .max(6, 'choose at most 6 languages'),
  })
  .strict();

function toCandidate(row: MemberRow): CircleCandidate {
  return { userId: row.userId, country: row.country, languages: row.languages, optedAt: row.optedAt };
}

/** Serialises matching per run: two joins at once must not both fill the last place of a circle. */
async function lockRunCircles(tx: Executor, runId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dsc_circles:${runId}`}))`);
}

/**
 * Seats waiting learners: open places in existing circles first, then new circles (see
 * matchStudyCircles). Everyone seated is told. Returns how many were seated.
 */
async function matchWaiting(tx: Executor, runId: number, actorId: string | null, now: Date): Promise<number> {
  const rows = await tx.select().from(dscCircleMember).where(eq(dscCircleMember.runId, runId));
  const waiting = rows.filter((row) => row.circleId === null).map(toCandidate);
  if (waiting.length === 0) return 0;
  const circles = await tx.select().from(dscCircle).where(eq(dscCircle.runId, runId)).orderBy(asc(dscCircle.id));
  const existingCircles: ExistingCircle[] = circles
    .map((circle) => ({
      circleId: circle.id,
      language: circle.language,
      members: rows.filter((row) => row.circleId === circle.id).map(toCandidate),
    }))
    .filter((circle) => circle.members.length < CIRCLE_MAX_SIZE);
  const result = matchStudyCircles(waiting, { existingCircles });
  const seats: { circleId: number; userIds: string[] }[] = [...result.assignments];
  if (result.newCircles.length > 0) {
    const [top] = await tx
      .select({ number: max(dscCircle.number) })
      .from(dscCircle)
      .where(eq(dscCircle.runId, runId));
    let number = top?.number ?? 0;
    for (const circle of result.newCircles) {
      number += 1;
      const [row] = await tx
        .insert(dscCircle)
        .values({ runId, number, language: circle.language, createdAt: now })
        .returning({ id: dscCircle.id });
      seats.push({ circleId: row!.id, userIds: circle.userIds });
    }
  }
  let seated = 0;
  for (const seat of seats) {
    for (const userId of seat.userIds) {
      await tx
        .update(dscCircleMember)
        .set({ circleId: seat.circleId, matchedAt: now })
        .where(and(eq(dscCircleMember.runId, runId), eq(dscCircleMember.userId, userId)));
      await notifyUser(tx, userId, {
        kind: 'circle',
        runId,
        threadId: null,
        postId: null,
        actorId,
        detail: String(seat.circleId),
        at: now,
      });
      seated += 1;
    }
  }
  return seated;
}

/**
 * A learner opts in to study circles with the languages they can discuss in (most preferred
 * first); their profile country is used for the mix. They are matched at once when a circle
 * can take them, or wait for more learners. Joining again updates the languages of someone
 * still waiting. Errors: unauthenticated, not_found 'forum', invalid 'forum.invalid',
 * forbidden 'forum.learners_only' / 'forum.banned'.
 */
export async function joinStudyCircle(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  input: unknown,
): Promise<{ circleId: number | null }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  if (reader.role === 'staff') {
    throw new DomainError('forbidden', 'forum.learners_only', 'Study circles are for the learners of the run.');
  }
  if (reader.standing.bannedAt) {
    throw new DomainError('forbidden', 'forum.banned', 'You have been removed from posting in this forum.');
  }
  const { languages } = parseForumInput(joinSchema, input, 'forum.invalid');
  const userId = reader.actor.userId;
  const profile = await getUserProfile(ctx.db, userId);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockRunCircles(tx, reader.run.id);
    await tx
      .insert(dscCircleMember)
      .values({
        runId: reader.run.id,
        userId,
        languages: [...new Set(languages)],
        country: profile?.country ?? null,
        optedAt: now,
      })
      .onConflictDoUpdate({
        target: [dscCircleMember.runId, dscCircleMember.userId],
        set: { languages: [...new Set(languages)], country: profile?.country ?? null },
        setWhere: isNull(dscCircleMember.circleId),
      });
    await matchWaiting(tx, reader.run.id, null, now);
    const [row] = await tx
      .select({ circleId: dscCircleMember.circleId })
      .from(dscCircleMember)
      .where(and(eq(dscCircleMember.runId, reader.run.id), eq(dscCircleMember.userId, userId)));
    return { circleId: row?.circleId ?? null };
  });
}

/** A learner leaves study circles (their circle keeps its threads). Errors: unauthenticated, not_found. */
export async function leaveStudyCircle(ctx: ServiceContext, courseKey: string, runCode: string): Promise<void> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  await ctx.db
    .delete(dscCircleMember)
    .where(and(eq(dscCircleMember.runId, reader.run.id), eq(dscCircleMember.userId, reader.actor.userId)));
}

async function describeCircles(executor: Executor, runId: number, circleId?: number): Promise<StudyCircle[]> {
  const circles = await executor
    .select()
    .from(dscCircle)
    .where(
      circleId === undefined ? eq(dscCircle.runId, runId) : and(eq(dscCircle.runId, runId), eq(dscCircle.id, circleId)),
    )
    .orderBy(asc(dscCircle.number));
  const members = await executor
    .select()
    .from(dscCircleMember)
    .where(eq(dscCircleMember.runId, runId))
    .orderBy(asc(dscCircleMember.optedAt));
  const seated = members.filter((row) => row.circleId !== null && circles.some((circle) => circle.id === row.circleId));
  const profiles = new Map(
    (
      await listUserProfiles(
        executor,
        seated.map((row) => row.userId),
      )
    ).map((p) => [p.id, p]),
  );
  return circles.map((circle) => {
    const inCircle = seated
      .filter((row) => row.circleId === circle.id)
      .map((row) => ({
        userId: row.userId,
        name: profiles.get(row.userId)?.name ?? '—',
        country: row.country,
        languages: row.languages,
      }));
    return {
      id: circle.id,
      number: circle.number,
      language: circle.language,
      countries: countDistinctCountries(inCircle),
      members: inCircle,
    };
  });
}

export type MyCircleView = {
  reader: ForumReader;
  optedIn: boolean;
  languages: string[];
  circle: StudyCircle | null;
  waiting: number;
};

/** The reader's study circle, or whether they wait for one. Errors: unauthenticated, not_found 'forum'. */
export async function getMyStudyCircle(ctx: ServiceContext, courseKey: string, runCode: string): Promise<MyCircleView> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const rows = await ctx.db.select().from(dscCircleMember).where(eq(dscCircleMember.runId, reader.run.id));
  const mine = rows.find((row) => row.userId === reader.actor.userId);
  const waiting = rows.filter((row) => row.circleId === null).length;
  const circle = mine?.circleId ? ((await describeCircles(ctx.db, reader.run.id, mine.circleId))[0] ?? null) : null;
  return { reader, optedIn: !!mine, languages: mine?.languages ?? [], circle, waiting };
}

/** Every circle of a run and who waits, for staff. Errors: unauthenticated, not_found, forbidden 'forum.staff_only'. */
export async function listStudyCircles(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<{ reader: ForumReader; circles: StudyCircle[]; waiting: CircleMember[] }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireStaff(reader);
  const circles = await describeCircles(ctx.db, reader.run.id);
  const waitingRows = await ctx.db
    .select()
    .from(dscCircleMember)
    .where(and(eq(dscCircleMember.runId, reader.run.id), isNull(dscCircleMember.circleId)))
    .orderBy(asc(dscCircleMember.optedAt));
  const names = new Map(
    (
      await listUserProfiles(
        ctx.db,
        waitingRows.map((row) => row.userId),
      )
    ).map((p) => [p.id, p.name]),
  );
  const waiting = waitingRows.map((row) => ({
    userId: row.userId,
    name: names.get(row.userId) ?? '—',
    country: row.country,
    languages: row.languages,
  }));
  return { reader, circles, waiting };
}

const moveSchema = z
  .object({ userId: z.uuid('must be a person’s id'), circleId: z.coerce.number().int().positive().nullable() })
  .strict();

/**
 * Staff move a learner to another circle (or back to waiting, with null). The circle must have
 * room and the learner must speak its language, so every circle keeps a shared language.
 * Audited. Errors: unauthenticated, not_found (forum, learner, circle), forbidden
 * 'forum.staff_only', invalid 'forum.invalid' / 'forum.circle_full' / 'forum.circle_language'.
 */
export async function moveCircleMember(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  input: unknown,
): Promise<{ userId: string; circleId: number | null }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireStaff(reader);
  const { userId, circleId } = parseForumInput(moveSchema, input, 'forum.invalid');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await lockRunCircles(tx, reader.run.id);
    const [member] = await tx
      .select()
      .from(dscCircleMember)
      .where(and(eq(dscCircleMember.runId, reader.run.id), eq(dscCircleMember.userId, userId)));
    if (!member) throw notFound('learner');
    if (circleId !== null) {
      const [circle] = await tx
        .select()
        .from(dscCircle)
        .where(and(eq(dscCircle.id, circleId), eq(dscCircle.runId, reader.run.id)));
      if (!circle) throw notFound('circle');
      if (!member.languages.some((language) => normaliseLanguage(language) === circle.language)) {
        throw new DomainError('invalid', 'forum.circle_language', 'This learner does not speak the circle’s language.');
      }
      const [{ size } = { size: 0 }] = await tx
        .select({ size: sql<number>`count(*)::int` })
        .from(dscCircleMember)
        .where(eq(dscCircleMember.circleId, circleId));
      if (size >= CIRCLE_MAX_SIZE && member.circleId !== circleId) {
        throw new DomainError('invalid', 'forum.circle_full', `A circle has at most ${CIRCLE_MAX_SIZE} members.`);
      }
    }
    await tx
      .update(dscCircleMember)
      .set({ circleId, matchedAt: circleId === null ? null : now })
      .where(and(eq(dscCircleMember.runId, reader.run.id), eq(dscCircleMember.userId, userId)));
    await recordAudit(tx, {
      actorId: reader.actor.userId,
      action: 'forum.circle_member_moved',
      objectType: 'forum_member',
      objectId: `${reader.run.id}:${userId}`,
      before: { circleId: member.circleId },
      after: { circleId },
      at: now,
    });
    return { userId, circleId };
  });
}

/** Staff run the matching for everyone waiting (it also runs at every join). Errors: as listStudyCircles. */
export async function formStudyCircles(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<{ seated: number }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireStaff(reader);
  const now = ctx.clock.now();
  const seated = await ctx.db.transaction(async (tx) => {
    await lockRunCircles(tx, reader.run.id);
    return matchWaiting(tx, reader.run.id, reader.actor.userId, now);
  });
  return { seated };
}
