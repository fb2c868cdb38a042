import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../../test/api/support.ts';
import { configureForumLimits } from '../../../modules/discussions/index.ts';
import { FORUM_ROLES, type ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, readers, type ForumApiWorld } from './test-support.ts';

/**
 * The forum's reading and posting operations: getForum (…/forum), listThreads and createThread
 * (…/forum/threads), getThread (…/forum/threads/{threadId}) and createReply (…/replies), with a
 * per-role table, their answers, idempotent posting, tokens, cross-site writes and posting limits.
 */
let w: ForumApiWorld;
let threadId: number;

beforeAll(async () => {
  w = await createForumApiWorld();
  ({ threadId } = await w.startThread('learner', { kind: 'question', title: 'How are the runs graded?' }));
});
afterAll(() => w.close());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('per-role access to the reading and posting operations', () => {
  const table: Array<[string, (who: ForumRole) => ReturnType<ForumApiWorld['call']>, Record<ForumRole, number>]> = [
    ['getForum GET …/forum', (who) => w.call(who, 'GET', w.paths.apiForum()), readers(200)],
    ['listThreads GET …/forum/threads', (who) => w.call(who, 'GET', w.paths.apiThreads()), readers(200)],
    [
      'createThread POST …/forum/threads',
      (who) => w.call(who, 'POST', w.paths.apiThreads(), { title: `Hello from ${who}`, body: 'Who else is here?' }),
      readers(201),
    ],
    [
      'getThread GET …/forum/threads/{threadId}',
      (who) => w.call(who, 'GET', w.paths.apiThread(threadId)),
      readers(200),
    ],
    [
      'createReply POST …/forum/threads/{threadId}/replies',
      (who) => w.call(who, 'POST', `${w.paths.apiThread(threadId)}/replies`, { body: `A reply from ${who}.` }),
      readers(201),
    ],
  ];

  it.each(table)('%s answers each role as its policy says', async (_name, send, expected) => {
    for (const who of FORUM_ROLES) {
      const response = await send(who);
      expect(response.statusCode, `${who}: ${response.body.slice(0, 200)}`).toBe(expected[who]);
      if (response.statusCode >= 400) expectProblem(response, expected[who]);
    }
  });

  it('answers the other runs’ forums with 404 to the learners of this one', async () => {
    expectProblem(await w.call('learner', 'GET', w.paths.apiForum('NOPE')), 404);
    expectProblem(await w.call('otherRun', 'GET', w.paths.apiThreads('SP')), 404);
  });
});

describe('what the reading operations give', () => {
  it('getForum lists the topics and the reader’s place', async () => {
    const forum = (await w.call('lead', 'GET', w.paths.apiForum())).json() as {
      reader: { role: string };
      topics: Array<{ key: string; kind: string }>;
      myCircleId: number | null;
    };
    expect(forum.reader).toEqual({ role: 'staff', mutedUntil: null, banned: false, sanctionReason: null });
    expect(forum.topics[0]).toMatchObject({ key: 'general', kind: 'general' });
    expect(forum.topics.filter((topic) => topic.kind === 'section')).toHaveLength(2);
    expect(forum.myCircleId).toBeNull();
  });

  it('createThread answers 201 with the thread, dates as ISO strings, sanitised HTML and no address', async () => {
    const response = await w.call('classmate', 'POST', w.paths.apiThreads(), {
      title: 'Markdown and <b>tags</b>',
      body: 'Some **bold** words <script>alert(1)</script>',
      kind: 'question',
      language: 'fr',
    });
    expect(response.statusCode).toBe(201);
    const thread = response.json() as Record<string, unknown> & {
      opening: { body: string; html: string; createdAt: string; author: Record<string, unknown> };
      createdAt: string;
      can: Record<string, boolean>;
    };
    expect(thread).toMatchObject({ kind: 'question', language: 'fr', title: 'Markdown and <b>tags</b>' });
    expect(thread.createdAt).toMatch(ISO);
    expect(thread.opening.createdAt).toMatch(ISO);
    expect(thread.opening.body).toBe('Some **bold** words <script>alert(1)</script>');
    expect(thread.opening.html).toContain('<strong>bold</strong>');
    expect(thread.opening.html).not.toContain('<script');
    expect(Object.keys(thread.opening.author).sort()).toEqual(['country', 'id', 'name', 'role']);
    expect(thread.can).toMatchObject({ reply: true, markAnswer: true, pin: false });
    for (const person of Object.values(w.people)) expect(response.body).not.toContain(person.user.email);
  });

  it('listThreads filters and pages, and getThread pages the replies', async () => {
    const list = (
      await w.call('learner', 'GET', `${w.paths.apiThreads()}?kind=question&sort=newest&q=graded`)
    ).json() as {
      threads: Array<{ id: number; lastActivityAt: string }>;
      page: number;
      total: number;
      reader: { role: string };
    };
    expect(list.threads.map((thread) => thread.id)).toEqual([threadId]);
    expect(list.threads[0]!.lastActivityAt).toMatch(ISO);
    expect(list).toMatchObject({ page: 1, total: 1, reader: { role: 'learner' } });
    const page2 = (await w.call('learner', 'GET', `${w.paths.apiThread(threadId)}?page=2`)).json() as {
      replies: unknown[];
      replyPage: { page: number };
    };
    expect(page2).toMatchObject({ replies: [], replyPage: { page: 2 } });
  });

  it('refuses unknown fields, query parameters and malformed ids with 400 problems', async () => {
    const unknownField = await w.call('learner', 'POST', w.paths.apiThreads(), {
      title: 'Title',
      body: 'Body',
      pinned: true,
    });
    expect(expectProblem(unknownField, 400).code).toBe('validation_failed');
    expectProblem(await w.call('learner', 'GET', `${w.paths.apiThreads()}?admin=1`), 400);
    expectProblem(await w.call('learner', 'GET', `${w.paths.apiThreads()}?sort=random`), 400);
    expectProblem(await w.call('learner', 'GET', w.paths.apiThread(0)), 400);
    expectProblem(await w.call('learner', 'POST', w.paths.apiThreads(), { title: 'A NUL', body: 'a\u0000b' }), 400);
    const unknownTopic = await w.call('learner', 'POST', w.paths.apiThreads(), {
      title: 'Where?',
      body: 'Here.',
      topic: 'section:nowhere',
    });
    expect(expectProblem(unknownTopic, 400).code).toBe('forum.unknown_topic');
    expectProblem(await w.call('learner', 'GET', w.paths.apiThread(999_999)), 404);
  });

  it('answers outsiders 404 and nobody 401 before it looks at their input', async () => {
    expectProblem(await w.call('stranger', 'POST', w.paths.apiThreads(), { nonsense: true }), 404);
    expectProblem(await w.call('stranger', 'GET', `${w.paths.apiThreads()}?page=zero`), 404);
    expectProblem(await w.call('anonymous', 'POST', w.paths.apiThreads(), { nonsense: true }), 401);
  });
});

describe('idempotent posting', () => {
  it('answers a repeated Idempotency-Key of createThread with 200 and the same thread', async () => {
    const headers = { 'idempotency-key': 'thread-key-0001' };
    const body = { title: 'Only once', body: 'Posted once, sent twice.' };
    const first = await w.call('learner', 'POST', w.paths.apiThreads(), body, { headers });
    const again = await w.call('learner', 'POST', w.paths.apiThreads(), body, { headers });
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect((again.json() as { id: number }).id).toBe((first.json() as { id: number }).id);
    const list = (
      await w.call('learner', 'GET', `${w.paths.apiThreads()}?q=${encodeURIComponent('Only once')}`)
    ).json();
    expect((list as { total: number }).total).toBe(1);
    const byBody = await w.call('learner', 'POST', w.paths.apiThreads(), { ...body, requestKey: 'thread-key-0001' });
    expect(byBody.statusCode).toBe(200);
  });

  it('refuses a header and a requestKey that differ, and a malformed key', async () => {
    const mismatch = await w.call(
      'learner',
      'POST',
      `${w.paths.apiThread(threadId)}/replies`,
      { body: 'x', requestKey: 'body-key-0001' },
      { headers: { 'idempotency-key': 'header-key-0001' } },
    );
    expect(expectProblem(mismatch, 400).code).toBe('forum.idempotency_key_mismatch');
    const malformed = await w.call(
      'learner',
      'POST',
      `${w.paths.apiThread(threadId)}/replies`,
      { body: 'x' },
      {
        headers: { 'idempotency-key': 'short' },
      },
    );
    expectProblem(malformed, 400);
  });

  it('makes exactly one post of 50 parallel createReply calls with the same key', async () => {
    const { threadId: target } = await w.startThread('classmate');
    const headers = { 'idempotency-key': 'parallel-reply-key-01' };
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        w.call('learner', 'POST', `${w.paths.apiThread(target)}/replies`, { body: 'Said once.' }, { headers }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(49);
    const postIds = new Set(responses.map((response) => (response.json() as { postId: number }).postId));
    expect(postIds.size).toBe(1);
    const thread = (await w.call('learner', 'GET', w.paths.apiThread(target))).json() as {
      replyCount: number;
      replyPage: { total: number };
    };
    expect(thread).toMatchObject({ replyCount: 1, replyPage: { total: 1 } });
  });
});

describe('credentials and cross-site writes', () => {
  it('takes a personal API token as a Bearer token, from any origin', async () => {
    const response = await w.call(
      'learner',
      'POST',
      `${w.paths.apiThread(threadId)}/replies`,
      { body: 'Sent by a script.' },
      { via: 'token', headers: { origin: 'https://elsewhere.example' } },
    );
    expect(response.statusCode).toBe(201);
    expect((await w.call('lead', 'GET', w.paths.apiForum(), undefined, { via: 'token' })).statusCode).toBe(200);
  });

  it('refuses a write signed in with the browser session from another site', async () => {
    const response = await w.call(
      'learner',
      'POST',
      w.paths.apiThreads(),
      { title: 'Forged', body: 'Forged.' },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(expectProblem(response, 403).code).toBe('cross_site_write');
  });
});

describe('posting limits', () => {
  it('answers 429 with Retry-After once a learner posts too fast', async () => {
    const fresh = await w.newLearner();
    const post = () =>
      w.ctx.app.inject({
        method: 'POST',
        url: `${w.paths.apiThread(threadId)}/replies`,
        headers: { cookie: fresh.cookies, origin: 'http://localhost:3000', 'content-type': 'application/json' },
        payload: JSON.stringify({ body: 'Quick!' }),
      });
    configureForumLimits({ enabled: true, perMinute: 1, newPerMinute: 1 });
    try {
      expect((await post()).statusCode).toBe(201);
      const limited = await post();
      expect(expectProblem(limited, 429).code).toBe('forum.rate_limited');
      expect(limited.headers['retry-after']).toBe('60');
    } finally {
      configureForumLimits({ enabled: false });
    }
  });
});

describe('the OpenAPI document', () => {
  // The operations the forum issue names; fuzz.test.ts checks the full list against the document.
  const REQUIRED = [
    'listThreads',
    'getThread',
    'createThread',
    'createReply',
    'voteOnPost',
    'flagPost',
    'moderatePost',
    'joinStudyCircle',
    'listNotifications',
  ];

  it('lists every forum operation under its tag, with problem documents for errors', async () => {
    const document = (await w.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { operationId: string; tags: string[]; responses: Record<string, unknown> }>
      >;
    };
    const operations = Object.values(document.paths)
      .flatMap((item) => Object.values(item))
      .filter((operation) => ['Forum', 'Study circles', 'Notifications'].includes(operation.tags[0]!));
    expect(operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(REQUIRED));
    for (const operation of operations) {
      expect(operation.responses['401'], operation.operationId).toMatchObject({
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      });
    }
    const createReply = operations.find((operation) => operation.operationId === 'createReply')!;
    expect(Object.keys(createReply.responses)).toEqual(expect.arrayContaining(['200', '201', '409', '429']));
  });
});
