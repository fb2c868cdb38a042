import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FORUM_READERS,
  FORUM_ROLES,
  createForumWorld,
  openingPostIdOf,
  replyTo,
  startThread,
  userIdOf,
  type ForumRole,
  type ForumWorld,
} from './test-world.ts';

/*
 * Who gets what from every forum page and form: readers (the run's learners and the staff who
 * see learners) a page or a 303; signed-in outsiders a 404 (the forum does not exist for them);
 * anonymous visitors a 303 to sign in. Moderator pages and actions answer 403 to learners.
 */

let forum: ForumWorld;
let threadId: number;
let openingId: number;
let classmateReplyId: number;
let flagTargetId: number;
let someoneId: string;

beforeAll(async () => {
  forum = await createForumWorld();
  threadId = await startThread(forum, 'learner', { kind: 'question', title: 'How do I read the chart?' });
  openingId = await openingPostIdOf(forum, 'learner', threadId);
  classmateReplyId = await replyTo(forum, 'classmate', threadId, 'Look at the axes first.');
  flagTargetId = await replyTo(forum, 'lead', threadId, 'Please keep it friendly.');
  const someone = await forum.newLearner();
  someoneId = (
    await forum.ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: someone.cookies } })
  ).json().id as string;
});
afterAll(() => forum.close());

const SIGN_IN = 'sign-in';
type Want = number | typeof SIGN_IN;
const MODERATORS: readonly ForumRole[] = ['assistant', 'ownerAdmin', 'lead'];

function expectAnswer(role: ForumRole, response: { statusCode: number; headers: Record<string, unknown> }, want: Want) {
  if (want === SIGN_IN) {
    expect(response.statusCode, role).toBe(303);
    expect(String(response.headers.location), role).toMatch(/^\/sign-in\?next=/);
  } else {
    expect(response.statusCode, role).toBe(want);
  }
}

/** Readers get `ok`; outsiders 404; anonymous visitors sign in. */
function forReaders(role: ForumRole, ok: number): Want {
  if (role === 'anonymous') return SIGN_IN;
  return FORUM_READERS.includes(role) ? ok : 404;
}

/** Moderators get `ok`; the run's learners 403; outsiders 404; anonymous visitors sign in. */
function forModerators(role: ForumRole, ok: number): Want {
  if (role === 'anonymous') return SIGN_IN;
  if (MODERATORS.includes(role)) return ok;
  return FORUM_READERS.includes(role) ? 403 : 404;
}

describe('who may use the forum pages', () => {
  it.each(FORUM_ROLES)('GET /forum (thread list) for %s', async (role) => {
    expectAnswer(role, await forum.get(role, forum.paths.forum()), forReaders(role, 200));
  });

  it.each(FORUM_ROLES)('GET /forum/new for %s', async (role) => {
    expectAnswer(role, await forum.get(role, forum.paths.newThread()), forReaders(role, 200));
  });

  it.each(FORUM_ROLES)('POST /forum/threads for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/threads`, {
      title: `A thread by ${role}`,
      body: 'Some words.',
    });
    expectAnswer(role, response, forReaders(role, 303));
  });

  it.each(FORUM_ROLES)('GET /forum/threads/:threadId for %s', async (role) => {
    expectAnswer(role, await forum.get(role, forum.paths.thread(threadId)), forReaders(role, 200));
  });

  it.each(FORUM_ROLES)('POST /forum/threads/:threadId/replies for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.thread(threadId)}/replies`, { body: `Reply by ${role}` });
    expectAnswer(role, response, forReaders(role, 303));
  });

  it.each(FORUM_ROLES)('POST /forum/threads/:threadId/follow for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.thread(threadId)}/follow`, { follow: '1' });
    expectAnswer(role, response, forReaders(role, 303));
  });

  it.each(FORUM_ROLES)(
    'POST /forum/threads/:threadId/state (reopen) for %s: the asker and moderators',
    async (role) => {
      const response = await forum.post(role, `${forum.paths.thread(threadId)}/state`, { change: 'reopen' });
      const want = role === 'learner' ? 303 : role === 'classmate' ? 403 : forModerators(role, 303);
      expectAnswer(role, response, want);
    },
  );

  it.each(FORUM_ROLES)('POST /forum/threads/:threadId/answer for %s: the asker and moderators', async (role) => {
    const response = await forum.post(role, `${forum.paths.thread(threadId)}/answer`, {
      postId: String(classmateReplyId),
    });
    const want = role === 'learner' ? 303 : role === 'classmate' ? 403 : forModerators(role, 303);
    expectAnswer(role, response, want);
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/vote for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${openingId}/vote`, { up: '1' });
    expectAnswer(role, response, forReaders(role, 303));
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/flag for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${flagTargetId}/flag`, { reason: 'spam' });
    expectAnswer(role, response, forReaders(role, 303));
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/moderate for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${flagTargetId}/moderate`, {
      action: 'dismiss_flags',
    });
    expectAnswer(role, response, forModerators(role, 303));
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/endorse for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${classmateReplyId}/endorse`, {
      endorsed: '1',
    });
    expectAnswer(role, response, forModerators(role, 303));
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/delete (their own reply) for %s', async (role) => {
    const own = FORUM_READERS.includes(role) ? await replyTo(forum, role, threadId, 'To be deleted.') : openingId;
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${own}/delete`);
    expectAnswer(role, response, forReaders(role, 303));
  });

  it('POST /forum/posts/:postId/delete of someone else’s post is refused', async () => {
    const response = await forum.post('classmate', `${forum.paths.forum()}/posts/${openingId}/delete`);
    expect(response.statusCode).toBe(403);
  });

  it.each(FORUM_ROLES)('GET /forum/posts/:postId/edit for %s: its author only', async (role) => {
    const response = await forum.get(role, `${forum.paths.forum()}/posts/${openingId}/edit?thread=${threadId}`);
    const want = role === 'learner' ? 200 : forReaders(role, 403);
    expectAnswer(role, response, want);
  });

  it.each(FORUM_ROLES)('POST /forum/posts/:postId/edit for %s: its author only', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/posts/${openingId}/edit`, {
      body: 'How do I read the chart? (edited)',
      thread: String(threadId),
    });
    const want = role === 'learner' ? 303 : forReaders(role, 403);
    expectAnswer(role, response, want);
  });

  it.each(FORUM_ROLES)('GET /forum/moderation for %s', async (role) => {
    expectAnswer(role, await forum.get(role, `${forum.paths.forum()}/moderation`), forModerators(role, 200));
  });

  it.each(FORUM_ROLES)('GET /forum/members for %s', async (role) => {
    expectAnswer(role, await forum.get(role, `${forum.paths.forum()}/members`), forModerators(role, 200));
  });

  it.each(FORUM_ROLES)('POST /forum/members (end a mute) for %s', async (role) => {
    const response = await forum.post(role, `${forum.paths.forum()}/members`, { userId: someoneId, action: 'unmute' });
    expectAnswer(role, response, forModerators(role, 303));
  });
});

describe('addresses that name nothing', () => {
  it('answers 404 to readers for ids that are not numbers, and for unknown threads, posts and runs', async () => {
    const base = forum.paths.forum();
    for (const url of [
      `${base}/threads/abc`,
      `${base}/threads/0`,
      `${base}/threads/999999`,
      `${base}/posts/abc/edit?thread=${threadId}`,
      `${base}/posts/999999/edit?thread=${threadId}`,
      `${base}/posts/${openingId}/edit`,
      `/learn/no-such-course/SP/forum`,
      forum.paths.forum('NOPE'),
    ]) {
      expect((await forum.get('learner', url)).statusCode, url).toBe(404);
    }
    for (const url of [`${base}/posts/abc/vote`, `${base}/posts/999999/flag`, `${base}/threads/abc/replies`]) {
      expect((await forum.post('learner', url, { up: '1', reason: 'spam', body: 'x' })).statusCode, url).toBe(404);
    }
  });

  it('ignores filters that make no sense instead of failing', async () => {
    const response = await forum.get('learner', `${forum.paths.forum()}?sort=loud&language=%3Cx%3E&page=-3&topic=nope`);
    expect(response.statusCode).toBe(200);
  });

  it('lets a learner of another run of the course see nothing of this forum', async () => {
    expect((await forum.get('otherRun', forum.paths.thread(threadId))).statusCode).toBe(404);
    const id = await userIdOf(forum, 'learner');
    expect((await forum.get('otherRun', `${forum.paths.forum()}/members?user=${id}`)).statusCode).toBe(404);
  });
});
