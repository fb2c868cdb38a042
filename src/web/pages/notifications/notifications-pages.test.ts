import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NOTIFICATIONS_PAGE_SIZE,
  createReply,
  createThread,
  getNotificationSettings,
} from '../../../modules/discussions/index.ts';
import { createForumWorld, type ForumWorld } from '../forum/test-world.ts';

let world: ForumWorld;
const LIST = '/account/notifications';

beforeAll(async () => {
  world = await createForumWorld();
});
afterAll(() => world.close());

function expectSignIn(response: { statusCode: number; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(303);
  expect(String(response.headers.location)).toMatch(/^\/sign-in\?next=/);
}

/** A thread the learner starts (and so follows) and a reply to it by the lead instructor. */
async function replyToLearnersThread(title: string): Promise<{ threadId: number; postId: number }> {
  const { learner, lead } = world.people;
  const { threadId } = await createThread(learner.ctx, world.key, 'SP', { title, body: 'What do you think?' });
  const { postId } = await createReply(lead.ctx, world.key, 'SP', threadId, { body: 'Here is my answer.' });
  return { threadId, postId };
}

describe('who may use the notifications pages', () => {
  it('GET /account/notifications: anyone signed in sees their own; anonymous visitors sign in', async () => {
    expectSignIn(await world.get('anonymous', LIST));
    for (const role of ['stranger', 'author', 'lead', 'learner'] as const) {
      expect((await world.get(role, LIST)).statusCode, role).toBe(200);
    }
  });

  it('POST /account/notifications/read: signed in only', async () => {
    expectSignIn(await world.post('anonymous', `${LIST}/read`, { all: '1' }));
    const response = await world.post('stranger', `${LIST}/read`, { all: '1' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`${LIST}?done=read`);
  });

  it('POST /account/notifications/settings: signed in only', async () => {
    expectSignIn(await world.post('anonymous', `${LIST}/settings`, { digest: 'off' }));
    const response = await world.post('stranger', `${LIST}/settings`, { digest: 'daily', autoFollow: '1' });
    expect(response.statusCode).toBe(303);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const response = await world.ctx.app.inject({
      method: 'POST',
      url: `${LIST}/read`,
      headers: { cookie: world.sessions.learner.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'all=1',
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('the notifications of a followed thread', () => {
  it('lists a reply as a sentence linking to the post, and counts it on the account page', async () => {
    expect((await world.get('learner', LIST)).body).toContain('You have no notifications yet.');
    const { threadId, postId } = await replyToLearnersThread('Rain <b>gauges</b>');
    const page = await world.get('learner', LIST);
    const leadName = world.people.lead.user.name;
    expect(page.body).toContain(`${leadName} replied in “Rain &lt;b>gauges&lt;/b>”`);
    expect(page.body).toContain(`href="/learn/${world.key}/SP/forum/threads/${threadId}#post-${postId}"`);
    expect(page.body).toContain('1 unread notification.');
    expect(page.body).toContain('Climate Data 101');
    expect((await world.get('learner', '/account')).body).toContain('Notifications (1)');
    expect((await world.get('classmate', LIST)).body).toContain('You have no notifications yet.');
  });

  it('speaks the reader’s language', async () => {
    const page = await world.get('learner', LIST, { 'accept-language': 'zh-Hans' });
    expect(page.body).toContain(`${world.people.lead.user.name} 在“`);
    const arabic = await world.get('learner', LIST, { 'accept-language': 'ar' });
    expect(arabic.body).toContain(`ردّ ${world.people.lead.user.name} في «`);
  });

  it('marks one notification, then all, as read', async () => {
    await replyToLearnersThread('Second thread');
    const before = await world.get('learner', LIST);
    expect(before.body).toContain('2 unread notifications.');
    const id = /name="ids" value="(\d+)"/.exec(before.body)?.[1] ?? '';
    const one = await world.post('learner', `${LIST}/read`, { ids: id });
    expect(one.headers.location).toBe(`${LIST}?done=read`);
    const after = await world.get('learner', String(one.headers.location));
    expect(after.body).toContain('Marked as read.');
    expect(after.body).toContain('1 unread notification.');
    expect(after.body).not.toContain(`name="ids" value="${id}"`);

    await replyToLearnersThread('Third thread');
    const unreadOnly = await world.get('learner', `${LIST}?unread=1`);
    expect(unreadOnly.body).toContain('Third thread');
    expect(unreadOnly.body).not.toContain('Second thread');
    const all = await world.post('learner', `${LIST}/read`, { all: '1', unread: '1', page: '1' });
    expect(all.headers.location).toBe(`${LIST}?unread=1&done=read`);
    const done = await world.get('learner', LIST);
    expect(done.body).toContain('No unread notifications.');
    expect(done.body).not.toContain('Mark all as read');
    expect((await world.get('learner', '/account')).body).toContain('Notifications (0)');
    expect((await world.post('learner', `${LIST}/read`, {})).statusCode).toBe(400);
  });

  it('pages through more notifications than a page holds', async () => {
    const { learner, lead } = world.people;
    const { threadId } = await createThread(learner.ctx, world.key, 'SP', { title: 'Busy thread', body: 'Go.' });
    for (let index = 0; index < NOTIFICATIONS_PAGE_SIZE; index += 1) {
      await createReply(lead.ctx, world.key, 'SP', threadId, { body: `Reply ${index}` });
    }
    const first = await world.get('learner', LIST);
    expect(first.body).toContain(`href="${LIST}?page=2"`);
    expect(first.body.match(/class="notification[ "]/g)).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    const second = await world.get('learner', `${LIST}?page=2`);
    expect(second.body).toContain(`href="${LIST}"`);
    expect(second.body).toContain('Rain &lt;b>gauges&lt;/b>');
    expect((await world.get('learner', `${LIST}?page=abc`)).statusCode).toBe(200);
  });
});

describe('notification settings', () => {
  it('saves the digest frequency and auto-follow, and shows them again', async () => {
    const response = await world.post('learner', `${LIST}/settings`, { digest: 'weekly' });
    expect(response.headers.location).toBe(`${LIST}?done=settings#notification-settings`);
    const page = await world.get('learner', `${LIST}?done=settings`);
    expect(page.body).toContain('Your notification settings are saved.');
    expect(page.body).toMatch(/value="weekly" checked/);
    expect(page.body).not.toMatch(/name="autoFollow" value="1" checked/);
    await expect(getNotificationSettings(world.people.learner.ctx)).resolves.toEqual({
      digest: 'weekly',
      autoFollow: false,
    });
    await world.post('learner', `${LIST}/settings`, { digest: 'off', autoFollow: '1' });
    await expect(getNotificationSettings(world.people.learner.ctx)).resolves.toEqual({
      digest: 'off',
      autoFollow: true,
    });
  });

  it('refuses an unknown frequency with a message', async () => {
    const response = await world.post('learner', `${LIST}/settings`, { digest: 'hourly' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Choose how often you get the e-mail digest.');
  });
});
