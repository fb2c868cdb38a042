import type { FastifyInstance } from 'fastify';

/** A run's forum: topics, thread lists, threads, posting, moderation. */
export async function forumPageRoutes(_app: FastifyInstance): Promise<void> {}
