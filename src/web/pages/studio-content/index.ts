import type { FastifyInstance } from 'fastify';

/** The studio's content side: outline, block editors, preview, publishing and history. */
export async function studioContentRoutes(_app: FastifyInstance): Promise<void> {}
