import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { step } from './support/steps.ts';

const orbis = useOrbis();

const PAGES = [
  '/',
  '/institutions',
  '/institutions/tsinghua',
  '/sign-in',
  '/sign-up',
  '/password/forgot',
  '/dev/mail',
  '/api/docs',
];

describe('the Content-Security-Policy', () => {
  test('is sent with every page and no page breaks it or logs an error', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    for (const path of PAGES) {
      const response = await step(page, `open ${path}`, () => page.goto(path));
      const policy = response?.headers()['content-security-policy'] ?? '';
      expect(policy, `CSP header of ${path}`).toContain("script-src 'self'");
      await page.waitForLoadState('networkidle');
    }
    expectCleanConsole(watched);
  });

  test('violations are noticed by the watcher, so a clean result means something', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    await step(page, 'open the home page', () => page.goto('/'));
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.title = "changed";';
      document.body.append(script);
    });
    await page.waitForTimeout(200);
    expect(await page.title()).not.toBe('changed');
    expect(watched.problems.some((problem) => problem.kind === 'csp')).toBe(true);
  });
});
