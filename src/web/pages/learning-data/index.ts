import type { FastifyInstance } from 'fastify';
import { learningDataRoutes } from './routes.tsx';

/** The signed-in person's learning data: what is kept about their learning, and a copy to download. */
export async function learningDataPageRoutes(app: FastifyInstance): Promise<void> {
  await learningDataRoutes(app);
}
