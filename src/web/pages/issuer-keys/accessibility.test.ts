import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import { expectNoAxeViolations, openInjectedContext } from '../../../../test/support/injected-browser.ts';
import { createIssuerKeysWorld, type IssuerKeysWorld } from './test-world.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the signing keys page as a
 * browser renders it, as the institution's admin. Every request of the browser is answered by
 * the application under test through app.inject, so no server or socket is needed.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let world: IssuerKeysWorld;
let browser: Browser;
beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createIssuerKeysWorld();
  // A retired key, a compromised one with its reason, and the active one that replaced it.
  await world.post('admin', '/institutions/delta/keys/rotate');
  await world.post('admin', '/institutions/delta/keys/rotate');
  await world.post('admin', '/institutions/delta/keys/2/compromised', { reason: 'A laptop was stolen.' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const LOCALES = ['en', 'ar'] as const;

/** A browser context whose every request to the app is answered by app.inject, as the admin. */
function openAsAdmin(locale: string): Promise<BrowserContext> {
  const cookies = world.visitors.admin.cookies;
  return openInjectedContext(browser, { app: world.ctx.app, baseUrl: world.ctx.config.baseUrl, cookies, locale });
}

describe.skipIf(!browserAvailable).each(LOCALES)('the signing keys page in %s has no axe violations', (locale) => {
  it('with no key yet', async () => {
    const context = await openAsAdmin(locale);
    try {
      const page = await context.newPage();
      expect((await page.goto('/institutions/epsilon/keys'))?.status()).toBe(200);
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });

  it('with retired, compromised and active keys, every disclosure open', async () => {
    const context = await openAsAdmin(locale);
    try {
      const page = await context.newPage();
      expect((await page.goto('/institutions/delta/keys'))?.status()).toBe(200);
      for (const summary of await page.locator('summary').all()) await summary.click();
      await expect(page.locator('details[open]').count()).resolves.toBeGreaterThanOrEqual(4);
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });

  it('after a report without a reason, with the form and its errors shown', async () => {
    const context = await openAsAdmin(locale);
    try {
      const page = await context.newPage();
      await page.goto('/institutions/delta/keys');
      const form = page.locator('form[action="/institutions/delta/keys/3/compromised"]');
      await page.locator('details', { has: form }).locator('summary').click();
      const [response] = await Promise.all([
        page.waitForResponse((answer) => answer.url().endsWith('/keys/3/compromised')),
        form.locator('button[type="submit"]').click(),
      ]);
      expect(response.status()).toBe(400);
      await page.waitForLoadState();
      await expect(page.locator('#compromise-reason-3[aria-invalid="true"]').count()).resolves.toBe(1);
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });
});
