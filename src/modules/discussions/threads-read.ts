import { and, asc, count, desc, eq, exists, ilike, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { ServiceContext } from '../../platform/access/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { canModerate, requireForumReader } from './access.ts';
import { languageTagSchema, parseForumInput, readId, topicKeySchema } from './inputs.ts';
import type { ForumReader, ForumPost, ThreadDetail, ThreadPage, ThreadSort } from './model.ts';
import { describePermissions, presentPost, type PostMarks } from './present.ts';
import { dscFlag, dscFollow, dscPost, dscThread, dscVote } from './schema.ts';
import { readHiddenThreadAuthors, readThreadPage, type CachedThreadPage } from './thread-lists.ts';
import { loadAuthorNames, requireVisibleThread, selectMyCircleId, toAuthor, toThreadSummary } from './store.ts';

export const THREADS_PAGE_SIZE = 20;
export const REPLIES_PAGE_SIZE = 25;
export const THREAD_SORTS = ['activity', 'votes', 'unanswered', 'newest'] as const satisfies readonly ThreadSort[];

export const threadQuerySchema = z
  .object({
    topic: topicKeySchema.optional(),
    sort: z.enum(THREAD_SORTS).default('activity'),
    language: languageTagSchema.optional(),
    kind: z.enum(['question', 'discussion']).optional(),
    q: z.string().trim().max(200, 'must be at most 200 characters').optional(),
    circle: z.coerce.number().int().positive().optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export type ThreadQuery = z.input<typeof threadQuerySchema>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Who sees what in a list: moderators see hidden threads, their authors too; no one lists
 * removed ones. Lists shared by an audience are 'moderators' and 'learners' (visible only).
 */
type Visibility = 'moderators' | 'learners' | 'author';

function visibilityCondition(visibility: Visibility, userId: string): SQL {
  if (visibility === 'moderators') return ne(dscThread.status, 'deleted');
  if (visibility === 'learners') return eq(dscThread.status, 'visible');
  return or(eq(dscThread.status, 'visible'), and(eq(dscThread.status, 'hidden'), eq(dscThread.authorId, userId)))!;
}

async function chooseVisibility(executor: Executor, reader: ForumReader): Promise<Visibility> {
  if (canModerate(reader)) return 'moderators';
  const authors = await readHiddenThreadAuthors(executor, reader.run.id, async () => {
    const rows = await executor
      .selectDistinct({ authorId: dscThread.authorId })
      .from(dscThread)
      .where(and(eq(dscThread.runId, reader.run.id), eq(dscThread.status, 'hidden')));
    return rows.map((row) => row.authorId);
  });
  return authors.includes(reader.actor.userId) ? 'author' : 'learners';
}

function searchCondition(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return or(
    ilike(dscThread.title, pattern),
    exists(
      sql`(select 1 from ${dscPost} where ${dscPost.threadId} = ${dscThread.id} and ${dscPost.status} = 'visible' and ${dscPost.body} ilike ${pattern})`,
    ),
  )!;
}

/**
 * A page of a run's forum: pinned threads first, then by the chosen order ('activity', 'votes',
 * 'newest', or 'unanswered' questions). Filters: topic, language, kind, words in titles and
 * posts, and a study circle (only the reader's own, unless staff). Errors: unauthenticated,
 * not_found (forum, circle), invalid 'forum.invalid_query'.
 */
export async function listThreads(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  query: unknown = {},
): Promise<ThreadPage & { reader: ForumReader }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const filters = parseForumInput(threadQuerySchema, query, 'forum.invalid_query');
  if (filters.circle !== undefined && reader.role !== 'staff') {
    if ((await selectMyCircleId(ctx.db, reader.run.id, reader.actor.userId)) !== filters.circle)
      throw notFound('circle');
  }
  const visibility = await chooseVisibility(ctx.db, reader);
  const load = () => selectThreadPage(ctx.db, reader, filters, visibility);
  // Searches and an author's own view are not shared; every other page is, per audience.
  const { threads, total } =
    filters.q || visibility === 'author'
      ? await load()
      : await readThreadPage(ctx.db, reader.run.id, `${visibility}|${JSON.stringify(filters)}`, load);
  return {
    reader,
    threads,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / THREADS_PAGE_SIZE)),
    total,
  };
}

type ThreadFilters = z.output<typeof threadQuerySchema>;

async function selectThreadPage(
  executor: Executor,
  reader: ForumReader,
  filters: ThreadFilters,
  visibility: Visibility,
): Promise<CachedThreadPage> {
  const conditions: SQL[] = [
    eq(dscThread.runId, reader.run.id),
    filters.circle === undefined ? isNull(dscThread.circleId) : eq(dscThread.circleId, filters.circle),
    visibilityCondition(visibility, reader.actor.userId),
  ];
  if (filters.topic) conditions.push(eq(dscThread.topic, filters.topic));
  if (filters.language) conditions.push(eq(dscThread.language, filters.language));
  if (filters.kind) conditions.push(eq(dscThread.kind, filters.kind));
  if (filters.sort === 'unanswered') {
    conditions.push(eq(dscThread.kind, 'question'), isNull(dscThread.answerPostId));
  }
  if (filters.q) conditions.push(searchCondition(filters.q));
  const where = and(...conditions);
  const order =
    filters.sort === 'votes'
      ? [desc(dscThread.voteCount), desc(dscThread.lastActivityAt)]
      : filters.sort === 'newest'
        ? [desc(dscThread.createdAt)]
        : [desc(dscThread.lastActivityAt)];
  // The total rides along with the page (a window count), so a list is one query.
  const rows = await executor
    .select({ thread: dscThread, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(dscThread)
    .where(where)
    .orderBy(desc(dscThread.pinned), ...order, desc(dscThread.id))
    .limit(THREADS_PAGE_SIZE)
    .offset((filters.page - 1) * THREADS_PAGE_SIZE);
  const total =
    rows[0]?.total ??
    (filters.page === 1
      ? 0
      : ((await executor.select({ threads: count() }).from(dscThread).where(where))[0]?.threads ?? 0));
  const names = await loadAuthorNames(
    executor,
    rows.map((row) => row.thread.authorId),
  );
  const threads = rows.map(({ thread }) =>
    toThreadSummary(thread, toAuthor(names, thread.authorId, thread.authorCountry, thread.authorRole)),
  );
  return { threads, total };
}

async function selectMarks(executor: Executor, userId: string, postIds: number[]): Promise<PostMarks> {
  if (postIds.length === 0) return { votedIds: new Set(), flaggedIds: new Set() };
  const [votes, flags] = await Promise.all([
    executor
      .select({ postId: dscVote.postId })
      .from(dscVote)
      .where(and(eq(dscVote.userId, userId), inArray(dscVote.postId, postIds))),
    executor
      .select({ postId: dscFlag.postId })
      .from(dscFlag)
      .where(and(eq(dscFlag.reporterId, userId), inArray(dscFlag.postId, postIds))),
  ]);
  return { votedIds: new Set(votes.map((v) => v.postId)), flaggedIds: new Set(flags.map((f) => f.postId)) };
}

/**
 * A thread with its opening post and one page of replies (oldest first; the accepted answer is
 * also flagged on its reply), each with its comments. Moderated posts keep their place: their
 * words are shown to their author and moderators only. Errors: unauthenticated, not_found
 * (forum, thread), invalid 'forum.invalid_query'.
 */
export async function getThread(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
  threadIdInput: unknown,
  options: { page?: unknown } = {},
): Promise<ThreadDetail & { reader: ForumReader }> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const thread = await requireVisibleThread(ctx.db, reader, readId(threadIdInput));
  const { page } = parseForumInput(
    z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }),
    { page: options.page },
    'forum.invalid_query',
  );
  const [openingRows, replyRows, [replyTotal], follow] = await Promise.all([
    ctx.db
      .select()
      .from(dscPost)
      .where(and(eq(dscPost.threadId, thread.id), eq(dscPost.depth, 0))),
    ctx.db
      .select()
      .from(dscPost)
      .where(and(eq(dscPost.threadId, thread.id), eq(dscPost.depth, 1)))
      .orderBy(asc(dscPost.createdAt), asc(dscPost.id))
      .limit(REPLIES_PAGE_SIZE)
      .offset((page - 1) * REPLIES_PAGE_SIZE),
    ctx.db
      .select({ replies: count() })
      .from(dscPost)
      .where(and(eq(dscPost.threadId, thread.id), eq(dscPost.depth, 1))),
    ctx.db
      .select({ userId: dscFollow.userId })
      .from(dscFollow)
      .where(and(eq(dscFollow.threadId, thread.id), eq(dscFollow.userId, reader.actor.userId))),
  ]);
  const opening = openingRows[0];
  if (!opening) throw notFound('thread');
  const commentRows =
    replyRows.length === 0
      ? []
      : await ctx.db
          .select()
          .from(dscPost)
          .where(
            and(
              eq(dscPost.threadId, thread.id),
              inArray(
                dscPost.parentId,
                replyRows.map((row) => row.id),
              ),
            ),
          )
          .orderBy(asc(dscPost.createdAt), asc(dscPost.id));
  const allRows = [opening, ...replyRows, ...commentRows];
  const [names, marks] = await Promise.all([
    loadAuthorNames(ctx.db, [thread.authorId, ...allRows.map((row) => row.authorId)]),
    selectMarks(
      ctx.db,
      reader.actor.userId,
      allRows.map((row) => row.id),
    ),
  ]);
  const context = { names, marks, answerPostId: thread.answerPostId };
  const replies: ForumPost[] = replyRows.map((row) => presentPost(reader, row, context));
  const byId = new Map(replies.map((reply) => [reply.id, reply]));
  for (const row of commentRows) byId.get(row.parentId!)?.comments.push(presentPost(reader, row, context));
  const total = replyTotal?.replies ?? 0;
  return {
    ...toThreadSummary(thread, toAuthor(names, thread.authorId, thread.authorCountry, thread.authorRole)),
    reader,
    opening: presentPost(reader, opening, context),
    replies,
    replyPage: { page, pages: Math.max(1, Math.ceil(total / REPLIES_PAGE_SIZE)), total },
    followedByMe: follow.length > 0,
    can: describePermissions(reader, thread, ctx.clock.now()),
  };
}
