import type { FastifyInstance } from 'fastify';

export async function quizApiRoutes(_app: FastifyInstance): Promise<void> {}
