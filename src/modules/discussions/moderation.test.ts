import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  createReply,
  deleteOwnPost,
  flagPost,
  getThread,
  listModerationQueue,
  listThreads,
  moderatePost,
  type ModerationAction,
} from './index.ts';
import { dscFlag } from './schema.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

const moderate = (person: Person, postId: number, action: ModerationAction, reason?: string) =>
  moderatePost(person.ctx, world.key, world.code, postId, { action, ...(reason ? { reason } : {}) });

/** The reply as `person` sees it in its thread. */
async function readReply(person: Person, threadId: number, postId: number) {
  const thread = await getThread(person.ctx, world.key, world.code, threadId);
  return thread.replies.find((post) => post.id === postId)!;
}

async function queuedIds(person: Person, view: 'flagged' | 'hidden' = 'flagged') {
  const queue = await listModerationQueue(person.ctx, world.key, world.code, { view });
  return queue.items.map((item) => item.post.id);
}

describe('reporting posts', () => {
  it('takes one report per reader, none from the author, and queues the post with its reports', async () => {
    const { learner, classmate, communityTa, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Reported here' });
    const reply = await world.reply(classmate, threadId, 'Buy cheap watches');
    const flag = (person: Person, input: Record<string, unknown>) =>
      flagPost(person.ctx, world.key, world.code, reply, input);
    await expect(flag(learner, { reason: 'spam', note: 'An advert' })).resolves.toEqual({
      postId: reply,
      flagId: expect.any(Number),
    });
    await expectDomainError(flag(learner, { reason: 'abuse' }), 'conflict', 'forum.already_flagged');
    await expectDomainError(flag(classmate, { reason: 'spam' }), 'invalid', 'forum.own_post');
    await expectDomainError(flag(communityTa, { reason: 'rude' }), 'invalid', 'forum.invalid');
    world.clock.advance(1000);
    await flag(communityTa, { reason: 'off_topic' });

    const queue = await listModerationQueue(lead.ctx, world.key, world.code);
    const item = queue.items.find((entry) => entry.post.id === reply);
    expect(item).toMatchObject({
      threadId,
      threadTitle: 'Reported here',
      post: { body: 'Buy cheap watches', openFlagCount: 2, author: { id: classmate.user.id } },
      flags: [
        { reason: 'off_topic', note: null },
        { reason: 'spam', note: 'An advert' },
      ],
    });
    expect(await queuedIds(communityTa)).toContain(reply);
  });

  it('does not take reports of posts the reader cannot see', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Hidden then reported' });
    const reply = await world.reply(classmate, threadId);
    await moderate(communityTa, reply, 'hide', 'Rude');
    await expectDomainError(
      flagPost(learner.ctx, world.key, world.code, reply, { reason: 'spam' }),
      'not_found',
      'post.not_found',
    );
    await expectDomainError(
      flagPost(learner.ctx, world.key, world.code, 'x', { reason: 'spam' }),
      'not_found',
      'post.not_found',
    );
  });

  it('dismisses reports without touching the post or telling its author', async () => {
    const { learner, classmate, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'False alarm' });
    const reply = await world.reply(classmate, threadId, 'Perfectly fine');
    await flagPost(learner.ctx, world.key, world.code, reply, { reason: 'misinformation' });
    await expect(moderate(lead, reply, 'dismiss_flags')).resolves.toEqual({ postId: reply, status: 'visible' });
    expect(await queuedIds(lead)).not.toContain(reply);
    const flags = await handle.db.select().from(dscFlag).where(eq(dscFlag.postId, reply));
    expect(flags.map((flag) => [flag.resolution, flag.resolvedBy])).toEqual([['dismissed', lead.user.id]]);
    expect(await readReply(learner, threadId, reply)).toMatchObject({ status: 'visible', body: 'Perfectly fine' });
    await expectDomainError(
      flagPost(learner.ctx, world.key, world.code, reply, { reason: 'spam' }),
      'conflict',
      'forum.already_flagged',
    );
  });
});

describe('hiding and removing posts', () => {
  it('hides a post with a reason: others see a placeholder, its author and moderators its words', async () => {
    const { learner, classmate, communityTa, assistant } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Hiding a reply' });
    const reply = await world.reply(classmate, threadId, 'Something *rude*');
    await flagPost(learner.ctx, world.key, world.code, reply, { reason: 'abuse' });
    await expectDomainError(moderate(communityTa, reply, 'hide'), 'invalid', 'forum.invalid');
    await expect(moderate(communityTa, reply, 'hide', 'Be kind')).resolves.toEqual({ postId: reply, status: 'hidden' });

    expect(await readReply(learner, threadId, reply)).toMatchObject({
      status: 'hidden',
      body: '',
      html: '',
      moderationReason: null,
      moderatedAt: world.clock.now(),
    });
    expect(await readReply(classmate, threadId, reply)).toMatchObject({
      status: 'hidden',
      body: 'Something *rude*',
      html: expect.stringContaining('<em>rude</em>'),
      moderationReason: 'Be kind',
    });
    for (const moderator of [communityTa, assistant]) {
      expect(await readReply(moderator, threadId, reply)).toMatchObject({
        body: 'Something *rude*',
        moderationReason: 'Be kind',
      });
    }
    expect(await queuedIds(assistant)).not.toContain(reply);
    expect(await queuedIds(assistant, 'hidden')).toContain(reply);
    const [flag] = await handle.db.select().from(dscFlag).where(eq(dscFlag.postId, reply));
    expect(flag).toMatchObject({ resolution: 'hidden', resolvedBy: communityTa.user.id });

    await expect(moderate(assistant, reply, 'unhide')).resolves.toEqual({ postId: reply, status: 'visible' });
    expect(await readReply(learner, threadId, reply)).toMatchObject({
      status: 'visible',
      body: 'Something *rude*',
      moderationReason: null,
    });
    expect(await queuedIds(assistant, 'hidden')).not.toContain(reply);
  });

  it('removes a post for all but moderators, telling its author why, and restores it', async () => {
    const { learner, classmate, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Removing a reply' });
    const reply = await world.reply(classmate, threadId, 'Personal data here');
    await expectDomainError(moderate(lead, reply, 'delete'), 'invalid', 'forum.invalid');
    await expect(moderate(lead, reply, 'delete', 'Privacy')).resolves.toEqual({ postId: reply, status: 'deleted' });
    expect(await readReply(learner, threadId, reply)).toMatchObject({ status: 'deleted', body: '', html: '' });
    expect(await readReply(classmate, threadId, reply)).toMatchObject({
      status: 'deleted',
      body: '',
      moderationReason: 'Privacy',
    });
    expect(await readReply(lead, threadId, reply)).toMatchObject({ body: 'Personal data here' });
    await expect(moderate(lead, reply, 'restore')).resolves.toEqual({ postId: reply, status: 'visible' });
    expect(await readReply(learner, threadId, reply)).toMatchObject({ status: 'visible', body: 'Personal data here' });
  });

  it('hides a thread with its opening post from everyone but its author and moderators', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'qhidethread opening' });
    await moderate(communityTa, openingId, 'hide', 'Duplicate');
    const listedBy = async (person: Person) =>
      (await listThreads(person.ctx, world.key, world.code, { q: 'qhidethread' })).threads.map((thread) => [
        thread.id,
        thread.status,
      ]);
    expect(await listedBy(classmate)).toEqual([]);
    await expectDomainError(getThread(classmate.ctx, world.key, world.code, threadId), 'not_found', 'thread.not_found');
    expect(await listedBy(learner)).toEqual([[threadId, 'hidden']]);
    expect(await listedBy(communityTa)).toEqual([[threadId, 'hidden']]);
    const own = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(own.opening).toMatchObject({ status: 'hidden', body: 'What did everyone make of the first week?' });
    expect(own.can.reply).toBe(false);
    await expectDomainError(
      createReply(learner.ctx, world.key, world.code, threadId, { body: 'Why?' }),
      'conflict',
      'forum.thread_hidden',
    );
    await moderate(communityTa, openingId, 'unhide');
    expect(await listedBy(classmate)).toEqual([[threadId, 'visible']]);
  });

  it('audits every moderation action with the status before and after', async () => {
    const { learner, classmate, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Audited moderation' });
    const reply = await world.reply(classmate, threadId);
    await flagPost(learner.ctx, world.key, world.code, reply, { reason: 'spam' });
    const steps: [ModerationAction, string | undefined, string, string][] = [
      ['dismiss_flags', undefined, 'visible', 'visible'],
      ['hide', 'Spam', 'visible', 'hidden'],
      ['unhide', undefined, 'hidden', 'visible'],
      ['delete', 'Spam again', 'visible', 'deleted'],
      ['restore', undefined, 'deleted', 'visible'],
    ];
    for (const [action, reason] of steps) await moderate(lead, reply, action, reason);
    const audits = await listAuditEvents(handle.db, { objectType: 'forum_post', objectId: `${reply}` });
    expect(
      audits.reverse().map((audit) => [audit.action, audit.actorId, audit.before?.status, audit.after?.status]),
    ).toEqual(steps.map(([action, , before, after]) => [`forum.post_${action}`, lead.user.id, before, after]));
    expect(audits[0]).toMatchObject({
      before: { openFlags: 1 },
      after: { reason: null, runId: world.run.id },
    });
    expect(audits[1]!.after).toMatchObject({ reason: 'Spam' });
  });

  it('refuses unknown posts and actions', async () => {
    const { lead } = world.people;
    await expectDomainError(moderate(lead, 999_999, 'hide', 'x'), 'not_found', 'post.not_found');
    const { openingId } = await world.startThread(world.people.learner, { title: 'Odd action' });
    await expectDomainError(
      moderatePost(lead.ctx, world.key, world.code, openingId, { action: 'burn' }),
      'invalid',
      'forum.invalid',
    );
  });
});

describe('authors removing their own posts', () => {
  it('removes a reply for others but keeps it for moderators', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Second thoughts' });
    const reply = await world.reply(classmate, threadId, 'Regrettable words');
    await expectDomainError(deleteOwnPost(learner.ctx, world.key, world.code, reply), 'forbidden', 'forbidden');
    await expectDomainError(deleteOwnPost(communityTa.ctx, world.key, world.code, reply), 'forbidden', 'forbidden');
    await expect(deleteOwnPost(classmate.ctx, world.key, world.code, reply)).resolves.toEqual({ postId: reply });
    expect(await readReply(learner, threadId, reply)).toMatchObject({ status: 'deleted', body: '' });
    expect(await readReply(classmate, threadId, reply)).toMatchObject({ status: 'deleted', body: '' });
    expect(await readReply(communityTa, threadId, reply)).toMatchObject({
      status: 'deleted',
      body: 'Regrettable words',
    });
    await expectDomainError(deleteOwnPost(classmate.ctx, world.key, world.code, reply), 'not_found', 'post.not_found');
  });

  it('removes a whole thread with its opening post, from lists too', async () => {
    const { learner, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'qownremoval thread' });
    await deleteOwnPost(learner.ctx, world.key, world.code, openingId);
    for (const person of [learner, communityTa]) {
      const page = await listThreads(person.ctx, world.key, world.code, { q: 'qownremoval' });
      expect(page.threads).toEqual([]);
    }
    await expectDomainError(getThread(learner.ctx, world.key, world.code, threadId), 'not_found', 'thread.not_found');
    expect(await getThread(communityTa.ctx, world.key, world.code, threadId)).toMatchObject({ status: 'deleted' });
  });
});
