import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  DAY_MS,
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  DEFAULT_FORUM_LIMITS,
  configureForumLimits,
  createReply,
  createThread,
  editPost,
  getThread,
  readForumLimits,
  setMemberStanding,
  type ForumLimits,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;
let before: ForumLimits;
let threadId: number;

const MINUTE = 60_000;
const limits = DEFAULT_FORUM_LIMITS;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
  before = readForumLimits();
  configureForumLimits({ enabled: true });
  ({ threadId } = await world.startThread(world.people.lead, { title: 'Limits are on' }));
});
afterAll(async () => {
  configureForumLimits(before);
  await handle.close();
});

const replyAs = (person: Person, body = 'Another thought', thread = threadId) =>
  createReply(person.ctx, world.key, world.code, thread, { body });

const links = (count: number) =>
  Array.from({ length: count }, (_, index) => `see https://example.org/${index}`).join(' and ');

describe('new accounts', () => {
  it('start from the default limits', () => {
    expect(readForumLimits()).toMatchObject({ enabled: true, newPerMinute: 3, newLinksPerPost: 1, newAccountDays: 3 });
  });

  it('post at most newPerMinute times a minute, then wait', async () => {
    const person = await world.newLearner();
    await createThread(person.ctx, world.key, world.code, { title: 'My first thread', body: 'Hello' });
    for (let index = 1; index < limits.newPerMinute; index += 1) await replyAs(person);
    const refused = replyAs(person, 'One too many');
    await expect(refused).rejects.toMatchObject({
      kind: 'rate_limited',
      code: 'forum.rate_limited',
      details: { retryAfterSeconds: 60 },
    });
    await expectDomainError(
      createThread(person.ctx, world.key, world.code, { title: 'Another thread', body: 'Hi' }),
      'rate_limited',
      'forum.rate_limited',
    );
    const thread = await getThread(person.ctx, world.key, world.code, threadId);
    expect(thread.replies.filter((post) => post.author.id === person.user.id)).toHaveLength(limits.newPerMinute - 1);
    world.clock.advance(MINUTE + 1000);
    await expect(replyAs(person, 'After a pause')).resolves.toMatchObject({ created: true });
  });

  it('post at most newPerDay times a day', async () => {
    const person = await world.newLearner();
    for (let posted = 0; posted < limits.newPerDay; posted += 1) {
      if (posted > 0 && posted % limits.newPerMinute === 0) world.clock.advance(MINUTE + 1000);
      await replyAs(person, `Post ${posted}`);
    }
    world.clock.advance(MINUTE + 1000);
    await expect(replyAs(person, 'Over the day')).rejects.toMatchObject({
      code: 'forum.rate_limited',
      details: { retryAfterSeconds: 3600 },
    });
    world.clock.advance(DAY_MS);
    await expect(replyAs(person, 'A new day')).resolves.toMatchObject({ created: true });
  });

  it('include at most newLinksPerPost links, in new posts and edits', async () => {
    const person = await world.newLearner();
    await expect(replyAs(person, links(2))).rejects.toMatchObject({
      kind: 'invalid',
      code: 'forum.too_many_links',
      details: { links: 2, maxLinks: 1 },
    });
    await expectDomainError(
      createThread(person.ctx, world.key, world.code, { title: 'Links', body: 'www.a.example mailto:b@c.example' }),
      'invalid',
      'forum.too_many_links',
    );
    const { postId } = await replyAs(person, links(1));
    await expectDomainError(
      editPost(person.ctx, world.key, world.code, postId, { body: links(2) }),
      'invalid',
      'forum.too_many_links',
    );
  });

  it('count posts in every forum together', async () => {
    const elsewhere = await world.newRun('LIMITS');
    const person = await world.newLearner({ run: elsewhere });
    await world.enroll(person, world.run);
    for (let index = 0; index < limits.newPerMinute; index += 1) {
      await createThread(person.ctx, world.key, elsewhere.code, { title: `Elsewhere ${index}`, body: 'Hi' });
    }
    await expectDomainError(replyAs(person), 'rate_limited', 'forum.rate_limited');
  });

  it('bind community TAs too', async () => {
    const person = await world.newLearner();
    await setMemberStanding(world.people.lead.ctx, world.key, world.code, {
      userId: person.user.id,
      communityTa: true,
    });
    await expectDomainError(replyAs(person, links(2)), 'invalid', 'forum.too_many_links');
  });
});

describe('established accounts', () => {
  it('post up to perMinute times a minute with up to linksPerPost links', async () => {
    const person = await world.newLearner();
    await world.ageAccount(person.user.id, limits.newAccountDays + 1);
    await expect(replyAs(person, links(limits.linksPerPost))).resolves.toMatchObject({ created: true });
    await expect(replyAs(person, links(limits.linksPerPost + 1))).rejects.toMatchObject({
      code: 'forum.too_many_links',
      details: { links: limits.linksPerPost + 1, maxLinks: limits.linksPerPost },
    });
    for (let index = 1; index < limits.perMinute; index += 1) await replyAs(person, `Post ${index}`);
    await expectDomainError(replyAs(person, 'One too many'), 'rate_limited', 'forum.rate_limited');
    world.clock.advance(MINUTE + 1000);
    await expect(replyAs(person, 'After a pause')).resolves.toMatchObject({ created: true });
  });

  it('count as new until newAccountDays have passed', async () => {
    const person = await world.newLearner();
    await world.ageAccount(person.user.id, limits.newAccountDays - 1);
    await expectDomainError(replyAs(person, links(2)), 'invalid', 'forum.too_many_links');
  });
});

describe('staff', () => {
  it('are not limited', async () => {
    for (const person of [world.people.lead, world.people.assistant]) {
      for (let index = 0; index < limits.perMinute + 2; index += 1) {
        await replyAs(person, `${links(limits.linksPerPost + 2)} (${index})`);
      }
    }
    const thread = await getThread(world.people.lead.ctx, world.key, world.code, threadId);
    expect(thread.replyCount).toBeGreaterThanOrEqual(2 * (limits.perMinute + 2));
  });
});

describe('turned off', () => {
  it('lets anyone post as fast as they like', async () => {
    const person = await world.newLearner();
    configureForumLimits({ enabled: false });
    try {
      for (let index = 0; index < limits.newPerMinute + 2; index += 1) await replyAs(person, links(3));
    } finally {
      configureForumLimits({ enabled: true });
    }
    await expectDomainError(replyAs(person), 'rate_limited', 'forum.rate_limited');
  });
});
