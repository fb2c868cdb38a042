import type { FastifyInstance } from 'fastify';
import { coursewareApiRoutes } from './courseware.ts';
import { enrollmentApiRoutes } from './enrollment.ts';
import { gradeApiRoutes } from './grades.ts';
import { quizApiRoutes } from './quizzes.ts';
import { recordApiRoutes } from './records.ts';

/** JSON operations of the learner side: enrollment, courseware, quizzes, grades, learning records. */
export async function learningApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(enrollmentApiRoutes);
  await app.register(coursewareApiRoutes);
  await app.register(quizApiRoutes);
  await app.register(gradeApiRoutes);
  await app.register(recordApiRoutes);
}
