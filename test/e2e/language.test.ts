import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { switchLanguage } from './support/journeys.ts';
import { mainOf, step } from './support/steps.ts';

const orbis = useOrbis();

const ARABIC = /[\u0600-\u06FF]/;
const CHINESE = /[\u4E00-\u9FFF]/;

describe('a reader changing the language from the header', () => {
  test('gets the page in Arabic, right to left, and then in Simplified Chinese', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    await step(page, 'open the home page', () => page.goto('/'));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await switchLanguage(page, 'ar', true);
    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await mainOf(page).getByRole('heading', { level: 1 }).textContent()).toMatch(ARABIC);
    expect(new URL(page.url()).pathname).toBe('/');

    await switchLanguage(page, 'zh-Hans', true);
    expect(await html.getAttribute('lang')).toBe('zh-Hans');
    expect(await html.getAttribute('dir')).toBe('ltr');
    expect(await mainOf(page).getByRole('heading', { level: 1 }).textContent()).toMatch(CHINESE);

    expectCleanConsole(watched);
  });

  test('keeps the chosen language on the page where it was chosen', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    await step(page, 'open the directory', () => page.goto('/institutions'));
    await switchLanguage(page, 'ar', true);
    expect(new URL(page.url()).pathname).toBe('/institutions');
    await step(page, 'open the home page again', () => page.goto('/'));
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');

    expectCleanConsole(watched);
  });
});
