import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import {
  auditInjectedPage,
  expectNoAxeViolations,
  openInjectedContext,
} from '../../../../test/support/injected-browser.ts';
import { createForumWorld, type ForumWorld } from '../forum/test-world.ts';
import { createCircleLearner, postAs, type CircleLearner } from './test-circles.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the study circles page as a
 * browser renders it: the opt-in form, a learner waiting, a learner in a circle, the staff view.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let world: ForumWorld;
let browser: Browser;
let waiting: CircleLearner;
let seated: CircleLearner;

beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createForumWorld();
  const circles = world.paths.circles();
  const members = [
    await createCircleLearner(world, 'Amina Njoroge', 'KE'),
    await createCircleLearner(world, 'Bruno Costa', 'BR'),
    await createCircleLearner(world, 'Linh Tran', 'VN'),
  ];
  for (const member of members) await postAs(world, member, `${circles}/join`, { primary: 'fr', languages: 'en' });
  seated = members[0]!;
  waiting = await createCircleLearner(world, 'Somchai Boon', 'TH');
  await postAs(world, waiting, `${circles}/join`, { primary: 'th' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

function audit(cookies: string, locale: string, path: string, status = 200): Promise<void> {
  return auditInjectedPage(
    browser,
    { app: world.ctx.app, baseUrl: world.ctx.config.baseUrl, cookies, locale },
    path,
    status,
  );
}

describe.skipIf(!browserAvailable).each(['en', 'ar'])(
  'the study circles page in %s has no axe violations',
  (locale) => {
    it('for a learner who has not joined', async () => {
      await audit(world.sessions.learner.cookies, locale, world.paths.circles());
    });

    it('for a learner whose choice was refused', async () => {
      const context = await openInjectedContext(browser, {
        app: world.ctx.app,
        baseUrl: world.ctx.config.baseUrl,
        cookies: waiting.session.cookies,
        locale,
      });
      try {
        const page = await context.newPage();
        await page.goto(world.paths.circles());
        // Seven ticked languages and the preferred one are more than a circle takes.
        const boxes = page.locator('#circle-languages input[type="checkbox"]');
        for (let index = 0; index < 7; index += 1) await boxes.nth(index).check();
        const [response] = await Promise.all([
          page.waitForResponse((answer) => answer.url().endsWith('/circles/join')),
          page.locator('form[action$="/circles/join"] button[type="submit"]').click(),
        ]);
        expect(response.status()).toBe(400);
        await page.waitForLoadState();
        await expect(page.locator('#circle-primary-error').count()).resolves.toBe(1);
        await expectNoAxeViolations(page, locale);
      } finally {
        await context.close();
      }
    });

    it('for a learner waiting for a circle', async () => {
      await audit(waiting.session.cookies, locale, `${world.paths.circles()}?done=waiting`);
    });

    it('for a learner in a circle', async () => {
      await audit(seated.session.cookies, locale, `${world.paths.circles()}?done=seated`);
    });

    it('for course staff, with circles and a waiting list', async () => {
      await audit(world.sessions.lead.cookies, locale, `${world.paths.circles()}?done=formed&seated=3`);
    });
  },
);
