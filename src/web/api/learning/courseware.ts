import type { FastifyInstance } from 'fastify';

export async function coursewareApiRoutes(_app: FastifyInstance): Promise<void> {}
