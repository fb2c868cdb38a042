import type { FastifyInstance } from 'fastify';

/** Routes for the alliance directory, institution profiles and institution administration. */
export async function institutionPageRoutes(_app: FastifyInstance): Promise<void> {}
