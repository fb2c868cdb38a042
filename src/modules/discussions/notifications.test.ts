import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  NOTIFICATIONS_PAGE_SIZE,
  countUnreadNotifications,
  endorsePost,
  followThread,
  getNotificationSettings,
  getThread,
  listNotifications,
  markAnswer,
  markNotificationsRead,
  moderatePost,
  updateNotificationSettings,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

/** What a person was told, newest first: kind, thread, post and who acted. */
async function toldTo(person: Person) {
  const { notifications } = await listNotifications(person.ctx);
  return notifications.map((item) => [item.kind, item.threadId, item.postId, item.actorName]);
}

describe('following threads', () => {
  it('tells followers of each reply, but never the one who wrote it', async () => {
    const asker = await world.newLearner();
    const helper = await world.newLearner();
    const other = await world.newLearner();
    const { threadId } = await world.startThread(asker, { title: 'Followed thread' });
    const first = await world.reply(helper, threadId, 'First');
    expect(await toldTo(asker)).toEqual([['reply', threadId, first, helper.user.name]]);
    expect(await toldTo(helper)).toEqual([]);
    const second = await world.reply(other, threadId, 'Second');
    expect(await toldTo(asker)).toEqual([
      ['reply', threadId, second, other.user.name],
      ['reply', threadId, first, helper.user.name],
    ]);
    expect(await toldTo(helper)).toEqual([['reply', threadId, second, other.user.name]]);
    expect(await toldTo(other)).toEqual([]);
  });

  it('lets readers follow and stop following', async () => {
    const asker = await world.newLearner();
    const watcher = await world.newLearner();
    const { threadId } = await world.startThread(asker, { title: 'Watched thread' });
    await expect(followThread(watcher.ctx, world.key, world.code, threadId, { follow: true })).resolves.toEqual({
      threadId,
      following: true,
    });
    await followThread(watcher.ctx, world.key, world.code, threadId, { follow: true });
    expect((await getThread(watcher.ctx, world.key, world.code, threadId)).followedByMe).toBe(true);
    const reply = await world.reply(world.people.lead, threadId, 'From staff');
    expect(await toldTo(watcher)).toEqual([['reply', threadId, reply, world.people.lead.user.name]]);
    await followThread(watcher.ctx, world.key, world.code, threadId, { follow: false });
    expect((await getThread(watcher.ctx, world.key, world.code, threadId)).followedByMe).toBe(false);
    await world.reply(world.people.lead, threadId, 'Again');
    expect(await toldTo(watcher)).toHaveLength(1);
    await expectDomainError(
      followThread(watcher.ctx, world.key, world.code, threadId, { follow: 'yes' }),
      'invalid',
      'forum.invalid',
    );
  });

  it('tells a reply’s author of a comment on it, once', async () => {
    const asker = await world.newLearner();
    const helper = await world.newLearner();
    const commenter = await world.newLearner();
    const { threadId } = await world.startThread(asker, { title: 'Commented thread' });
    const reply = await world.reply(helper, threadId, 'A reply');
    const comment = await world.reply(commenter, threadId, 'A comment', reply);
    expect(await toldTo(helper)).toEqual([['comment', threadId, comment, commenter.user.name]]);
    expect(await toldTo(asker)).toEqual([
      ['reply', threadId, comment, commenter.user.name],
      ['reply', threadId, reply, helper.user.name],
    ]);
    await world.reply(helper, threadId, 'Commenting on my own reply', reply);
    expect(await toldTo(helper)).toHaveLength(1);
  });

  it('does not follow what people post once they turned that off', async () => {
    const person = await world.newLearner();
    expect(await getNotificationSettings(person.ctx)).toEqual({ digest: 'daily', autoFollow: true });
    await expect(updateNotificationSettings(person.ctx, { digest: 'weekly', autoFollow: false })).resolves.toEqual({
      digest: 'weekly',
      autoFollow: false,
    });
    expect(await getNotificationSettings(person.ctx)).toEqual({ digest: 'weekly', autoFollow: false });
    const { threadId } = await world.startThread(person, { title: 'Not followed' });
    expect((await getThread(person.ctx, world.key, world.code, threadId)).followedByMe).toBe(false);
    await world.reply(world.people.classmate, threadId);
    expect(await toldTo(person)).toEqual([]);

    const elsewhere = await world.startThread(world.people.learner, { title: 'Replied, not followed' });
    await world.reply(person, elsewhere.threadId);
    expect((await getThread(person.ctx, world.key, world.code, elsewhere.threadId)).followedByMe).toBe(false);
    await expectDomainError(
      updateNotificationSettings(person.ctx, { digest: 'hourly', autoFollow: true }),
      'invalid',
      'forum.invalid',
    );
    await expectDomainError(updateNotificationSettings(person.ctx, { digest: 'off' }), 'invalid', 'forum.invalid');
  });
});

describe('answers, endorsements and moderation', () => {
  it('tells the author of a reply marked as the answer, once', async () => {
    const asker = await world.newLearner();
    const helper = await world.newLearner();
    const { threadId } = await world.startThread(asker, { kind: 'question', title: 'Answered question' });
    const reply = await world.reply(helper, threadId);
    await markAnswer(asker.ctx, world.key, world.code, threadId, reply);
    await markAnswer(asker.ctx, world.key, world.code, threadId, reply);
    expect(await toldTo(helper)).toEqual([['answer', threadId, reply, asker.user.name]]);
    const own = await world.reply(asker, threadId, 'Answering myself');
    await markAnswer(asker.ctx, world.key, world.code, threadId, own);
    expect((await toldTo(asker)).filter(([kind]) => kind === 'answer')).toEqual([]);
  });

  it('tells the author of an endorsed reply', async () => {
    const helper = await world.newLearner();
    const { threadId } = await world.startThread(world.people.learner, { title: 'Endorsed reply' });
    const reply = await world.reply(helper, threadId);
    await endorsePost(world.people.assistant.ctx, world.key, world.code, reply, { endorsed: true });
    await endorsePost(world.people.communityTa.ctx, world.key, world.code, reply, { endorsed: true });
    expect(await toldTo(helper)).toEqual([['endorsement', threadId, reply, world.people.assistant.user.name]]);
    const thread = await getThread(helper.ctx, world.key, world.code, threadId);
    expect(thread.replies[0]!.endorsed).toBe(true);
    await endorsePost(world.people.assistant.ctx, world.key, world.code, reply, { endorsed: false });
    expect((await getThread(helper.ctx, world.key, world.code, threadId)).replies[0]!.endorsed).toBe(false);
    expect(await toldTo(helper)).toHaveLength(1);
  });

  it('tells the author what a moderator did to their post', async () => {
    const author = await world.newLearner();
    const { threadId } = await world.startThread(world.people.learner, { title: 'Moderated reply' });
    const reply = await world.reply(author, threadId);
    const moderator = world.people.communityTa;
    await moderatePost(moderator.ctx, world.key, world.code, reply, { action: 'hide', reason: 'Rude' });
    await moderatePost(moderator.ctx, world.key, world.code, reply, { action: 'unhide' });
    await moderatePost(moderator.ctx, world.key, world.code, reply, { action: 'dismiss_flags' });
    const { notifications } = await listNotifications(author.ctx);
    expect(notifications.map((item) => [item.kind, item.detail, item.postId, item.actorName])).toEqual([
      ['moderation', 'unhide', reply, moderator.user.name],
      ['moderation', 'hide', reply, moderator.user.name],
    ]);
  });
});

describe('the notification list', () => {
  it('labels each notification with its course, run and thread, newest first', async () => {
    const person = await world.newLearner();
    const { threadId } = await world.startThread(person, { title: 'Labelled thread' });
    world.clock.advance(1000);
    const reply = await world.reply(world.people.classmate, threadId);
    const list = await listNotifications(person.ctx);
    expect(list).toMatchObject({ unread: 1, page: 1, hasMore: false });
    expect(list.notifications).toEqual([
      {
        id: expect.any(Number),
        kind: 'reply',
        detail: null,
        actorName: world.people.classmate.user.name,
        courseKey: world.key,
        courseTitle: { en: 'Climate Data 101' },
        runCode: world.code,
        threadId,
        threadTitle: 'Labelled thread',
        postId: reply,
        createdAt: world.clock.now(),
        read: false,
      },
    ]);
  });

  it('counts unread notifications and marks the person’s own read, ignoring others’ ids', async () => {
    const person = await world.newLearner();
    const other = await world.newLearner();
    const mine = await world.startThread(person, { title: 'Mine to read' });
    const theirs = await world.startThread(other, { title: 'Theirs to read' });
    for (let index = 0; index < 3; index += 1) {
      await world.reply(world.people.classmate, mine.threadId, `Reply ${index}`);
    }
    await world.reply(world.people.classmate, theirs.threadId);
    expect(await countUnreadNotifications(person.ctx)).toBe(3);
    const [theirNotification] = (await listNotifications(other.ctx)).notifications;
    await expect(markNotificationsRead(person.ctx, { ids: [theirNotification!.id] })).resolves.toEqual({ marked: 0 });
    expect(await countUnreadNotifications(other.ctx)).toBe(1);

    const [newest, middle] = (await listNotifications(person.ctx)).notifications;
    await expect(
      markNotificationsRead(person.ctx, { ids: [newest!.id, middle!.id, theirNotification!.id] }),
    ).resolves.toEqual({ marked: 2 });
    expect(await countUnreadNotifications(person.ctx)).toBe(1);
    const unreadOnly = await listNotifications(person.ctx, { unread: 'true' });
    expect(unreadOnly.notifications.map((item) => item.read)).toEqual([false]);
    expect((await listNotifications(person.ctx)).notifications.map((item) => item.read)).toEqual([true, true, false]);

    await expect(markNotificationsRead(person.ctx, { all: true })).resolves.toEqual({ marked: 1 });
    expect(await countUnreadNotifications(person.ctx)).toBe(0);
    expect(await countUnreadNotifications(other.ctx)).toBe(1);
    await expectDomainError(markNotificationsRead(person.ctx, {}), 'invalid', 'forum.invalid');
    await expectDomainError(markNotificationsRead(person.ctx, { ids: [] }), 'invalid', 'forum.invalid');
  });

  it('pages notifications, NOTIFICATIONS_PAGE_SIZE at a time', async () => {
    const person = await world.newLearner();
    const { threadId } = await world.startThread(person, { title: 'Busy thread' });
    for (let index = 0; index <= NOTIFICATIONS_PAGE_SIZE; index += 1) {
      await world.reply(world.people.classmate, threadId, `Reply ${index}`);
    }
    const first = await listNotifications(person.ctx);
    const second = await listNotifications(person.ctx, { page: 2 });
    expect(first).toMatchObject({ page: 1, hasMore: true, unread: NOTIFICATIONS_PAGE_SIZE + 1 });
    expect(first.notifications).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(second).toMatchObject({ page: 2, hasMore: false });
    expect(second.notifications).toHaveLength(1);
    expect(second.notifications[0]!.id).toBeLessThan(first.notifications.at(-1)!.id);
    await expectDomainError(listNotifications(person.ctx, { page: 'x' }), 'invalid', 'forum.invalid_query');
  });
});
