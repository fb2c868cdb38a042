import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { NotificationKind } from './model.ts';
import { dscFollow, dscNotification, dscPreference } from './schema.ts';

export type NotificationTarget = {
  kind: NotificationKind;
  runId: number;
  threadId: number | null;
  postId: number | null;
  actorId: string | null;
  detail?: string | null;
  at: Date;
};

/** Tells everyone who follows the thread, but the one who acted, in the caller's transaction. */
export async function notifyFollowers(
  executor: Executor,
  target: NotificationTarget & { threadId: number },
): Promise<void> {
  const actor = target.actorId ?? '00000000-0000-0000-0000-000000000000';
  await executor.insert(dscNotification).select(
    executor
      .select({
        userId: dscFollow.userId,
        kind: sql<NotificationKind>`${target.kind}`.as('kind'),
        runId: sql<number>`${target.runId}::bigint`.as('run_id'),
        threadId: sql<number>`${target.threadId}::bigint`.as('thread_id'),
        postId: sql<number | null>`${target.postId}::bigint`.as('post_id'),
        actorId: sql<string | null>`${target.actorId}::uuid`.as('actor_id'),
        detail: sql<string | null>`${target.detail ?? null}::text`.as('detail'),
        createdAt: sql<Date>`${target.at.toISOString()}::timestamptz`.as('created_at'),
      })
      .from(dscFollow)
      .where(and(eq(dscFollow.threadId, target.threadId), ne(dscFollow.userId, actor))),
  );
}

/** Tells one person, unless they are the one who acted. */
export async function notifyUser(executor: Executor, userId: string, target: NotificationTarget): Promise<void> {
  if (userId === target.actorId) return;
  await executor.insert(dscNotification).values({
    userId,
    kind: target.kind,
    runId: target.runId,
    threadId: target.threadId,
    postId: target.postId,
    actorId: target.actorId,
    detail: target.detail ?? null,
    createdAt: target.at,
  });
}

/** Follows a thread for someone; following twice changes nothing. */
export async function addFollower(executor: Executor, threadId: number, userId: string, at: Date): Promise<void> {
  await executor.insert(dscFollow).values({ threadId, userId, createdAt: at }).onConflictDoNothing();
}

/** Whether posting in a thread makes its author follow it (on unless they turned it off). */
export async function readAutoFollow(executor: Executor, userId: string): Promise<boolean> {
  const [row] = await executor
    .select({ autoFollow: dscPreference.autoFollow })
    .from(dscPreference)
    .where(eq(dscPreference.userId, userId));
  return row?.autoFollow ?? true;
}
