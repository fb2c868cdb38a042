import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility, hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
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
const DROPPED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie']);

/** A browser context whose every request to the app is answered by app.inject, as the admin. */
async function openAsAdmin(locale: string): Promise<BrowserContext> {
  const base = world.ctx.config.baseUrl;
  const context = await browser.newContext({ baseURL: base, locale, extraHTTPHeaders: { 'accept-language': locale } });
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== base) return route.abort();
    const headers: Record<string, string> = { ...request.headers(), cookie: world.visitors.admin.cookies };
    delete headers['accept-encoding'];
    const response = await world.ctx.app.inject({
      method: request.method() as 'GET' | 'POST',
      url: `${url.pathname}${url.search}`,
      headers,
      payload: request.postDataBuffer() ?? undefined,
    });
    const answered = Object.entries(response.headers).filter(([name]) => !DROPPED_HEADERS.has(name));
    await route.fulfill({
      status: response.statusCode,
      headers: Object.fromEntries(answered.map(([name, value]) => [name, String(value)])),
      body: response.rawPayload,
    });
  });
  return context;
}

async function expectNoViolations(page: Page, locale: string) {
  expect(await page.locator('html').getAttribute('lang')).toBe(locale);
  const report = await checkAccessibility(page);
  expect(
    report.violations.map((violation) => violation.id),
    report.summary,
  ).toEqual([]);
}

describe.skipIf(!browserAvailable).each(LOCALES)('the signing keys page in %s has no axe violations', (locale) => {
  it('with no key yet', async () => {
    const context = await openAsAdmin(locale);
    try {
      const page = await context.newPage();
      expect((await page.goto('/institutions/epsilon/keys'))?.status()).toBe(200);
      await expectNoViolations(page, locale);
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
      await expectNoViolations(page, locale);
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
      await expectNoViolations(page, locale);
    } finally {
      await context.close();
    }
  });
});
