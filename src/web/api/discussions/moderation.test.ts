import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../../test/api/support.ts';
import { FORUM_ROLES, type ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, readers, type ForumApiWorld, type Session } from './test-support.ts';

/**
 * The moderators' side of the forum: listModerationQueue (…/forum/moderation), listForumMembers
 * and setMemberStanding (…/forum/members), with community TAs, mutes and bans at work.
 */
let w: ForumApiWorld;
let target: Session;
let targetId: string;

beforeAll(async () => {
  w = await createForumApiWorld();
  target = await w.newLearner();
  targetId = await w.userIdOf(target);
});
afterAll(() => w.close());

const membersUrl = () => `${w.paths.apiForum()}/members`;
const queueUrl = (query = '') => `${w.paths.apiForum()}/moderation${query}`;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('per-role access to the moderation operations', () => {
  const table: Array<[string, (who: ForumRole) => ReturnType<ForumApiWorld['call']>, Record<ForumRole, number>]> = [
    ['listModerationQueue GET …/forum/moderation', (who) => w.call(who, 'GET', queueUrl()), readers(403, 200)],
    ['listForumMembers GET …/forum/members', (who) => w.call(who, 'GET', membersUrl()), readers(403, 200)],
    [
      'setMemberStanding POST …/forum/members',
      (who) => w.call(who, 'POST', membersUrl(), { userId: targetId, muteHours: 0 }),
      readers(403, 200),
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

describe('the moderation queue', () => {
  it('lists reported posts with their reports, then hidden ones', async () => {
    const { openingId } = await w.startThread('classmate', { title: 'Buy cheap watches' });
    await w.call('learner', 'POST', `${w.paths.apiPost(openingId)}/flags`, { reason: 'spam', note: 'An advert.' });
    const flagged = (await w.call('lead', 'GET', queueUrl())).json() as {
      view: string;
      items: Array<{ post: { id: number; openFlagCount: number }; threadTitle: string; flags: unknown[] }>;
    };
    expect(flagged.view).toBe('flagged');
    const item = flagged.items.find((entry) => entry.post.id === openingId)!;
    expect(item).toMatchObject({ threadTitle: 'Buy cheap watches', post: { openFlagCount: 1 } });
    expect(item.flags).toEqual([{ reason: 'spam', note: 'An advert.', createdAt: expect.stringMatching(ISO) }]);
    await w.call('assistant', 'POST', `${w.paths.apiPost(openingId)}/moderation`, { action: 'hide', reason: 'Spam' });
    const hidden = (await w.call('lead', 'GET', queueUrl('?view=hidden'))).json() as {
      items: Array<{ post: { id: number; status: string; moderationReason: string } }>;
    };
    expect(hidden.items.find((entry) => entry.post.id === openingId)?.post).toMatchObject({
      status: 'hidden',
      moderationReason: 'Spam',
    });
    expectProblem(await w.call('lead', 'GET', queueUrl('?view=all')), 400);
  });
});

describe('standing in the forum', () => {
  it('lets staff make a learner a community TA, who then moderates but does not pin or ban', async () => {
    const ta = await w.newLearner();
    const taId = await w.userIdOf(ta);
    const granted = await w.call('lead', 'POST', membersUrl(), { userId: taId, communityTa: true });
    expect(granted.json()).toEqual({
      userId: taId,
      communityTa: true,
      mutedUntil: null,
      bannedAt: null,
      sanctionReason: null,
    });
    const forum = (await w.call(ta, 'GET', w.paths.apiForum())).json() as { reader: { role: string } };
    expect(forum.reader.role).toBe('community_ta');
    expect((await w.call(ta, 'GET', queueUrl())).statusCode).toBe(200);
    const { threadId, openingId } = await w.startThread('classmate');
    expect((await w.call(ta, 'PATCH', w.paths.apiThread(threadId), { locked: true })).statusCode).toBe(200);
    expectProblem(await w.call(ta, 'PATCH', w.paths.apiThread(threadId), { pinned: true }), 403);
    expect((await w.call(ta, 'PUT', `${w.paths.apiPost(openingId)}/endorsement`, { endorsed: true })).statusCode).toBe(
      200,
    );
    const ban = await w.call(ta, 'POST', membersUrl(), { userId: targetId, banned: true, reason: 'Spam' });
    expect(expectProblem(ban, 403).code).toBe('forum.staff_only');
  });

  it('mutes a learner: they read but cannot post until the mute ends', async () => {
    const muted = await w.newLearner();
    const mutedId = await w.userIdOf(muted);
    const noReason = await w.call('lead', 'POST', membersUrl(), { userId: mutedId, muteHours: 24 });
    expectProblem(noReason, 400);
    const response = await w.call('lead', 'POST', membersUrl(), { userId: mutedId, muteHours: 24, reason: 'Rude' });
    expect((response.json() as { mutedUntil: string }).mutedUntil).toMatch(ISO);
    const forum = (await w.call(muted, 'GET', w.paths.apiForum())).json() as { reader: Record<string, unknown> };
    expect(forum.reader).toMatchObject({
      role: 'learner',
      mutedUntil: expect.stringMatching(ISO),
      sanctionReason: 'Rude',
    });
    const refused = await w.call(muted, 'POST', w.paths.apiThreads(), { title: 'Hello?', body: 'Anyone?' });
    expect(expectProblem(refused, 403).code).toBe('forum.muted');
    const members = (await w.call('assistant', 'GET', membersUrl())).json() as {
      members: Array<{ userId: string; name: string; mutedUntil: string | null }>;
    };
    const entry = members.members.find((member) => member.userId === mutedId)!;
    expect(entry.mutedUntil).toMatch(ISO);
    expect(Object.keys(entry).sort()).toEqual(
      ['bannedAt', 'communityTa', 'country', 'mutedUntil', 'name', 'sanctionReason', 'userId'].sort(),
    );
    expect(JSON.stringify(members)).not.toMatch(/@example/);
    await w.call('lead', 'POST', membersUrl(), { userId: mutedId, muteHours: 0 });
    expect((await w.call(muted, 'POST', w.paths.apiThreads(), { title: 'Back', body: 'Hello.' })).statusCode).toBe(201);
  });

  it('bans a learner from posting, and refuses sanctions of oneself or of strangers', async () => {
    const banned = await w.newLearner();
    const bannedId = await w.userIdOf(banned);
    const response = await w.call('lead', 'POST', membersUrl(), { userId: bannedId, banned: true, reason: 'Spam' });
    expect((response.json() as { bannedAt: string }).bannedAt).toMatch(ISO);
    const refused = await w.call(banned, 'POST', w.paths.apiThreads(), { title: 'Hello?', body: 'Anyone?' });
    expect(expectProblem(refused, 403).code).toBe('forum.banned');
    const leadId = await w.userIdOf('lead');
    expect(expectProblem(await w.call('lead', 'POST', membersUrl(), { userId: leadId, muteHours: 0 }), 400).code).toBe(
      'forum.self',
    );
    const strangerId = await w.userIdOf('stranger');
    expectProblem(await w.call('lead', 'POST', membersUrl(), { userId: strangerId, muteHours: 0 }), 404);
    expectProblem(await w.call('lead', 'POST', membersUrl(), { userId: 'someone', muteHours: 0 }), 400);
    expectProblem(await w.call('lead', 'POST', membersUrl(), { userId: bannedId, muteHours: 1.5 }), 400);
  });
});
