import type { Page } from 'playwright-core';
import { headerOf, mainOf, shouldNotSee, shouldSee, step } from './steps.ts';

export type NewUser = { name: string; email: string; password: string; country: string; language: string };

export const DEMO_LEARNER = { email: 'learner@demo.orbis.test', password: 'orbis-demo-2020' };

/** Home page, then the header's "Create account" link, then the form, then "check your email". */
export async function signUp(page: Page, user: NewUser): Promise<void> {
  await step(page, 'open the home page', () => page.goto('/'));
  await step(page, 'follow "Create account" in the header', async () => {
    await headerOf(page).getByRole('link', { name: 'Create account' }).click();
    await page.waitForURL('**/sign-up');
  });
  const main = mainOf(page);
  await step(page, 'fill in the sign-up form', async () => {
    await main.getByLabel(/name/i).first().fill(user.name);
    await main
      .getByLabel(/e-?mail/i)
      .first()
      .fill(user.email);
    await main
      .getByLabel(/^password/i)
      .first()
      .fill(user.password);
    await main
      .getByLabel(/country/i)
      .first()
      .selectOption(user.country);
    await main
      .getByLabel(/language/i)
      .first()
      .selectOption(user.language);
  });
  await step(page, 'submit the sign-up form', () =>
    main.getByRole('button', { name: /create account|sign up|register/i }).click(),
  );
  await step(page, 'see the "check your email" page', () =>
    shouldSee(main.getByRole('heading', { level: 1, name: /check your (e-?mail|inbox)/i })),
  );
}

/** Opens the development mailbox from the header and follows the newest verification link. */
export async function verifyEmailFromMailbox(page: Page, email: string): Promise<void> {
  await step(page, 'follow "Mailbox" in the header', async () => {
    await headerOf(page).getByRole('link', { name: 'Mailbox' }).click();
    await page.waitForURL('**/dev/mail');
  });
  const main = mainOf(page);
  await step(page, `open the newest message to ${email}`, async () => {
    const entry = main.locator('tr, li, article').filter({ hasText: email }).first();
    await shouldSee(entry);
    await entry.getByRole('link').first().click();
    await page.waitForLoadState('domcontentloaded');
  });
  await step(page, 'follow the verification link in the message', async () => {
    const link = main.locator('a[href*="verify"]').first();
    if ((await link.count()) > 0) {
      await link.click();
    } else {
      // A plain-text message: the reader copies the address into the browser.
      const text = (await main.textContent()) ?? '';
      const url = /https?:\/\/\S*verify\S*/.exec(text)?.[0];
      if (!url) throw new Error('The message contains no verification link.');
      await page.goto(url);
    }
    await page.waitForLoadState('domcontentloaded');
  });
}

export async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await step(page, `see "${name}" in the header`, () =>
    shouldSee(headerOf(page).getByRole('link', { name, exact: true })),
  );
}

export async function signOut(page: Page): Promise<void> {
  await step(page, 'press "Sign out" in the header', async () => {
    await headerOf(page).getByRole('button', { name: 'Sign out' }).click();
    await shouldSee(headerOf(page).getByRole('link', { name: 'Sign in' }));
  });
}

/** The header's "Sign in" link, then the labelled form. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await step(page, 'follow "Sign in" in the header', async () => {
    await headerOf(page).getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in**');
  });
  const main = mainOf(page);
  await step(page, 'fill in and submit the sign-in form', async () => {
    await main
      .getByLabel(/e-?mail/i)
      .first()
      .fill(email);
    await main
      .getByLabel(/^password/i)
      .first()
      .fill(password);
    await main.getByRole('button', { name: /sign in/i }).click();
    await shouldNotSee(headerOf(page).getByRole('link', { name: 'Sign in' }));
  });
}

/** Distinct links to institution profiles in the page's main area (not filters or pagination). */
export async function listInstitutionLinks(page: Page): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const anchor of await mainOf(page).locator('a[href^="/institutions/"]').all()) {
    const href = (await anchor.getAttribute('href')) ?? '';
    const text = ((await anchor.textContent()) ?? '').trim();
    if (/^\/institutions\/[a-z0-9-]+$/.test(href) && !found.has(href)) found.set(href, text);
  }
  return found;
}

/** Picks a filter value whether the page offers a select, radio buttons or plain links. */
export async function chooseFilter(page: Page, field: RegExp, value: RegExp, withScript: boolean): Promise<void> {
  const main = mainOf(page);
  const before = page.url();
  const select = main.getByRole('combobox', { name: field }).first();
  if ((await select.count()) > 0) {
    let chosen: string | null = null;
    for (const option of await select.locator('option').all()) {
      if (value.test((await option.textContent()) ?? '')) chosen = await option.getAttribute('value');
    }
    if (chosen === null) throw new Error(`No option matching ${value} in the ${field} filter.`);
    await select.selectOption(chosen);
  } else if ((await main.getByRole('radio', { name: value }).count()) > 0) {
    await main.getByRole('radio', { name: value }).first().check();
  } else {
    await main.getByRole('link', { name: value }).first().click();
    await page.waitForLoadState('domcontentloaded');
    return;
  }
  if (withScript) {
    const moved = await page
      .waitForURL((url) => url.href !== before, { timeout: 2_000 })
      .then(
        () => true,
        () => false,
      );
    if (moved) return;
  }
  await main
    .getByRole('button', { name: /filter|apply|search|show/i })
    .first()
    .click();
  await page.waitForLoadState('domcontentloaded');
}

export type DirectoryVisit = { listed: string[]; filtered: string[] };

/** Header link to the directory, region filter, then an institution's profile. */
export async function browseDirectory(page: Page, withScript: boolean): Promise<DirectoryVisit> {
  await step(page, 'open the home page', () => page.goto('/'));
  await step(page, 'follow "Alliance" in the header', async () => {
    await headerOf(page).getByRole('link', { name: 'Alliance' }).click();
    await page.waitForURL('**/institutions');
  });
  const listed = [...(await listInstitutionLinks(page)).values()];
  await step(page, 'filter by region Africa', async () => {
    await chooseFilter(page, /region/i, /africa/i, withScript);
    await shouldSee(mainOf(page).getByRole('link', { name: 'University of Nairobi' }));
  });
  const filtered = [...(await listInstitutionLinks(page)).values()];
  await step(page, 'open the University of Nairobi profile', async () => {
    await mainOf(page).getByRole('link', { name: 'University of Nairobi' }).first().click();
    await shouldSee(page.getByRole('heading', { level: 1, name: 'University of Nairobi' }));
  });
  return { listed, filtered };
}

/**
 * The header's language switcher: choose a language; with JavaScript the form submits itself,
 * without it the reader presses the Apply button.
 */
export async function switchLanguage(page: Page, locale: string, withScript: boolean): Promise<void> {
  await step(page, `switch the language to ${locale}`, async () => {
    const header = headerOf(page);
    await header.getByRole('combobox').first().selectOption(locale);
    if (!withScript) await header.locator('form.language-switcher button[type="submit"]').click();
    await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached', timeout: 10_000 });
  });
}
