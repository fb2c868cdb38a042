import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { DomainError, conflict, forbidden, notFound } from '../../platform/errors/index.ts';
import { getUserProfile } from '../identity/index.ts';
import { canModerate, requireForumReader, requireModerator, requirePoster, requireStaff } from './access.ts';
import { editPostSchema, parseForumInput, readId } from './inputs.ts';
import type { ForumReader } from './model.ts';
import { addFollower, notifyUser } from './notify.ts';
import { checkLinkLimit } from './rate-limits.ts';
import { dscFollow, dscPost, dscThread, dscVote } from './schema.ts';
import { lockThread, requireVisibleThread, selectPost, type PostRow } from './store.ts';
import { changeThreads } from './thread-lists.ts';

/** A post the reader may act on: in a thread they see, and visible unless they moderate. Errors: not_found 'post'. */
async function requireActionablePost(ctx: ServiceContext, reader: ForumReader, postIdInput: unknown): Promise<PostRow> {
  const postId = readId(postIdInput);
  const post = postId === null ? null : await selectPost(ctx.db, reader.run.id, postId);
  if (!post) throw notFound('post');
  await requireVisibleThread(ctx.db, reader, post.threadId);
  if (post.status !== 'visible' && !canModerate(reader)) throw notFound('post');
  return post;
}

const voteSchema = z.object({ up: z.boolean() }).strict();

/**
 * Upvotes a post, or takes the vote back (`up: false`); voting twice counts once. Authors do not
 * vote on their own posts. Errors: unauthenticated, not_found (forum, post), invalid
 * 'forum.invalid' / 'forum.own_post', forbidden 'forum.banned' / 'forum.muted', conflict 'forum.thread_locked'.
 */
export async function voteOnPost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
  input: unknown,
): Promise<{ postId: number; voteCount: number; votedByMe: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const { up } = parseForumInput(voteSchema, input, 'forum.invalid');
  const post = await requireActionablePost(ctx, reader, postIdInput);
  const now = ctx.clock.now();
  requirePoster(reader, now);
  if (post.authorId === reader.actor.userId) {
    throw new DomainError('invalid', 'forum.own_post', 'You cannot vote for your own post.');
  }
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      const thread = await lockThread(tx, post.threadId);
      if (thread.locked && reader.role !== 'staff') throw conflict('forum.thread_locked', 'This thread is locked.');
      const changed = up
        ? await tx
            .insert(dscVote)
            .values({ postId: post.id, userId: reader.actor.userId, createdAt: now })
            .onConflictDoNothing()
            .returning({ postId: dscVote.postId })
        : await tx
            .delete(dscVote)
            .where(and(eq(dscVote.postId, post.id), eq(dscVote.userId, reader.actor.userId)))
            .returning({ postId: dscVote.postId });
      const delta = changed.length === 0 ? 0 : up ? 1 : -1;
      const [row] = await tx
        .update(dscPost)
        .set({ voteCount: sql`${dscPost.voteCount} + ${delta}` })
        .where(eq(dscPost.id, post.id))
        .returning({ voteCount: dscPost.voteCount });
      if (post.depth === 0 && delta !== 0) {
        await tx
          .update(dscThread)
          .set({ voteCount: sql`${dscThread.voteCount} + ${delta}` })
          .where(eq(dscThread.id, post.threadId));
      }
      return { postId: post.id, voteCount: row!.voteCount, votedByMe: up };
    }),
  );
}

/** Follows or stops following a thread. Errors: unauthenticated, not_found (forum, thread), invalid. */
export async function followThread(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  threadIdInput: unknown,
  input: unknown,
): Promise<{ threadId: number; following: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const { follow } = parseForumInput(z.object({ follow: z.boolean() }).strict(), input, 'forum.invalid');
  const thread = await requireVisibleThread(ctx.db, reader, readId(threadIdInput));
  if (follow) await addFollower(ctx.db, thread.id, reader.actor.userId, ctx.clock.now());
  else {
    await ctx.db
      .delete(dscFollow)
      .where(and(eq(dscFollow.threadId, thread.id), eq(dscFollow.userId, reader.actor.userId)));
  }
  return { threadId: thread.id, following: follow };
}

/**
 * Marks a reply as the answer to a question thread (or clears it with null). The asker and
 * moderators may; the reply's author is notified. Errors: unauthenticated, not_found (forum,
 * thread, post), invalid 'forum.not_a_question' / 'forum.not_a_reply', forbidden, conflict 'forum.thread_locked'.
 */
export async function markAnswer(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  threadIdInput: unknown,
  postIdInput: unknown,
): Promise<{ threadId: number; answerPostId: number | null }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const thread = await requireVisibleThread(ctx.db, reader, readId(threadIdInput));
  if (thread.kind !== 'question') {
    throw new DomainError('invalid', 'forum.not_a_question', 'Only a question has an answer.');
  }
  if (thread.authorId !== reader.actor.userId && !canModerate(reader)) throw forbidden();
  if (thread.locked && reader.role !== 'staff') throw conflict('forum.thread_locked', 'This thread is locked.');
  const answer = postIdInput === null ? null : await requireActionablePost(ctx, reader, postIdInput);
  if (answer && (answer.threadId !== thread.id || answer.depth !== 1)) {
    throw new DomainError('invalid', 'forum.not_a_reply', 'The answer must be a reply in this thread.');
  }
  const now = ctx.clock.now();
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      await lockThread(tx, thread.id);
      await tx
        .update(dscThread)
        .set({ answerPostId: answer?.id ?? null, updatedAt: now })
        .where(eq(dscThread.id, thread.id));
      if (answer && answer.id !== thread.answerPostId) {
        await notifyUser(tx, answer.authorId, {
          kind: 'answer',
          runId: reader.run.id,
          threadId: thread.id,
          postId: answer.id,
          actorId: reader.actor.userId,
          at: now,
        });
      }
      return { threadId: thread.id, answerPostId: answer?.id ?? null };
    }),
  );
}

/** Staff and community TAs endorse a good reply; its author is told. Errors: as markAnswer, forbidden 'forum.moderators_only'. */
export async function endorsePost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
  input: unknown,
): Promise<{ postId: number; endorsed: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const { endorsed } = parseForumInput(z.object({ endorsed: z.boolean() }).strict(), input, 'forum.invalid');
  requireModerator(reader);
  const post = await requireActionablePost(ctx, reader, postIdInput);
  const now = ctx.clock.now();
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      await tx.update(dscPost).set({ endorsed }).where(eq(dscPost.id, post.id));
      if (endorsed && !post.endorsed) {
        await notifyUser(tx, post.authorId, {
          kind: 'endorsement',
          runId: reader.run.id,
          threadId: post.threadId,
          postId: post.id,
          actorId: reader.actor.userId,
          at: now,
        });
      }
      await recordAudit(tx, {
        actorId: reader.actor.userId,
        action: endorsed ? 'forum.post_endorsed' : 'forum.post_unendorsed',
        objectType: 'forum_post',
        objectId: post.id,
        at: now,
      });
      return { postId: post.id, endorsed };
    }),
  );
}

const threadStateSchema = z
  .object({ pinned: z.boolean().optional(), closed: z.boolean().optional(), locked: z.boolean().optional() })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'say what to change: pinned, closed or locked');

/**
 * Pins (staff), closes (the author or moderators; a locked thread only moderators reopen) or
 * locks (moderators) a thread; every change by a moderator is audited. Errors: unauthenticated,
 * not_found, invalid 'forum.invalid', forbidden 'forum.staff_only' / 'forum.moderators_only' / forbidden.
 */
export async function setThreadState(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  threadIdInput: unknown,
  input: unknown,
): Promise<{ threadId: number; pinned: boolean; closed: boolean; locked: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const changes = parseForumInput(threadStateSchema, input, 'forum.invalid');
  const thread = await requireVisibleThread(ctx.db, reader, readId(threadIdInput));
  if (changes.pinned !== undefined) requireStaff(reader);
  if (changes.locked !== undefined) requireModerator(reader);
  if (changes.closed !== undefined && !canModerate(reader)) {
    if (thread.authorId !== reader.actor.userId || thread.locked) throw forbidden();
  }
  const now = ctx.clock.now();
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      const before = await lockThread(tx, thread.id);
      const [row] = await tx
        .update(dscThread)
        .set({ ...changes, updatedAt: now })
        .where(eq(dscThread.id, thread.id))
        .returning({ pinned: dscThread.pinned, closed: dscThread.closed, locked: dscThread.locked });
      if (canModerate(reader)) {
        await recordAudit(tx, {
          actorId: reader.actor.userId,
          action: 'forum.thread_state_changed',
          objectType: 'forum_thread',
          objectId: thread.id,
          before: { pinned: before.pinned, closed: before.closed, locked: before.locked },
          after: { ...row },
          at: now,
        });
      }
      return { threadId: thread.id, ...row! };
    }),
  );
}

/**
 * The author edits their own post while it is visible and the thread is not locked; the edit
 * time is shown. Errors: unauthenticated, not_found, invalid, forbidden, conflict 'forum.thread_locked'.
 */
export async function editPost(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  postIdInput: unknown,
  input: unknown,
): Promise<{ postId: number }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const { body } = parseForumInput(editPostSchema, input, 'forum.invalid');
  const post = await requireActionablePost(ctx, reader, postIdInput);
  if (post.authorId !== reader.actor.userId || post.status !== 'visible') throw forbidden();
  const now = ctx.clock.now();
  requirePoster(reader, now);
  const profile = await getUserProfile(ctx.db, reader.actor.userId);
  checkLinkLimit(
    { userId: reader.actor.userId, role: reader.role, accountCreatedAt: profile?.createdAt ?? null },
    body,
    now,
  );
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      const thread = await lockThread(tx, post.threadId);
      if (thread.locked && reader.role !== 'staff') throw conflict('forum.thread_locked', 'This thread is locked.');
      await tx.update(dscPost).set({ body, editedAt: now }).where(eq(dscPost.id, post.id));
      return { postId: post.id };
    }),
  );
}
