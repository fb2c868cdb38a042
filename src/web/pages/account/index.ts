import type { FastifyInstance } from 'fastify';

/** Routes for the account pages: profile, password, e-mail, API tokens. */
export async function accountPageRoutes(_app: FastifyInstance): Promise<void> {}
