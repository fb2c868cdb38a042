import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { ServiceContext } from '../../platform/access/index.ts';
import { SYSTEM_ACTOR } from '../../platform/access/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { unenrollForCoursewareTest } from '../courseware/courseware-test-fixtures.ts';
import {
  HOUR_MS,
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  countUnreadNotifications,
  createReply,
  createThread,
  deleteOwnPost,
  editPost,
  endorsePost,
  flagPost,
  followThread,
  formStudyCircles,
  getForumOverview,
  getMyStudyCircle,
  getNotificationSettings,
  getThread,
  joinStudyCircle,
  leaveStudyCircle,
  listForumMembers,
  listModerationQueue,
  listNotifications,
  listStudyCircles,
  listThreads,
  markAnswer,
  markNotificationsRead,
  moderatePost,
  moveCircleMember,
  requireForumReader,
  setMemberStanding,
  setThreadState,
  updateNotificationSettings,
  voteOnPost,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;
let thread: { threadId: number; openingId: number };
let replyId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
  thread = await world.startThread(world.people.learner, { kind: 'question' });
  replyId = await world.reply(world.people.classmate, thread.threadId);
});
afterAll(() => handle.close());

/** Every service of a run's forum, called as someone would who had a reason to. */
function forumCalls(): [string, (ctx: ServiceContext) => Promise<unknown>][] {
  const { key, code } = world;
  const target = world.people.classmate.user.id;
  return [
    ['requireForumReader', (ctx) => requireForumReader(ctx, key, code)],
    ['getForumOverview', (ctx) => getForumOverview(ctx, key, code)],
    ['listThreads', (ctx) => listThreads(ctx, key, code, {})],
    ['getThread', (ctx) => getThread(ctx, key, code, thread.threadId)],
    ['createThread', (ctx) => createThread(ctx, key, code, { title: 'Hello there', body: 'Hi' })],
    ['createReply', (ctx) => createReply(ctx, key, code, thread.threadId, { body: 'Hi' })],
    ['editPost', (ctx) => editPost(ctx, key, code, replyId, { body: 'Changed' })],
    ['endorsePost', (ctx) => endorsePost(ctx, key, code, replyId, { endorsed: true })],
    ['followThread', (ctx) => followThread(ctx, key, code, thread.threadId, { follow: true })],
    ['markAnswer', (ctx) => markAnswer(ctx, key, code, thread.threadId, replyId)],
    ['setThreadState', (ctx) => setThreadState(ctx, key, code, thread.threadId, { closed: false })],
    ['voteOnPost', (ctx) => voteOnPost(ctx, key, code, replyId, { up: true })],
    ['flagPost', (ctx) => flagPost(ctx, key, code, replyId, { reason: 'spam' })],
    ['moderatePost', (ctx) => moderatePost(ctx, key, code, replyId, { action: 'dismiss_flags' })],
    ['deleteOwnPost', (ctx) => deleteOwnPost(ctx, key, code, replyId)],
    ['listModerationQueue', (ctx) => listModerationQueue(ctx, key, code)],
    ['listForumMembers', (ctx) => listForumMembers(ctx, key, code)],
    [
      'setMemberStanding',
      (ctx) => setMemberStanding(ctx, key, code, { userId: target, muteHours: 1, reason: 'Calm down' }),
    ],
    ['joinStudyCircle', (ctx) => joinStudyCircle(ctx, key, code, { languages: ['en'] })],
    ['leaveStudyCircle', (ctx) => leaveStudyCircle(ctx, key, code)],
    ['getMyStudyCircle', (ctx) => getMyStudyCircle(ctx, key, code)],
    ['listStudyCircles', (ctx) => listStudyCircles(ctx, key, code)],
    ['moveCircleMember', (ctx) => moveCircleMember(ctx, key, code, { userId: target, circleId: null })],
    ['formStudyCircles', (ctx) => formStudyCircles(ctx, key, code)],
  ];
}

describe('who reads a run’s forum', () => {
  it('lets the run’s learners and the staff who see learners in, in their role', async () => {
    const roles: [Person, string][] = [
      [world.people.learner, 'learner'],
      [world.people.classmate, 'learner'],
      [world.people.communityTa, 'community_ta'],
      [world.people.lead, 'staff'],
      [world.people.instructor, 'staff'],
      [world.people.assistant, 'staff'],
      [world.people.ownerAdmin, 'staff'],
    ];
    for (const [person, role] of roles) {
      const overview = await getForumOverview(person.ctx, world.key, world.code);
      expect(overview.reader.role).toBe(role);
      expect(overview.topics.map((topic) => topic.key)).toEqual(['general', world.topics.week1, world.topics.week2]);
      const page = await listThreads(person.ctx, world.key, world.code);
      expect(page.threads.map((summary) => summary.id)).toContain(thread.threadId);
      const detail = await getThread(person.ctx, world.key, world.code, thread.threadId);
      expect(detail.replies.map((post) => post.id)).toEqual([replyId]);
    }
  });

  const outsiders = ['author', 'otherRun', 'stranger', 'leaver', 'otherAdmin', 'secretariat'] as const;
  for (const who of outsiders) {
    it(`tells the ${who} that no forum exists, whatever they call`, async () => {
      for (const [name, call] of forumCalls()) {
        await expectDomainError(call(world.people[who].ctx), 'not_found', 'forum.not_found').catch((error: unknown) => {
          throw new Error(`${name}: ${String(error)}`);
        });
      }
    });
  }

  it('asks anonymous and system callers to sign in, for every service', async () => {
    const system: ServiceContext = { db: handle.db, clock: world.clock, actor: SYSTEM_ACTOR };
    for (const ctx of [world.anonymous, system]) {
      for (const [name, call] of forumCalls()) {
        await expectDomainError(call(ctx), 'unauthenticated', 'unauthenticated').catch((error: unknown) => {
          throw new Error(`${name}: ${String(error)}`);
        });
      }
      await expectDomainError(listNotifications(ctx), 'unauthenticated', 'unauthenticated');
      await expectDomainError(markNotificationsRead(ctx, { all: true }), 'unauthenticated', 'unauthenticated');
      await expectDomainError(getNotificationSettings(ctx), 'unauthenticated', 'unauthenticated');
      await expectDomainError(
        updateNotificationSettings(ctx, { digest: 'off', autoFollow: false }),
        'unauthenticated',
        'unauthenticated',
      );
      expect(await countUnreadNotifications(ctx)).toBe(0);
    }
  });

  it('answers not found for courses and runs that do not exist or are misspelt', async () => {
    const { ctx } = world.people.learner;
    await expectDomainError(listThreads(ctx, 'no-such-course', world.code), 'not_found', 'forum.not_found');
    await expectDomainError(listThreads(ctx, world.key, 'NOPE'), 'not_found', 'forum.not_found');
    await expectDomainError(listThreads(ctx, world.key, 'bad code!'), 'not_found', 'forum.not_found');
    await expectDomainError(listThreads(ctx, 'Bad Key', world.code), 'not_found', 'forum.not_found');
  });

  it('closes the forum to a learner who left the run, and opens it again when they return', async () => {
    const person = await world.newLearner();
    await listThreads(person.ctx, world.key, world.code);
    const enrollment = await world.enroll(person, world.run);
    await unenrollForCoursewareTest(handle.db, enrollment);
    await expectDomainError(
      getThread(person.ctx, world.key, world.code, thread.threadId),
      'not_found',
      'forum.not_found',
    );
    await world.enroll(person, world.run);
    await expect(getThread(person.ctx, world.key, world.code, thread.threadId)).resolves.toMatchObject({
      id: thread.threadId,
    });
  });
});

describe('sanctioned learners', () => {
  // The hot-path caches are on here: the ban and its lifting apply to the very next request.
  it('lets a banned learner read but neither post, vote, edit nor join a circle', async () => {
    const person = await world.newLearner();
    const own = await world.reply(person, thread.threadId, 'Before the ban');
    await setMemberStanding(world.people.lead.ctx, world.key, world.code, {
      userId: person.user.id,
      banned: true,
      reason: 'Spam',
    });
    const { ctx } = person;
    const detail = await getThread(ctx, world.key, world.code, thread.threadId);
    expect(detail.reader.standing.bannedAt).not.toBeNull();
    expect(detail.can).toMatchObject({ reply: false, vote: false });
    await expect(listThreads(ctx, world.key, world.code)).resolves.toMatchObject({ total: expect.any(Number) });
    const refusals = [
      () => createThread(ctx, world.key, world.code, { title: 'Buy now', body: 'Cheap' }),
      () => createReply(ctx, world.key, world.code, thread.threadId, { body: 'Again' }),
      () => voteOnPost(ctx, world.key, world.code, replyId, { up: true }),
      () => editPost(ctx, world.key, world.code, own, { body: 'Edited' }),
      () => joinStudyCircle(ctx, world.key, world.code, { languages: ['en'] }),
    ];
    for (const refusal of refusals) await expectDomainError(refusal(), 'forbidden', 'forum.banned');

    await setMemberStanding(world.people.lead.ctx, world.key, world.code, { userId: person.user.id, banned: false });
    await expect(createReply(ctx, world.key, world.code, thread.threadId, { body: 'Sorry' })).resolves.toMatchObject({
      created: true,
    });
  });

  it('keeps a muted learner from posting until the mute ends', async () => {
    const person = await world.newLearner();
    const muted = await setMemberStanding(world.people.assistant.ctx, world.key, world.code, {
      userId: person.user.id,
      muteHours: 2,
      reason: 'Cool off',
    });
    expect(muted.mutedUntil).toEqual(new Date(world.clock.now().getTime() + 2 * HOUR_MS));
    const posting = createReply(person.ctx, world.key, world.code, thread.threadId, { body: 'Let me speak' });
    await expect(posting).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'forum.muted',
      details: { until: muted.mutedUntil!.toISOString() },
    });
    await expectDomainError(
      createThread(person.ctx, world.key, world.code, { title: 'Still here', body: 'Hello' }),
      'forbidden',
      'forum.muted',
    );
    world.clock.advance(HOUR_MS);
    await expectDomainError(
      voteOnPost(person.ctx, world.key, world.code, replyId, { up: true }),
      'forbidden',
      'forum.muted',
    );
    world.clock.advance(HOUR_MS + 1000);
    await expect(
      createReply(person.ctx, world.key, world.code, thread.threadId, { body: 'Back again' }),
    ).resolves.toMatchObject({ created: true });
  });
});

describe('moderator-only and staff-only services', () => {
  it('refuses moderators’ services to learners', async () => {
    const { ctx } = world.people.classmate;
    const { key, code } = world;
    // Thunks, so each call starts only when awaited: a refusal created early would be an unhandled rejection.
    const refusals = [
      () => endorsePost(ctx, key, code, replyId, { endorsed: true }),
      () => setThreadState(ctx, key, code, thread.threadId, { locked: true }),
      () => moderatePost(ctx, key, code, replyId, { action: 'hide', reason: 'No' }),
      () => listModerationQueue(ctx, key, code),
      () => listForumMembers(ctx, key, code),
      () => setMemberStanding(ctx, key, code, { userId: world.people.learner.user.id, muteHours: 1, reason: 'No' }),
    ];
    for (const refusal of refusals) await expectDomainError(refusal(), 'forbidden', 'forum.moderators_only');
  });

  it('refuses staff’s services to learners and community TAs', async () => {
    const { key, code } = world;
    const target = world.people.classmate.user.id;
    for (const person of [world.people.learner, world.people.communityTa]) {
      const { ctx } = person;
      const refusals = [
        () => setThreadState(ctx, key, code, thread.threadId, { pinned: true }),
        () => listStudyCircles(ctx, key, code),
        () => formStudyCircles(ctx, key, code),
        () => moveCircleMember(ctx, key, code, { userId: target, circleId: null }),
      ];
      for (const refusal of refusals) await expectDomainError(refusal(), 'forbidden', 'forum.staff_only');
    }
    const ta = world.people.communityTa.ctx;
    await expectDomainError(
      setMemberStanding(ta, key, code, { userId: target, banned: true, reason: 'Spam' }),
      'forbidden',
      'forum.staff_only',
    );
    await expectDomainError(
      setMemberStanding(ta, key, code, { userId: target, communityTa: true }),
      'forbidden',
      'forum.staff_only',
    );
  });

  it('lets a community TA do moderators’ work', async () => {
    const { key, code } = world;
    const { ctx } = world.people.communityTa;
    const other = await world.startThread(world.people.classmate, { title: 'Moderated by a peer' });
    const peerReply = await world.reply(world.people.learner, other.threadId, 'A fine reply');
    await expect(endorsePost(ctx, key, code, peerReply, { endorsed: true })).resolves.toEqual({
      postId: peerReply,
      endorsed: true,
    });
    await expect(setThreadState(ctx, key, code, other.threadId, { locked: true })).resolves.toMatchObject({
      locked: true,
    });
    await expect(moderatePost(ctx, key, code, peerReply, { action: 'hide', reason: 'Off topic' })).resolves.toEqual({
      postId: peerReply,
      status: 'hidden',
    });
    await expect(listModerationQueue(ctx, key, code, { view: 'hidden' })).resolves.toMatchObject({
      view: 'hidden',
    });
    const muted = await setMemberStanding(ctx, key, code, {
      userId: world.people.classmate.user.id,
      muteHours: 1,
      reason: 'Slow down',
    });
    expect(muted.mutedUntil).not.toBeNull();
    const { members } = await listForumMembers(ctx, key, code);
    expect(members.map((member) => member.userId)).toEqual(
      expect.arrayContaining([world.people.classmate.user.id, world.people.communityTa.user.id]),
    );
    await setMemberStanding(ctx, key, code, { userId: world.people.classmate.user.id, muteHours: 0 });
  });

  it('lets staff pin threads and manage circles', async () => {
    const { key, code } = world;
    const { ctx } = world.people.assistant;
    await expect(setThreadState(ctx, key, code, thread.threadId, { pinned: true })).resolves.toMatchObject({
      pinned: true,
    });
    await expect(listStudyCircles(ctx, key, code)).resolves.toMatchObject({ circles: [] });
    await expect(formStudyCircles(ctx, key, code)).resolves.toEqual({ seated: 0 });
    await setThreadState(ctx, key, code, thread.threadId, { pinned: false });
  });
});
