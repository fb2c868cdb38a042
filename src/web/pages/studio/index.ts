import type { FastifyInstance } from 'fastify';

/** The studio: where course teams author, publish and run their courses. */
export async function studioPageRoutes(_app: FastifyInstance): Promise<void> {}
