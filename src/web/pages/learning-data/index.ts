import type { FastifyInstance } from 'fastify';

export async function learningDataPageRoutes(_app: FastifyInstance): Promise<void> {}
