import type { FastifyInstance } from 'fastify';
import { listRoutes } from './list-routes.tsx';
import { moderationRoutes } from './moderation-routes.tsx';
import { newThreadRoutes } from './new-thread-routes.tsx';
import { postRoutes } from './post-routes.tsx';
import { threadRoutes } from './thread-routes.tsx';

/** A run's forum: topics, thread lists, threads, posting, moderation. */
export async function forumPageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(listRoutes);
  await app.register(newThreadRoutes);
  await app.register(threadRoutes);
  await app.register(postRoutes);
  await app.register(moderationRoutes);
}
