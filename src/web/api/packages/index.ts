import type { FastifyInstance } from 'fastify';

/** Course packages over the API: export a course as a zip, import one as a course or a draft. */
export async function packageApiRoutes(_app: FastifyInstance): Promise<void> {}
