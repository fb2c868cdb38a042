import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, createCourseApiWorld, type CourseApiWorld } from '../../../../test/api/fuzz-courses-world.ts';
import { asSession, asToken, callApi, expectProblem, type Caller } from '../../../../test/api/support.ts';
import { createTestApp, type TestContext } from '../../../../test/support/app.ts';
import { createRun, type NewRun } from '../../../modules/courses/index.ts';

/**
 * The enrollment operations: enrollInRun and unenrollFromRun (path …/enrollment), listMyEnrollments
 * (/api/v1/me/enrollments) and bulkEnrollInRun (…/enrollments), with a per-role table for each.
 */
let ctx: TestContext;
let world: CourseApiWorld;
let runs = 0;

beforeAll(async () => {
  ctx = await createTestApp();
  world = await createCourseApiWorld(ctx);
});
afterAll(() => ctx.close());

async function openRun(settings: Partial<NewRun> = {}): Promise<string> {
  runs += 1;
  const code = `api-${runs}`;
  const lead = await contextOf(ctx, world.leadInstructor);
  await createRun(lead, world.published.key, { code, pacing: 'self_paced', language: 'en', ...settings } as NewRun);
  return code;
}

const runUrl = (code: string, key = world.published.key) => `/api/v1/courses/${key}/runs/${code}`;
const call = (caller: Caller | null, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  callApi(ctx, caller ? asToken(caller) : null, { method, url, ...(payload === undefined ? {} : { payload }) });

type Who =
  | 'anonymous'
  | 'learner'
  | 'enrolled'
  | 'leadInstructor'
  | 'instructor'
  | 'assistant'
  | 'author'
  | 'ownerAdmin'
  | 'otherAdmin';
const WHO: Who[] = [
  'anonymous',
  'learner',
  'enrolled',
  'leadInstructor',
  'instructor',
  'assistant',
  'author',
  'ownerAdmin',
  'otherAdmin',
];

describe('per-role access to every enrollment operation', () => {
  // Someone with no role on the course, enrolled in each run before the table runs.
  const enrolledCaller = () => world.secretariat;
  const callerOf = (who: Who): Caller | null =>
    ({
      anonymous: null,
      learner: world.learner,
      enrolled: enrolledCaller(),
      leadInstructor: world.leadInstructor,
      instructor: world.instructor,
      assistant: world.assistant,
      author: world.author,
      ownerAdmin: world.adminA,
      otherAdmin: world.adminB,
    })[who];

  const table: Array<[string, 'GET' | 'POST' | 'DELETE', (code: string) => string, unknown, Record<Who, number>]> = [
    [
      'enrollInRun (POST …/enrollment)',
      'POST',
      (code) => `${runUrl(code)}/enrollment`,
      undefined,
      {
        anonymous: 401,
        learner: 201,
        enrolled: 200,
        leadInstructor: 201,
        instructor: 201,
        assistant: 201,
        author: 201,
        ownerAdmin: 201,
        otherAdmin: 201,
      },
    ],
    [
      'unenrollFromRun (DELETE …/enrollment)',
      'DELETE',
      (code) => `${runUrl(code)}/enrollment`,
      undefined,
      {
        anonymous: 401,
        learner: 404,
        enrolled: 200,
        leadInstructor: 404,
        instructor: 404,
        assistant: 404,
        author: 404,
        ownerAdmin: 404,
        otherAdmin: 404,
      },
    ],
    [
      'listMyEnrollments (GET /api/v1/me/enrollments)',
      'GET',
      () => '/api/v1/me/enrollments',
      undefined,
      {
        anonymous: 401,
        learner: 200,
        enrolled: 200,
        leadInstructor: 200,
        instructor: 200,
        assistant: 200,
        author: 200,
        ownerAdmin: 200,
        otherAdmin: 200,
      },
    ],
    [
      'bulkEnrollInRun (POST …/enrollments)',
      'POST',
      (code) => `${runUrl(code)}/enrollments`,
      { emails: ['someone@example.test'] },
      {
        anonymous: 401,
        learner: 403,
        enrolled: 403,
        leadInstructor: 200,
        instructor: 200,
        assistant: 403,
        author: 403,
        ownerAdmin: 200,
        otherAdmin: 403,
      },
    ],
  ];

  it.each(table)('%s answers each role as its policy says', async (_name, method, url, payload, expected) => {
    const code = await openRun();
    expect((await call(enrolledCaller(), 'POST', `${runUrl(code)}/enrollment`)).statusCode).toBe(201);
    for (const who of WHO) {
      const response = await call(callerOf(who), method, url(code), payload);
      expect(response.statusCode, who).toBe(expected[who]);
    }
  });
});

describe('enrolling and leaving', () => {
  it('enrolls, leaves and comes back on the same enrollment', async () => {
    const code = await openRun();
    const created = await call(world.learner, 'POST', `${runUrl(code)}/enrollment`);
    expect(created.statusCode).toBe(201);
    const enrollment = created.json();
    expect(enrollment).toMatchObject({
      course: { key: world.published.key },
      run: { code },
      mode: 'audit',
      status: 'active',
      source: 'self',
      unenrolledAt: null,
    });
    const again = await call(world.learner, 'POST', `${runUrl(code)}/enrollment`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(enrollment);
    const left = await call(world.learner, 'DELETE', `${runUrl(code)}/enrollment`);
    expect(left.json()).toMatchObject({
      uuid: enrollment.uuid,
      status: 'unenrolled',
      unenrolledAt: expect.any(String),
    });
    const back = await call(world.learner, 'POST', `${runUrl(code)}/enrollment`);
    expect(back.json()).toMatchObject({ uuid: enrollment.uuid, status: 'active', enrolledAt: enrollment.enrolledAt });
  });

  it('works with a browser session from this site and refuses one from elsewhere', async () => {
    const code = await openRun();
    const url = `${runUrl(code)}/enrollment`;
    expect((await callApi(ctx, asSession(world.learner), { method: 'POST', url })).statusCode).toBe(201);
    const forged = await callApi(ctx, asSession(world.learner), {
      method: 'DELETE',
      url,
      headers: { origin: 'https://evil.example' },
    });
    expect(expectProblem(forged, 403).code).toBe('cross_site_write');
  });

  it('answers 409 with a stable code for a closed, future or full run', async () => {
    const now = ctx.platform.clock.now().getTime();
    const closed = await openRun({ enrollmentClosesAt: new Date(now - 1000) });
    const later = await openRun({ enrollmentOpensAt: new Date(now + 86_400_000) });
    const full = await openRun({ capacity: 1 });
    await call(world.author, 'POST', `${runUrl(full)}/enrollment`);
    for (const [code, expected] of [
      [closed, 'enrollment.closed'],
      [later, 'enrollment.not_open_yet'],
      [full, 'enrollment.full'],
    ] as const) {
      expect(expectProblem(await call(world.learner, 'POST', `${runUrl(code)}/enrollment`), 409).code).toBe(expected);
    }
  });

  it('answers 404 for unknown runs and unpublished courses, and 400 for malformed addresses', async () => {
    expectProblem(await call(world.learner, 'POST', `${runUrl('no-such-run')}/enrollment`), 404);
    expectProblem(await call(world.learner, 'POST', `${runUrl('2027-T1', world.unpublishedKey)}/enrollment`), 404);
    expectProblem(await call(world.learner, 'POST', `${runUrl('2027-T1', 'Bad_Key')}/enrollment`), 400);
    expectProblem(await call(world.learner, 'DELETE', `${runUrl('no-such-run')}/enrollment`), 404);
  });
});

describe('GET /api/v1/me/enrollments (listMyEnrollments)', () => {
  it('lists current enrollments with title and run, and the others on request', async () => {
    const caller = world.instructor;
    const kept = await openRun();
    const left = await openRun();
    await call(caller, 'POST', `${runUrl(kept)}/enrollment`);
    await call(caller, 'POST', `${runUrl(left)}/enrollment`);
    await call(caller, 'DELETE', `${runUrl(left)}/enrollment`);
    const current = (await call(caller, 'GET', '/api/v1/me/enrollments')).json();
    const codes = current.items.map((item: { run: { code: string } }) => item.run.code);
    expect(codes).toContain(kept);
    expect(codes).not.toContain(left);
    expect(current.items.find((item: { run: { code: string } }) => item.run.code === kept)).toMatchObject({
      title: { en: 'Climate Data 101' },
      enrollment: { status: 'active', course: { key: world.published.key } },
      run: { code: kept, pacing: 'self_paced', releaseNumber: 1 },
    });
    const gone = (await call(caller, 'GET', '/api/v1/me/enrollments?status=unenrolled')).json();
    expect(gone.items.map((item: { run: { code: string } }) => item.run.code)).toEqual([left]);
    expectProblem(await call(caller, 'GET', '/api/v1/me/enrollments?status=maybe'), 400);
  });
});

describe('POST …/runs/{runCode}/enrollments (bulkEnrollInRun)', () => {
  it('enrolls by address and reports each failure', async () => {
    const code = await openRun({ capacity: 2 });
    const report = await call(world.adminA, 'POST', `${runUrl(code)}/enrollments`, {
      emails: [
        world.learner.user.email,
        'nope',
        'ghost@example.test',
        world.adminB.user.email,
        world.author.user.email,
      ],
    });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toEqual({
      received: 5,
      distinct: 5,
      enrolled: 2,
      alreadyEnrolled: 0,
      failures: [
        { email: 'nope', reason: 'invalid_email' },
        { email: 'ghost@example.test', reason: 'no_account' },
        { email: world.author.user.email, reason: 'run_full' },
      ],
    });
  });

  it('validates the body after checking the caller', async () => {
    const code = await openRun();
    const url = `${runUrl(code)}/enrollments`;
    expectProblem(await call(world.leadInstructor, 'POST', url, { emails: [] }), 400);
    expectProblem(await call(world.leadInstructor, 'POST', url, { emails: 'a@example.test' }), 400);
    expectProblem(await call(world.leadInstructor, 'POST', url, { emails: ['a@example.test'], role: 'x' }), 400);
    expectProblem(await call(world.assistant, 'POST', url, { emails: [] }), 403);
    expectProblem(
      await call(world.leadInstructor, 'POST', `${runUrl('no-such-run')}/enrollments`, { emails: ['a@b.cd'] }),
      404,
    );
  });
});
