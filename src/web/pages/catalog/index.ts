import type { FastifyInstance } from 'fastify';
import { courseRoutes } from './course.tsx';
import { searchRoutes } from './search.tsx';

/** The public course catalog and course pages. */
export async function catalogPageRoutes(app: FastifyInstance): Promise<void> {
  await searchRoutes(app);
  await courseRoutes(app);
}
