import type { FastifyInstance } from 'fastify';

/** Routes for sign-up, sign-in, sign-out, e-mail verification and password reset pages. */
export async function authPageRoutes(_app: FastifyInstance): Promise<void> {}
