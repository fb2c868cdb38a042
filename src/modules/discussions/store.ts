import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { notFound } from '../../platform/errors/index.ts';
import { listUserProfiles } from '../identity/index.ts';
import type { ForumAuthor, ForumReader, ForumRole, ThreadSummary } from './model.ts';
import { dscCircle, dscCircleMember, dscPost, dscThread } from './schema.ts';
import { readThread } from './statements.ts';

export type ThreadRow = typeof dscThread.$inferSelect;
export type PostRow = typeof dscPost.$inferSelect;

export async function selectThread(executor: Executor, runId: number, threadId: number): Promise<ThreadRow | null> {
  return readThread(executor, runId, threadId);
}

export async function lockThread(executor: Executor, threadId: number): Promise<ThreadRow> {
  const [row] = await executor.select().from(dscThread).where(eq(dscThread.id, threadId)).for('update');
  if (!row) throw notFound('thread');
  return row;
}

export async function selectPost(executor: Executor, runId: number, postId: number): Promise<PostRow | null> {
  const [row] = await executor
    .select()
    .from(dscPost)
    .where(and(eq(dscPost.id, postId), eq(dscPost.runId, runId)));
  return row ?? null;
}

/** The study circle the person belongs to in a run, or null. */
export async function selectMyCircleId(executor: Executor, runId: number, userId: string): Promise<number | null> {
  const [row] = await executor
    .select({ circleId: dscCircleMember.circleId })
    .from(dscCircleMember)
    .where(and(eq(dscCircleMember.runId, runId), eq(dscCircleMember.userId, userId)));
  return row?.circleId ?? null;
}

/** Whether a study circle of this id belongs to the run. */
export async function circleExists(executor: Executor, runId: number, circleId: number): Promise<boolean> {
  const [row] = await executor
    .select({ id: dscCircle.id })
    .from(dscCircle)
    .where(and(eq(dscCircle.id, circleId), eq(dscCircle.runId, runId)));
  return row !== undefined;
}

/**
 * Whether the reader sees a thread at all: a study circle's threads belong to the circle and
 * staff; a removed thread to moderators; a hidden one to moderators and its author.
 */
export function canSeeThread(reader: ForumReader, thread: ThreadRow, myCircleId: number | null): boolean {
  if (thread.circleId !== null && reader.role !== 'staff' && thread.circleId !== myCircleId) return false;
  if (reader.role === 'staff' || reader.role === 'community_ta') return true;
  if (thread.status === 'deleted') return false;
  if (thread.status === 'hidden') return thread.authorId === reader.actor.userId;
  return true;
}

/**
 * The thread, for a reader who may see it. Anything else is "not found", whatever the reason.
 * Errors: not_found 'thread'.
 */
export async function requireVisibleThread(
  executor: Executor,
  reader: ForumReader,
  threadId: number | null,
): Promise<ThreadRow> {
  if (threadId === null) throw notFound('thread');
  const thread = await selectThread(executor, reader.run.id, threadId);
  if (!thread) throw notFound('thread');
  const circleId =
    thread.circleId === null ? null : await selectMyCircleId(executor, reader.run.id, reader.actor.userId);
  if (!canSeeThread(reader, thread, circleId)) throw notFound('thread');
  return thread;
}

/** Names of authors in one query; someone whose account is gone shows as a former participant. */
export async function loadAuthorNames(executor: Executor, userIds: Iterable<string>): Promise<Map<string, string>> {
  const profiles = await listUserProfiles(executor, [...new Set(userIds)]);
  return new Map(profiles.map((profile) => [profile.id, profile.name]));
}

export function toAuthor(names: Map<string, string>, id: string, country: string | null, role: ForumRole): ForumAuthor {
  return { id, name: names.get(id) ?? '—', country, role };
}

export function toThreadSummary(row: ThreadRow, author: ForumAuthor): ThreadSummary {
  return {
    id: row.id,
    topic: row.topic,
    circleId: row.circleId,
    kind: row.kind,
    title: row.title,
    author,
    language: row.language,
    status: row.status,
    pinned: row.pinned,
    closed: row.closed,
    locked: row.locked,
    answered: row.answerPostId !== null,
    replyCount: row.replyCount,
    voteCount: row.voteCount,
    lastActivityAt: row.lastActivityAt,
    createdAt: row.createdAt,
  };
}
