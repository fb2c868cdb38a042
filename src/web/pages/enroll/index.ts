import type { FastifyInstance } from 'fastify';
import { learnerRoutes } from './learners.tsx';
import { runActionRoutes } from './run-actions.tsx';

/** Enrolling in and leaving runs from the course page, and the studio's learner lists. */
export async function enrollPageRoutes(app: FastifyInstance): Promise<void> {
  await runActionRoutes(app);
  await learnerRoutes(app);
}
