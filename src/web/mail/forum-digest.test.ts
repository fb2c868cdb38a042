import { describe, expect, it } from 'vitest';
import type { ForumDigest, ForumNotification } from '../../modules/discussions/index.ts';
import type { UserProfile } from '../../modules/identity/index.ts';
import { composeForumDigest } from './forum-digest.ts';

const BASE_URL = 'https://orbis.example.org/';

function recipient(locale: string | null): UserProfile {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Amina <Njoroge>',
    email: 'amina@example.test',
    emailVerified: true,
    country: 'KE',
    locale,
    bio: null,
    platformRole: null,
    suspended: false,
    createdAt: new Date('2024-01-01T00:00:00Z'),
  };
}

function notification(overrides: Partial<ForumNotification>): ForumNotification {
  return {
    id: 1,
    kind: 'reply',
    detail: null,
    actorName: 'Bruno "B" Costa',
    courseKey: 'climate-101',
    courseTitle: { en: 'Climate Data 101', ar: 'بيانات المناخ 101' },
    runCode: '2025-T1',
    threadId: 7,
    threadTitle: 'Rain <script>alert(1)</script> & gauges',
    postId: 42,
    createdAt: new Date('2024-03-01T10:00:00Z'),
    read: false,
    ...overrides,
  };
}

function digestFor(locale: string | null, more = 0): ForumDigest {
  return {
    recipient: recipient(locale),
    notifications: [
      notification({}),
      notification({ id: 2, kind: 'answer', actorName: null, postId: 43 }),
      notification({ id: 3, kind: 'moderation', detail: 'muted', threadId: null, threadTitle: null, postId: null }),
      notification({ id: 4, kind: 'circle', detail: '5', threadId: null, threadTitle: null, postId: null }),
    ],
    more,
  };
}

describe('the forum digest e-mail', () => {
  it('is addressed to the recipient, in English, with absolute links to each item', () => {
    const mail = composeForumDigest(digestFor('en', 3), { baseUrl: BASE_URL });
    expect(mail).toMatchObject({ to: 'amina@example.test', kind: 'forum.digest', locale: 'en' });
    expect(mail.subject).toBe('7 new notifications from your Orbis courses');
    expect(mail.text).toContain('Hello Amina <Njoroge>,');
    expect(mail.text).toContain('Bruno "B" Costa replied in “Rain <script>alert(1)</script> & gauges”');
    expect(mail.text).toContain('https://orbis.example.org/learn/climate-101/2025-T1/forum/threads/7#post-42');
    expect(mail.text).toContain('A moderator muted you in the forum for a while');
    expect(mail.text).toContain('https://orbis.example.org/learn/climate-101/2025-T1/forum\n');
    expect(mail.text).toContain('You joined a study circle');
    expect(mail.text).toContain('https://orbis.example.org/learn/climate-101/2025-T1/circles');
    expect(mail.text).toContain('…and 3 more notifications.');
    expect(mail.text).toContain('https://orbis.example.org/account/notifications#notification-settings');
    expect(mail.text).toContain('Climate Data 101');
    for (const url of mail.text.match(/\S*\/learn\/\S*/g) ?? [])
      expect(url).toMatch(/^https:\/\/orbis\.example\.org\//);
  });

  it('escapes everything people wrote in the HTML part and links absolutely', () => {
    const { html = '' } = composeForumDigest(digestFor('en'), { baseUrl: BASE_URL });
    expect(html).not.toContain('<script>');
    expect(html).toContain('Rain &lt;script&gt;alert(1)&lt;/script&gt; &amp; gauges');
    expect(html).toContain('Bruno &quot;B&quot; Costa');
    expect(html).toContain('Hello Amina &lt;Njoroge&gt;,');
    expect(html).toContain('<a href="https://orbis.example.org/learn/climate-101/2025-T1/forum/threads/7#post-42">');
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\/orbis\.example\.org\//);
  });

  it('is written in Chinese and in Arabic (right to left) for readers of those languages', () => {
    const chinese = composeForumDigest(digestFor('zh-Hans'), { baseUrl: BASE_URL });
    expect(chinese.locale).toBe('zh-Hans');
    expect(chinese.subject).toBe('您的 Orbis 课程有 4 条新通知');
    expect(chinese.text).toContain('Bruno "B" Costa 在“Rain');
    expect(chinese.text).toContain('您在“Rain <script>alert(1)</script> & gauges”中的回复被标记为答案');

    const arabic = composeForumDigest(digestFor('ar', 1), { baseUrl: BASE_URL });
    expect(arabic.locale).toBe('ar');
    expect(arabic.subject).toContain('من مقرراتك على Orbis');
    expect(arabic.text).toContain('مرحبًا Amina <Njoroge>،');
    expect(arabic.text).toContain('ردّ Bruno "B" Costa في «Rain');
    expect(arabic.text).toContain('بيانات المناخ 101');
    expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
  });

  it('falls back to English for a language the site does not offer, and never names anyone by address', () => {
    const mail = composeForumDigest(digestFor(null), { baseUrl: BASE_URL });
    expect(mail.locale).toBe('en');
    const others = `${mail.text}\n${mail.html ?? ''}`.match(/[\w.+-]+@[\w-]+\.[\w.]+/g) ?? [];
    expect(others).toEqual([]);
  });
});
