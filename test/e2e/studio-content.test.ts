import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { signIn } from './support/journeys.ts';
import { mainOf, shouldSee, step } from './support/steps.ts';

const orbis = useOrbis();
const INSTRUCTOR = { email: 'instructor@demo.orbis.test', password: 'orbis-demo-2020' };

async function createCourse(page: Page, key: string): Promise<void> {
  await step(page, 'create a course from the studio', async () => {
    await page.goto('/studio/new');
    const main = mainOf(page);
    await main.locator('#key').fill(key);
    await main.locator('#title').fill(`Ocean Science ${key}`);
    await main.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL(`**/studio/courses/${key}/settings**`);
  });
}

async function submit(page: Page, name: string): Promise<void> {
  await mainOf(page).getByRole('button', { name, exact: true }).first().click();
  await page.waitForLoadState('domcontentloaded');
}

/** Author a section, a unit, a text block and a quiz question, publish, and read the history. */
async function authorAndPublish(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'add a section on the outline', async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('Title of a new section').fill('Week 1: Currents');
    await submit(page, 'Add section');
    await shouldSee(main.getByRole('heading', { name: 'Week 1: Currents' }));
  });
  await step(page, 'add a unit to the section', async () => {
    await main.getByLabel('Title of a new unit in “Week 1: Currents”').fill('Gulf Stream');
    await submit(page, 'Add unit');
    await shouldSee(main.getByRole('heading', { name: 'Gulf Stream' }));
  });
  await step(page, 'add a text block', async () => {
    await main.getByLabel('New block in “Gulf Stream”').selectOption('text');
    await submit(page, 'Add block');
    await main.locator('#block-title').fill('Why currents matter');
    await main.locator('#block-body').fill('Currents move **heat** around the planet.');
    await submit(page, 'Create block');
    await shouldSee(main.getByText('Created.'));
  });
  await step(page, 'add a quiz block with a question', async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('New block in “Gulf Stream”').selectOption('quiz');
    await submit(page, 'Add block');
    await main.locator('#block-title').fill('Check your understanding');
    await submit(page, 'Create block');
    await main.getByLabel('Kind of the new question').selectOption('single_choice');
    await submit(page, 'Add question');
    await main.locator('#question-prompt').fill('Which way does the Gulf Stream flow?');
    await main.locator('#choice-text-0').fill('North-east');
    await main.locator('#choice-text-1').fill('South-west');
    await main.getByLabel('Choice 1 is correct').check();
    await submit(page, 'Save question');
    await shouldSee(main.getByText('Created.'));
  });
  await step(page, 'publish from the outline', async () => {
    await page.goto(`/studio/courses/${key}`);
    await main.getByLabel('Release message').fill('First release');
    await submit(page, 'Publish');
    await page.waitForURL(`**/studio/courses/${key}/history**`);
  });
  await step(page, 'see release 1 in the history', () => shouldSee(main.getByRole('heading', { name: 'Release 1' })));
  expect(await main.textContent()).toContain('Check your understanding');
}

describe('an author in the studio', () => {
  for (const javaScriptEnabled of [true, false]) {
    test(`builds and publishes a course ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const watched = await orbis.open({ locale: 'en', javaScriptEnabled });
      const { page } = watched;
      const key = `ocean-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now().toString(36)}`;
      await step(page, 'open the home page', () => page.goto('/'));
      await signIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      await createCourse(page, key);
      await authorAndPublish(page, key);
      expectCleanConsole(watched);
    });
  }
});
