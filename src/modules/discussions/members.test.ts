import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { listAuditEvents } from '../../platform/audit/index.ts';
import type { DatabaseHandle } from '../../platform/db/index.ts';
import {
  HOUR_MS,
  createDiscussionsWorld,
  expectDomainError,
  type DiscussionsWorld,
  type Person,
} from './discussions-test-fixtures.ts';
import {
  MAX_MUTE_HOURS,
  createReply,
  getForumOverview,
  listForumMembers,
  listNotifications,
  moderatePost,
  setMemberStanding,
  type StandingChange,
} from './index.ts';

let handle: DatabaseHandle;
let world: DiscussionsWorld;

beforeAll(async () => {
  handle = await createTestDatabase();
  world = await createDiscussionsWorld(handle.db);
});
afterAll(() => handle.close());

const standing = (person: Person, change: StandingChange) =>
  setMemberStanding(person.ctx, world.key, world.code, change);

async function roleOf(person: Person) {
  return (await getForumOverview(person.ctx, world.key, world.code)).reader.role;
}

describe('community TAs', () => {
  it('are made and unmade by staff only, and moderate meanwhile', async () => {
    const { lead, ownerAdmin, communityTa } = world.people;
    const person = await world.newLearner();
    await expectDomainError(
      standing(communityTa, { userId: person.user.id, communityTa: true }),
      'forbidden',
      'forum.staff_only',
    );
    expect(await roleOf(person)).toBe('learner');
    await expect(standing(lead, { userId: person.user.id, communityTa: true })).resolves.toEqual({
      userId: person.user.id,
      communityTa: true,
      mutedUntil: null,
      bannedAt: null,
      sanctionReason: null,
    });
    expect(await roleOf(person)).toBe('community_ta');
    const { threadId } = await world.startThread(world.people.learner, { title: 'Peer moderated' });
    const reply = await world.reply(world.people.classmate, threadId);
    await expect(
      moderatePost(person.ctx, world.key, world.code, reply, { action: 'hide', reason: 'Tidy up' }),
    ).resolves.toMatchObject({ status: 'hidden' });
    const posted = await createReply(person.ctx, world.key, world.code, threadId, { body: 'As a TA' });
    const { members } = await listForumMembers(lead.ctx, world.key, world.code);
    expect(members.find((member) => member.userId === person.user.id)).toMatchObject({
      name: person.user.name,
      communityTa: true,
    });
    expect(posted.created).toBe(true);

    await standing(ownerAdmin, { userId: person.user.id, communityTa: false });
    expect(await roleOf(person)).toBe('learner');
    const after = await listForumMembers(lead.ctx, world.key, world.code);
    expect(after.members.map((member) => member.userId)).not.toContain(person.user.id);
  });

  it('cannot sanction another community TA', async () => {
    const { lead, communityTa } = world.people;
    const peer = await world.newLearner();
    await standing(lead, { userId: peer.user.id, communityTa: true });
    await expectDomainError(
      standing(communityTa, { userId: peer.user.id, muteHours: 2, reason: 'Rivalry' }),
      'forbidden',
      'forum.staff_only',
    );
    await expect(standing(lead, { userId: peer.user.id, muteHours: 2, reason: 'Cool off' })).resolves.toMatchObject({
      communityTa: true,
      mutedUntil: expect.any(Date),
    });
  });
});

describe('mutes and bans', () => {
  it('lets moderators mute for some hours, with a reason, and end the mute', async () => {
    const { communityTa, assistant } = world.people;
    const person = await world.newLearner();
    await expectDomainError(
      standing(communityTa, { userId: person.user.id, muteHours: 3 }),
      'invalid',
      'forum.invalid',
    );
    await expectDomainError(
      standing(communityTa, { userId: person.user.id, muteHours: MAX_MUTE_HOURS + 1, reason: 'Long' }),
      'invalid',
      'forum.invalid',
    );
    const muted = await standing(communityTa, { userId: person.user.id, muteHours: 3, reason: 'Shouting' });
    expect(muted).toMatchObject({
      mutedUntil: new Date(world.clock.now().getTime() + 3 * HOUR_MS),
      sanctionReason: 'Shouting',
      bannedAt: null,
    });
    const overview = await getForumOverview(person.ctx, world.key, world.code);
    expect(overview.reader.standing).toMatchObject({ mutedUntil: muted.mutedUntil, sanctionReason: 'Shouting' });
    const { members } = await listForumMembers(communityTa.ctx, world.key, world.code);
    expect(members.find((member) => member.userId === person.user.id)?.mutedUntil).toEqual(muted.mutedUntil);

    await expect(standing(assistant, { userId: person.user.id, muteHours: 0 })).resolves.toMatchObject({
      mutedUntil: null,
    });
    await expect(
      createReply(person.ctx, world.key, world.code, (await world.startThread(world.people.learner)).threadId, {
        body: 'Free to speak',
      }),
    ).resolves.toMatchObject({ created: true });
  });

  it('lets staff ban with a reason, keeping the first ban time, and unban', async () => {
    const { lead, instructor } = world.people;
    const person = await world.newLearner();
    await expectDomainError(standing(lead, { userId: person.user.id, banned: true }), 'invalid', 'forum.invalid');
    const banned = await standing(lead, { userId: person.user.id, banned: true, reason: 'Spam' });
    expect(banned).toMatchObject({ bannedAt: world.clock.now(), sanctionReason: 'Spam' });
    const firstBan = banned.bannedAt;
    world.clock.advance(HOUR_MS);
    const again = await standing(instructor, { userId: person.user.id, banned: true, reason: 'More spam' });
    expect(again).toMatchObject({ bannedAt: firstBan, sanctionReason: 'More spam' });
    const { members } = await listForumMembers(lead.ctx, world.key, world.code);
    expect(members.find((member) => member.userId === person.user.id)).toMatchObject({ bannedAt: firstBan });
    await expect(standing(lead, { userId: person.user.id, banned: false })).resolves.toMatchObject({ bannedAt: null });
  });

  it('refuses changing one’s own standing, people who never joined the run, and empty changes', async () => {
    const { lead, communityTa, assistant } = world.people;
    await expectDomainError(
      standing(communityTa, { userId: communityTa.user.id, muteHours: 0 }),
      'invalid',
      'forum.self',
    );
    await expectDomainError(
      standing(lead, { userId: lead.user.id, banned: true, reason: 'Test' }),
      'invalid',
      'forum.self',
    );
    for (const userId of [randomUUID(), world.people.stranger.user.id, world.people.otherRun.user.id]) {
      await expectDomainError(
        standing(lead, { userId, muteHours: 1, reason: 'Who?' }),
        'not_found',
        'learner.not_found',
      );
    }
    await expectDomainError(
      standing(assistant, { userId: world.people.classmate.user.id }),
      'invalid',
      'forum.invalid',
    );
    await expectDomainError(standing(assistant, { userId: 'not-a-uuid', muteHours: 1 }), 'invalid', 'forum.invalid');
  });

  it('tells the learner and audits every change', async () => {
    const { lead, communityTa } = world.people;
    const person = await world.newLearner();
    await standing(communityTa, { userId: person.user.id, muteHours: 1, reason: 'Calm' });
    await standing(lead, { userId: person.user.id, banned: true, reason: 'Repeat' });
    const { notifications } = await listNotifications(person.ctx);
    expect(notifications.map((item) => [item.kind, item.detail, item.actorName, item.threadId])).toEqual([
      ['moderation', 'banned', lead.user.name, null],
      ['moderation', 'muted', communityTa.user.name, null],
    ]);
    const audits = await listAuditEvents(handle.db, {
      action: 'forum.member_standing_changed',
      objectId: `${world.run.id}:${person.user.id}`,
    });
    expect(audits.map((audit) => [audit.actorId, audit.before?.bannedAt, audit.after?.reason])).toEqual([
      [lead.user.id, null, 'Repeat'],
      [communityTa.user.id, null, 'Calm'],
    ]);
    expect(audits[0]!.after).toMatchObject({ bannedAt: world.clock.now().toISOString(), communityTa: false });
  });
});
