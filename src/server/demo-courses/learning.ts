import {
  getQuizForLearner,
  startQuizAttempt,
  submitQuizAttempt,
  type StoredAnswers,
} from '../../modules/assessment/index.ts';
import { getPublishedTree } from '../../modules/courses/index.ts';
import { getUnit } from '../../modules/courseware/index.ts';
import { enrollInRun } from '../../modules/enrollment/index.ts';
import { contextForDemoAccount } from './accounts.ts';
import type { DemoCourseDeps } from './types.ts';

/** The demo learner has already begun Circular Design: two units read and the practice quiz tried. */
const DEMO_LEARNER = 'learner@demo.orbis.test';
const COURSE = 'circular-design';
const RUN = 'self-paced';
const PRACTICE_ANSWERS: StoredAnswers = { 'most-circular': ['b'], 'hierarchy-first': 'recycling' };

/**
 * Gives the demo learner some history, through the same services a learner's clicks call, so
 * "My learning", the outline, the progress page and the gradebook have something to show.
 */
export async function seedDemoLearning(deps: DemoCourseDeps): Promise<void> {
  const ctx = await contextForDemoAccount(deps.db, deps.clock, DEMO_LEARNER);
  await enrollInRun(ctx, COURSE, RUN);
  const tree = await getPublishedTree(deps.db, COURSE);
  const units = tree?.sections.flatMap((section) => section.units) ?? [];
  for (const unit of units.slice(0, 2)) await getUnit(ctx, COURSE, RUN, unit.key);
  const practice = units[1]?.blocks.find((block) => block.block.type === 'quiz');
  if (!practice) return;
  const quiz = await getQuizForLearner(ctx, COURSE, RUN, practice.key);
  if (quiz.attempts.length > 0) return;
  const { attempt } = await startQuizAttempt(ctx, COURSE, RUN, practice.key);
  await submitQuizAttempt(ctx, COURSE, RUN, practice.key, attempt.uuid, { answers: PRACTICE_ANSWERS });
}
