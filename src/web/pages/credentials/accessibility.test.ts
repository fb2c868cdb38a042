import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCredential } from '../../../modules/credentials/index.ts';
import { hasChromium, launchBrowser } from '../../../../test/e2e/support/browser.ts';
import {
  auditInjectedPage,
  expectNoAxeViolations,
  openInjectedContext,
} from '../../../../test/support/injected-browser.ts';
import { getCsrf } from '../../../../test/support/app.ts';
import { createCredentialPagesWorld, type CredentialPagesWorld, type Role } from './test-world.ts';

/*
 * axe (WCAG 2.2 AA, the rule set of the browser journeys) over the credential pages as a browser
 * renders them, styles and islands included. Every request of the browser is answered by the
 * application under test through app.inject, so no server or socket is needed.
 */

// npm test must pass on a machine without a browser; CI installs Chromium, so it runs there.
const browserAvailable = hasChromium();
let world: CredentialPagesWorld;
let browser: Browser;
let jwt: string;
beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createCredentialPagesWorld();
  jwt = (await getCredential(world.world.registrar.ctx, world.holder.uuid)).jwt;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
});

const LOCALES = ['en', 'ar'] as const;

/** A browser context whose every request to the app is answered by app.inject, as `role`. */
function openAs(role: Role, locale: string): Promise<BrowserContext> {
  return openWithCookies(role === 'anonymous' ? '' : world.visitors[role].cookies, locale);
}

function openWithCookies(cookies: string, locale: string): Promise<BrowserContext> {
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

describe.skipIf(!browserAvailable).each(LOCALES)('the credential pages in %s have no axe violations', (locale) => {
  it('my credentials, with a credential and empty', async () => {
    await audit('holder', locale, '/account/credentials');
    await audit('otherLearner', locale, '/account/credentials');
  });

  it('a credential’s page, as its holder and as the issuer’s registrar', async () => {
    await audit('holder', locale, `/credentials/${world.holder.uuid}`);
    await audit('registrar', locale, `/credentials/${world.holder.uuid}`);
  });

  it('a public credential’s page with its share links, as its holder', async () => {
    const { person, uuid } = await world.issueCredentialTo(`Ines ${locale}`);
    const session = await getCsrf(world.ctx.app, await world.signInAs(person.user.email));
    const context = await openWithCookies(session.cookies, locale);
    try {
      const page = await context.newPage();
      await page.goto(`/credentials/${uuid}`);
      await page.getByRole('button', { name: locale === 'ar' ? 'اجعلها عامة' : 'Make public' }).click();
      await page.waitForURL(/notice=public/);
      await expect(page.locator('#credential-public-link').inputValue()).resolves.toContain(uuid);
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });

  it('the verification form, and its result for a pasted credential and for a link by id', async () => {
    await audit('anonymous', locale, '/verify');
    await audit('holder', locale, `/verify?credential=${world.holder.uuid}`);
    const context = await openAs('anonymous', locale);
    try {
      const page = await context.newPage();
      await page.goto('/verify');
      await page.locator('#verify-credential').fill(jwt);
      await page.locator('#verify-credential').press('Tab');
      await Promise.all([page.waitForURL('**/verify'), page.locator('form[action="/verify"] button').first().click()]);
      await expect(page.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('verified');
      await expectNoAxeViolations(page, locale);
    } finally {
      await context.close();
    }
  });
});
