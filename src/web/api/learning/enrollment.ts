import type { FastifyInstance } from 'fastify';

export async function enrollmentApiRoutes(_app: FastifyInstance): Promise<void> {}
