import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import { listRecentMail } from '../../platform/mail/index.ts';
import { setAccountSuspension } from '../identity/index.ts';
import { DAY_MS, createDiscussionsWorld, type DiscussionsWorld, type Person } from './discussions-test-fixtures.ts';
import { DIGEST_GRACE_MS } from './digest.ts';
import {
  DIGEST_ITEMS,
  listNotifications,
  markNotificationsRead,
  sendDueDigests,
  updateNotificationSettings,
  type ForumDigest,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

const MINUTE = 60_000;

/** Runs the digest job now, returning what it composed for each recipient by user id. */
async function runDigests(): Promise<{ sent: number; digests: Map<string, ForumDigest> }> {
  const digests = new Map<string, ForumDigest>();
  const sent = await sendDueDigests(handle.db, world.clock.now(), (digest) => {
    digests.set(digest.recipient.id, digest);
    return {
      to: digest.recipient.email,
      subject: `Forum digest: ${digest.notifications.length} new`,
      text: digest.notifications.map((item) => `${item.kind} ${item.threadTitle}`).join('\n'),
      kind: 'forum_digest',
    };
  });
  return { sent, digests };
}

async function mailTo(person: Person) {
  return listRecentMail(handle.db, { recipient: person.user.email });
}

/** A thread of `person` with `replies` replies by the classmate, so they have that many notifications. */
async function notifyOf(person: Person, replies: number, title = 'Digest me') {
  const { threadId } = await world.startThread(person, { title });
  const ids: number[] = [];
  for (let index = 0; index < replies; index += 1) {
    ids.push(await world.reply(world.people.classmate, threadId, `Reply ${index}`));
  }
  return ids;
}

describe('daily digests', () => {
  it('mails unread notifications once they are past the grace period, once a day', async () => {
    const person = await world.newLearner();
    const [first] = await notifyOf(person, 1, 'Daily thread');
    world.clock.advance(DIGEST_GRACE_MS / 2);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    const [young] = await notifyOf(person, 1, 'Younger thread');
    world.clock.advance(DIGEST_GRACE_MS / 2 + MINUTE);

    const { sent, digests } = await runDigests();
    expect(sent).toBeGreaterThanOrEqual(1);
    const digest = digests.get(person.user.id)!;
    expect(digest.recipient).toMatchObject({ id: person.user.id, email: person.user.email });
    expect(digest.more).toBe(0);
    expect(digest.notifications.map((item) => [item.kind, item.postId, item.threadTitle, item.read])).toEqual([
      ['reply', first, 'Daily thread', false],
    ]);
    const mail = await mailTo(person);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: 'forum_digest', subject: 'Forum digest: 1 new', status: 'pending' });
    expect(mail[0]!.textBody).toBe('reply Daily thread');

    world.clock.advance(DIGEST_GRACE_MS * 2);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    expect(await mailTo(person)).toHaveLength(1);

    world.clock.advance(DAY_MS);
    const next = (await runDigests()).digests.get(person.user.id);
    expect(next?.notifications.map((item) => item.postId)).toEqual([young]);
    expect(await mailTo(person)).toHaveLength(2);

    world.clock.advance(2 * DAY_MS);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    const { notifications } = await listNotifications(person.ctx);
    expect(notifications.map((item) => item.read)).toEqual([false, false]);
  });

  it('leaves out notifications the person already read', async () => {
    const person = await world.newLearner();
    const replies = await notifyOf(person, 3, 'Partly read');
    const { notifications } = await listNotifications(person.ctx);
    const readOne = notifications.find((item) => item.postId === replies[1])!;
    await markNotificationsRead(person.ctx, { ids: [readOne.id] });
    world.clock.advance(DIGEST_GRACE_MS + MINUTE);
    const digest = (await runDigests()).digests.get(person.user.id)!;
    expect(digest.notifications.map((item) => item.postId)).toEqual([replies[2], replies[0]]);

    const reader = await world.newLearner();
    await notifyOf(reader, 2, 'All read');
    await markNotificationsRead(reader.ctx, { all: true });
    world.clock.advance(DIGEST_GRACE_MS + MINUTE);
    expect((await runDigests()).digests.has(reader.user.id)).toBe(false);
    expect(await mailTo(reader)).toEqual([]);
  });

  it('sends the newest DIGEST_ITEMS and counts the rest', async () => {
    const person = await world.newLearner();
    const replies = await notifyOf(person, DIGEST_ITEMS + 2, 'Very busy');
    world.clock.advance(DIGEST_GRACE_MS + MINUTE);
    const digest = (await runDigests()).digests.get(person.user.id)!;
    expect(digest.more).toBe(2);
    expect(digest.notifications.map((item) => item.postId)).toEqual(replies.slice(2).reverse());
    world.clock.advance(DAY_MS);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
  });
});

describe('digest settings', () => {
  it('mails weekly digests at most once a week', async () => {
    const person = await world.newLearner();
    await updateNotificationSettings(person.ctx, { digest: 'weekly', autoFollow: true });
    await notifyOf(person, 1, 'Weekly one');
    world.clock.advance(DIGEST_GRACE_MS + MINUTE);
    expect((await runDigests()).digests.has(person.user.id)).toBe(true);
    const [later] = await notifyOf(person, 1, 'Weekly two');
    world.clock.advance(2 * DAY_MS);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    world.clock.advance(5 * DAY_MS - MINUTE);
    expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    world.clock.advance(2 * MINUTE);
    const digest = (await runDigests()).digests.get(person.user.id);
    expect(digest?.notifications.map((item) => item.postId)).toEqual([later]);
    expect(await mailTo(person)).toHaveLength(2);
  });

  it('never mails those who turned digests off', async () => {
    const person = await world.newLearner();
    await updateNotificationSettings(person.ctx, { digest: 'off', autoFollow: true });
    await notifyOf(person, 2, 'Quiet please');
    for (const wait of [DIGEST_GRACE_MS + MINUTE, DAY_MS, 7 * DAY_MS]) {
      world.clock.advance(wait);
      expect((await runDigests()).digests.has(person.user.id)).toBe(false);
    }
    expect(await mailTo(person)).toEqual([]);
    expect((await listNotifications(person.ctx)).unread).toBe(2);
  });

  it('mails no suspended account, and does not let its rows hold back anyone else', async () => {
    const suspended = await world.newLearner();
    const other = await world.newLearner();
    await notifyOf(suspended, 1, 'Suspended later');
    await notifyOf(other, 1, 'Still here');
    await setAccountSuspension({ ...world.people.secretariat.ctx, clock: world.clock }, suspended.user.id, true);
    world.clock.advance(DIGEST_GRACE_MS + MINUTE);
    const { digests } = await runDigests();
    expect(digests.has(suspended.user.id)).toBe(false);
    expect(digests.has(other.user.id)).toBe(true);
    expect(await mailTo(suspended)).toEqual([]);
    world.clock.advance(2 * DAY_MS);
    expect((await runDigests()).digests.has(suspended.user.id)).toBe(false);
  });
});
