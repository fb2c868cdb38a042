import type { FastifyInstance } from 'fastify';

/** The public course catalog and course pages. */
export async function catalogPageRoutes(_app: FastifyInstance): Promise<void> {}
