import {
  getQuizForLearner,
  startQuizAttempt,
  submitQuizAttempt,
  type StoredAnswers,
} from '../../modules/assessment/index.ts';
import { getPublishedTree } from '../../modules/courses/index.ts';
import { getUnit } from '../../modules/courseware/index.ts';
import { enrollInRun } from '../../modules/enrollment/index.ts';
import { createAccount, findUserByEmail } from '../../modules/identity/index.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import { DEMO_PASSWORD } from '../demo-data.ts';
import { contextForDemoAccount } from './accounts.ts';
import type { DemoCourseDeps } from './types.ts';

/** The demo learner has already begun Circular Design: two units read and the practice quiz tried. */
const DEMO_LEARNER = 'learner@demo.orbis.test';
const COURSE = 'circular-design';
const RUN = 'self-paced';
const PRACTICE_ANSWERS: StoredAnswers = { 'most-circular': ['b'], 'hierarchy-first': 'recycling' };

/** A second learner has passed Circular Design: the worker then issues their certificate. */
export const DEMO_GRADUATE = { email: 'graduate@demo.orbis.test', name: 'Chen Jing' };
const FINAL_ANSWERS: StoredAnswers = {
  'recycled-content': 25,
  disassembly: ['a', 'b', 'c'],
  passport: 'Digital Product Passport',
  remanufacture: ['a'],
};

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

/**
 * The demo graduate takes Circular Design's final assessment and passes, through the same
 * services a learner's clicks call: the pass goes to the outbox, and the credentials worker
 * issues the certificate signed by the course's lead institution.
 */
export async function seedDemoGraduate(deps: DemoCourseDeps): Promise<void> {
  if (!(await findUserByEmail(deps.db, DEMO_GRADUATE.email))) {
    await createAccount(
      { db: deps.db, clock: deps.clock, actor: SYSTEM_ACTOR },
      { ...DEMO_GRADUATE, password: DEMO_PASSWORD, emailVerified: true },
    );
  }
  const ctx = await contextForDemoAccount(deps.db, deps.clock, DEMO_GRADUATE.email);
  await enrollInRun(ctx, COURSE, RUN);
  const tree = await getPublishedTree(deps.db, COURSE);
  const finals = tree?.sections
    .flatMap((section) => section.units)
    .flatMap((unit) => unit.blocks)
    .find((block) => block.block.type === 'quiz' && block.block.title === 'Final assessment');
  if (!finals) return;
  const quiz = await getQuizForLearner(ctx, COURSE, RUN, finals.key);
  if (quiz.attempts.length > 0) return;
  const { attempt } = await startQuizAttempt(ctx, COURSE, RUN, finals.key);
  await submitQuizAttempt(ctx, COURSE, RUN, finals.key, attempt.uuid, { answers: FINAL_ANSWERS });
}
