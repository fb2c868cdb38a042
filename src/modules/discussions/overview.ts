import type { ServiceContext } from '../../platform/access/index.ts';
import { requireForumReader } from './access.ts';
import type { ForumReader, ForumTopic } from './model.ts';
import { selectMyCircleId } from './store.ts';
import { listForumTopics } from './topics.ts';

export type ForumOverview = { reader: ForumReader; topics: ForumTopic[]; myCircleId: number | null };

/**
 * What a reader needs to find their way in a run's forum: its topics, their own role and
 * standing, and their study circle. Errors: unauthenticated, not_found 'forum'.
 */
export async function getForumOverview(
  ctx: ServiceContext,
  courseKey: string,
  runCode: string,
): Promise<ForumOverview> {
  const reader = await requireForumReader(ctx, courseKey, runCode);
  const [topics, myCircleId] = await Promise.all([
    listForumTopics(ctx.db, reader.run),
    selectMyCircleId(ctx.db, reader.run.id, reader.actor.userId),
  ]);
  return { reader, topics, myCircleId };
}
