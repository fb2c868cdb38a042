import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError, conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import { requireForumReader, requireModerator } from './access.ts';
import { flagSchema, moderationReasonSchema, parseForumInput, readId } from './inputs.ts';
import type { FlagReason, FlagResolution, ForumPost, ForumReader, PostStatus } from './model.ts';
import { notifyUser } from './notify.ts';
import { presentPost } from './present.ts';
import { dscFlag, dscPost, dscThread } from './schema.ts';
import { loadAuthorNames, requireVisibleThread, selectPost, type PostRow } from './store.ts';
import { changeThreads } from './thread-lists.ts';

/**
 * Reports a post to the run's moderators, once per reader and post. Authors do not flag their
 * own posts. Errors: unauthenticated, not_found (forum, post), invalid 'forum.invalid' /
 * 'forum.own_post', conflict 'forum.already_flagged'.
 */
export async function flagPost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
  input: unknown,
): Promise<{ postId: number; flagId: number }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const data = parseForumInput(flagSchema, input, 'forum.invalid');
  const postId = readId(postIdInput);
  const post = postId === null ? null : await selectPost(ctx.db, reader.run.id, postId);
  if (!post || post.status !== 'visible') throw notFound('post');
  await requireVisibleThread(ctx.db, reader, post.threadId);
  if (post.authorId === reader.actor.userId) {
    throw new DomainError('invalid', 'forum.own_post', 'You cannot flag your own post.');
  }
  const now = ctx.clock.now();
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      const [flag] = await tx
        .insert(dscFlag)
        .values({
          postId: post.id,
          runId: reader.run.id,
          reporterId: reader.actor.userId,
          reason: data.reason,
          note: data.note || null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dscFlag.id });
      if (!flag) throw conflict('forum.already_flagged', 'You have already reported this post.');
      await tx
        .update(dscPost)
        .set({ openFlagCount: sql`${dscPost.openFlagCount} + 1` })
        .where(eq(dscPost.id, post.id));
      return { postId: post.id, flagId: flag.id };
    }),
  );
}

export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete', 'restore', 'dismiss_flags'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const moderationSchema = z
  .object({ action: z.enum(MODERATION_ACTIONS), reason: moderationReasonSchema })
  .strict()
  .refine((value) => !['hide', 'delete'].includes(value.action) || !!value.reason, {
    message: 'say why, so the author understands',
    path: ['reason'],
  });

const NEXT_STATUS: Record<ModerationAction, PostStatus | null> = {
  hide: 'hidden',
  unhide: 'visible',
  delete: 'deleted',
  restore: 'visible',
  dismiss_flags: null,
};

const FLAG_RESOLUTION: Record<ModerationAction, FlagResolution | null> = {
  hide: 'hidden',
  delete: 'deleted',
  dismiss_flags: 'dismissed',
  unhide: null,
  restore: null,
};

async function resolveFlags(
  tx: Executor,
  post: PostRow,
  resolution: FlagResolution,
  by: string,
  now: Date,
): Promise<void> {
  await tx
    .update(dscFlag)
    .set({ resolvedAt: now, resolvedBy: by, resolution })
    .where(and(eq(dscFlag.postId, post.id), isNull(dscFlag.resolvedAt)));
  await tx.update(dscPost).set({ openFlagCount: 0 }).where(eq(dscPost.id, post.id));
}

/**
 * A moderator (staff or community TA) hides, unhides, removes or restores a post, or dismisses
 * its reports. Hiding or removing an opening post does the same to its thread. Open reports are
 * resolved, the author is told (with the reason), and the action is audited, all in one
 * transaction. Errors: unauthenticated, not_found (forum, post), forbidden
 * 'forum.moderators_only', invalid 'forum.invalid'.
 */
export async function moderatePost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
  input: unknown,
): Promise<{ postId: number; status: PostStatus }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireModerator(reader);
  const { action, reason } = parseForumInput(moderationSchema, input, 'forum.invalid');
  const postId = readId(postIdInput);
  const post = postId === null ? null : await selectPost(ctx.db, reader.run.id, postId);
  if (!post) throw notFound('post');
  await requireVisibleThread(ctx.db, reader, post.threadId);
  const now = ctx.clock.now();
  const moderatorId = reader.actor.userId;
  const status = NEXT_STATUS[action] ?? post.status;
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      if (NEXT_STATUS[action]) {
        const visible = status === 'visible';
        await tx
          .update(dscPost)
          .set({
            status,
            moderationReason: visible ? null : (reason ?? null),
            moderatedAt: now,
            moderatedBy: moderatorId,
          })
          .where(eq(dscPost.id, post.id));
        if (post.depth === 0) {
          await tx.update(dscThread).set({ status, updatedAt: now }).where(eq(dscThread.id, post.threadId));
        }
      }
      const resolution = FLAG_RESOLUTION[action];
      if (resolution) await resolveFlags(tx, post, resolution, moderatorId, now);
      if (action !== 'dismiss_flags') {
        await notifyUser(tx, post.authorId, {
          kind: 'moderation',
          runId: reader.run.id,
          threadId: post.threadId,
          postId: post.id,
          actorId: moderatorId,
          detail: action,
          at: now,
        });
      }
      await recordAudit(tx, {
        actorId: moderatorId,
        action: `forum.post_${action}`,
        objectType: 'forum_post',
        objectId: post.id,
        before: { status: post.status, openFlags: post.openFlagCount },
        after: { status, reason: reason ?? null, runId: reader.run.id },
        at: now,
      });
      return { postId: post.id, status };
    }),
  );
}

/**
 * The author removes their own post; moderators still see it, and the thread keeps its place.
 * Errors: unauthenticated, not_found (forum, post), forbidden.
 */
export async function deleteOwnPost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
): Promise<{ postId: number }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const postId = readId(postIdInput);
  const post = postId === null ? null : await selectPost(ctx.db, reader.run.id, postId);
  if (!post || post.status === 'deleted') throw notFound('post');
  await requireVisibleThread(ctx.db, reader, post.threadId);
  if (post.authorId !== reader.actor.userId) throw forbidden();
  const now = ctx.clock.now();
  await changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      await tx
        .update(dscPost)
        .set({ status: 'deleted', moderatedAt: now, moderatedBy: reader.actor.userId, moderationReason: null })
        .where(eq(dscPost.id, post.id));
      if (post.depth === 0) {
        await tx.update(dscThread).set({ status: 'deleted', updatedAt: now }).where(eq(dscThread.id, post.threadId));
      }
    }),
  );
  return { postId: post.id };
}

export type QueueItem = {
  post: ForumPost;
  threadId: number;
  threadTitle: string;
  flags: { reason: FlagReason; note: string | null; createdAt: Date }[];
};

export const QUEUE_PAGE_SIZE = 20;

/**
 * The moderation queue of a run: posts with open reports (newest report first) with the
 * reports, or ('hidden') posts hidden by moderators, for a second look. Errors:
 * unauthenticated, not_found 'forum', forbidden 'forum.moderators_only', invalid.
 */
export async function listModerationQueue(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  query: unknown = {},
): Promise<{ reader: ForumReader; items: QueueItem[]; view: 'flagged' | 'hidden'; page: number; hasMore: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  requireModerator(reader);
  const { view, page } = parseForumInput(
    z
      .object({
        view: z.enum(['flagged', 'hidden']).default('flagged'),
        page: z.coerce.number().int().min(1).max(10_000).default(1),
      })
      .strict(),
    query,
    'forum.invalid_query',
  );
  const condition =
    view === 'flagged'
      ? and(eq(dscPost.runId, reader.run.id), gt(dscPost.openFlagCount, 0))
      : and(eq(dscPost.runId, reader.run.id), eq(dscPost.status, 'hidden'));
  const rows = await ctx.db
    .select({ post: dscPost, threadTitle: dscThread.title })
    .from(dscPost)
    .innerJoin(dscThread, eq(dscThread.id, dscPost.threadId))
    .where(condition)
    .orderBy(desc(dscPost.createdAt), desc(dscPost.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  const pageRows = rows.slice(0, QUEUE_PAGE_SIZE);
  const postIds = pageRows.map((row) => row.post.id);
  const [names, flags] = await Promise.all([
    loadAuthorNames(
      ctx.db,
      pageRows.map((row) => row.post.authorId),
    ),
    postIds.length === 0
      ? []
      : ctx.db
          .select()
          .from(dscFlag)
          .where(and(inArray(dscFlag.postId, postIds), isNull(dscFlag.resolvedAt)))
          .orderBy(desc(dscFlag.createdAt)),
  ]);
  const marks = { votedIds: new Set<number>(), flaggedIds: new Set<number>() };
  const items = pageRows.map((row) => ({
    post: presentPost(reader, row.post, { names, marks, answerPostId: null }),
    threadId: row.post.threadId,
    threadTitle: row.threadTitle,
    flags: flags
      .filter((flag) => flag.postId === row.post.id)
      .map((flag) => ({ reason: flag.reason, note: flag.note, createdAt: flag.createdAt })),
  }));
  return { reader, items, view, page, hasMore: rows.length > QUEUE_PAGE_SIZE };
}
