import type { FastifyInstance } from 'fastify';
import { keyRoutes } from './keys-routes.tsx';

/** An institution's signing keys, for its admins: the list, rotation, reporting a compromised key. */
export async function issuerKeyPageRoutes(app: FastifyInstance): Promise<void> {
  await keyRoutes(app);
}
