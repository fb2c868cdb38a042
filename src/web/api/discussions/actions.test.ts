import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../../test/api/support.ts';
import { FORUM_ROLES, type ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, readers, type ForumApiWorld } from './test-support.ts';

/**
 * What readers and moderators do to threads and posts: followThread (…/follow), setThreadState
 * (PATCH …/threads/{threadId}), markAnswer (…/answer), voteOnPost (…/vote), flagPost (…/flags),
 * moderatePost (…/posts/{postId}/moderation), endorsePost (…/endorsement), and editPost and
 * deletePost (…/posts/{postId}), each with a per-role table.
 */
let w: ForumApiWorld;
let question: { threadId: number; openingId: number };
let answerId: number;

beforeAll(async () => {
  w = await createForumApiWorld();
  question = await w.startThread('classmate', { kind: 'question' });
  answerId = await w.replyTo('learner', question.threadId);
});
afterAll(() => w.close());

const threadUrl = (threadId: number) => w.paths.apiThread(threadId);
const postUrl = (postId: number) => w.paths.apiPost(postId);
type Send = (who: ForumRole) => ReturnType<ForumApiWorld['call']>;

/** Staff may, learners are refused with 403, outsiders never learn the forum exists. */
const staffOnly = readers(403, 200);

describe('per-role access to the thread and post operations', () => {
  const table: Array<[string, Send, Record<ForumRole, number>]> = [
    [
      'followThread PUT …/threads/{threadId}/follow',
      (who) => w.call(who, 'PUT', `${threadUrl(question.threadId)}/follow`, { follow: true }),
      readers(200),
    ],
    [
      'setThreadState PATCH …/threads/{threadId} (pinned)',
      (who) => w.call(who, 'PATCH', threadUrl(question.threadId), { pinned: true }),
      staffOnly,
    ],
    [
      'setThreadState PATCH …/threads/{threadId} (closed: the author and moderators)',
      (who) => w.call(who, 'PATCH', threadUrl(question.threadId), { closed: false }),
      readers(403, 200, { classmate: 200 }),
    ],
    [
      'setThreadState PATCH …/threads/{threadId} (locked)',
      (who) => w.call(who, 'PATCH', threadUrl(question.threadId), { locked: false }),
      staffOnly,
    ],
    [
      'markAnswer PUT …/threads/{threadId}/answer (the asker and moderators)',
      (who) => w.call(who, 'PUT', `${threadUrl(question.threadId)}/answer`, { postId: answerId }),
      readers(403, 200, { classmate: 200 }),
    ],
    [
      'voteOnPost PUT …/posts/{postId}/vote (not on your own post)',
      (who) => w.call(who, 'PUT', `${postUrl(question.openingId)}/vote`, { up: true }),
      readers(200, 200, { classmate: 400 }),
    ],
    [
      'flagPost POST …/posts/{postId}/flags (not your own post)',
      (who) => w.call(who, 'POST', `${postUrl(question.openingId)}/flags`, { reason: 'off_topic' }),
      readers(201, 201, { classmate: 400 }),
    ],
    [
      'moderatePost POST …/posts/{postId}/moderation',
      (who) => w.call(who, 'POST', `${postUrl(question.openingId)}/moderation`, { action: 'dismiss_flags' }),
      staffOnly,
    ],
    [
      'endorsePost PUT …/posts/{postId}/endorsement',
      (who) => w.call(who, 'PUT', `${postUrl(answerId)}/endorsement`, { endorsed: true }),
      staffOnly,
    ],
    [
      'editPost PATCH …/posts/{postId} (the author only)',
      (who) => w.call(who, 'PATCH', postUrl(question.openingId), { body: `Edited by ${who}.` }),
      readers(403, 403, { classmate: 200 }),
    ],
    [
      'deletePost DELETE …/posts/{postId} (the author only)',
      async (who) => w.call(who, 'DELETE', postUrl(await w.replyTo('classmate', question.threadId))),
      readers(403, 403, { classmate: 204 }),
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

describe('what the operations do', () => {
  it('follows and unfollows, and getThread says so', async () => {
    const { threadId } = await w.startThread('lead');
    const off = await w.call('learner', 'PUT', `${threadUrl(threadId)}/follow`, { follow: false });
    expect(off.json()).toEqual({ threadId, following: false });
    const read = () => w.call('learner', 'GET', threadUrl(threadId)).then((r) => r.json() as { followedByMe: boolean });
    expect((await read()).followedByMe).toBe(false);
    await w.call('learner', 'PUT', `${threadUrl(threadId)}/follow`, { follow: true });
    expect((await read()).followedByMe).toBe(true);
  });

  it('locks a thread: learners can no longer reply (409), staff still can', async () => {
    const { threadId } = await w.startThread('learner');
    const locked = await w.call('assistant', 'PATCH', threadUrl(threadId), { locked: true, pinned: true });
    expect(locked.json()).toEqual({ threadId, pinned: true, closed: false, locked: true });
    const refused = await w.call('classmate', 'POST', `${threadUrl(threadId)}/replies`, { body: 'Too late?' });
    expect(expectProblem(refused, 409).code).toBe('forum.thread_locked');
    expect((await w.call('lead', 'POST', `${threadUrl(threadId)}/replies`, { body: 'Staff note.' })).statusCode).toBe(
      201,
    );
    expectProblem(await w.call('lead', 'PATCH', threadUrl(threadId), {}), 400);
  });

  it('marks and clears an answer, only on a question', async () => {
    const marked = await w.call('classmate', 'PUT', `${threadUrl(question.threadId)}/answer`, { postId: answerId });
    expect(marked.json()).toEqual({ threadId: question.threadId, answerPostId: answerId });
    const thread = (await w.call('learner', 'GET', threadUrl(question.threadId))).json() as {
      answered: boolean;
      replies: Array<{ id: number; isAnswer: boolean }>;
    };
    expect(thread.answered).toBe(true);
    expect(thread.replies.find((reply) => reply.id === answerId)?.isAnswer).toBe(true);
    const cleared = await w.call('classmate', 'PUT', `${threadUrl(question.threadId)}/answer`, { postId: null });
    expect(cleared.json()).toEqual({ threadId: question.threadId, answerPostId: null });
    const discussion = await w.startThread('classmate');
    const notQuestion = await w.call('classmate', 'PUT', `${threadUrl(discussion.threadId)}/answer`, { postId: null });
    expect(expectProblem(notQuestion, 400).code).toBe('forum.not_a_question');
    expectProblem(await w.call('classmate', 'PUT', `${threadUrl(question.threadId)}/answer`, {}), 400);
  });

  it('counts a vote once and takes it back', async () => {
    const { openingId } = await w.startThread('classmate');
    const vote = (up: boolean) => w.call('learner', 'PUT', `${postUrl(openingId)}/vote`, { up });
    await vote(true);
    expect((await vote(true)).json()).toEqual({ postId: openingId, voteCount: 1, votedByMe: true });
    expect((await vote(false)).json()).toEqual({ postId: openingId, voteCount: 0, votedByMe: false });
  });

  it('takes one report per person, and moderators see and resolve it', async () => {
    const { openingId } = await w.startThread('classmate');
    const report = () => w.call('learner', 'POST', `${postUrl(openingId)}/flags`, { reason: 'spam', note: 'Ads.' });
    const first = await report();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ postId: openingId, flagId: expect.any(Number) });
    expect(expectProblem(await report(), 409).code).toBe('forum.already_flagged');
    expectProblem(await w.call('learner', 'POST', `${postUrl(openingId)}/flags`, { reason: 'boring' }), 400);
    const hidden = await w.call('lead', 'POST', `${postUrl(openingId)}/moderation`, { action: 'hide', reason: 'Ads' });
    expect(hidden.json()).toEqual({ postId: openingId, status: 'hidden' });
    const noReason = await w.call('lead', 'POST', `${postUrl(openingId)}/moderation`, { action: 'delete' });
    expectProblem(noReason, 400);
  });

  it('edits the author’s post and shows when', async () => {
    const { threadId, openingId } = await w.startThread('learner');
    const edited = await w.call('learner', 'PATCH', postUrl(openingId), { body: 'Better *words*.' });
    expect(edited.json()).toEqual({ postId: openingId });
    const thread = (await w.call('classmate', 'GET', threadUrl(threadId))).json() as {
      opening: { body: string; html: string; editedAt: string | null };
    };
    expect(thread.opening).toMatchObject({ body: 'Better *words*.', html: '<p>Better <em>words</em>.</p>\n' });
    expect(thread.opening.editedAt).not.toBeNull();
    expectProblem(await w.call('learner', 'PATCH', postUrl(openingId), { body: '   ' }), 400);
  });

  it('removes the author’s own post: moderators still see it, others no longer do', async () => {
    const { threadId } = await w.startThread('lead');
    const replyId = await w.replyTo('learner', threadId);
    expect((await w.call('learner', 'DELETE', postUrl(replyId))).statusCode).toBe(204);
    expectProblem(await w.call('learner', 'DELETE', postUrl(replyId)), 404);
    const asClassmate = (await w.call('classmate', 'GET', threadUrl(threadId))).json() as {
      replies: Array<{ id: number; status: string; body: string }>;
    };
    expect(asClassmate.replies.find((reply) => reply.id === replyId)).toMatchObject({ status: 'deleted', body: '' });
    const asLead = (await w.call('lead', 'GET', threadUrl(threadId))).json() as typeof asClassmate;
    expect(asLead.replies.find((reply) => reply.id === replyId)?.body).toMatch(/^Reply/);
  });

  it('works with a personal API token and refuses the session from another site', async () => {
    const { openingId } = await w.startThread('classmate');
    const byToken = await w.call('learner', 'PUT', `${postUrl(openingId)}/vote`, { up: true }, { via: 'token' });
    expect(byToken.statusCode).toBe(200);
    const forged = await w.call('learner', 'DELETE', postUrl(openingId), undefined, {
      headers: { origin: 'https://evil.example' },
    });
    expect(expectProblem(forged, 403).code).toBe('cross_site_write');
  });
});
