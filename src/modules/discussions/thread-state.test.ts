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
import { createReply, getThread, markAnswer, setThreadState } from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

const replyAs = (person: Person, threadId: number) =>
  createReply(person.ctx, world.key, world.code, threadId, { body: `A reply by ${person.user.name}` });

const setState = (person: Person, threadId: number, input: Record<string, unknown>) =>
  setThreadState(person.ctx, world.key, world.code, threadId, input);

describe('answers to questions', () => {
  it('lets the asker mark a reply as the answer, and clear it', async () => {
    const { learner, classmate } = world.people;
    const { threadId } = await world.startThread(learner, { kind: 'question', title: 'Which gas?' });
    const reply = await world.reply(classmate, threadId, 'Carbon dioxide');
    await expect(markAnswer(learner.ctx, world.key, world.code, threadId, reply)).resolves.toEqual({
      threadId,
      answerPostId: reply,
    });
    const answered = await getThread(classmate.ctx, world.key, world.code, threadId);
    expect(answered.answered).toBe(true);
    expect(answered.replies[0]).toMatchObject({ id: reply, isAnswer: true });
    expect(answered.opening.isAnswer).toBe(false);
    await expect(markAnswer(learner.ctx, world.key, world.code, threadId, null)).resolves.toEqual({
      threadId,
      answerPostId: null,
    });
    expect((await getThread(classmate.ctx, world.key, world.code, threadId)).answered).toBe(false);
  });

  it('lets moderators mark answers, but not other learners', async () => {
    const { learner, classmate, communityTa, assistant } = world.people;
    const { threadId } = await world.startThread(learner, { kind: 'question', title: 'Who marks?' });
    const reply = await world.reply(classmate, threadId);
    await expectDomainError(
      markAnswer(classmate.ctx, world.key, world.code, threadId, reply),
      'forbidden',
      'forbidden',
    );
    const stranger = await world.newLearner();
    await expectDomainError(markAnswer(stranger.ctx, world.key, world.code, threadId, reply), 'forbidden', 'forbidden');
    await expect(markAnswer(communityTa.ctx, world.key, world.code, threadId, reply)).resolves.toMatchObject({
      answerPostId: reply,
    });
    await expect(markAnswer(assistant.ctx, world.key, world.code, threadId, null)).resolves.toMatchObject({
      answerPostId: null,
    });
    const thread = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(thread.can.markAnswer).toBe(true);
    expect((await getThread(classmate.ctx, world.key, world.code, threadId)).can.markAnswer).toBe(false);
  });

  it('gives answers to questions only, and only replies of the same thread', async () => {
    const { learner, classmate } = world.people;
    const talk = await world.startThread(learner, { kind: 'discussion', title: 'Just talking' });
    const talkReply = await world.reply(classmate, talk.threadId);
    await expectDomainError(
      markAnswer(learner.ctx, world.key, world.code, talk.threadId, talkReply),
      'invalid',
      'forum.not_a_question',
    );
    const question = await world.startThread(learner, { kind: 'question', title: 'A real question' });
    const reply = await world.reply(classmate, question.threadId);
    const comment = await world.reply(learner, question.threadId, 'Thanks', reply);
    for (const postId of [talkReply, comment, question.openingId]) {
      await expectDomainError(
        markAnswer(learner.ctx, world.key, world.code, question.threadId, postId),
        'invalid',
        'forum.not_a_reply',
      );
    }
    await expectDomainError(
      markAnswer(learner.ctx, world.key, world.code, question.threadId, 999_999),
      'not_found',
      'post.not_found',
    );
    expect((await getThread(learner.ctx, world.key, world.code, question.threadId)).answered).toBe(false);
  });
});

describe('closing, locking and pinning', () => {
  it('lets the author close their thread to learners’ replies, while moderators still reply', async () => {
    const { learner, classmate, communityTa, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Closing soon' });
    await expectDomainError(setState(classmate, threadId, { closed: true }), 'forbidden', 'forbidden');
    await expect(setState(learner, threadId, { closed: true })).resolves.toEqual({
      threadId,
      pinned: false,
      closed: true,
      locked: false,
    });
    for (const person of [learner, classmate]) {
      await expectDomainError(replyAs(person, threadId), 'conflict', 'forum.thread_closed');
    }
    await expect(replyAs(communityTa, threadId)).resolves.toMatchObject({ created: true });
    await expect(replyAs(lead, threadId)).resolves.toMatchObject({ created: true });
    expect((await getThread(classmate.ctx, world.key, world.code, threadId)).can.reply).toBe(false);
    expect((await getThread(communityTa.ctx, world.key, world.code, threadId)).can.reply).toBe(true);

    await setState(learner, threadId, { closed: false });
    await expect(replyAs(classmate, threadId)).resolves.toMatchObject({ created: true });
    const audits = await listAuditEvents(handle.db, { action: 'forum.thread_state_changed', objectId: `${threadId}` });
    expect(audits).toEqual([]);
  });

  it('lets moderators lock a thread: only staff post in it, and the author cannot reopen it', async () => {
    const { learner, classmate, communityTa, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Getting heated' });
    await expectDomainError(setState(learner, threadId, { locked: true }), 'forbidden', 'forum.moderators_only');
    await expect(setState(communityTa, threadId, { locked: true, closed: true })).resolves.toMatchObject({
      locked: true,
      closed: true,
    });
    for (const person of [learner, classmate, communityTa]) {
      await expectDomainError(replyAs(person, threadId), 'conflict', 'forum.thread_locked');
    }
    await expect(replyAs(lead, threadId)).resolves.toMatchObject({ created: true });
    await expectDomainError(setState(learner, threadId, { closed: false }), 'forbidden', 'forbidden');
    const seen = await getThread(learner.ctx, world.key, world.code, threadId);
    expect(seen).toMatchObject({ locked: true, closed: true });
    expect(seen.can).toMatchObject({ reply: false, close: false, lock: false });

    await setState(lead, threadId, { locked: false, closed: false });
    await expect(replyAs(classmate, threadId)).resolves.toMatchObject({ created: true });
  });

  it('lets only staff pin', async () => {
    const { learner, communityTa, assistant } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Pin me' });
    for (const person of [learner, communityTa]) {
      await expectDomainError(setState(person, threadId, { pinned: true }), 'forbidden', 'forum.staff_only');
    }
    await expect(setState(assistant, threadId, { pinned: true })).resolves.toMatchObject({ pinned: true });
    expect((await getThread(learner.ctx, world.key, world.code, threadId)).pinned).toBe(true);
    expect((await getThread(assistant.ctx, world.key, world.code, threadId)).can.pin).toBe(true);
    expect((await getThread(communityTa.ctx, world.key, world.code, threadId)).can.pin).toBe(false);
  });

  it('audits every change a moderator makes, with the state before and after', async () => {
    const { learner, communityTa, lead } = world.people;
    const { threadId } = await world.startThread(learner, { title: 'Audited' });
    await setState(communityTa, threadId, { locked: true });
    await setState(lead, threadId, { pinned: true, locked: false });
    const audits = await listAuditEvents(handle.db, { action: 'forum.thread_state_changed', objectId: `${threadId}` });
    expect(audits.map((audit) => [audit.actorId, audit.objectType, audit.before, audit.after])).toEqual([
      [
        lead.user.id,
        'forum_thread',
        { pinned: false, closed: false, locked: true },
        { pinned: true, closed: false, locked: false },
      ],
      [
        communityTa.user.id,
        'forum_thread',
        { pinned: false, closed: false, locked: false },
        { pinned: false, closed: false, locked: true },
      ],
    ]);
    expect(audits[0]!.occurredAt).toEqual(world.clock.now());
  });

  it('refuses empty and unknown changes', async () => {
    const { threadId } = await world.startThread(world.people.learner, { title: 'Nothing to change' });
    await expectDomainError(setState(world.people.lead, threadId, {}), 'invalid', 'forum.invalid');
    await expectDomainError(setState(world.people.lead, threadId, { archived: true }), 'invalid', 'forum.invalid');
    await expectDomainError(setState(world.people.lead, 999_999, { pinned: true }), 'not_found', 'thread.not_found');
  });
});
