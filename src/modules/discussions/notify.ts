import { eq } from 'drizzle-orm';
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
