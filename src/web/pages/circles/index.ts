import type { FastifyInstance } from 'fastify';

/** Study circles: opting in, one's circle, and the staff view. */
export async function circlePageRoutes(_app: FastifyInstance): Promise<void> {}
