import type { FastifyInstance } from 'fastify';

/** Routes for development-only pages such as the mailbox. */
export async function devPageRoutes(_app: FastifyInstance): Promise<void> {}
