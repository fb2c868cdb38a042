import type { FastifyInstance } from 'fastify';

export async function enrollPageRoutes(_app: FastifyInstance): Promise<void> {}
