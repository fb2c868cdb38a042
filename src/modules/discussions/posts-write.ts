import { and, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { DomainError, conflict, notFound } from '../../platform/errors/index.ts';
import { getActorProfile } from '../identity/index.ts';
import { canModerate, requireForumReader, requirePoster } from './access.ts';
import { newReplySchema, newThreadSchema, parseForumInput, readId } from './inputs.ts';
import type { ForumReader } from './model.ts';
import { addFollower, readAutoFollow } from './notify.ts';
import { checkPostingLimits } from './rate-limits.ts';
import { dscPost, dscThread } from './schema.ts';
import { insertReply } from './statements.ts';
import { changeThreads } from './thread-lists.ts';
import {
  circleExists,
  requireVisibleThread,
  selectMyCircleId,
  selectPost,
  selectThread,
  type PostRow,
  type ThreadRow,
} from './store.ts';
import { requireTopic } from './topics.ts';

type Poster = { country: string | null; language: string };

/** The author's country and a default post language from their profile; checks the posting limits. */
async function preparePoster(
  ctx: ServiceContext,
  reader: ForumReader,
  body: string,
  language: string | undefined,
): Promise<Poster> {
  const now = ctx.clock.now();
  requirePoster(reader, now);
  // The cached profile every request is built from: country, language and account age.
  const profile = await getActorProfile(ctx.db, reader.actor.userId);
  await checkPostingLimits(
    ctx.db,
    { userId: reader.actor.userId, role: reader.role, accountCreatedAt: profile?.createdAt ?? null },
    body,
    now,
  );
  return { country: profile?.country ?? null, language: language ?? profile?.locale ?? 'en' };
}

async function findRequested(
  executor: Executor,
  userId: string,
  requestKey: string | undefined,
): Promise<PostRow | null> {
  if (!requestKey) return null;
  const [row] = await executor
    .select()
    .from(dscPost)
    .where(and(eq(dscPost.authorId, userId), eq(dscPost.requestKey, requestKey)));
  return row ?? null;
}

/**
 * A request key names one submission: reused for a different place (another run, thread, or a
 * thread where a reply was sent), it is refused rather than answered with an unrelated post.
 * Errors: conflict 'forum.request_key_reused'.
 */
function requireSamePlace(post: PostRow, place: { runId: number; threadId: number | null }): PostRow {
  const samePlace =
    post.runId === place.runId &&
    (place.threadId === null ? post.depth === 0 : post.threadId === place.threadId && post.depth > 0);
  if (!samePlace) {
    throw conflict('forum.request_key_reused', 'This request key was already used for another post.');
  }
  return post;
}

/**
 * Starts a thread in a topic of the run's forum, or in the reader's study circle. The author
 * follows it unless they turned that off. A retry with the same `requestKey` returns the thread
 * it created. Errors: unauthenticated, not_found (forum, circle), invalid 'forum.invalid'
 * (and the topic's), forbidden 'forum.banned' / 'forum.muted', rate_limited, invalid 'forum.too_many_links'.
 */
export async function createThread(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  input: unknown,
): Promise<{ threadId: number; created: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const data = parseForumInput(newThreadSchema, input, 'forum.invalid');
  const userId = reader.actor.userId;
  const repeated = await findRequested(ctx.db, userId, data.requestKey);
  if (repeated)
    return { threadId: requireSamePlace(repeated, { runId: reader.run.id, threadId: null }).threadId, created: false };
  await requireTopic(ctx.db, reader.run, data.topic);
  if (data.circleId !== undefined) {
    // Staff post in any circle of the run; learners only in their own.
    const allowed =
      reader.role === 'staff'
        ? await circleExists(ctx.db, reader.run.id, data.circleId)
        : (await selectMyCircleId(ctx.db, reader.run.id, userId)) === data.circleId;
    if (!allowed) throw notFound('circle');
  }
  const poster = await preparePoster(ctx, reader, data.body, data.language);
  const now = ctx.clock.now();
  const autoFollow = await readAutoFollow(ctx.db, userId);
  return changeThreads(reader.run.id, () =>
    ctx.db.transaction(async (tx) => {
      const [thread] = await tx
        .insert(dscThread)
        .values({
          runId: reader.run.id,
          courseId: reader.course.id,
          topic: data.topic,
          circleId: data.circleId ?? null,
          kind: data.kind,
          title: data.title,
          authorId: userId,
          authorCountry: poster.country,
          authorRole: reader.role,
          language: poster.language,
          lastActivityAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: dscThread.id });
      const inserted = await tx
        .insert(dscPost)
        .values({
          threadId: thread!.id,
          runId: reader.run.id,
          depth: 0,
          authorId: userId,
          body: data.body,
          language: poster.language,
          authorCountry: poster.country,
          authorRole: reader.role,
          requestKey: data.requestKey ?? null,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dscPost.id });
      if (inserted.length === 0) {
        // A parallel retry won: undo this thread and answer with the one it made.
        tx.rollback();
      }
      if (autoFollow) await addFollower(tx, thread!.id, userId, now);
      return { threadId: thread!.id, created: true };
    }),
  ).catch(async (error: unknown) => {
    const again = await findRequested(ctx.db, userId, data.requestKey);
    if (again)
      return { threadId: requireSamePlace(again, { runId: reader.run.id, threadId: null }).threadId, created: false };
    throw error;
  });
}

/** Errors: conflict 'forum.thread_locked', 'forum.thread_closed'. */
function requireOpenThread(reader: ForumReader, thread: ThreadRow): void {
  if (thread.locked && reader.role !== 'staff') {
    throw conflict('forum.thread_locked', 'This thread is locked: no one can post in it.');
  }
  if (thread.closed && !canModerate(reader)) {
    throw conflict('forum.thread_closed', 'This thread is closed to new replies.');
  }
  if (thread.status !== 'visible' && !canModerate(reader)) {
    throw conflict('forum.thread_hidden', 'This thread was hidden by a moderator: it takes no new replies.');
  }
}

async function requireParent(
  executor: Executor,
  reader: ForumReader,
  thread: ThreadRow,
  parentId: number,
): Promise<PostRow> {
  const parent = await selectPost(executor, reader.run.id, parentId);
  if (!parent || parent.threadId !== thread.id) throw notFound('post');
  if (parent.depth !== 1) {
    throw new DomainError('invalid', 'forum.comment_depth', 'Comments go under a reply, and only one level deep.');
  }
  if (parent.status !== 'visible' && !canModerate(reader)) throw notFound('post');
  return parent;
}

/**
 * Replies to a thread, or comments on one of its replies (`parentId`). Followers are notified
 * in the same transaction, and so is the reply's author for a comment. A retry with the same
 * `requestKey` returns the post it created. Errors: unauthenticated, not_found (forum, thread,
 * post), invalid 'forum.invalid' / 'forum.comment_depth' / 'forum.too_many_links', conflict
 * 'forum.thread_locked' / 'forum.thread_closed' / 'forum.thread_hidden', forbidden 'forum.banned'
 * / 'forum.muted', rate_limited 'forum.rate_limited'.
 */
export async function createReply(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  threadIdInput: unknown,
  input: unknown,
): Promise<{ postId: number; threadId: number; created: boolean }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const thread = await requireVisibleThread(ctx.db, reader, readId(threadIdInput));
  const data = parseForumInput(newReplySchema, input, 'forum.invalid');
  const userId = reader.actor.userId;
  const repeated = await findRequested(ctx.db, userId, data.requestKey);
  if (repeated) {
    requireSamePlace(repeated, { runId: reader.run.id, threadId: thread.id });
    return { postId: repeated.id, threadId: repeated.threadId, created: false };
  }
  requireOpenThread(reader, thread);
  const parent = data.parentId === undefined ? null : await requireParent(ctx.db, reader, thread, data.parentId);
  const poster = await preparePoster(ctx, reader, data.body, data.language);
  const now = ctx.clock.now();
  try {
    // One statement: counters, post, notifications and the author's follow commit together.
    const postId = await changeThreads(reader.run.id, () =>
      insertReply(ctx.db, {
        threadId: thread.id,
        runId: reader.run.id,
        parentId: parent?.id ?? null,
        depth: parent ? 2 : 1,
        authorId: userId,
        body: data.body,
        language: poster.language,
        authorCountry: poster.country,
        authorRole: reader.role,
        requestKey: data.requestKey ?? null,
        // The reply's author hears of a comment on it once, as a comment, not again as a follower.
        parentAuthorId: parent && parent.authorId !== userId ? parent.authorId : null,
        mayPostLocked: reader.role === 'staff',
        mayPostClosed: canModerate(reader),
        at: now,
      }),
    );
    if (postId === null) {
      // The thread closed, locked or was hidden since it was read: say which.
      requireOpenThread(reader, (await selectThread(ctx.db, reader.run.id, thread.id)) ?? thread);
      throw conflict('forum.thread_closed', 'This thread is closed to new replies.');
    }
    return { postId, threadId: thread.id, created: true };
  } catch (error) {
    const again = await findRequested(ctx.db, userId, data.requestKey);
    if (again) {
      requireSamePlace(again, { runId: reader.run.id, threadId: thread.id });
      return { postId: again.id, threadId: again.threadId, created: false };
    }
    throw error;
  }
}
