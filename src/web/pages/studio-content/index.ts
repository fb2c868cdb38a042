import type { FastifyInstance } from 'fastify';
import { blockRoutes } from './blocks.tsx';
import { historyRoutes } from './history.tsx';
import { outlineRoutes } from './outline.tsx';
import { previewRoutes } from './preview.tsx';
import { questionRoutes } from './questions.tsx';
import { structureRoutes } from './structure.tsx';

/** The studio's content side: outline, block editors, preview, publishing and history. */
export async function studioContentRoutes(app: FastifyInstance): Promise<void> {
  await outlineRoutes(app);
  await structureRoutes(app);
  await blockRoutes(app);
  await questionRoutes(app);
  await previewRoutes(app);
  await historyRoutes(app);
}
