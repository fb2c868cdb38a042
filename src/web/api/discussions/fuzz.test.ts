import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsFor, type FuzzOperation, type FuzzRequest } from '../../../../test/api/fuzz-arbitraries.ts';
import { fuzzOperation, readOperationsTagged, type FuzzCredentials } from '../../../../test/api/fuzz-harness.ts';
import { DIGEST_FREQUENCIES, FLAG_REASONS, MODERATION_ACTIONS } from '../../../modules/discussions/index.ts';
import type { ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, type ForumApiWorld } from './test-support.ts';

/**
 * Every forum, study circle and notification operation gets hostile requests (mangled paths,
 * query strings and bodies of any shape) and well-formed ones with random values, from a
 * learner of the run and from its lead instructor. None may fail on our side, and no answer may
 * ever carry anyone's e-mail address.
 */
const RUNS_PER_OPERATION = 120;
const TAGS = ['Forum', 'Study circles', 'Notifications'];
const OPERATION_IDS = [
  'getForum',
  'listThreads',
  'createThread',
  'getThread',
  'createReply',
  'followThread',
  'setThreadState',
  'markAnswer',
  'voteOnPost',
  'flagPost',
  'moderatePost',
  'endorsePost',
  'editPost',
  'deletePost',
  'listModerationQueue',
  'listForumMembers',
  'setMemberStanding',
  'joinStudyCircle',
  'leaveStudyCircle',
  'getMyStudyCircle',
  'listStudyCircles',
  'moveCircleMember',
  'formStudyCircles',
  'listNotifications',
  'markNotificationsRead',
  'getNotificationSettings',
  'updateNotificationSettings',
];

const KNOWN_PEOPLE: ForumRole[] = ['learner', 'classmate', 'lead', 'stranger'];

let w: ForumApiWorld;
let operations: FuzzOperation[];
let callers: Record<'learner' | 'staff', FuzzCredentials>;
let pathValues: string[];
let ids: number[];
let userIds: string[];
let emails: string[];
let topics: string[];

beforeAll(async () => {
  w = await createForumApiWorld();
  callers = {
    learner: { token: await w.tokenOf('learner'), cookie: w.sessions.learner.cookies },
    staff: { token: await w.tokenOf('lead'), cookie: w.sessions.lead.cookies },
  };
  const question = await w.startThread('classmate', { kind: 'question' });
  const mine = await w.startThread('learner');
  const staffThread = await w.startThread('lead');
  const reply = await w.replyTo('learner', question.threadId);
  const comment = await w.replyTo('classmate', question.threadId, { parentId: reply });
  const circleMembers = [await w.newLearner(), await w.newLearner(), await w.newLearner()];
  for (const member of circleMembers)
    await w.call(member, 'POST', `/api/v1/courses/${w.key}/runs/SP/circles/membership`, { languages: ['en'] });
  ids = [
    ...new Set([
      question.threadId,
      question.openingId,
      mine.threadId,
      mine.openingId,
      staffThread.threadId,
      reply,
      comment,
      1,
      2,
      3,
    ]),
  ];
  userIds = [
    ...(await Promise.all(KNOWN_PEOPLE.map((who) => w.userIdOf(who)))),
    ...(await Promise.all(circleMembers.map((member) => w.userIdOf(member)))),
  ];
  emails = Object.values(w.people).map((person) => person.user.email);
  const forum = (await w.call('lead', 'GET', w.paths.apiForum())).json() as { topics: Array<{ key: string }> };
  topics = forum.topics.map((topic) => topic.key);
  pathValues = [w.key, 'SP', 'LATER', ...ids.map(String)];
  operations = await readOperationsTagged(w.ctx.app, TAGS);
});
afterAll(() => w?.close());

const text = fc.oneof(
  fc.constantFrom(
    'Hello there',
    'Is the quiz graded?',
    'Ça va ?',
    '你好，世界',
    'مرحبا',
    '  ',
    '**bold** [x](http://a.b)',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const anyId = () => fc.oneof(fc.constantFrom(...ids), fc.integer({ min: -2, max: 40 }), fc.constant(2 ** 53 + 1));
const flag = fc.boolean();

/** Well-formed field values an operation could take, so the services are exercised and not only the validators. */
function plausibleBody(): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(
    {
      topic: fc.oneof(fc.constantFrom(...topics), fc.constantFrom('block:none', 'section:gone')),
      kind: fc.constantFrom('question', 'discussion'),
      title: text,
      body: text,
      language: fc.constantFrom('en', 'zh-Hans', 'pt-BR', 'xx'),
      circleId: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(999_999)),
      requestKey: fc.constantFrom('fuzz-key-0001', 'fuzz-key-0002', 'fuzz-key-0003'),
      parentId: anyId(),
      follow: flag,
      pinned: flag,
      closed: flag,
      locked: flag,
      postId: fc.oneof(anyId(), fc.constant(null)),
      up: flag,
      reason: fc.oneof(fc.constantFrom(...FLAG_REASONS), text),
      note: text,
      action: fc.constantFrom(...MODERATION_ACTIONS),
      endorsed: flag,
      userId: fc.oneof(fc.constantFrom(...userIds), fc.uuid().map(String)),
      communityTa: flag,
      muteHours: fc.integer({ min: -1, max: 3000 }),
      banned: flag,
      languages: fc.array(fc.constantFrom('en', 'zh-Hans', 'ar', 'sw', 'pt-BR'), { maxLength: 7 }),
      ids: fc.array(anyId(), { maxLength: 5 }),
      all: flag,
      digest: fc.constantFrom(...DIGEST_FREQUENCIES),
      autoFollow: flag,
    },
    { requiredKeys: [] },
  );
}

function plausibleQuery(operation: FuzzOperation): fc.Arbitrary<string> {
  return fc
    .record(
      {
        topic: fc.constantFrom(...topics, 'general'),
        sort: fc.constantFrom('activity', 'votes', 'unanswered', 'newest'),
        language: fc.constantFrom('en', 'fr'),
        kind: fc.constantFrom('question', 'discussion'),
        q: fc.oneof(text, fc.constantFrom('%', '_', '\\', 'graded')),
        circle: fc.integer({ min: 1, max: 4 }).map(String),
        page: fc.integer({ min: 0, max: 12_000 }).map(String),
        view: fc.constantFrom('flagged', 'hidden'),
        unread: fc.constantFrom('true', 'false'),
      },
      { requiredKeys: [] },
    )
    .map((query) => {
      const declared = Object.entries(query).filter(([key]) => operation.parameterNames.includes(key));
      return new URLSearchParams(declared).toString();
    });
}

/** Requests on real threads and posts with fields the operation declares, filled in plausibly. */
function plausibleRequests(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(operation.method);
  return fc
    .record({
      credential: fc.constantFrom<FuzzRequest['credential']>('token', 'session'),
      id: anyId(),
      body: plausibleBody(),
      query: plausibleQuery(operation),
    })
    .map(({ credential, id, body, query }) => {
      const path = operation.path
        .replace('{courseKey}', w.key)
        .replace('{runCode}', 'SP')
        .replace(/\{\w+\}/g, String(id));
      const declared = Object.fromEntries(Object.entries(body).filter(([key]) => operation.bodyFields.includes(key)));
      return {
        credential,
        url: operation.method === 'GET' && query ? `${path}?${query}` : path,
        body: hasBody ? JSON.stringify(declared) : undefined,
        contentType: hasBody ? 'application/json' : undefined,
        origin: undefined,
      };
    });
}

describe('fuzzing every forum operation', () => {
  it('covers every forum operation the document lists', () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual([...OPERATION_IDS].sort());
  });

  it.each(OPERATION_IDS)('never fails with a 5xx or shows an address: %s', async (id) => {
    const operation = operations.find((entry) => entry.operationId === id)!;
    const reached = await fuzzOperation({
      app: w.ctx.app,
      operation,
      requests: fc.oneof(requestsFor(operation, pathValues), plausibleRequests(operation)),
      callers,
      numRuns: RUNS_PER_OPERATION,
      onlyOwnRouteFailures: true,
      inspect: (response) => {
        for (const email of emails) expect(response.body).not.toContain(email);
      },
    });
    expect(reached).toBeGreaterThanOrEqual(RUNS_PER_OPERATION / 40);
  });
});
