import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../../../../test/api/support.ts';
import { FORUM_ROLES, type ForumRole } from '../../pages/forum/test-world.ts';
import { createForumApiWorld, everyone, type ForumApiWorld } from './test-support.ts';

/**
 * Forum notifications of the signed-in person: listNotifications (/api/v1/me/notifications),
 * markNotificationsRead (…/notifications/read), and getNotificationSettings and
 * updateNotificationSettings (/api/v1/me/notification-settings).
 */
let w: ForumApiWorld;

beforeAll(async () => {
  w = await createForumApiWorld();
});
afterAll(() => w.close());

const LIST = '/api/v1/me/notifications';
const SETTINGS = '/api/v1/me/notification-settings';
const signedIn = { ...everyone(200), anonymous: 401 };

type Notification = {
  id: number;
  kind: string;
  actorName: string | null;
  courseKey: string;
  runCode: string;
  threadId: number | null;
  threadTitle: string | null;
  createdAt: string;
  read: boolean;
};
type Page = { notifications: Notification[]; unread: number; page: number; hasMore: boolean };

describe('per-role access to the notification operations', () => {
  const table: Array<[string, (who: ForumRole) => ReturnType<ForumApiWorld['call']>, Record<ForumRole, number>]> = [
    ['listNotifications GET /api/v1/me/notifications', (who) => w.call(who, 'GET', LIST), signedIn],
    [
      'markNotificationsRead POST /api/v1/me/notifications/read',
      (who) => w.call(who, 'POST', `${LIST}/read`, { all: true }),
      signedIn,
    ],
    ['getNotificationSettings GET /api/v1/me/notification-settings', (who) => w.call(who, 'GET', SETTINGS), signedIn],
    [
      'updateNotificationSettings PUT /api/v1/me/notification-settings',
      (who) => w.call(who, 'PUT', SETTINGS, { digest: 'weekly', autoFollow: true }),
      signedIn,
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

describe('notifications of forum activity', () => {
  it('tells the author of a thread about replies, and marks them read', async () => {
    await w.call('learner', 'POST', `${LIST}/read`, { all: true });
    const { threadId } = await w.startThread('learner', { title: 'Notify me' });
    await w.replyTo('classmate', threadId);
    const page = (await w.call('learner', 'GET', `${LIST}?unread=true`)).json() as Page;
    expect(page.unread).toBe(1);
    expect(page.notifications).toHaveLength(1);
    const [notification] = page.notifications;
    expect(notification).toMatchObject({
      kind: 'reply',
      courseKey: w.key,
      runCode: 'SP',
      threadId,
      threadTitle: 'Notify me',
      read: false,
      actorName: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
    });
    const marked = await w.call('learner', 'POST', `${LIST}/read`, { ids: [notification!.id] });
    expect(marked.json()).toEqual({ marked: 1 });
    const after = (await w.call('learner', 'GET', LIST)).json() as Page;
    expect(after.unread).toBe(0);
    expect(after.notifications.find((entry) => entry.id === notification!.id)?.read).toBe(true);
    expect((await w.call('learner', 'GET', LIST, undefined, { via: 'token' })).statusCode).toBe(200);
  });

  it('changes the settings, and a thread started without auto-follow is not followed', async () => {
    const fresh = await w.newLearner();
    expect((await w.call(fresh, 'GET', SETTINGS)).json()).toEqual({ digest: 'daily', autoFollow: true });
    const updated = await w.call(fresh, 'PUT', SETTINGS, { digest: 'off', autoFollow: false });
    expect(updated.json()).toEqual({ digest: 'off', autoFollow: false });
    expect((await w.call(fresh, 'GET', SETTINGS)).json()).toEqual({ digest: 'off', autoFollow: false });
    const { threadId } = await w.startThread(fresh);
    const thread = (await w.call(fresh, 'GET', w.paths.apiThread(threadId))).json() as { followedByMe: boolean };
    expect(thread.followedByMe).toBe(false);
  });

  it('refuses malformed input with 400 problems', async () => {
    expectProblem(await w.call('learner', 'GET', `${LIST}?unread=maybe`), 400);
    expectProblem(await w.call('learner', 'GET', `${LIST}?page=0`), 400);
    expectProblem(await w.call('learner', 'POST', `${LIST}/read`, {}), 400);
    expectProblem(await w.call('learner', 'POST', `${LIST}/read`, { ids: ['x'] }), 400);
    expectProblem(await w.call('learner', 'PUT', SETTINGS, { digest: 'hourly', autoFollow: true }), 400);
    expectProblem(await w.call('learner', 'PUT', SETTINGS, { digest: 'daily' }), 400);
    const forged = await w.call(
      'learner',
      'PUT',
      SETTINGS,
      { digest: 'daily', autoFollow: true },
      {
        headers: { origin: 'https://evil.example' },
      },
    );
    expect(expectProblem(forged, 403).code).toBe('cross_site_write');
  });
});
