import type { FastifyInstance } from 'fastify';

export async function recordApiRoutes(_app: FastifyInstance): Promise<void> {}
