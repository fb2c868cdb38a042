import type { FastifyInstance } from 'fastify';

/** A person's forum notifications and their settings. */
export async function notificationPageRoutes(_app: FastifyInstance): Promise<void> {}
