import type { FastifyInstance } from 'fastify';
import { packagePageRoutes } from './routes.tsx';

/** Export and import of course packages from the studio. */
export async function studioPackageRoutes(app: FastifyInstance): Promise<void> {
  await packagePageRoutes(app);
}
