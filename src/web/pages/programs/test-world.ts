import { createTestApp, getCsrf, signIn, type TestContext } from '../../../../test/support/app.ts';
import { refreshCourseGrade } from '../../../modules/assessment/index.ts';
import { storeQuizScoreForTest } from '../../../modules/assessment/grades-test-fixtures.ts';
import { configureCredentials, createProgram } from '../../../modules/credentials/index.ts';
import { createCredentialsWorld, type CredentialsWorld } from '../../../modules/credentials/test-credentials-world.ts';

/** The password the course test helpers give every account. */
const PASSWORD = 'a-long-test-password';

export const ROLES = [
  'anonymous',
  'learner',
  'partial',
  'complete',
  'leadAdmin',
  'registrar',
  'instructor',
  'partnerAdmin',
  'otherAdmin',
  'secretariat',
] as const;
export type Role = (typeof ROLES)[number];
export type Visitor = { cookies: string; token: string; userId: string };
type Person = { user: { id: string; email: string }; ctx: CredentialsWorld['cast']['learner']['ctx'] };

/** Program keys the world defines before any test runs. */
export const PROGRAMS = { all: 'climate-pro', any: 'climate-any' } as const;

/**
 * One app with two courses whose runs grant certificates, each led by another institution, and
 * two programs over both: "climate-pro" (pass both) led by the first course's institution with
 * the second's as partner, and "climate-any" (pass either). Learners stand at every step: none
 * passed (`learner`), the first passed and enrolled in the second (`partial`), both passed with
 * the program certificate issued (`complete`). Staff of the lead institution and outsiders are
 * signed in too. Credentials point at the app's own address.
 */
export async function createProgramPagesWorld() {
  const ctx: TestContext = await createTestApp();
  const { db } = ctx.platform;
  const first = await createCredentialsWorld(db);
  const second = await createCredentialsWorld(db, { helpers: first.helpers });
  configureCredentials({
    baseUrl: ctx.config.baseUrl,
    keyEncryptionSecret: ctx.config.keyEncryptionSecret,
    loadRemoteDidDocument: null,
  });
  const { cast } = first;
  const lead = cast.lead;

  /** A program over both courses, defined by the lead institution's admin. */
  function defineProgram(key: string, overrides: Record<string, unknown> = {}) {
    return createProgram(cast.ownerAdmin.ctx, {
      key,
      title: { en: 'Climate Data Professional', ar: 'محترف بيانات المناخ' },
      description: { en: 'Two courses on climate data, taught across the alliance.' },
      leadInstitution: lead.key,
      partnerInstitutions: [second.cast.lead.key],
      courses: [first.key, second.key],
      rule: 'all',
      ...overrides,
    });
  }

  /** The second course passed by someone already holding the first one's certificate. */
  async function passSecondCourse(person: Person) {
    const learner = await second.enroll({ ctx: person.ctx });
    for (const quiz of Object.values(second.quizzes)) await storeQuizScoreForTest(db, learner, quiz, 5, 5);
    await db.transaction((tx) => refreshCourseGrade(tx, learner, first.helpers.clock.now()));
    await first.issueDueCredentials();
  }

  /** A learner who passed the first course and is enrolled in the second. */
  async function buildPartialLearner(name: string) {
    const person = await first.buildPassedLearner(name);
    await first.issueDueCredentials();
    await second.enroll({ ctx: person.ctx });
    return person;
  }

  /** A learner holding both course certificates. */
  async function buildCompleteLearner(name: string) {
    const person = await first.buildPassedLearner(name);
    await first.issueDueCredentials();
    await passSecondCourse(person);
    return person;
  }

  await defineProgram(PROGRAMS.all);
  await defineProgram(PROGRAMS.any, { title: { en: 'Climate Data Foundations' }, rule: 'any_n', requiredCount: 1 });
  const partial = await buildPartialLearner('Partial Pat');
  const complete = await buildCompleteLearner('Complete Chen');
  const secretariat = await first.helpers.buildUser({ secretariat: true });

  const people: Record<Exclude<Role, 'anonymous'>, { id: string; email: string }> = {
    learner: cast.learner.user,
    partial: partial.user,
    complete: complete.user,
    leadAdmin: cast.ownerAdmin.user,
    registrar: first.registrar.user,
    instructor: cast.leadInstructor.user,
    partnerAdmin: cast.partnerAdmin.user,
    otherAdmin: cast.otherAdmin.user,
    secretariat,
  };
  const visitors = {} as Record<Role, Visitor>;
  visitors.anonymous = { ...(await getCsrf(ctx.app)), userId: '' };
  for (const [role, person] of Object.entries(people) as Array<[Role, { id: string; email: string }]>) {
    visitors[role] = { ...(await getCsrf(ctx.app, await signIn(ctx.app, person.email, PASSWORD))), userId: person.id };
  }

  /** A fresh session for someone made during a test. */
  async function signInAs(email: string): Promise<Visitor> {
    return { ...(await getCsrf(ctx.app, await signIn(ctx.app, email, PASSWORD))), userId: '' };
  }

  function get(who: Role | Visitor, url: string, headers: Record<string, string> = {}) {
    const cookie = who === 'anonymous' ? {} : { cookie: (typeof who === 'string' ? visitors[who] : who).cookies };
    return ctx.app.inject({ method: 'GET', url, headers: { ...cookie, ...headers } });
  }

  function post(
    who: Role | Visitor,
    url: string,
    form: Record<string, string | string[]> = {},
    headers: Record<string, string> = {},
  ) {
    const visitor = typeof who === 'string' ? visitors[who] : who;
    const body = new URLSearchParams({ _csrf: visitor.token });
    for (const [name, value] of Object.entries(form)) for (const item of [value].flat()) body.append(name, item);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { cookie: visitor.cookies, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body.toString(),
    });
  }

  return {
    ctx,
    first,
    second,
    visitors,
    institutions: { lead, partner: second.cast.lead, other: cast.other },
    courses: { first: first.key, second: second.key },
    people: { partial, complete },
    defineProgram,
    buildPartialLearner,
    buildCompleteLearner,
    signInAs,
    get,
    post,
    close: () => ctx.close(),
  };
}

export type ProgramPagesWorld = Awaited<ReturnType<typeof createProgramPagesWorld>>;
