import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createDiscussionsWorld, expectDomainError, type DiscussionsWorld } from './discussions-test-fixtures.ts';
import {
  REPLIES_PAGE_SIZE,
  createReply,
  createThread,
  editPost,
  flagPost,
  getThread,
  listThreads,
  moderatePost,
  setThreadState,
  voteOnPost,
} from './index.ts';
import { dscPost, dscThread } from './schema.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

async function countPostsWithKey(requestKey: string): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(dscPost).where(eq(dscPost.requestKey, requestKey));
  return row!.n;
}

async function countThreadsTitled(title: string): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(dscThread).where(eq(dscThread.title, title));
  return row!.n;
}

describe('retried submissions', () => {
  it('creates one thread for a request key sent twice', async () => {
    const { ctx } = world.people.learner;
    const input = { title: 'Sent twice', body: 'Once only', requestKey: 'thread-key-0001' };
    const first = await createThread(ctx, world.key, world.code, input);
    const second = await createThread(ctx, world.key, world.code, input);
    expect(first.created).toBe(true);
    expect(second).toEqual({ threadId: first.threadId, created: false });
    expect(await countThreadsTitled('Sent twice')).toBe(1);
  });

  it('creates exactly one thread when 20 submissions with one key race', async () => {
    const { ctx } = world.people.classmate;
    const input = { title: 'Raced thread', body: 'Clicked many times', requestKey: 'thread-race-0001' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => createThread(ctx, world.key, world.code, input)),
    );
    expect(new Set(results.map((result) => result.threadId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await countPostsWithKey('thread-race-0001')).toBe(1);
    expect(await countThreadsTitled('Raced thread')).toBe(1);
  });

  it('creates exactly one reply when 20 submissions with one key race', async () => {
    const { threadId } = await world.startThread(world.people.learner, { title: 'Replies raced here' });
    const { ctx } = world.people.classmate;
    const input = { body: 'Clicked many times', requestKey: 'reply-race-0001' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => createReply(ctx, world.key, world.code, threadId, input)),
    );
    expect(new Set(results.map((result) => result.postId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await countPostsWithKey('reply-race-0001')).toBe(1);
    const thread = await getThread(ctx, world.key, world.code, threadId);
    expect(thread.replyCount).toBe(1);
    expect(thread.replies).toHaveLength(1);
    const again = await createReply(ctx, world.key, world.code, threadId, input);
    expect(again).toEqual({ postId: results[0]!.postId, threadId, created: false });
  });

  it('refuses a request key reused for another thread or another kind of post', async () => {
    const { ctx } = world.people.learner;
    const first = await world.startThread(world.people.learner, { title: 'Key reused elsewhere' });
    const other = await world.startThread(world.people.classmate, { title: 'Another place' });
    await createReply(ctx, world.key, world.code, first.threadId, { body: 'Here', requestKey: 'reused-key-0001' });
    await expectDomainError(
      createReply(ctx, world.key, world.code, other.threadId, { body: 'There', requestKey: 'reused-key-0001' }),
      'conflict',
      'forum.request_key_reused',
    );
    await expectDomainError(
      createThread(ctx, world.key, world.code, { title: 'A thread', body: 'New', requestKey: 'reused-key-0001' }),
      'conflict',
      'forum.request_key_reused',
    );
  });

  it('keeps request keys per author', async () => {
    const { threadId } = await world.startThread(world.people.learner, { title: 'Two people, one key' });
    const input = { body: 'Same key', requestKey: 'shared-key-0001' };
    const mine = await createReply(world.people.learner.ctx, world.key, world.code, threadId, input);
    const theirs = await createReply(world.people.classmate.ctx, world.key, world.code, threadId, input);
    expect(theirs.created).toBe(true);
    expect(theirs.postId).not.toBe(mine.postId);
  });
});

describe('replies and comments', () => {
  it('shows replies oldest first with their comments under them', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'Nested talk' });
    const first = await world.reply(classmate, threadId, 'First reply');
    world.clock.advance(1000);
    const second = await world.reply(communityTa, threadId, 'Second reply');
    const comment = await world.reply(learner, threadId, 'A comment on the first', first);
    const later = await world.reply(communityTa, threadId, 'Another comment', first);
    const thread = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(thread.opening.id).toBe(openingId);
    // Replies only: the two comments sit under their reply and do not page.
    expect(thread.replyCount).toBe(2);
    expect(thread.lastActivityAt).toEqual(world.clock.now());
    expect(thread.replies.map((post) => [post.id, post.depth, post.body])).toEqual([
      [first, 1, 'First reply'],
      [second, 1, 'Second reply'],
    ]);
    expect(thread.replies[0]!.comments.map((post) => [post.id, post.depth, post.parentId])).toEqual([
      [comment, 2, first],
      [later, 2, first],
    ]);
    expect(thread.replies[1]!.author.role).toBe('community_ta');
    expect(thread.replies[1]!.comments).toEqual([]);
  });

  it('refuses comments on comments and on the opening post', async () => {
    const { learner, classmate } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'Depth rules' });
    const reply = await world.reply(classmate, threadId);
    const comment = await world.reply(learner, threadId, 'One level', reply);
    const reply2 = (parentId: number) =>
      createReply(classmate.ctx, world.key, world.code, threadId, { body: 'Deeper', parentId });
    await expectDomainError(reply2(comment), 'invalid', 'forum.comment_depth');
    await expectDomainError(reply2(openingId), 'invalid', 'forum.comment_depth');
  });

  it('refuses parents from other threads, unknown threads, and comments under hidden replies', async () => {
    const { learner, classmate, communityTa } = world.people;
    const here = await world.startThread(learner, { title: 'Here' });
    const there = await world.startThread(learner, { title: 'There' });
    const elsewhere = await world.reply(classmate, there.threadId);
    const post = (threadId: unknown, input: Record<string, unknown>) =>
      createReply(classmate.ctx, world.key, world.code, threadId, { body: 'Hi', ...input });
    await expectDomainError(post(here.threadId, { parentId: elsewhere }), 'not_found', 'post.not_found');
    await expectDomainError(post(999_999, {}), 'not_found', 'thread.not_found');
    await expectDomainError(post('abc', {}), 'not_found', 'thread.not_found');
    await moderatePost(communityTa.ctx, world.key, world.code, elsewhere, { action: 'hide', reason: 'Rude' });
    await expectDomainError(post(there.threadId, { parentId: elsewhere }), 'not_found', 'post.not_found');
    await expect(
      createReply(communityTa.ctx, world.key, world.code, there.threadId, { body: 'Noted', parentId: elsewhere }),
    ).resolves.toMatchObject({ created: true });
  });

  it('pages replies, REPLIES_PAGE_SIZE at a time', async () => {
    const { threadId } = await world.startThread(world.people.learner, { title: 'Long thread' });
    const ids: number[] = [];
    for (let index = 0; index <= REPLIES_PAGE_SIZE; index += 1) {
      ids.push(await world.reply(world.people.classmate, threadId, `Reply ${index}`));
    }
    const first = await getThread(world.people.learner.ctx, world.key, world.code, threadId);
    const second = await getThread(world.people.learner.ctx, world.key, world.code, threadId, { page: 2 });
    expect(first.replyPage).toEqual({ page: 1, pages: 2, total: REPLIES_PAGE_SIZE + 1 });
    expect(first.replies.map((post) => post.id)).toEqual(ids.slice(0, REPLIES_PAGE_SIZE));
    expect(second.replyPage).toEqual({ page: 2, pages: 2, total: REPLIES_PAGE_SIZE + 1 });
    expect(second.replies.map((post) => post.id)).toEqual([ids[REPLIES_PAGE_SIZE]]);
    expect(second.opening.id).toBe(first.opening.id);
    await expectDomainError(
      getThread(world.people.learner.ctx, world.key, world.code, threadId, { page: 0 }),
      'invalid',
      'forum.invalid_query',
    );
  });

  it('lets authors edit their own posts, and no one else', async () => {
    const { learner, classmate, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Edits' });
    const reply = await world.reply(classmate, threadId, 'Orignal *text*');
    world.clock.advance(1000);
    await expect(editPost(classmate.ctx, world.key, world.code, reply, { body: 'Original **text**' })).resolves.toEqual(
      { postId: reply },
    );
    const thread = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(thread.replies[0]).toMatchObject({
      body: 'Original **text**',
      html: expect.stringContaining('<strong>text</strong>'),
      editedAt: world.clock.now(),
    });
    for (const person of [learner, lead]) {
      await expectDomainError(
        editPost(person.ctx, world.key, world.code, reply, { body: 'Not mine' }),
        'forbidden',
        'forbidden',
      );
    }
    await setThreadState(lead.ctx, world.key, world.code, threadId, { locked: true });
    await expectDomainError(
      editPost(classmate.ctx, world.key, world.code, reply, { body: 'Too late' }),
      'conflict',
      'forum.thread_locked',
    );
  });
});

describe('votes', () => {
  it('counts an upvote once, takes it back, and refuses votes on one’s own post', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Vote on replies' });
    const reply = await world.reply(classmate, threadId);
    const vote = (ctx = learner.ctx, up = true) => voteOnPost(ctx, world.key, world.code, reply, { up });
    await expect(vote()).resolves.toEqual({ postId: reply, voteCount: 1, votedByMe: true });
    await expect(vote()).resolves.toEqual({ postId: reply, voteCount: 1, votedByMe: true });
    await expect(vote(communityTa.ctx)).resolves.toMatchObject({ voteCount: 2 });
    await expect(vote(learner.ctx, false)).resolves.toEqual({ postId: reply, voteCount: 1, votedByMe: false });
    await expect(vote(learner.ctx, false)).resolves.toMatchObject({ voteCount: 1 });
    await expectDomainError(vote(classmate.ctx), 'invalid', 'forum.own_post');
    await expectDomainError(
      voteOnPost(learner.ctx, world.key, world.code, reply, { up: 'yes' }),
      'invalid',
      'forum.invalid',
    );
    await expectDomainError(
      voteOnPost(learner.ctx, world.key, world.code, 999_999, { up: true }),
      'not_found',
      'post.not_found',
    );
    const thread = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(thread.replies[0]!.voteCount).toBe(1);
    expect(thread.voteCount).toBe(0);
  });

  it('moves the thread’s vote count with its opening post’s', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'Vote on openings qvotes' });
    await voteOnPost(classmate.ctx, world.key, world.code, openingId, { up: true });
    await voteOnPost(communityTa.ctx, world.key, world.code, openingId, { up: true });
    await voteOnPost(classmate.ctx, world.key, world.code, openingId, { up: true });
    const listed = async () =>
      (await listThreads(learner.ctx, world.key, world.code, { q: 'qvotes' })).threads.find(
        (thread) => thread.id === threadId,
      );
    expect((await listed())?.voteCount).toBe(2);
    await voteOnPost(communityTa.ctx, world.key, world.code, openingId, { up: false });
    expect((await listed())?.voteCount).toBe(1);
    expect((await getThread(learner.ctx, world.key, world.code, threadId)).opening.voteCount).toBe(1);
  });

  it('closes voting in a locked thread to all but staff', async () => {
    const { learner, classmate, communityTa, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Locked votes' });
    const reply = await world.reply(classmate, threadId);
    await setThreadState(communityTa.ctx, world.key, world.code, threadId, { locked: true });
    for (const person of [learner, communityTa]) {
      await expectDomainError(
        voteOnPost(person.ctx, world.key, world.code, reply, { up: true }),
        'conflict',
        'forum.thread_locked',
      );
    }
    await expect(voteOnPost(lead.ctx, world.key, world.code, reply, { up: true })).resolves.toMatchObject({
      voteCount: 1,
    });
    expect((await getThread(learner.ctx, world.key, world.code, threadId)).can.vote).toBe(false);
  });

  it('marks each reader’s own votes and reports', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(learner, { title: 'Marks per reader' });
    const reply = await world.reply(classmate, threadId);
    await voteOnPost(learner.ctx, world.key, world.code, reply, { up: true });
    await flagPost(communityTa.ctx, world.key, world.code, reply, { reason: 'off_topic' });
    await voteOnPost(communityTa.ctx, world.key, world.code, openingId, { up: true });
    const marks = async (ctx = learner.ctx) => {
      const thread = await getThread(ctx, world.key, world.code, threadId);
      return {
        opening: [thread.opening.votedByMe, thread.opening.flaggedByMe],
        reply: [thread.replies[0]!.votedByMe, thread.replies[0]!.flaggedByMe],
        flags: thread.replies[0]!.openFlagCount,
      };
    };
    expect(await marks()).toEqual({ opening: [false, false], reply: [true, false], flags: 0 });
    expect(await marks(communityTa.ctx)).toEqual({ opening: [true, false], reply: [false, true], flags: 1 });
    expect(await marks(classmate.ctx)).toEqual({ opening: [false, false], reply: [false, false], flags: 0 });
  });
});
