import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { signIn, signOut } from './support/journeys.ts';
import { headerOf, mainOf, shouldSee, step } from './support/steps.ts';

const orbis = useOrbis();
const PASSWORD = 'orbis-demo-2020';
const TSINGHUA_INSTRUCTOR = 'instructor@demo.orbis.test';
const NAIROBI_INSTRUCTOR = 'instructor.nairobi@demo.orbis.test';
const TITLE = 'Coastal Resilience Planning';
const TITLE_ZH = '沿海韧性规划';

async function submit(page: Page, name: string): Promise<void> {
  await mainOf(page).getByRole('button', { name, exact: true }).first().click();
  await page.waitForLoadState('domcontentloaded');
}

async function startJointCourse(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'start a course led by Tsinghua with Nairobi as partner', async () => {
    await page.goto('/studio/new');
    await main.locator('#key').fill(key);
    await main.getByRole('group', { name: 'Partner institutions' }).getByLabel('University of Nairobi').check();
    await main.locator('#title').fill(TITLE);
    await submit(page, 'Create course');
    await page.waitForURL(`**/studio/courses/${key}/settings**`);
  });
  await step(page, 'give the course a Chinese title', async () => {
    await main.locator('#addLanguage').selectOption('zh-Hans');
    await submit(page, 'Add language');
    await main.locator('#title-zh-Hans').fill(TITLE_ZH);
    await submit(page, 'Save settings');
    await shouldSee(main.getByRole('heading', { name: 'Course settings' }));
  });
  await step(page, 'add the first week', async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('Title of a new section').fill('Week 1: Rising seas');
    await submit(page, 'Add section');
    await main.getByLabel('Title of a new unit in “Week 1: Rising seas”').fill('Tides and storms');
    await submit(page, 'Add unit');
    await shouldSee(main.getByRole('heading', { name: 'Tides and storms' }));
  });
}

async function inviteNairobiInstructor(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'invite the Nairobi instructor to teach', async () => {
    await page.goto(`/studio/courses/${key}/team`);
    await main.getByLabel('E-mail address').fill(NAIROBI_INSTRUCTOR);
    await main.getByLabel('Role', { exact: true }).selectOption('instructor');
    await main.getByLabel('Teaches for').selectOption({ label: 'University of Nairobi' });
    await main.getByRole('button', { name: 'Send invitation' }).click();
    await shouldSee(main.getByText('The invitation was sent.'));
  });
}

async function acceptFromMailbox(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'follow the invitation in the mailbox and accept it', async () => {
    await headerOf(page).getByRole('link', { name: 'Mailbox' }).click();
    const entry = main
      .locator('tr, li, article')
      .filter({ hasText: NAIROBI_INSTRUCTOR })
      .filter({ hasText: 'Invitation to teach' });
    await entry.first().getByRole('link').first().click();
    await main.locator('a[href*="/studio/invitations/"]').first().click();
    await main.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL(`**/studio/courses/${key}/team?notice=joined`);
  });
}

async function addReading(page: Page, key: string, title: string, body: string): Promise<void> {
  const main = mainOf(page);
  await step(page, `add the reading "${title}"`, async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('New block in “Tides and storms”').selectOption('text');
    await submit(page, 'Add block');
    await main.locator('#block-title').fill(title);
    await main.locator('#block-body').fill(body);
    await submit(page, 'Create block');
    await shouldSee(main.getByText('Created.'));
  });
}

async function publish(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'publish the course as its lead instructor', async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('Release message').fill('First edition, written in Beijing and Nairobi');
    await submit(page, 'Publish');
    await page.waitForURL(`**/studio/courses/${key}/history**`);
    await shouldSee(main.getByRole('heading', { name: 'Release 1' }));
  });
}

async function findInCatalog(page: Page, query: string, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, `search the catalog for "${query}"`, async () => {
    await page.goto(`/courses?q=${encodeURIComponent(query)}`);
    await shouldSee(main.locator(`a[href="/courses/${key}"]`).first());
  });
}

describe('a joint course, from two studios to the public catalog', () => {
  test('instructors of Tsinghua and Nairobi author it together; anyone finds it misspelled or in Chinese', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    const key = `coastal-${Date.now().toString(36)}`;
    await step(page, 'open the home page', () => page.goto('/'));
    await signIn(page, TSINGHUA_INSTRUCTOR, PASSWORD);
    await startJointCourse(page, key);
    await inviteNairobiInstructor(page, key);
    await addReading(page, key, 'Why coasts flood', 'Storm surges ride on **rising seas**.');
    await signOut(page);

    await signIn(page, NAIROBI_INSTRUCTOR, PASSWORD);
    await acceptFromMailbox(page, key);
    await addReading(page, key, 'Mombasa case study', 'Mangroves protect the **Kenyan** coast.');
    await step(page, 'see that an instructor may not publish', async () => {
      await page.goto(`/studio/courses/${key}`);
      expect(await mainOf(page).getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    });
    await signOut(page);

    await step(page, 'check the draft is not public before it is published', async () => {
      const response = await page.goto(`/courses/${key}`);
      expect(response?.status()).toBe(404);
    });
    await signIn(page, TSINGHUA_INSTRUCTOR, PASSWORD);
    await publish(page, key);
    await signOut(page);

    await findInCatalog(page, 'coastl resilence', key);
    await findInCatalog(page, '沿海', key);
    const main = mainOf(page);
    await step(page, 'open the course page', async () => {
      await main.locator(`a[href="/courses/${key}"]`).first().click();
      await shouldSee(main.getByRole('heading', { level: 1, name: TITLE }));
    });
    await step(page, 'see both institutions, the syllabus and both instructors', async () => {
      await shouldSee(main.getByRole('link', { name: 'Tsinghua University' }).first());
      await shouldSee(main.getByRole('link', { name: 'University of Nairobi' }).first());
      await shouldSee(main.getByText('Tides and storms'));
      await shouldSee(main.getByText('Joint course').first());
    });
    const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
    const course = JSON.parse(jsonLd ?? '{}') as {
      '@type': string;
      name: string;
      provider: { name: string };
      contributor?: Array<{ name: string }>;
    };
    expect(course['@type']).toBe('Course');
    expect(course.name).toBe(TITLE);
    expect(course.provider.name).toBe('Tsinghua University');
    expect(course.contributor?.map((organization) => organization.name)).toEqual(['University of Nairobi']);
    // The one 404 is the check above that the draft was not public.
    expectCleanConsole(watched, { allowNotFound: true });
  });
});
