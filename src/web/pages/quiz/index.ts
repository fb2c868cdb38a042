import type { FastifyInstance } from 'fastify';
import { quizRoutes } from './routes.tsx';

/** The quiz pages of a run: intro and attempt form, start, save, submit, and each attempt's result. */
export async function quizPageRoutes(app: FastifyInstance): Promise<void> {
  await quizRoutes(app);
}
