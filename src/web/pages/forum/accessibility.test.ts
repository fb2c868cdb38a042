import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import { expectNoAxeViolations, openInjectedContext } from '../../../../test/support/injected-browser.ts';
import { createForumWorld, replyTo, startThread, userIdOf, type ForumRole, type ForumWorld } from './test-world.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the forum pages as a browser
 * renders them, in English and Arabic (right to left). Every request of the browser is answered
 * by the application under test through app.inject, so no server or socket is needed.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let forum: ForumWorld;
let browser: Browser;
let threadId: number;
let classmateId: string;

beforeAll(async () => {
  if (!browserAvailable) return;
  forum = await createForumWorld();
  threadId = await startThread(forum, 'learner', {
    kind: 'question',
    title: 'How do we read the temperature chart?',
    body: 'The **axes** confuse me. See [the portal](https://example.org/data).',
  });
  const reply = await replyTo(forum, 'classmate', threadId, 'Start with the legend, then the years.');
  await replyTo(forum, 'learner', threadId, 'Thank you, that helps!', reply);
  await replyTo(forum, 'lead', threadId, 'مرحبًا، انظروا إلى المحور الأفقي أولًا.');
  const rude = await replyTo(forum, 'learner', threadId, 'Nobody here knows anything.');
  await forum.post('classmate', `${forum.paths.forum()}/posts/${rude}/flag`, { reason: 'abuse', note: 'Unkind.' });
  await forum.post('assistant', `${forum.paths.forum()}/posts/${rude}/moderate`, {
    action: 'hide',
    reason: 'Please stay kind',
  });
  const spam = await replyTo(forum, 'classmate', threadId, 'Buy cheap watches here.');
  await forum.post('learner', `${forum.paths.forum()}/posts/${spam}/flag`, { reason: 'spam' });
  classmateId = await userIdOf(forum, 'classmate');
  await forum.post('lead', `${forum.paths.forum()}/members`, {
    userId: classmateId,
    action: 'mute',
    hours: '3',
    reason: 'Advertising',
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await forum?.close();
});

const LOCALES = ['en', 'ar'] as const;

function openAs(who: ForumRole, locale: string): Promise<BrowserContext> {
  const { cookies } = forum.sessions[who as keyof typeof forum.sessions];
  return openInjectedContext(browser, { app: forum.ctx.app, baseUrl: forum.ctx.config.baseUrl, cookies, locale });
}

/** Opens the page as `who`, opens every disclosure when asked, and runs axe. */
async function audit(who: ForumRole, locale: string, path: string, options: { openAll?: boolean } = {}) {
  const context = await openAs(who, locale);
  try {
    const page = await context.newPage();
    expect((await page.goto(path))?.status(), path).toBe(200);
    if (options.openAll) {
      const closed = page.locator('details:not([open]) > summary');
      while ((await closed.count()) > 0) await closed.first().click();
    }
    await expectNoAxeViolations(page, locale);
  } finally {
    await context.close();
  }
}

describe.skipIf(!browserAvailable).each(LOCALES)('the forum pages in %s have no axe violations', (locale) => {
  it('the thread list, filtered', async () => {
    await audit('learner', locale, forum.paths.forum());
    await audit('assistant', locale, `${forum.paths.forum()}?kind=question&sort=votes&language=en&q=chart`);
  });

  it('the new thread form, and the form with its errors', async () => {
    await audit('learner', locale, forum.paths.newThread());
    const context = await openAs('learner', locale);
    try {
      const page = await context.newPage();
      await page.goto(forum.paths.newThread());
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.url().endsWith('/forum/threads')),
        page.locator('form.forum-form button[type="submit"]').click(),
      ]);
      expect(response.status()).toBe(422);
      await page.waitForLoadState();
      await expect(page.locator('#thread-title[aria-invalid="true"]').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });

  it('a thread with replies, comments and a hidden post, every disclosure open', async () => {
    await audit('learner', locale, forum.paths.thread(threadId), { openAll: true });
    await audit('classmate', locale, forum.paths.thread(threadId), { openAll: true });
    await audit('assistant', locale, forum.paths.thread(threadId), { openAll: true });
  });

  it('the moderation queue, both views', async () => {
    await audit('assistant', locale, `${forum.paths.forum()}/moderation`);
    await audit('lead', locale, `${forum.paths.forum()}/moderation?view=hidden`);
  });

  it('the members page, with a learner chosen', async () => {
    await audit('lead', locale, `${forum.paths.forum()}/members?user=${classmateId}`);
    await audit('assistant', locale, `${forum.paths.forum()}/members`);
  });
});
