import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import { auditInjectedPage } from '../../../../test/support/injected-browser.ts';
import { createReply, createThread, moderatePost } from '../../../modules/discussions/index.ts';
import { createForumWorld, type ForumWorld } from '../forum/test-world.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the notifications page as a
 * browser renders it: unread and read items of several kinds, the mark-read forms, the settings.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let world: ForumWorld;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createForumWorld();
  const { learner, lead } = world.people;
  const { threadId } = await createThread(learner.ctx, world.key, 'SP', { title: 'Rain gauges', body: 'Which?' });
  const { postId } = await createReply(learner.ctx, world.key, 'SP', threadId, { body: 'My own guess.' });
  await createReply(lead.ctx, world.key, 'SP', threadId, { body: 'The tipping bucket.' });
  await createReply(lead.ctx, world.key, 'SP', threadId, { body: 'Indeed.', parentId: postId });
  await moderatePost(lead.ctx, world.key, 'SP', postId, { action: 'hide', reason: 'Off topic' });
  const page = await world.get('learner', '/account/notifications');
  const oldest = [...page.body.matchAll(/name="ids" value="(\d+)"/g)].at(-1)?.[1] ?? '';
  await world.post('learner', '/account/notifications/read', { ids: oldest });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

describe.skipIf(!browserAvailable).each(['en', 'ar'])(
  'the notifications page in %s has no axe violations',
  (locale) => {
    it('with unread and read items', async () => {
      const options = {
        app: world.ctx.app,
        baseUrl: world.ctx.config.baseUrl,
        cookies: world.sessions.learner.cookies,
        locale,
      };
      await auditInjectedPage(browser, options, '/account/notifications');
      await auditInjectedPage(browser, options, '/account/notifications?unread=1&done=read');
    });

    it('empty, for someone without notifications', async () => {
      const options = {
        app: world.ctx.app,
        baseUrl: world.ctx.config.baseUrl,
        cookies: world.sessions.stranger.cookies,
        locale,
      };
      await auditInjectedPage(browser, options, '/account/notifications');
    });
  },
);
