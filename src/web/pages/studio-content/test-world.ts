import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { createCourseTestHelpers, type CourseCast } from '../../../modules/courses/test-helpers.ts';

export const ROLES = [
  'anonymous',
  'learner',
  'author',
  'assistant',
  'ownerAdmin',
  'otherAdmin',
  'otherTeam',
  'lead',
] as const;
export type Role = (typeof ROLES)[number];
type Session = { cookies: string; token: string };

const PASSWORD = 'a-long-test-password';

/** An app with one course and a person in every place that matters to the studio's access rules. */
export async function createContentWorld() {
  const ctx: TestContext = await createTestApp();
  const helpers = createCourseTestHelpers(ctx.platform.db);
  const cast: CourseCast = await helpers.buildCourseWithTeam();
  // The lead instructor of another course, at another institution: a team member, but not of this team.
  const otherCourse = await helpers.buildCourse({ lead: cast.other });
  const people = {
    learner: cast.learner,
    author: cast.author,
    assistant: cast.teachingAssistant,
    ownerAdmin: cast.ownerAdmin,
    otherAdmin: cast.otherAdmin,
    otherTeam: otherCourse.leadInstructor,
    lead: cast.leadInstructor,
  };
  const sessions = { anonymous: await getCsrf(ctx.app) } as Record<Role, Session>;
  for (const [role, person] of Object.entries(people)) {
    sessions[role as Role] = await getCsrf(ctx.app, await signIn(ctx.app, person.user.email, PASSWORD));
  }

  function get(role: Role, url: string) {
    return ctx.app.inject({ method: 'GET', url, headers: { cookie: sessions[role].cookies } });
  }

  function post(role: Role, url: string, form: Record<string, string | string[]> = {}) {
    const body = new URLSearchParams();
    body.set('_csrf', sessions[role].token);
    for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: sessions[role].cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  }

  return { ctx, helpers, cast, people, key: cast.course.key, get, post, close: () => ctx.close() };
}

export type ContentWorld = Awaited<ReturnType<typeof createContentWorld>>;
