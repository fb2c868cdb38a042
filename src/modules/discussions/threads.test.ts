import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { createDiscussionsWorld, expectDomainError, type DiscussionsWorld } from './discussions-test-fixtures.ts';
import {
  THREADS_PAGE_SIZE,
  createThread,
  getThread,
  listThreads,
  markAnswer,
  moderatePost,
  setThreadState,
  voteOnPost,
  type ThreadQuery,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

const MINUTE = 60_000;

/** Titles of the threads a learner lists with these filters. */
async function listTitles(query: ThreadQuery, who = world.people.learner) {
  const page = await listThreads(who.ctx, world.key, world.code, query);
  return page.threads.map((thread) => thread.title);
}

describe('starting a thread', () => {
  it('starts a discussion in the general topic, followed by its author', async () => {
    const { ctx } = world.people.learner;
    const result = await createThread(ctx, world.key, world.code, { title: 'Hello, cohort', body: 'I am **new**.' });
    expect(result).toEqual({ threadId: expect.any(Number), created: true });
    const thread = await getThread(ctx, world.key, world.code, result.threadId);
    expect(thread).toMatchObject({
      topic: 'general',
      kind: 'discussion',
      title: 'Hello, cohort',
      status: 'visible',
      pinned: false,
      closed: false,
      locked: false,
      answered: false,
      replyCount: 0,
      voteCount: 0,
      circleId: null,
      followedByMe: true,
      author: { id: world.people.learner.user.id, name: world.people.learner.user.name, role: 'learner' },
      opening: {
        depth: 0,
        parentId: null,
        body: 'I am **new**.',
        html: expect.stringContaining('<strong>new</strong>'),
      },
      replies: [],
      replyPage: { page: 1, pages: 1, total: 0 },
    });
    expect(thread.createdAt).toEqual(world.clock.now());
  });

  it('starts a thread in a section of the release, and shows staff as staff', async () => {
    const { threadId } = await createThread(world.people.lead.ctx, world.key, world.code, {
      topic: world.topics.week2,
      kind: 'question',
      title: 'Week two questions',
      body: 'Ask here.',
    });
    const thread = await getThread(world.people.learner.ctx, world.key, world.code, threadId);
    expect(thread).toMatchObject({ topic: world.topics.week2, kind: 'question', author: { role: 'staff' } });
    expect(thread.opening.author.role).toBe('staff');
  });

  it('refuses topics the release does not have, and malformed input', async () => {
    const { ctx } = world.people.learner;
    const start = (input: Record<string, unknown>) =>
      createThread(ctx, world.key, world.code, { title: 'Where does this go', body: 'Somewhere', ...input });
    await expectDomainError(start({ topic: 'section:no-such-section' }), 'invalid', 'forum.unknown_topic');
    await expectDomainError(start({ topic: 'block:no-such-block' }), 'invalid', 'forum.unknown_topic');
    await expectDomainError(start({ topic: 'anything' }), 'invalid', 'forum.invalid');
    await expectDomainError(start({ title: 'Hi' }), 'invalid', 'forum.invalid');
    await expectDomainError(start({ body: '   ' }), 'invalid', 'forum.invalid');
    await expectDomainError(start({ kind: 'poll' }), 'invalid', 'forum.invalid');
    await expectDomainError(start({ surprise: true }), 'invalid', 'forum.invalid');
    await expect(start({ topic: 'section:no-such-section' })).rejects.toMatchObject({
      details: { fields: [{ field: 'topic' }] },
    });
  });

  it('takes the language from the author’s profile locale and the country from their profile', async () => {
    const person = await world.newLearner({ country: 'CN', locale: 'zh-Hans' });
    const { threadId } = await createThread(person.ctx, world.key, world.code, { title: '第一周', body: '大家好' });
    const thread = await getThread(person.ctx, world.key, world.code, threadId);
    expect(thread).toMatchObject({ language: 'zh-Hans', author: { country: 'CN' } });
    expect(thread.opening).toMatchObject({ language: 'zh-Hans', author: { country: 'CN' } });

    const chosen = await createThread(person.ctx, world.key, world.code, {
      title: 'Em português',
      body: 'Olá',
      language: 'pt-BR',
    });
    expect((await getThread(person.ctx, world.key, world.code, chosen.threadId)).language).toBe('pt-BR');

    const plain = await world.newLearner();
    const fallback = await createThread(plain.ctx, world.key, world.code, { title: 'No locale', body: 'Hi' });
    const read = await getThread(plain.ctx, world.key, world.code, fallback.threadId);
    expect(read).toMatchObject({ language: 'en', author: { country: null } });
  });
});

describe('listing threads', () => {
  it('sorts by activity, votes, newest and unanswered questions, pinned threads first', async () => {
    const { learner, classmate, communityTa, lead } = world.people;
    const start = async (title: string, kind: 'question' | 'discussion') => {
      world.clock.advance(MINUTE);
      return world.startThread(learner, { title, kind });
    };
    const a = await start('sorttok Alpha', 'question');
    const b = await start('sorttok Bravo', 'discussion');
    const c = await start('sorttok Charlie', 'question');
    expect(await listTitles({ q: 'sorttok', sort: 'newest' })).toEqual([
      'sorttok Charlie',
      'sorttok Bravo',
      'sorttok Alpha',
    ]);

    world.clock.advance(MINUTE);
    const answer = await world.reply(classmate, a.threadId, 'This answers Alpha');
    expect(await listTitles({ q: 'sorttok' })).toEqual(['sorttok Alpha', 'sorttok Charlie', 'sorttok Bravo']);
    expect(await listTitles({ q: 'sorttok', sort: 'newest' })).toEqual([
      'sorttok Charlie',
      'sorttok Bravo',
      'sorttok Alpha',
    ]);

    await voteOnPost(classmate.ctx, world.key, world.code, b.openingId, { up: true });
    await voteOnPost(communityTa.ctx, world.key, world.code, b.openingId, { up: true });
    await voteOnPost(classmate.ctx, world.key, world.code, c.openingId, { up: true });
    expect(await listTitles({ q: 'sorttok', sort: 'votes' })).toEqual([
      'sorttok Bravo',
      'sorttok Charlie',
      'sorttok Alpha',
    ]);

    expect(await listTitles({ q: 'sorttok', sort: 'unanswered' })).toEqual(['sorttok Alpha', 'sorttok Charlie']);
    await markAnswer(learner.ctx, world.key, world.code, a.threadId, answer);
    expect(await listTitles({ q: 'sorttok', sort: 'unanswered' })).toEqual(['sorttok Charlie']);

    await setThreadState(lead.ctx, world.key, world.code, a.threadId, { pinned: true });
    expect(await listTitles({ q: 'sorttok', sort: 'votes' })).toEqual([
      'sorttok Alpha',
      'sorttok Bravo',
      'sorttok Charlie',
    ]);
    expect(await listTitles({ q: 'sorttok', sort: 'newest' })).toEqual([
      'sorttok Alpha',
      'sorttok Charlie',
      'sorttok Bravo',
    ]);
    const page = await listThreads(learner.ctx, world.key, world.code, { q: 'sorttok' });
    expect(page.threads[0]).toMatchObject({ pinned: true, answered: true, replyCount: 1, kind: 'question' });
    await setThreadState(lead.ctx, world.key, world.code, a.threadId, { pinned: false });
  });

  it('filters by topic, language and kind', async () => {
    const { learner } = world.people;
    await world.startThread(learner, { title: 'filtok general discussion' });
    await world.startThread(learner, {
      title: 'filtok week one question',
      kind: 'question',
      topic: world.topics.week1,
    });
    await createThread(learner.ctx, world.key, world.code, {
      title: 'filtok in Arabic',
      body: 'مرحبا',
      language: 'ar',
      topic: world.topics.week1,
    });
    expect(await listTitles({ q: 'filtok', topic: world.topics.week1 })).toEqual([
      'filtok in Arabic',
      'filtok week one question',
    ]);
    expect(await listTitles({ q: 'filtok', topic: 'general' })).toEqual(['filtok general discussion']);
    expect(await listTitles({ q: 'filtok', language: 'ar' })).toEqual(['filtok in Arabic']);
    expect(await listTitles({ q: 'filtok', kind: 'question' })).toEqual(['filtok week one question']);
    expect(await listTitles({ q: 'filtok', kind: 'discussion', topic: world.topics.week1 })).toEqual([
      'filtok in Arabic',
    ]);
    expect(await listTitles({ q: 'filtok', topic: world.topics.week2 })).toEqual([]);
  });

  it('refuses malformed queries', async () => {
    const { ctx } = world.people.learner;
    for (const query of [{ sort: 'random' }, { page: 0 }, { kind: 'poll' }, { topic: 'nowhere' }, { extra: 1 }]) {
      await expectDomainError(listThreads(ctx, world.key, world.code, query), 'invalid', 'forum.invalid_query');
    }
  });

  it('finds words in titles and in replies, but not in hidden replies', async () => {
    const { learner, classmate, communityTa } = world.people;
    const titled = await world.startThread(learner, { title: 'About glaciers qzxtitle', body: 'Melting.' });
    const replied = await world.startThread(learner, { title: 'About deserts', body: 'Dry.' });
    const reply = await world.reply(classmate, replied.threadId, 'The Sahara is qzxreply and very large.');
    expect(await listTitles({ q: 'QZXTITLE' })).toEqual(['About glaciers qzxtitle']);
    expect(await listTitles({ q: 'qzxreply' })).toEqual(['About deserts']);
    expect(titled.threadId).not.toBe(replied.threadId);

    await moderatePost(communityTa.ctx, world.key, world.code, reply, { action: 'hide', reason: 'Spoiler' });
    expect(await listTitles({ q: 'qzxreply' })).toEqual([]);
    expect(await listTitles({ q: 'qzxreply' }, classmate)).toEqual([]);
  });

  it('takes search text literally, wildcards included', async () => {
    await world.startThread(world.people.learner, { title: 'Discount of 100% off', body: 'Really.' });
    await world.startThread(world.people.learner, { title: 'Snake_case names', body: 'Really.' });
    expect(await listTitles({ q: '100%' })).toEqual(['Discount of 100% off']);
    expect(await listTitles({ q: 'e_c' })).toEqual(['Snake_case names']);
    expect(await listTitles({ q: '%%%' })).toEqual([]);
  });

  it('pages through threads, THREADS_PAGE_SIZE at a time', async () => {
    const ids: number[] = [];
    for (let index = 0; index <= THREADS_PAGE_SIZE; index += 1) {
      const { threadId } = await createThread(world.people.classmate.ctx, world.key, world.code, {
        title: `pagetok ${index}`,
        body: 'Counting.',
      });
      ids.push(threadId);
    }
    const first = await listThreads(world.people.learner.ctx, world.key, world.code, { q: 'pagetok' });
    const second = await listThreads(world.people.learner.ctx, world.key, world.code, { q: 'pagetok', page: 2 });
    expect(first).toMatchObject({ page: 1, pages: 2, total: THREADS_PAGE_SIZE + 1 });
    expect(first.threads).toHaveLength(THREADS_PAGE_SIZE);
    expect(second).toMatchObject({ page: 2, pages: 2, total: THREADS_PAGE_SIZE + 1 });
    expect(second.threads.map((thread) => thread.id)).toEqual([ids[0]]);
    expect([...first.threads, ...second.threads].map((thread) => thread.id).sort((x, y) => x - y)).toEqual(ids);
    const beyond = await listThreads(world.people.learner.ctx, world.key, world.code, { q: 'pagetok', page: 3 });
    expect(beyond).toMatchObject({ threads: [], page: 3, pages: 2 });
    const none = await listThreads(world.people.learner.ctx, world.key, world.code, { q: 'nothing-like-this' });
    expect(none).toMatchObject({ threads: [], page: 1, pages: 1, total: 0 });
  });
});
