import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { checkAccessibility } from './support/browser.ts';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { mainOf, shouldSee, step } from './support/steps.ts';

const orbis = useOrbis();

/** The demo's joint course: Tsinghua University leads, the University of Nairobi is a partner. */
const JOINT_COURSE = { key: 'climate-data-cities', title: 'Climate Data for Sustainable Cities' };

async function searchFor(page: Page, words: string): Promise<void> {
  await step(page, `search the catalog for "${words}"`, async () => {
    const main = mainOf(page);
    await main.getByRole('searchbox', { name: 'Search courses' }).fill(words);
    await main.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === words);
  });
}

function courseLink(page: Page) {
  return mainOf(page).locator(`a[href="/courses/${JOINT_COURSE.key}"]`);
}

async function openJointCourse(page: Page): Promise<Record<string, unknown>> {
  await step(page, 'open the joint course', async () => {
    await courseLink(page).first().click();
    await shouldSee(page.getByRole('heading', { level: 1, name: JOINT_COURSE.title }));
  });
  return step(page, 'check the owners and the JSON-LD', async () => {
    const main = mainOf(page);
    await shouldSee(main.getByRole('link', { name: 'Tsinghua University' }));
    await shouldSee(main.getByRole('link', { name: 'University of Nairobi' }));
    await shouldSee(main.getByText('Joint course'));
    const text = await page.locator('script[type="application/ld+json"]').textContent();
    return JSON.parse(text ?? '') as Record<string, unknown>;
  });
}

async function expectAccessible(page: Page): Promise<void> {
  const report = await checkAccessibility(page);
  expect(
    report.violations.map((violation) => violation.id),
    report.summary,
  ).toEqual([]);
}

describe('the course catalog', () => {
  test('shows the joint course page with both owners, JSON-LD and no accessibility problems, in Arabic too', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    await step(page, 'open the course page', () => page.goto(`/courses/${JOINT_COURSE.key}`));
    const main = mainOf(page);
    await shouldSee(page.getByRole('heading', { level: 1, name: JOINT_COURSE.title }));
    expect(await main.locator('a[href="/institutions/tsinghua"]').count()).toBeGreaterThan(0);
    expect(await main.locator('a[href="/institutions/nairobi"]').count()).toBeGreaterThan(0);
    const text = await page.locator('script[type="application/ld+json"]').textContent();
    const jsonLd = JSON.parse(text ?? '') as Record<string, unknown>;
    expect(jsonLd).toMatchObject({ '@type': 'Course', courseCode: JOINT_COURSE.key });
    // One instance per run: the scheduled 2027 run and the self-paced one.
    expect(jsonLd.hasCourseInstance).toEqual([
      expect.objectContaining({ '@type': 'CourseInstance', startDate: '2027-02-22' }),
      expect.objectContaining({ '@type': 'CourseInstance', name: expect.stringContaining('self-paced') }),
    ]);
    await expectAccessible(page);
    await step(page, 'open the institution profile of the partner', () => page.goto('/institutions/nairobi'));
    await shouldSee(courseLink(page));
    await step(page, 'open the catalog', () => page.goto('/courses'));
    await expectAccessible(page);
    expectCleanConsole(watched);

    const arabic = await orbis.open({ locale: 'ar' });
    await step(arabic.page, 'open the course page in Arabic', () => arabic.page.goto(`/courses/${JOINT_COURSE.key}`));
    expect(await arabic.page.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(arabic.page);
    expectCleanConsole(arabic);
  });

  test('finds a course by a misspelt word and by a Chinese query, then shows its owners', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    await step(page, 'open the catalog', () => page.goto('/courses'));
    await searchFor(page, 'climte dta');
    await shouldSee(courseLink(page));
    await searchFor(page, '气候数据');
    await shouldSee(courseLink(page));

    const jsonLd = await openJointCourse(page);
    expect(jsonLd['@type']).toBe('Course');
    expect(jsonLd.courseCode).toBe(JOINT_COURSE.key);
    expect(jsonLd.offers).toEqual([expect.objectContaining({ '@type': 'Offer', price: 0 })]);
    expect(Array.isArray(jsonLd.hasCourseInstance)).toBe(true);
    expectCleanConsole(watched);
  });

  test('works without JavaScript: search, tick a facet, open the course', async () => {
    const watched = await orbis.open({ locale: 'en', javaScriptEnabled: false });
    const { page } = watched;
    await step(page, 'open the catalog', () => page.goto('/courses'));
    await searchFor(page, 'climate');
    await step(page, 'filter by Tsinghua University', async () => {
      await mainOf(page)
        .getByRole('checkbox', { name: /Tsinghua University/ })
        .check();
      await mainOf(page).getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL((url) => url.searchParams.getAll('institution').includes('tsinghua'));
    });
    await shouldSee(courseLink(page));
    const jsonLd = await openJointCourse(page);
    expect(jsonLd.name).toBe(JOINT_COURSE.title);
    expectCleanConsole(watched);
  });
});
