import type { FastifyInstance } from 'fastify';

/** Export and import of course packages from the studio. */
export async function studioPackageRoutes(_app: FastifyInstance): Promise<void> {}
