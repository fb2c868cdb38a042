import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { createCoursewareWorld } from '../../../modules/courseware/courseware-test-fixtures.ts';
import type { CourseRun } from '../../../modules/courses/index.ts';

/** Everyone whose place decides what the learn pages answer. */
export const LEARN_ROLES = [
  'anonymous',
  'stranger',
  'otherRun',
  'author',
  'assistant',
  'ownerAdmin',
  'lead',
  'learner',
] as const;
export type LearnRole = (typeof LEARN_ROLES)[number];
type Session = { cookies: string; token: string };

const PASSWORD = 'a-long-test-password';
const OWN_ORIGIN = 'http://localhost:3000';

/**
 * An app with the courseware world (a course with every kind of block and three runs) and a
 * session for each role: `learner` is enrolled in all three runs, `otherRun` only in the one
 * that has not started, `stranger` in none; the rest are the course's team and owners.
 */
export async function createLearnWorld(options: { prepare?: (ctx: TestContext) => Promise<void> } = {}) {
  const ctx: TestContext = await createTestApp();
  await options.prepare?.(ctx);
  const { db, clock, storage } = ctx.platform;
  const world = await createCoursewareWorld(db, { now: clock.now(), storage });
  const { cast, runs } = world;
  const learner = await world.helpers.buildLearner();
  for (const run of Object.values(runs)) await world.enroll(learner, run);
  const otherRun = await world.helpers.buildLearner();
  await world.enroll(otherRun, runs.later);
  const people = {
    stranger: cast.learner,
    otherRun,
    author: cast.author,
    assistant: cast.teachingAssistant,
    ownerAdmin: cast.ownerAdmin,
    lead: cast.leadInstructor,
    learner,
  };
  const sessions = { anonymous: await getCsrf(ctx.app) } as Record<LearnRole, Session>;
  for (const [role, person] of Object.entries(people)) {
    sessions[role as LearnRole] = await getCsrf(ctx.app, await signIn(ctx.app, person.user.email, PASSWORD));
  }

  /** A learner of their own, enrolled in the given runs, for tests that change progress. */
  async function newLearner(enrolled: CourseRun[] = [runs.selfPaced]): Promise<Session> {
    const person = await world.helpers.buildLearner();
    for (const run of enrolled) await world.enroll(person, run);
    return getCsrf(ctx.app, await signIn(ctx.app, person.user.email, PASSWORD));
  }

  function get(who: LearnRole | Session, url: string, headers: Record<string, string> = {}) {
    const session = typeof who === 'string' ? sessions[who] : who;
    return ctx.app.inject({ method: 'GET', url, headers: { cookie: session.cookies, ...headers } });
  }

  function post(who: LearnRole | Session, url: string, form: Record<string, string> = {}) {
    const session = typeof who === 'string' ? sessions[who] : who;
    const body = new URLSearchParams({ _csrf: session.token, ...form });
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: session.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  /** A JSON API call with the browser session, from this site. */
  function api(who: LearnRole | Session, method: 'GET' | 'POST', url: string, body?: unknown) {
    const session = typeof who === 'string' ? sessions[who] : who;
    return ctx.app.inject({
      method,
      url,
      headers: {
        cookie: session.cookies,
        origin: OWN_ORIGIN,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  const paths = {
    outline: (code = 'SP') => `/learn/${world.key}/${code}`,
    unit: (unitKey: string, code = 'SP') => `/learn/${world.key}/${code}/units/${unitKey}`,
    complete: (unitKey: string, blockKey: string, code = 'SP') =>
      `/learn/${world.key}/${code}/units/${unitKey}/blocks/${blockKey}/complete`,
    apiRun: (code = 'SP') => `/api/v1/courses/${world.key}/runs/${code}`,
  };

  return { ctx, world, people, sessions, newLearner, get, post, api, paths, close: () => ctx.close() };
}

export type LearnWorld = Awaited<ReturnType<typeof createLearnWorld>>;
