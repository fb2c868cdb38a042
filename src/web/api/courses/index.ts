import type { FastifyInstance } from 'fastify';
import { courseAuthoringRoutes } from './authoring-routes.ts';
import { moochubRoutes } from './moochub.ts';
import { courseReadRoutes } from './read-routes.ts';
import { courseStructureRoutes } from './structure-routes.ts';

/** JSON operations on courses: catalog search, authoring, runs, packages and the MOOChub feed. */
export async function courseApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(courseReadRoutes);
  await app.register(courseAuthoringRoutes);
  await app.register(courseStructureRoutes);
  await app.register(moochubRoutes);
}
