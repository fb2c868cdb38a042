import type { BlockInput } from '../../../modules/courses/index.ts';
import { createQuizWorld } from '../../../modules/assessment/quiz-test-fixtures.ts';
import { getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import type { Clock } from '../../../platform/clock/index.ts';

/** The password the course test helpers give every account they create. */
const HELPER_PASSWORD = 'a-long-test-password';

export type Visitor = { userId: string; cookie: string };

/**
 * A quiz world on a test application: an enrolled learner, a second enrolled learner, a signed-in
 * stranger and the course's lead instructor, each with a session cookie.
 */
export async function createQuizHttpWorld<Name extends string = 'quiz'>(
  ctx: TestContext,
  quizzes?: Record<Name, BlockInput>,
) {
  const world = await createQuizWorld<Name>(ctx.platform.db, {
    ...(quizzes ? { quizzes } : {}),
    now: ctx.platform.clock.now(),
  });
  const visitorOf = async (person: { user: { id: string; email: string } }): Promise<Visitor> => ({
    userId: person.user.id,
    cookie: await signIn(ctx.app, person.user.email, HELPER_PASSWORD),
  });
  const learner = await world.buildEnrolledLearner();
  const other = await world.buildEnrolledLearner();
  const stranger = await world.helpers.buildLearner();
  return {
    world,
    learner: { ...learner, visitor: await visitorOf(learner) },
    other: { ...other, visitor: await visitorOf(other) },
    stranger: await visitorOf(stranger),
    staff: await visitorOf(world.cast.leadInstructor),
    /** A new enrolled learner with a session, for tests that need a fresh quiz state. */
    async buildLearner() {
      const person = await world.buildEnrolledLearner();
      return { ...person, visitor: await visitorOf(person) };
    },
  };
}

/** Moves the test application's clock; the test app runs on a fixed clock. */
export function advanceClock(clock: Clock, milliseconds: number): void {
  (clock as Clock & { advance(ms: number): void }).advance(milliseconds);
}

export type QuizHttpWorld<Name extends string = 'quiz'> = Awaited<ReturnType<typeof createQuizHttpWorld<Name>>>;

/** Sends a form as a signed-in visitor, with a CSRF token fetched for their session. */
export async function postForm(
  ctx: TestContext,
  cookie: string,
  url: string,
  fields: Record<string, string | string[]>,
) {
  const { token, cookies } = await getCsrf(ctx.app, cookie);
  const body = new URLSearchParams();
  body.append('_csrf', token);
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookies, origin: ctx.config.baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** The value of a hidden field on a page. */
export function readHidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name} on the page`);
  return match[1]!;
}
