import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import type { CourseRun } from '../courses/index.ts';
import {
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  CIRCLE_MAX_SIZE,
  createReply,
  createThread,
  formStudyCircles,
  getMyStudyCircle,
  getThread,
  joinStudyCircle,
  leaveStudyCircle,
  listNotifications,
  listStudyCircles,
  listThreads,
  moveCircleMember,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

let runs = 0;

/** A run of its own for each test, so circles of one test never take in another's learners. */
async function circleRun() {
  runs += 1;
  const run = await world.newRun(`CIRCLE${runs}`);
  const learner = (country: string) => world.newLearner({ run, country });
  const join = (person: Person, languages: string[]) => {
    // Circles list their members in the order they opted in.
    world.clock.advance(1000);
    return joinStudyCircle(person.ctx, world.key, run.code, { languages });
  };
  const mine = (person: Person) => getMyStudyCircle(person.ctx, world.key, run.code);
  return { run, learner, join, mine };
}

async function circleOf(person: Person, run: CourseRun) {
  return (await getMyStudyCircle(person.ctx, world.key, run.code)).circle?.id ?? null;
}

describe('joining study circles', () => {
  it('waits for three learners with a shared language, then forms a circle and tells them', async () => {
    const { run, learner, join, mine } = await circleRun();
    const [kenya, china, brazil, india] = await Promise.all(['KE', 'CN', 'BR', 'IN'].map(learner));
    expect(await join(kenya!, ['en', 'sw'])).toEqual({ circleId: null });
    expect(await mine(kenya!)).toMatchObject({ optedIn: true, languages: ['en', 'sw'], circle: null, waiting: 1 });
    expect(await join(china!, ['zh-Hans', 'en'])).toEqual({ circleId: null });
    const { circleId } = await join(brazil!, ['pt', 'en-GB']);
    expect(circleId).toEqual(expect.any(Number));

    const view = await mine(kenya!);
    expect(view).toMatchObject({ optedIn: true, waiting: 0 });
    expect(view.circle).toMatchObject({ id: circleId, number: 1, language: 'en', countries: 3 });
    expect(view.circle!.members.map((member) => [member.userId, member.name, member.country])).toEqual([
      [kenya!.user.id, kenya!.user.name, 'KE'],
      [china!.user.id, china!.user.name, 'CN'],
      [brazil!.user.id, brazil!.user.name, 'BR'],
    ]);
    for (const person of [kenya!, china!, brazil!]) {
      const { notifications } = await listNotifications(person.ctx);
      expect(notifications.map((item) => [item.kind, item.detail, item.runCode, item.actorName])).toEqual([
        ['circle', String(circleId), run.code, null],
      ]);
    }

    expect(await join(india!, ['hi', 'en'])).toEqual({ circleId });
    expect((await mine(india!)).circle?.members).toHaveLength(4);
    expect((await mine(kenya!)).circle?.countries).toBe(4);
  });

  it('is for learners only, and needs a language', async () => {
    const { run, learner, join } = await circleRun();
    for (const person of [world.people.lead, world.people.assistant, world.people.ownerAdmin]) {
      await expectDomainError(
        joinStudyCircle(person.ctx, world.key, run.code, { languages: ['en'] }),
        'forbidden',
        'forum.learners_only',
      );
    }
    const person = await learner('KE');
    await expectDomainError(join(person, []), 'invalid', 'forum.invalid');
    await expectDomainError(join(person, ['not a language']), 'invalid', 'forum.invalid');
    const view = await getMyStudyCircle(person.ctx, world.key, run.code);
    expect(view).toMatchObject({ optedIn: false, languages: [], circle: null, waiting: 0 });
  });

  it('lets a waiting learner change languages, and anyone leave', async () => {
    const { learner, join, mine, run } = await circleRun();
    const [first, second, third] = await Promise.all(['KE', 'CN', 'BR'].map(learner));
    await join(first!, ['fr']);
    await join(first!, ['ar', 'fr']);
    expect(await mine(first!)).toMatchObject({ languages: ['ar', 'fr'], waiting: 1 });
    await join(second!, ['ar']);
    const { circleId } = await join(third!, ['ar']);
    expect(circleId).not.toBeNull();
    expect((await mine(first!)).circle?.language).toBe('ar');
    await leaveStudyCircle(third!.ctx, world.key, run.code);
    expect(await mine(third!)).toMatchObject({ optedIn: false, circle: null });
    expect((await mine(first!)).circle?.members.map((member) => member.userId)).toEqual([
      first!.user.id,
      second!.user.id,
    ]);
  });
});

describe('circle threads', () => {
  it('are read only by the circle and staff', async () => {
    const { run, learner, join } = await circleRun();
    const members = await Promise.all(['KE', 'CN', 'BR'].map(learner));
    for (const member of members) await join(member, ['en']);
    const outsider = await learner('FR');
    await join(outsider, ['de']);
    const circleId = (await circleOf(members[0]!, run))!;
    const [author, peer] = members;
    const { threadId } = await createThread(author!.ctx, world.key, run.code, {
      title: 'Our circle plan',
      body: 'Meet on Friday?',
      circleId,
    });
    await createThread(author!.ctx, world.key, run.code, { title: 'An open thread', body: 'For everyone' });

    const detail = await getThread(peer!.ctx, world.key, run.code, threadId);
    expect(detail).toMatchObject({ circleId, title: 'Our circle plan' });
    await expect(getThread(world.people.lead.ctx, world.key, run.code, threadId)).resolves.toMatchObject({ circleId });
    await expectDomainError(getThread(outsider.ctx, world.key, run.code, threadId), 'not_found', 'thread.not_found');
    await expectDomainError(
      createReply(outsider.ctx, world.key, run.code, threadId, { body: 'Let me in' }),
      'not_found',
      'thread.not_found',
    );
    await expect(
      createReply(peer!.ctx, world.key, run.code, threadId, { body: 'Friday works' }),
    ).resolves.toMatchObject({ created: true });

    const titles = async (person: Person, query: Record<string, unknown> = {}) =>
      (await listThreads(person.ctx, world.key, run.code, query)).threads.map((thread) => thread.title);
    expect(await titles(peer!, { circle: circleId })).toEqual(['Our circle plan']);
    expect(await titles(world.people.lead, { circle: circleId })).toEqual(['Our circle plan']);
    expect(await titles(peer!)).toEqual(['An open thread']);
    expect(await titles(outsider)).toEqual(['An open thread']);
    await expectDomainError(titles(outsider, { circle: circleId }), 'not_found', 'circle.not_found');
    await expectDomainError(
      createThread(outsider.ctx, world.key, run.code, { title: 'Sneaking in', body: 'Hi', circleId }),
      'not_found',
      'circle.not_found',
    );
  });

  it('are started by staff in circles of the run only', async () => {
    const { run, learner, join } = await circleRun();
    const members = await Promise.all(['KE', 'CN', 'BR'].map(learner));
    for (const member of members) await join(member, ['en']);
    const circleId = (await circleOf(members[0]!, run))!;
    const { threadId } = await createThread(world.people.assistant.ctx, world.key, run.code, {
      title: 'Welcome, circle',
      body: 'Introduce yourselves',
      circleId,
    });
    expect((await getThread(members[1]!.ctx, world.key, run.code, threadId)).author.role).toBe('staff');
    for (const [code, id] of [
      [run.code, 999_999],
      [world.code, circleId],
    ] as const) {
      await expectDomainError(
        createThread(world.people.assistant.ctx, world.key, code, { title: 'Astray', body: 'Hi', circleId: id }),
        'not_found',
        'circle.not_found',
      );
    }
  });
});

describe('staff arranging circles', () => {
  it('move learners only into circles with room whose language they speak, and audit it', async () => {
    const { run, learner, join } = await circleRun();
    const english = await Promise.all(['KE', 'CN', 'BR', 'IN', 'US', 'FR'].map(learner));
    for (const person of english) await join(person, ['en']);
    const chinese = await Promise.all(['CN', 'TW', 'SG'].map(learner));
    for (const person of chinese) await join(person, ['zh-Hans']);
    const both = await learner('MY');
    await join(both, ['zh-Hans', 'en']);
    const englishCircle = (await circleOf(english[0]!, run))!;
    const chineseCircle = (await circleOf(chinese[0]!, run))!;
    expect(englishCircle).not.toBe(chineseCircle);
    expect(await circleOf(both, run)).toBe(chineseCircle);

    const { circles, waiting } = await listStudyCircles(world.people.lead.ctx, world.key, run.code);
    expect(circles.map((circle) => [circle.id, circle.language, circle.members.length])).toEqual([
      [englishCircle, 'en', CIRCLE_MAX_SIZE],
      [chineseCircle, 'zh-Hans', 4],
    ]);
    expect(waiting).toEqual([]);

    const move = (person: Person, circleId: number | null) =>
      moveCircleMember(world.people.lead.ctx, world.key, run.code, { userId: person.user.id, circleId });
    await expectDomainError(move(chinese[0]!, englishCircle), 'invalid', 'forum.circle_language');
    await expectDomainError(move(english[0]!, chineseCircle), 'invalid', 'forum.circle_language');
    await expectDomainError(move(both, englishCircle), 'invalid', 'forum.circle_full');
    await expect(move(english[5]!, null)).resolves.toEqual({ userId: english[5]!.user.id, circleId: null });
    await expect(move(both, englishCircle)).resolves.toEqual({ userId: both.user.id, circleId: englishCircle });
    expect(await circleOf(both, run)).toBe(englishCircle);
    expect(await circleOf(english[5]!, run)).toBeNull();

    const audits = await listAuditEvents(handle.db, {
      action: 'forum.circle_member_moved',
      objectId: `${run.id}:${both.user.id}`,
    });
    expect(audits.map((audit) => [audit.actorId, audit.before, audit.after])).toEqual([
      [world.people.lead.user.id, { circleId: chineseCircle }, { circleId: englishCircle }],
    ]);
  });

  it('refuse unknown learners and circles', async () => {
    const { run, learner, join } = await circleRun();
    const members = await Promise.all(['KE', 'CN', 'BR'].map(learner));
    for (const member of members) await join(member, ['en']);
    const notOptedIn = await learner('IN');
    const { ctx } = world.people.lead;
    await expectDomainError(
      moveCircleMember(ctx, world.key, run.code, { userId: notOptedIn.user.id, circleId: null }),
      'not_found',
      'learner.not_found',
    );
    await expectDomainError(
      moveCircleMember(ctx, world.key, run.code, { userId: members[0]!.user.id, circleId: 999_999 }),
      'not_found',
      'circle.not_found',
    );
    await expectDomainError(
      moveCircleMember(ctx, world.key, run.code, { userId: 'someone', circleId: null }),
      'invalid',
      'forum.invalid',
    );
  });

  it('seat waiting learners when staff form circles', async () => {
    const { run, learner, join } = await circleRun();
    const members = await Promise.all(['KE', 'CN', 'BR'].map(learner));
    for (const member of members) await join(member, ['en']);
    const circleId = (await circleOf(members[0]!, run))!;
    await moveCircleMember(world.people.lead.ctx, world.key, run.code, { userId: members[2]!.user.id, circleId: null });
    const { waiting } = await listStudyCircles(world.people.assistant.ctx, world.key, run.code);
    expect(waiting.map((person) => [person.userId, person.country, person.languages])).toEqual([
      [members[2]!.user.id, 'BR', ['en']],
    ]);
    await expect(formStudyCircles(world.people.assistant.ctx, world.key, run.code)).resolves.toEqual({ seated: 1 });
    expect(await circleOf(members[2]!, run)).toBe(circleId);
    const { notifications } = await listNotifications(members[2]!.ctx);
    expect(notifications[0]).toMatchObject({ kind: 'circle', actorName: world.people.assistant.user.name });
    await expect(formStudyCircles(world.people.assistant.ctx, world.key, run.code)).resolves.toEqual({ seated: 0 });
  });
});
