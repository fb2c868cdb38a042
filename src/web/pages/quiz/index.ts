import type { FastifyInstance } from 'fastify';

export async function quizPageRoutes(_app: FastifyInstance): Promise<void> {}
