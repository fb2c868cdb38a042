import type { FastifyInstance } from 'fastify';
import { myLearningRoutes } from './my-learning.tsx';
import { outlineRoutes } from './outline.tsx';
import { preferenceRoutes } from './preferences.ts';
import { unitRoutes } from './unit.tsx';

/** The learner's pages: My learning, a run's outline, its units, and the data saver switch. */
export async function learnPageRoutes(app: FastifyInstance): Promise<void> {
  await app.register(myLearningRoutes);
  await app.register(outlineRoutes);
  await app.register(unitRoutes);
  await app.register(preferenceRoutes);
}
