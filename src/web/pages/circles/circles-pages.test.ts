import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORUM_ROLES, createForumWorld, type ForumRole, type ForumWorld } from '../forum/test-world.ts';
import { createCircleLearner, getAs, postAs, type CircleLearner } from './test-circles.ts';

let world: ForumWorld;

beforeAll(async () => {
  world = await createForumWorld();
});
afterAll(() => world.close());

const SIGN_IN = 'sign-in';
type Want = number | typeof SIGN_IN;
type Table = Record<ForumRole, Want>;

function expectAnswer(role: string, response: { statusCode: number; headers: Record<string, unknown> }, want: Want) {
  if (want === SIGN_IN) {
    expect(response.statusCode, role).toBe(303);
    expect(String(response.headers.location), role).toMatch(/^\/sign-in\?next=/);
  } else {
    expect(response.statusCode, role).toBe(want);
  }
}

/** Readers of the forum see the page; everyone else is told it does not exist. */
const PAGE: Table = {
  anonymous: SIGN_IN,
  stranger: 404,
  otherRun: 404,
  author: 404,
  assistant: 200,
  ownerAdmin: 200,
  lead: 200,
  learner: 200,
  classmate: 200,
};
const STAFF = new Set<ForumRole>(['assistant', 'ownerAdmin', 'lead']);
const LEARNERS = new Set<ForumRole>(['learner', 'classmate']);

/** A learner's answer, staff's answer, and the page's answer for everyone else. */
function tableOf(learners: number, staff: number): Table {
  return Object.fromEntries(
    FORUM_ROLES.map((role) => [role, LEARNERS.has(role) ? learners : STAFF.has(role) ? staff : PAGE[role]]),
  ) as Table;
}

describe('who may use the study circle pages', () => {
  it.each(FORUM_ROLES)('GET /learn/:courseKey/:runCode/circles for %s', async (role) => {
    const response = await world.get(role, world.paths.circles());
    expectAnswer(role, response, PAGE[role]);
    if (LEARNERS.has(role)) expect(response.body).toContain('action="' + world.paths.circles() + '/join"');
    if (STAFF.has(role)) expect(response.body).toContain('action="' + world.paths.circles() + '/matching"');
  });

  it.each(FORUM_ROLES)('POST .../circles/join for %s', async (role) => {
    const response = await world.post(role, `${world.paths.circles()}/join`, { primary: 'sw' });
    expectAnswer(role, response, tableOf(303, 403)[role]);
    if (STAFF.has(role)) expect(response.body).toContain('Study circles are for the learners of this run');
  });

  it.each(FORUM_ROLES)('POST .../circles/leave for %s', async (role) => {
    const response = await world.post(role, `${world.paths.circles()}/leave`);
    expectAnswer(role, response, tableOf(303, 303)[role]);
  });

  it.each(FORUM_ROLES)('POST .../circles/moves for %s', async (role) => {
    const response = await world.post(role, `${world.paths.circles()}/moves`, { userId: '', circleId: 'waiting' });
    expectAnswer(role, response, tableOf(403, 400)[role]);
    if (LEARNERS.has(role)) expect(response.body).toContain('Only course staff may do this.');
    if (STAFF.has(role)) expect(response.body).toContain('Choose a learner and where to move them.');
  });

  it.each(FORUM_ROLES)('POST .../circles/matching for %s', async (role) => {
    const response = await world.post(role, `${world.paths.circles()}/matching`);
    expectAnswer(role, response, tableOf(403, 303)[role]);
  });

  it('answers 404 for runs that do not exist and refuses a form without its token', async () => {
    for (const url of [`/learn/${world.key}/NOPE/circles`, '/learn/no-such-course/SP/circles']) {
      expect((await world.get('learner', url)).statusCode, url).toBe(404);
    }
    expect((await world.post('learner', `/learn/${world.key}/NOPE/circles/join`, { primary: 'en' })).statusCode).toBe(
      404,
    );
    const response = await world.ctx.app.inject({
      method: 'POST',
      url: `${world.paths.circles()}/join`,
      headers: { cookie: world.sessions.learner.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'primary=en',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('joining without script', () => {
  it('explains study circles and preselects the language the learner reads in', async () => {
    const page = await world.get('learner', world.paths.circles(), { 'accept-language': 'ar' });
    expect(page.body).toContain('dir="rtl"');
    expect(page.body).toMatch(/<option value="ar" selected/);
    const english = await world.get('learner', world.paths.circles());
    expect(english.body).toContain('3 to 6 learners of this course who share a language');
    expect(english.body).toMatch(/<option value="en" selected/);
  });

  it('says what is wrong with a choice and keeps it', async () => {
    const response = await world.post('learner', `${world.paths.circles()}/join`, { primary: '', languages: 'fr' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose a preferred language, and at most 6 languages in all.');
    expect(response.body).toMatch(/value="fr" checked/);
  });

  it('puts a learner alone with their language on the waiting list, with the count', async () => {
    const response = await world.post('classmate', `${world.paths.circles()}/join`, { primary: 'th' });
    expect(response.headers.location).toBe(`${world.paths.circles()}?done=waiting`);
    const page = await world.get('classmate', String(response.headers.location));
    expect(page.body).toContain('You are on the waiting list');
    expect(page.body).toContain('1 learner is waiting, you included.');
    expect(page.body).toContain('Your languages: Thai');
    await world.post('classmate', `${world.paths.circles()}/leave`);
  });
});

describe('a circle from opting in to a staff move', () => {
  let amina: CircleLearner;
  let bruno: CircleLearner;
  let linh: CircleLearner;

  beforeAll(async () => {
    amina = await createCircleLearner(world, 'Amina Njoroge', 'KE');
    bruno = await createCircleLearner(world, 'Bruno Costa', 'BR');
    linh = await createCircleLearner(world, 'Linh Tran', 'VN');
  });

  it('seats three learners from three countries who share French, and each sees the others', async () => {
    const circles = world.paths.circles();
    expect((await postAs(world, amina, `${circles}/join`, { primary: 'fr' })).headers.location).toBe(
      `${circles}?done=waiting`,
    );
    await postAs(world, bruno, `${circles}/join`, { primary: 'pt', languages: ['fr', 'en'] });
    const last = await postAs(world, linh, `${circles}/join`, { primary: 'fr', languages: 'vi' });
    expect(last.headers.location).toBe(`${circles}?done=seated`);
    for (const [me, others] of [
      [amina, [bruno, linh]],
      [bruno, [amina, linh]],
      [linh, [amina, bruno]],
    ] as const) {
      const page = await getAs(world, me, circles);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Circle language: French');
      expect(page.body).toContain('3 members from 3 countries');
      for (const other of others) expect(page.body).toContain(other.name);
      expect(page.body).toContain('Kenya');
      expect(page.body).toContain('Brazil');
      expect(page.body).toContain('Vietnam');
      expect(page.body).toMatch(/href="\/learn\/[^"]+\/SP\/forum\?circle=\d+"/);
      expect(page.body).toMatch(/href="\/learn\/[^"]+\/SP\/forum\/new\?circle=\d+"/);
    }
  });

  it('shows staff the circle, moves a member back to waiting, and matches again', async () => {
    const circles = world.paths.circles();
    const staffPage = await world.get('lead', circles);
    expect(staffPage.body).toContain('Circle 1 · French');
    for (const member of [amina, bruno, linh]) expect(staffPage.body).toContain(member.name);
    const circleId = /<option value="(\d+)" selected/.exec(staffPage.body)?.[1];
    expect(circleId).toBeDefined();

    const moved = await world.post('lead', `${circles}/moves`, { userId: bruno.id, circleId: 'waiting' });
    expect(moved.headers.location).toBe(`${circles}?done=moved`);
    const after = await world.get('lead', String(moved.headers.location));
    expect(after.body).toContain('The learner was moved.');
    const waitingTable = after.body.slice(after.body.indexOf('id="staff-waiting-title"'));
    expect(waitingTable).toContain('Bruno Costa');
    const brunoPage = await getAs(world, bruno, circles);
    expect(brunoPage.body).toContain('You are waiting for a circle');
    expect(brunoPage.body).not.toContain('Amina Njoroge');
    expect((await getAs(world, amina, circles)).body).toContain('2 members from 2 countries');

    const refused = await world.post('lead', `${circles}/moves`, { userId: amina.id, circleId: '999999' });
    expect(refused.statusCode).toBe(404);

    const matched = await world.post('lead', `${circles}/matching`);
    expect(matched.headers.location).toBe(`${circles}?done=formed&seated=1`);
    expect((await world.get('lead', String(matched.headers.location))).body).toContain(
      '1 learner was seated in a circle.',
    );
    expect((await getAs(world, bruno, circles)).body).toContain('3 members from 3 countries');
  });

  it('refuses a move into a circle whose language the learner does not speak, as a message', async () => {
    const circles = world.paths.circles();
    const outsider = await createCircleLearner(world, 'Somchai Boon', 'TH');
    await postAs(world, outsider, `${circles}/join`, { primary: 'th' });
    const circleId = /<option value="(\d+)"/.exec((await world.get('lead', circles)).body)?.[1] ?? '';
    const response = await world.post('lead', `${circles}/moves`, { userId: outsider.id, circleId });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('This learner does not speak that circle’s language.');
  });

  it('lets a member leave; the circle keeps the others', async () => {
    const circles = world.paths.circles();
    const left = await postAs(world, linh, `${circles}/leave`, {});
    expect(left.headers.location).toBe(`${circles}?done=left`);
    const page = await getAs(world, linh, String(left.headers.location));
    expect(page.body).toContain('You left study circles.');
    expect(page.body).toContain(`action="${circles}/join"`);
    expect((await getAs(world, amina, circles)).body).not.toContain('Linh Tran');
  });
});
