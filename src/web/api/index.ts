import type { FastifyInstance } from 'fastify';

/** The JSON API under /api/v1, its OpenAPI document and its reference page. */
export async function apiRoutes(_app: FastifyInstance): Promise<void> {}
