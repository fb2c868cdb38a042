import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import {
  browseDirectory,
  expectSignedInAs,
  signIn,
  signOut,
  signUp,
  switchLanguage,
  verifyEmailFromMailbox,
  type NewUser,
} from './support/journeys.ts';
import { step, uniqueEmail } from './support/steps.ts';

const orbis = useOrbis();

describe('a reader whose browser runs no JavaScript', () => {
  test('signs up, confirms the address, signs out and signs back in', async () => {
    const watched = await orbis.open({ locale: 'en', javaScriptEnabled: false });
    const { page } = watched;
    const user: NewUser = {
      name: 'Chen Xiaoming',
      email: uniqueEmail('chen'),
      password: 'yellow-river-lantern-88',
      country: 'CN',
      language: 'en',
    };

    await signUp(page, user);
    await verifyEmailFromMailbox(page, user.email);
    await expectSignedInAs(page, user.name);
    await signOut(page);
    await signIn(page, user.email, user.password);
    await expectSignedInAs(page, user.name);

    expectCleanConsole(watched);
  });

  test('browses the directory, filters by region and opens a profile', async () => {
    const watched = await orbis.open({ locale: 'en', javaScriptEnabled: false });
    const { listed, filtered } = await browseDirectory(watched.page, false);

    expect(listed).toHaveLength(20);
    expect(filtered.some((text) => text.includes('University of Nairobi'))).toBe(true);
    expect(filtered.some((text) => text.includes('Tsinghua University'))).toBe(false);

    expectCleanConsole(watched);
  });

  test('switches the language with the Apply button', async () => {
    const watched = await orbis.open({ locale: 'en', javaScriptEnabled: false });
    const { page } = watched;
    await step(page, 'open the home page', () => page.goto('/'));
    await switchLanguage(page, 'ar', false);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await switchLanguage(page, 'zh-Hans', false);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hans');

    expectCleanConsole(watched);
  });
});
