import type { FastifyInstance } from 'fastify';
import { gradebookRoutes } from './gradebook.tsx';
import { progressRoutes } from './progress.tsx';

/** The learner's progress page and the studio gradebook (with its CSV and overrides). */
export async function gradePageRoutes(app: FastifyInstance): Promise<void> {
  await progressRoutes(app);
  await gradebookRoutes(app);
}
