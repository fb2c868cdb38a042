import type { FastifyInstance } from 'fastify';

export async function learnPageRoutes(_app: FastifyInstance): Promise<void> {}
