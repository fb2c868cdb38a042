import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../../test/api/support.ts';
import { CIRCLE_MIN_SIZE } from '../../../modules/discussions/index.ts';
import { FORUM_ROLES, type ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, readers, type ForumApiWorld, type Session } from './test-support.ts';

/**
 * Study circles over the API: joinStudyCircle, leaveStudyCircle and getMyStudyCircle
 * (…/circles/membership), listStudyCircles (…/circles), moveCircleMember (…/circles/moves) and
 * formStudyCircles (…/circles/matching), with a per-role table and a circle's own threads.
 */
let w: ForumApiWorld;
let waiting: Session;
let waitingId: string;

const circlesUrl = (code = 'SP') => `/api/v1/courses/${w.key}/runs/${code}/circles`;
const membershipUrl = () => `${circlesUrl()}/membership`;

beforeAll(async () => {
  w = await createForumApiWorld();
  // Alone with a language nobody else speaks, so matching never seats them.
  waiting = await w.newLearner();
  waitingId = await w.userIdOf(waiting);
  await w.call(waiting, 'POST', membershipUrl(), { languages: ['sw'] });
});
afterAll(() => w.close());

describe('per-role access to the study circle operations', () => {
  const table: Array<[string, (who: ForumRole) => ReturnType<ForumApiWorld['call']>, Record<ForumRole, number>]> = [
    [
      'joinStudyCircle POST …/circles/membership (learners only)',
      (who) => w.call(who, 'POST', membershipUrl(), { languages: ['qu'] }),
      readers(200, 403),
    ],
    ['getMyStudyCircle GET …/circles/membership', (who) => w.call(who, 'GET', membershipUrl()), readers(200)],
    ['leaveStudyCircle DELETE …/circles/membership', (who) => w.call(who, 'DELETE', membershipUrl()), readers(204)],
    ['listStudyCircles GET …/circles', (who) => w.call(who, 'GET', circlesUrl()), readers(403, 200)],
    [
      'moveCircleMember POST …/circles/moves',
      (who) => w.call(who, 'POST', `${circlesUrl()}/moves`, { userId: waitingId, circleId: null }),
      readers(403, 200),
    ],
    [
      'formStudyCircles POST …/circles/matching',
      (who) => w.call(who, 'POST', `${circlesUrl()}/matching`),
      readers(403, 200),
    ],
  ];

  it.each(table)('%s answers each role as its policy says', async (_name, send, expected) => {
    for (const who of FORUM_ROLES) {
      const response = await send(who);
      expect(response.statusCode, `${who}: ${response.body.slice(0, 200)}`).toBe(expected[who]);
      if (response.statusCode >= 400) expectProblem(response, expected[who]);
    }
  });
});

describe('a study circle at work', () => {
  it('seats learners who share a language and gives them threads of their own', async () => {
    const members: Session[] = [];
    for (let index = 0; index < CIRCLE_MIN_SIZE; index += 1) members.push(await w.newLearner());
    let circleId: number | null = null;
    for (const member of members) {
      const joined = await w.call(member, 'POST', membershipUrl(), { languages: ['pt-BR', 'es'] });
      expect(joined.statusCode).toBe(200);
      circleId = (joined.json() as { circleId: number | null }).circleId;
    }
    expect(circleId).toEqual(expect.any(Number));
    const mine = (await w.call(members[0]!, 'GET', membershipUrl())).json() as {
      optedIn: boolean;
      circle: { id: number; members: Array<Record<string, unknown>> };
    };
    expect(mine.optedIn).toBe(true);
    expect(mine.circle.id).toBe(circleId);
    expect(mine.circle.members).toHaveLength(CIRCLE_MIN_SIZE);
    expect(Object.keys(mine.circle.members[0]!).sort()).toEqual(['country', 'languages', 'name', 'userId']);

    const thread = await w.call(members[0]!, 'POST', w.paths.apiThreads(), {
      title: 'Our circle',
      body: 'Olá!',
      circleId,
    });
    expect(thread.statusCode).toBe(201);
    const own = (await w.call(members[1]!, 'GET', `${w.paths.apiThreads()}?circle=${circleId}`)).json() as {
      total: number;
    };
    expect(own.total).toBe(1);
    expectProblem(await w.call('learner', 'GET', `${w.paths.apiThreads()}?circle=${circleId}`), 404);
    expect((await w.call('lead', 'GET', `${w.paths.apiThreads()}?circle=${circleId}`)).statusCode).toBe(200);

    const listed = (await w.call('lead', 'GET', circlesUrl())).json() as {
      circles: Array<{ id: number; language: string }>;
      waiting: Array<{ userId: string }>;
    };
    expect(listed.circles.find((circle) => circle.id === circleId)?.language).toBe('pt');
    expect(listed.waiting.map((person) => person.userId)).toContain(waitingId);
  });

  it('moves learners only into circles that exist and speak their language', async () => {
    const circles = (await w.call('lead', 'GET', circlesUrl())).json() as { circles: Array<{ id: number }> };
    const circleId = circles.circles[0]!.id;
    const wrongLanguage = await w.call('lead', 'POST', `${circlesUrl()}/moves`, { userId: waitingId, circleId });
    expect(expectProblem(wrongLanguage, 400).code).toBe('forum.circle_language');
    const noCircle = await w.call('lead', 'POST', `${circlesUrl()}/moves`, { userId: waitingId, circleId: 999_999 });
    expectProblem(noCircle, 404);
    const strangerId = await w.userIdOf('stranger');
    expectProblem(await w.call('lead', 'POST', `${circlesUrl()}/moves`, { userId: strangerId, circleId: null }), 404);
    expectProblem(await w.call('lead', 'POST', `${circlesUrl()}/moves`, { userId: waitingId }), 400);
  });

  it('refuses malformed languages and unknown fields', async () => {
    expectProblem(await w.call(waiting, 'POST', membershipUrl(), { languages: [] }), 400);
    expectProblem(await w.call(waiting, 'POST', membershipUrl(), { languages: ['English'] }), 400);
    expectProblem(await w.call(waiting, 'POST', membershipUrl(), { languages: ['en'], country: 'KE' }), 400);
  });
});
