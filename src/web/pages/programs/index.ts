import type { FastifyInstance } from 'fastify';
import { programListRoutes } from './list.tsx';
import { newProgramRoutes } from './new-program.tsx';
import { programRoutes } from './program-page.tsx';

/** Programs: the public list and pages with a learner's progress, and defining one for an institution. */
export async function programPageRoutes(app: FastifyInstance): Promise<void> {
  await programListRoutes(app);
  await programRoutes(app);
  await newProgramRoutes(app);
}
