import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { createApiToken } from '../../../modules/identity/index.ts';
import {
  createGradesWorld,
  storeQuizScoreForTest,
  type GradesWorld,
} from '../../../modules/assessment/grades-test-fixtures.ts';
import { refreshCourseGrade } from '../../../modules/assessment/index.ts';
import type { LearnerRun } from '../../../modules/enrollment/index.ts';
import type { ServiceContext } from '../../../platform/access/index.ts';

/** The password the course test helpers give every account. */
const PASSWORD = 'a-long-test-password';

export const ROLES = [
  'anonymous',
  'learner',
  'enrolled',
  'otherLearner',
  'author',
  'assistant',
  'instructor',
  'lead',
  'ownerAdmin',
  'otherAdmin',
] as const;
export type Role = (typeof ROLES)[number];

export type Visitor = { cookies: string; token: string; apiToken: string; userId: string };

/**
 * One app with a published course of graded and practice quizzes, one self-paced run, its whole
 * team, two enrolled learners with scores (the first one passed) and outsiders, each signed in.
 */
export async function createGradesPageWorld() {
  const ctx: TestContext = await createTestApp();
  const world: GradesWorld = await createGradesWorld(ctx.platform.db);
  const { cast } = world;
  const enrolled = await world.buildNamedLearner('Amina Okafor', 'verified');
  const otherLearner = await world.buildNamedLearner('Bao Chen');
  const at = new Date('2024-03-02T00:00:00Z');
  const score = async (learner: LearnerRun, points: Array<[keyof GradesWorld['quizzes'], number, number]>) => {
    for (const [quiz, value, max] of points)
      await storeQuizScoreForTest(ctx.platform.db, learner, world.quizzes[quiz], value, max);
    await ctx.platform.db.transaction((tx) => refreshCourseGrade(tx, learner, at));
  };
  await score(enrolled.learner, [
    ['hw1', 2, 2],
    ['hw2', 3, 4],
    ['exam', 4, 5],
    ['practice', 1, 1],
  ]);
  await score(otherLearner.learner, [['hw1', 1, 2]]);

  const people: Record<Exclude<Role, 'anonymous'>, { user: { id: string; email: string }; ctx: ServiceContext }> = {
    learner: cast.learner,
    enrolled,
    otherLearner,
    author: cast.author,
    assistant: cast.teachingAssistant,
    instructor: cast.instructor,
    lead: cast.leadInstructor,
    ownerAdmin: cast.ownerAdmin,
    otherAdmin: cast.otherAdmin,
  };
  const visitors = {} as Record<Role, Visitor>;
  visitors.anonymous = { ...(await getCsrf(ctx.app)), apiToken: '', userId: '' };
  for (const [role, person] of Object.entries(people) as Array<[Exclude<Role, 'anonymous'>, (typeof people)['lead']]>) {
    const session = await getCsrf(ctx.app, await signIn(ctx.app, person.user.email, PASSWORD));
    const { token } = await createApiToken(
      { db: ctx.platform.db, clock: ctx.platform.clock, actor: { ...person.ctx.actor!, via: 'session' } },
      { name: 'grades tests' },
    );
    visitors[role] = { ...session, apiToken: token, userId: person.user.id };
  }

  function get(role: Role, url: string, headers: Record<string, string> = {}) {
    return ctx.app.inject({ method: 'GET', url, headers: { cookie: visitors[role].cookies, ...headers } });
  }

  function post(role: Role, url: string, form: Record<string, string> = {}) {
    const body = new URLSearchParams({ _csrf: visitors[role].token, ...form });
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: visitors[role].cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  return { ctx, world, enrolled, otherLearner, visitors, get, post };
}

export type GradesPageWorld = Awaited<ReturnType<typeof createGradesPageWorld>>;
