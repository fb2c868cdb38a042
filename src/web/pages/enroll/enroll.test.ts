import type { Clock } from '../../../platform/clock/index.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, createEnrollWorld, type EnrollWorld, type Role } from './test-world.ts';

/**
 * The pages of enrolling: the course page's controls, enroll and leave (with its confirmation),
 * and the studio's learner list with bulk enrollment. The per-role table covers every route.
 */
let world: EnrollWorld;
const DAY = 86_400_000;

/** The test app runs on a fixed clock that tests may move. */
function advanceClock(target: EnrollWorld, milliseconds: number): void {
  (target.ctx.platform.clock as Clock & { advance(ms: number): void }).advance(milliseconds);
}

beforeAll(async () => {
  world = await createEnrollWorld();
});
afterAll(() => world.ctx.close());

const course = () => `/courses/${world.key}`;
const run = (code: string) => `${course()}/runs/${code}`;
const learners = (code: string) => `/studio/courses/${world.key}/runs/${code}/learners`;

describe('per-role access to every enrollment page', () => {
  type Case = { name: string; method: 'GET' | 'POST'; url: (code: string) => string; expected: Record<Role, number> };
  const everyone = (status: number): Record<Role, number> =>
    Object.fromEntries(ROLES.map((role) => [role, role === 'anonymous' ? 303 : status])) as Record<Role, number>;
  const staffOnly = (staff: Role[], status: number): Record<Role, number> =>
    Object.fromEntries(
      ROLES.map((role) => [role, role === 'anonymous' ? 303 : staff.includes(role) ? status : 403]),
    ) as Record<Role, number>;
  const CASES: Case[] = [
    { name: 'enroll', method: 'POST', url: (code) => `${run(code)}/enroll`, expected: everyone(303) },
    {
      name: 'the leave confirmation (unenroll)',
      method: 'GET',
      url: (code) => `${run(code)}/unenroll`,
      expected: { ...everyone(303), enrolled: 200 },
    },
    { name: 'leaving (unenroll)', method: 'POST', url: (code) => `${run(code)}/unenroll`, expected: everyone(303) },
    {
      name: 'the learners page',
      method: 'GET',
      url: learners,
      expected: staffOnly(['lead', 'instructor', 'assistant', 'ownerAdmin'], 200),
    },
    {
      name: 'bulk enrollment (learners/bulk)',
      method: 'POST',
      url: (code) => `${learners(code)}/bulk`,
      expected: staffOnly(['lead', 'instructor', 'ownerAdmin'], 200),
    },
  ];

  it.each(CASES)('$name answers each role as its policy says', async ({ method, url, expected }) => {
    const code = await world.openRun();
    await world.post(world.people.enrolled, `${run(code)}/enroll`);
    for (const role of ROLES) {
      const session = world.people[role];
      const response =
        method === 'GET'
          ? await world.get(session, url(code))
          : await world.post(session, url(code), { emails: 'someone@example.test' });
      expect(response.statusCode, role).toBe(expected[role]);
      if (role === 'anonymous') expect(response.headers.location).toMatch(/^\/sign-in\?next=/);
    }
  });

  it('answers 404 for runs and courses that do not exist, and for malformed addresses', async () => {
    const session = world.people.lead;
    expect((await world.post(session, `${course()}/runs/no-such-run/enroll`)).statusCode).toBe(404);
    expect((await world.post(session, '/courses/no-such-course/runs/T1/enroll')).statusCode).toBe(404);
    expect((await world.post(session, '/courses/Bad_Key/runs/T1/enroll')).statusCode).toBe(404);
    expect((await world.get(session, `${course()}/runs/%20x/unenroll`)).statusCode).toBe(404);
    expect((await world.get(session, learners('no-such-run'))).statusCode).toBe(404);
  });
});

describe('enrolling and leaving from the course page', () => {
  it('offers anonymous visitors a sign-in link and nothing personal', async () => {
    const code = await world.openRun({ capacity: 40 });
    const page = await world.get(world.people.anonymous, course());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/sign-in?next=${encodeURIComponent(course())}"`);
    expect(page.body).toContain('40 seats left');
    expect(page.body).not.toContain(`action="${run(code)}/enroll"`);
    expect(page.body).not.toContain('name="_csrf"');
  });

  it('enrolls, continues, confirms leaving without JavaScript, and enrolls again', async () => {
    const code = await world.openRun();
    const learner = world.people.learner;
    const before = await world.get(learner, course());
    expect(before.body).toContain(`action="${run(code)}/enroll"`);
    expect(before.body).toContain('Enroll (free, audit)');
    expect(before.headers['cache-control']).toBe('no-store');

    const enrolled = await world.post(learner, `${run(code)}/enroll`);
    expect(enrolled.statusCode).toBe(303);
    expect(enrolled.headers.location).toBe(`/learn/${world.key}/${code}`);
    const after = await world.get(learner, course());
    expect(after.body).toContain(`href="/learn/${world.key}/${code}"`);
    expect(after.body).toContain(`href="${run(code)}/unenroll"`);
    expect(after.body).toContain('You are enrolled in this run.');

    const confirm = await world.get(learner, `${run(code)}/unenroll`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain(`action="${run(code)}/unenroll"`);
    expect(confirm.body).toContain('Yes, leave this run');
    expect(confirm.body).toContain('Ocean Data');

    const left = await world.post(learner, `${run(code)}/unenroll`);
    expect(left.statusCode).toBe(303);
    expect(left.headers.location).toBe(`${course()}?enroll=left&run=${code}#run-${code}`);
    const notice = await world.get(learner, left.headers.location as string);
    expect(notice.body).toContain(`You have left run ${code}.`);
    expect(notice.body).toContain('You left this run on');
    expect((await world.get(learner, `${run(code)}/unenroll`)).headers.location).toBe(course());

    expect((await world.post(learner, `${run(code)}/enroll`)).headers.location).toBe(`/learn/${world.key}/${code}`);
  });

  it('explains a full run and a closed window on the course page', async () => {
    const now = world.ctx.platform.clock.now().getTime();
    const full = await world.openRun({ capacity: 1 });
    const closing = await world.openRun({ enrollmentClosesAt: new Date(now + DAY) });
    const { people } = world;
    expect((await world.post(people.enrolled, `${run(full)}/enroll`)).statusCode).toBe(303);
    const page = await world.get(people.learner, course());
    expect(page.body).toContain('This run is full.');
    const refused = await world.post(people.learner, `${run(full)}/enroll`);
    expect(refused.headers.location).toBe(`${course()}?enroll=full&run=${full}#run-${full}`);
    expect((await world.get(people.learner, refused.headers.location as string)).body).toContain(
      `the last seat of run ${full} has just been taken`,
    );
    advanceClock(world, 2 * DAY);
    try {
      const late = await world.post(people.learner, `${run(closing)}/enroll`);
      expect(late.headers.location).toBe(`${course()}?enroll=closed&run=${closing}#run-${closing}`);
      const anonymous = await world.get(people.anonymous, late.headers.location as string);
      expect(anonymous.body).not.toContain('has closed');
    } finally {
      advanceClock(world, -2 * DAY);
    }
  });
});

describe('the studio learner list and bulk enrollment', () => {
  it('links each run to its learners and gradebook for staff who see learners', async () => {
    const code = await world.openRun();
    const lead = await world.get(world.people.lead, `/studio/courses/${world.key}/runs`);
    expect(lead.body).toContain(`href="${learners(code)}"`);
    expect(lead.body).toContain(`href="/studio/courses/${world.key}/runs/${code}/gradebook"`);
    const author = await world.get(world.people.author, `/studio/courses/${world.key}/runs`);
    expect(author.statusCode).toBe(200);
    expect(author.body).not.toContain(`href="${learners(code)}"`);
  });

  it('enrolls pasted addresses and reports the ones it could not', async () => {
    const code = await world.openRun();
    const { people } = world;
    const text = `${people.learner.email}\n${people.author.email.toUpperCase()}, not-an-address\nghost@example.test`;
    const response = await world.postMultipart(people.lead, `${learners(code)}/bulk`, { emails: text });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('2 people enrolled');
    expect(response.body).toContain('2 addresses could not be enrolled');
    expect(response.body).toContain('Not an e-mail address');
    expect(response.body).toContain('No account with this e-mail address');
    const list = await world.get(people.assistant, learners(code));
    expect(list.body).toContain(people.learner.email);
    expect(list.body).toContain('2 learners enrolled');
    expect(list.body).toContain('Course staff');
    expect(list.body).not.toContain('Enroll people by e-mail address');
    const filtered = await world.get(people.lead, `${learners(code)}?q=${encodeURIComponent('Author')}&status=active`);
    expect(filtered.body).toContain(people.author.email);
    expect(filtered.body).not.toContain(people.learner.email);
  });

  it('reads an uploaded CSV file, and refuses an empty form or a binary file', async () => {
    const code = await world.openRun();
    const { people } = world;
    const csv = `name,email\nLearner,${people.learner.email}\nEnrolled,"${people.enrolled.email}"\n`;
    const uploaded = await world.postMultipart(
      people.ownerAdmin,
      `${learners(code)}/bulk`,
      { emails: '' },
      {
        name: 'intake.csv',
        type: 'text/csv',
        content: csv,
      },
    );
    expect(uploaded.statusCode).toBe(200);
    expect(uploaded.body).toContain('2 people enrolled');
    const empty = await world.postMultipart(people.lead, `${learners(code)}/bulk`, { emails: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Paste at least one address or choose a file.');
    const binary = await world.postMultipart(
      people.lead,
      `${learners(code)}/bulk`,
      {},
      {
        name: 'photo.png',
        type: 'image/png',
        content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      },
    );
    expect(binary.statusCode).toBe(400);
    expect(binary.body).toContain('not a text or CSV file');
  });

  it('pages long lists and shows the learner list in Arabic', async () => {
    const code = await world.openRun();
    const page = await world.get(world.people.lead, `${learners(code)}?page=abc&status=weird`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('No learners match.');
    const arabic = await world.ctx.app.inject({
      method: 'GET',
      url: learners(code),
      headers: { cookie: `${world.people.lead.cookies}; orbis_locale=ar`, 'accept-language': 'ar' },
    });
    expect(arabic.statusCode).toBe(200);
    expect(arabic.body).toContain('dir="rtl"');
  });
});
