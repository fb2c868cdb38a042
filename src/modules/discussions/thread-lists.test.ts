import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { DEFAULT_HOT_PATH_TTL_MS, configureHotPathCaches } from '../../platform/cache/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createDiscussionsWorld, type DiscussionsWorld, type Person } from './discussions-test-fixtures.ts';
import {
  deleteOwnPost,
  listThreads,
  markAnswer,
  moderatePost,
  setThreadState,
  voteOnPost,
  type ThreadQuery,
} from './index.ts';

/*
 * Readers of a run share list pages (thread-lists.ts). These tests read a list, write, and read
 * again with the caches on, so a write that forgets to drop the run's pages fails here.
 */

let handle: DatabaseHandle;
let world: DiscussionsWorld;
let now = Date.now();

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());
afterEach(() => configureHotPathCaches({ ttlMs: DEFAULT_HOT_PATH_TTL_MS, now: Date.now }));

async function listed(person: Person, query: ThreadQuery = {}) {
  const page = await listThreads(person.ctx, world.key, world.code, query);
  return page.threads;
}

async function rowOf(person: Person, threadId: number, query: ThreadQuery = {}) {
  return (await listed(person, query)).find((thread) => thread.id === threadId);
}

describe('shared thread lists', () => {
  it('show every write to the run’s threads on the very next read', async () => {
    const { learner, classmate, lead, communityTa } = world.people;
    await listed(learner);
    const { threadId, openingId } = await world.startThread(classmate, { title: 'Shared lists', kind: 'question' });
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'Shared lists', replyCount: 0, voteCount: 0 });

    const replyId = await world.reply(learner, threadId);
    expect(await rowOf(learner, threadId)).toMatchObject({ replyCount: 1 });

    await voteOnPost(learner.ctx, world.key, world.code, openingId, { up: true });
    expect(await rowOf(learner, threadId, { sort: 'votes' })).toMatchObject({ voteCount: 1 });
    expect(await rowOf(learner, threadId)).toMatchObject({ voteCount: 1 });

    expect((await listed(learner, { sort: 'unanswered' })).map((thread) => thread.id)).toContain(threadId);
    await markAnswer(classmate.ctx, world.key, world.code, threadId, replyId);
    expect(await rowOf(learner, threadId)).toMatchObject({ answered: true });
    expect((await listed(learner, { sort: 'unanswered' })).map((thread) => thread.id)).not.toContain(threadId);

    await setThreadState(lead.ctx, world.key, world.code, threadId, { pinned: true, closed: true });
    expect(await rowOf(learner, threadId)).toMatchObject({ pinned: true, closed: true });
    expect((await listed(learner))[0]?.id).toBe(threadId);

    await moderatePost(communityTa.ctx, world.key, world.code, openingId, { action: 'hide', reason: 'Off topic' });
    expect(await rowOf(learner, threadId)).toBeUndefined();
    expect(await rowOf(classmate, threadId)).toMatchObject({ status: 'hidden' });
    expect(await rowOf(communityTa, threadId)).toMatchObject({ status: 'hidden' });

    await moderatePost(communityTa.ctx, world.key, world.code, openingId, { action: 'unhide' });
    expect(await rowOf(learner, threadId)).toMatchObject({ status: 'visible' });
  });

  it('keep an author’s hidden thread out of the page classmates share, and in the author’s own', async () => {
    const { learner, classmate, communityTa } = world.people;
    const { threadId, openingId } = await world.startThread(classmate, { title: 'Only mine when hidden' });
    await moderatePost(communityTa.ctx, world.key, world.code, openingId, { action: 'hide', reason: 'Spam' });
    // Learner first, so the shared page is loaded before the author asks.
    expect(await rowOf(learner, threadId)).toBeUndefined();
    expect(await rowOf(classmate, threadId)).toMatchObject({ status: 'hidden' });
    expect(await rowOf(learner, threadId)).toBeUndefined();
  });

  it('drop a thread its author deletes', async () => {
    const { learner, classmate } = world.people;
    const { threadId, openingId } = await world.startThread(classmate, { title: 'Soon gone' });
    expect(await rowOf(learner, threadId)).toBeDefined();
    await deleteOwnPost(classmate.ctx, world.key, world.code, openingId);
    expect(await rowOf(learner, threadId)).toBeUndefined();
    expect(await rowOf(classmate, threadId)).toBeUndefined();
  });

  it('show a change made elsewhere (another process, plain SQL) once the hot-path TTL has passed', async () => {
    configureHotPathCaches({ ttlMs: 10_000, now: () => now });
    const { learner, classmate } = world.people;
    const { threadId } = await world.startThread(classmate, { title: 'Before' });
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'Before' });
    await handle.db.execute(sql`update dsc_thread set title = 'After' where id = ${threadId}`);
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'Before' });
    now += 10_001;
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'After' });
  });

  it('read the database every time when the hot-path caches are off', async () => {
    configureHotPathCaches({ ttlMs: 0 });
    const { learner, classmate } = world.people;
    const { threadId } = await world.startThread(classmate, { title: 'Uncached' });
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'Uncached' });
    await handle.db.execute(sql`update dsc_thread set title = 'Seen at once' where id = ${threadId}`);
    expect(await rowOf(learner, threadId)).toMatchObject({ title: 'Seen at once' });
  });

  it('never let a caller change a shared page', async () => {
    const [first] = await listed(world.people.learner);
    expect(first).toBeDefined();
    expect(Object.isFrozen(first)).toBe(true);
  });
});
