import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkAccessibility } from './support/browser.ts';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { DEMO_LEARNER, signIn, signOut, switchLanguage } from './support/journeys.ts';
import { step } from './support/steps.ts';

const orbis = useOrbis();

const LOCALES = ['en', 'ar'] as const;
const PUBLIC_PAGES: Array<{ path: string; status: number }> = [
  { path: '/', status: 200 },
  { path: '/institutions', status: 200 },
  { path: '/institutions/tsinghua', status: 200 },
  { path: '/sign-in', status: 200 },
  { path: '/sign-up', status: 200 },
  { path: '/password/forgot', status: 200 },
  { path: '/dev/mail', status: 200 },
  { path: '/api/docs', status: 200 },
  { path: '/sign-up/check-email?email=ada%40example.org', status: 200 },
  { path: '/verification-email', status: 200 },
  { path: '/password/reset?token=not-a-real-token', status: 200 },
  { path: '/invitations/not-a-real-token', status: 404 },
  { path: '/no-such-page-here', status: 404 },
  { path: '/courses', status: 200 },
  { path: '/courses?q=climat&language=en', status: 200 },
  { path: '/courses/climate-data-cities', status: 200 },
  { path: '/courses/ai-introduction', status: 200 },
  { path: '/courses/no-such-course', status: 404 },
];
const NARROW_PAGES = ['/', '/institutions', '/courses', '/courses/climate-data-cities'];
const STUDIO = '/studio/courses/climate-data-cities';
const SIGNED_IN_PAGES: Array<{ email: string; path: string }> = [
  { email: DEMO_LEARNER.email, path: '/account' },
  { email: 'admin@demo.orbis.test', path: '/institutions/nairobi/manage' },
  { email: 'secretariat@demo.orbis.test', path: '/institutions/new' },
  { email: 'secretariat@demo.orbis.test', path: '/institutions/tsinghua/manage' },
  { email: 'instructor@demo.orbis.test', path: '/studio' },
  { email: 'instructor@demo.orbis.test', path: '/studio/new' },
  { email: 'instructor@demo.orbis.test', path: '/studio/import' },
  { email: 'instructor@demo.orbis.test', path: STUDIO },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/settings` },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/team` },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/runs` },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/history` },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/preview` },
  { email: 'instructor@demo.orbis.test', path: `${STUDIO}/export` },
];

async function auditPage(page: Page, path: string, locale: string, status: number): Promise<void> {
  const response = await step(page, `open ${path}`, () => page.goto(path));
  expect(response?.status(), `HTTP status of ${path}`).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), `language of ${path}`).toBe(locale);
  const report = await checkAccessibility(page);
  expect(
    report.violations.map((violation) => violation.id),
    report.summary,
  ).toEqual([]);
}

describe.each(LOCALES)('accessibility in %s', (locale) => {
  test.each(PUBLIC_PAGES)('$path has no WCAG 2.2 AA violations', async ({ path, status }) => {
    const watched = await orbis.open({ locale });
    try {
      await auditPage(watched.page, path, locale, status);
      expectCleanConsole(watched, { allowNotFound: status === 404 });
    } finally {
      await watched.close();
    }
  });

  test.each(SIGNED_IN_PAGES)('$path, signed in as $email, has no WCAG 2.2 AA violations', async ({ email, path }) => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    try {
      await step(page, 'open the home page', () => page.goto('/'));
      await signIn(page, email, DEMO_LEARNER.password);
      // The account's own preference outranks the browser's language, so set it as a reader would.
      await step(page, `open ${path}`, () => page.goto(path));
      if (locale !== 'en') await switchLanguage(page, locale, true);
      await auditPage(page, path, locale, 200);
      if (locale !== 'en') await switchLanguage(page, 'en', true);
      expectCleanConsole(watched);
    } finally {
      await watched.close();
    }
  });

  test('the block, question and unit preview pages of the studio have no WCAG 2.2 AA violations', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    try {
      await step(page, 'open the home page', () => page.goto('/'));
      await signIn(page, 'instructor@demo.orbis.test', DEMO_LEARNER.password);
      await step(page, 'open the outline', () => page.goto(STUDIO));
      const links = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('main a[href*="/blocks/"]')].map((link) => link.pathname),
      );
      const blockPaths = [...new Set(links.filter((path) => /\/blocks\/[^/]+$/.test(path)))];
      expect(blockPaths.length).toBeGreaterThan(3);
      const pages: string[] = [];
      for (const path of blockPaths) {
        await step(page, `open ${path}`, () => page.goto(path));
        const question = await page.evaluate(
          () => document.querySelector<HTMLAnchorElement>('main a[href*="/questions/"]')?.pathname ?? null,
        );
        if (question && !question.endsWith('/new')) pages.push(question);
      }
      pages.push(...blockPaths);
      await step(page, 'open the preview', () => page.goto(`${STUDIO}/preview`));
      const unit = await page.evaluate(
        () => document.querySelector<HTMLAnchorElement>('main a[href*="/preview/units/"]')?.pathname ?? null,
      );
      if (unit) pages.push(unit);
      if (locale !== 'en') await switchLanguage(page, locale, true);
      for (const path of pages) await auditPage(page, path, locale, 200);
      if (locale !== 'en') await switchLanguage(page, 'en', true);
      expectCleanConsole(watched);
    } finally {
      await watched.close();
    }
  });

  test('the learner and staff pages of a run have no WCAG 2.2 AA violations', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    const run = '/learn/circular-design/self-paced';
    const linkIn = (selector: string) =>
      page.evaluate((css) => document.querySelector<HTMLAnchorElement>(css)?.pathname ?? null, selector);
    try {
      await step(page, 'open the home page', () => page.goto('/'));
      await signIn(page, DEMO_LEARNER.email, DEMO_LEARNER.password);
      await step(page, 'resume the demo learner’s course', () => page.goto(`${run}/resume`));
      const unit = new URL(page.url()).pathname;
      await step(page, 'open the outline', () => page.goto(run));
      const units = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLAnchorElement>('main a[href*="/units/"]')].map((link) => link.pathname),
      );
      await step(page, 'open the unit with the practice quiz', () => page.goto(units[1]!));
      const quiz = await linkIn('main a[href*="/quizzes/"]');
      await step(page, 'open the practice quiz', () => page.goto(quiz!));
      const attempt = await linkIn('main a[href*="/attempts/"]');
      const pages = [
        '/learn',
        run,
        unit,
        quiz!,
        attempt!,
        `${run}/progress`,
        '/courses/circular-design',
        '/courses/circular-design/runs/self-paced/unenroll',
        '/account/learning-data',
      ];
      if (locale !== 'en') await switchLanguage(page, locale, true);
      for (const path of pages) await auditPage(page, path, locale, 200);
      await step(page, 'start an attempt of the practice quiz', async () => {
        await page.goto(quiz!);
        // The other language's run of this test may already have an attempt open.
        const start = page.getByRole('main').locator('form[action$="/start"] button');
        if ((await start.count()) > 0) {
          await start.click();
          await page.waitForLoadState('domcontentloaded');
        }
        expect(await page.getByRole('main').locator('form[action$="/submit"]').count()).toBe(1);
      });
      const report = await checkAccessibility(page);
      expect(
        report.violations.map((violation) => violation.id),
        report.summary,
      ).toEqual([]);
      if (locale !== 'en') await switchLanguage(page, 'en', true);
      await signOut(page);
      await signIn(page, 'instructor.polimi@demo.orbis.test', DEMO_LEARNER.password);
      if (locale !== 'en') await switchLanguage(page, locale, true);
      for (const path of ['learners', 'gradebook']) {
        await auditPage(page, `/studio/courses/circular-design/runs/self-paced/${path}`, locale, 200);
      }
      if (locale !== 'en') await switchLanguage(page, 'en', true);
      expectCleanConsole(watched);
    } finally {
      await watched.close();
    }
  }, 120_000);

  test.each(NARROW_PAGES)('%s fits a 320 px wide screen without horizontal scrolling', async (path) => {
    const watched = await orbis.open({ locale, viewport: { width: 320, height: 640 } });
    const { page } = watched;
    try {
      await step(page, `open ${path}`, () => page.goto(path));
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `scroll width of ${path} at 320 px`).toBeLessThanOrEqual(320);
      expectCleanConsole(watched);
    } finally {
      await watched.close();
    }
  });
});

test('the audit reports a violation when a page has one, so a clean result means something', async () => {
  const watched = await orbis.open({ locale: 'en' });
  const { page } = watched;
  try {
    await step(page, 'open the home page', () => page.goto('/'));
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.src = '/assets/missing.png';
      document.querySelector('main')?.append(image);
    });
    const report = await checkAccessibility(page);
    expect(report.violations.map((violation) => violation.id)).toContain('image-alt');
    expect(report.summary).toContain('image-alt');
  } finally {
    await watched.close();
  }
});
