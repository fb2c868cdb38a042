import type { FastifyInstance } from 'fastify';
import { mailboxRoutes } from './mail.tsx';

/** Routes for development-only pages such as the mailbox; none of them exist in production. */
export async function devPageRoutes(app: FastifyInstance): Promise<void> {
  if (app.platform.config.env === 'production') return;
  await mailboxRoutes(app);
}
