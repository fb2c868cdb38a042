import type { FastifyInstance } from 'fastify';
import { profileRoutes } from './profile.ts';
import { securityRoutes } from './security.ts';
import { tokenRoutes } from './tokens.tsx';

/** Routes for the account pages: profile, password, e-mail, API tokens. */
export async function accountPageRoutes(app: FastifyInstance): Promise<void> {
  await profileRoutes(app);
  await securityRoutes(app);
  await tokenRoutes(app);
}
