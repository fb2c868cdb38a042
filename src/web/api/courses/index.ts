import type { FastifyInstance } from 'fastify';

/** JSON operations on courses: catalog search, authoring, runs, packages and the MOOChub feed. */
export async function courseApiRoutes(_app: FastifyInstance): Promise<void> {}
