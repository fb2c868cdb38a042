import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import {
  auditInjectedPage,
  expectNoAxeViolations,
  openInjectedContext,
} from '../../../../test/support/injected-browser.ts';
import { createProgramPagesWorld, PROGRAMS, type ProgramPagesWorld, type Role } from './test-world.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the program pages as a browser
 * renders them, styles and islands included. Every request of the browser is answered by the
 * application under test through app.inject, so no server or socket is needed.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let world: ProgramPagesWorld;
let browser: Browser;
beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createProgramPagesWorld();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const LOCALES = ['en', 'ar'] as const;

/** A browser context whose every request to the app is answered by app.inject, as `role`. */
function openAs(role: Role, locale: string): Promise<BrowserContext> {
  const cookies = role === 'anonymous' ? '' : world.visitors[role].cookies;
  return openInjectedContext(browser, { app: world.ctx.app, baseUrl: world.ctx.config.baseUrl, cookies, locale });
}

function audit(role: Role, locale: string, path: string, status = 200): Promise<void> {
  const cookies = role === 'anonymous' ? '' : world.visitors[role].cookies;
  return auditInjectedPage(
    browser,
    { app: world.ctx.app, baseUrl: world.ctx.config.baseUrl, cookies, locale },
    path,
    status,
  );
}

describe.skipIf(!browserAvailable).each(LOCALES)('the program pages in %s have no axe violations', (locale) => {
  it('the list of programs', async () => {
    await audit('anonymous', locale, '/programs');
  });

  it('a program’s page, anonymous and with a learner’s progress', async () => {
    await audit('anonymous', locale, `/programs/${PROGRAMS.all}`);
    await audit('partial', locale, `/programs/${PROGRAMS.all}`);
    await audit('complete', locale, `/programs/${PROGRAMS.all}`);
  });

  it('a program’s page offering to issue an earned certificate', async () => {
    const key = `late-${locale}`;
    await world.defineProgram(key);
    await audit('complete', locale, `/programs/${key}`);
  });

  it('the new-program form, empty and with its messages', async () => {
    const form = `/institutions/${world.institutions.lead.key}/programs/new`;
    await audit('leadAdmin', locale, form);
    const context = await openAs('leadAdmin', locale);
    try {
      const page = await context.newPage();
      await page.goto(form);
      await page.locator('#key').fill('Not A Key');
      await Promise.all([page.waitForURL(`**/institutions/*/programs`), page.locator('form.form button').click()]);
      await expect(page.locator('[role="alert"]').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('#key').getAttribute('aria-invalid')).resolves.toBe('true');
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });
});
