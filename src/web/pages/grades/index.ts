import type { FastifyInstance } from 'fastify';

export async function gradePageRoutes(_app: FastifyInstance): Promise<void> {}
