import type { FastifyInstance } from 'fastify';

export async function gradeApiRoutes(_app: FastifyInstance): Promise<void> {}
