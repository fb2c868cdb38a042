import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { unauthenticated } from '../../platform/errors/index.ts';
import { getCourseById, getReleaseTree, getRunById } from '../courses/index.ts';
import { parseForumInput } from './inputs.ts';
import type { DigestFrequency, NotificationKind } from './model.ts';
import { DIGEST_FREQUENCIES, dscNotification, dscPreference, dscThread } from './schema.ts';
import { loadAuthorNames } from './store.ts';

export const NOTIFICATIONS_PAGE_SIZE = 30;

export type ForumNotification = {
  id: number;
  kind: NotificationKind;
  detail: string | null;
  actorName: string | null;
  courseKey: string;
  courseTitle: Readonly<Record<string, string>>;
  runCode: string;
  threadId: number | null;
  threadTitle: string | null;
  postId: number | null;
  createdAt: Date;
  read: boolean;
};

function requireUserId(ctx: ServiceContext): string {
  if (!ctx.actor || ctx.actor.via === 'system') throw unauthenticated();
  return ctx.actor.userId;
}

type RunLabel = { courseKey: string; courseTitle: Readonly<Record<string, string>>; runCode: string };

async function labelRuns(executor: Executor, runIds: Iterable<number>): Promise<Map<number, RunLabel>> {
  const labels = new Map<number, RunLabel>();
  for (const runId of new Set(runIds)) {
    const run = await getRunById(executor, runId);
    const course = run ? await getCourseById(executor, run.courseId) : null;
    if (!run || !course) continue;
    const tree = await getReleaseTree(executor, run.releaseId);
    labels.set(runId, { courseKey: course.key, courseTitle: tree.metadata.title, runCode: run.code });
  }
  return labels;
}

/** Rows of the notification table, labelled with course, run, thread and the actor's name. */
export async function describeNotifications(
  executor: Executor,
  rows: (typeof dscNotification.$inferSelect)[],
): Promise<ForumNotification[]> {
  const threadIds = [...new Set(rows.map((row) => row.threadId).filter((id): id is number => id !== null))];
  const [labels, names, threads] = await Promise.all([
    labelRuns(
      executor,
      rows.map((row) => row.runId),
    ),
    loadAuthorNames(
      executor,
      rows.map((row) => row.actorId).filter((id): id is string => id !== null),
    ),
    threadIds.length === 0
      ? []
      : executor
          .select({ id: dscThread.id, title: dscThread.title })
          .from(dscThread)
          .where(inArray(dscThread.id, threadIds)),
  ]);
  const titles = new Map(threads.map((thread) => [thread.id, thread.title]));
  return rows.flatMap((row) => {
    const label = labels.get(row.runId);
    if (!label) return [];
    return [
      {
        id: row.id,
        kind: row.kind,
        detail: row.detail,
        actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
        ...label,
        threadId: row.threadId,
        threadTitle: row.threadId ? (titles.get(row.threadId) ?? null) : null,
        postId: row.postId,
        createdAt: row.createdAt,
        read: row.readAt !== null,
      },
    ];
  });
}

/**
 * The signed-in person's forum notifications, newest first, across all their courses.
 * Errors: unauthenticated, invalid 'forum.invalid_query'.
 */
export async function listNotifications(
  ctx: ServiceContext,
  query: unknown = {},
): Promise<{ notifications: ForumNotification[]; unread: number; page: number; hasMore: boolean }> {
  const userId = requireUserId(ctx);
  const { page, unread: unreadOnly } = parseForumInput(
    z
      .object({
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        unread: z.stringbool().optional(),
      })
      .strict(),
    query,
    'forum.invalid_query',
  );
  const mine = eq(dscNotification.userId, userId);
  const [rows, unread] = await Promise.all([
    ctx.db
      .select()
      .from(dscNotification)
      .where(unreadOnly ? and(mine, isNull(dscNotification.readAt)) : mine)
      .orderBy(desc(dscNotification.createdAt), desc(dscNotification.id))
      .limit(NOTIFICATIONS_PAGE_SIZE + 1)
      .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE),
    countUnreadNotifications(ctx),
  ]);
  const notifications = await describeNotifications(ctx.db, rows.slice(0, NOTIFICATIONS_PAGE_SIZE));
  return { notifications, unread, page, hasMore: rows.length > NOTIFICATIONS_PAGE_SIZE };
}

/** How many unread notifications the signed-in person has; 0 for anonymous visitors. */
export async function countUnreadNotifications(ctx: ServiceContext): Promise<number> {
  if (!ctx.actor || ctx.actor.via === 'system') return 0;
  const [row] = await ctx.db
    .select({ unread: count() })
    .from(dscNotification)
    .where(and(eq(dscNotification.userId, ctx.actor.userId), isNull(dscNotification.readAt)));
  return row?.unread ?? 0;
}

const markReadSchema = z
  .object({ ids: z.array(z.coerce.number().int().positive()).max(500).optional(), all: z.boolean().optional() })
  .strict()
  .refine((value) => value.all === true || (value.ids?.length ?? 0) > 0, 'give ids, or all: true');

/** Marks some or all of the person's notifications read; others' ids are ignored. Errors: unauthenticated, invalid. */
export async function markNotificationsRead(ctx: ServiceContext, input: unknown): Promise<{ marked: number }> {
  const userId = requireUserId(ctx);
  const { ids, all } = parseForumInput(markReadSchema, input, 'forum.invalid');
  const mine = and(eq(dscNotification.userId, userId), isNull(dscNotification.readAt));
  const rows = await ctx.db
    .update(dscNotification)
    .set({ readAt: ctx.clock.now() })
    .where(all ? mine : and(mine, inArray(dscNotification.id, ids ?? [])))
    .returning({ id: dscNotification.id });
  return { marked: rows.length };
}

export type NotificationSettings = { digest: DigestFrequency; autoFollow: boolean };

export async function getNotificationSettings(ctx: ServiceContext): Promise<NotificationSettings> {
  const userId = requireUserId(ctx);
  const [row] = await ctx.db
    .select({ digest: dscPreference.digest, autoFollow: dscPreference.autoFollow })
    .from(dscPreference)
    .where(eq(dscPreference.userId, userId));
  return row ?? { digest: 'daily', autoFollow: true };
}

const settingsSchema = z.object({ digest: z.enum(DIGEST_FREQUENCIES), autoFollow: z.boolean() }).strict();

/** Errors: unauthenticated, invalid 'forum.invalid'. */
export async function updateNotificationSettings(ctx: ServiceContext, input: unknown): Promise<NotificationSettings> {
  const userId = requireUserId(ctx);
  const settings = parseForumInput(settingsSchema, input, 'forum.invalid');
  const now = ctx.clock.now();
  await ctx.db
    .insert(dscPreference)
    .values({ userId, ...settings, updatedAt: now })
    .onConflictDoUpdate({ target: dscPreference.userId, set: { ...settings, updatedAt: now } });
  return settings;
}
