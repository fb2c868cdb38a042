import type { FastifyInstance } from 'fastify';
import { addRetryAfter } from './access.ts';
import { actionRoutes } from './actions.ts';
import { circleRoutes } from './circles.ts';
import { moderationRoutes } from './moderation.ts';
import { notificationRoutes } from './notifications.ts';
import { threadRoutes } from './threads.ts';

/** Forum operations of the JSON API: threads, posts, moderation, study circles and notifications. */
export async function discussionApiRoutes(app: FastifyInstance): Promise<void> {
  app.addHook('onError', addRetryAfter);
  await app.register(threadRoutes);
  await app.register(actionRoutes);
  await app.register(moderationRoutes);
  await app.register(circleRoutes);
  await app.register(notificationRoutes);
}
