import type { FastifyInstance } from 'fastify';

/** Forum operations of the JSON API. */
export async function discussionApiRoutes(_app: FastifyInstance): Promise<void> {}
