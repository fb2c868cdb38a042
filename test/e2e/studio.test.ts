import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { DEMO_LEARNER, signIn, signOut } from './support/journeys.ts';
import { headerOf, mainOf, shouldSee, step } from './support/steps.ts';

const orbis = useOrbis();

const TSINGHUA_INSTRUCTOR = 'instructor@demo.orbis.test';
const NAIROBI_ADMIN = 'admin@demo.orbis.test';

async function createCourse(page: Page, key: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'open the studio and follow "New course"', async () => {
    await page.goto('/studio');
    await main.getByRole('link', { name: 'New course' }).click();
    await page.waitForURL('**/studio/new');
  });
  await step(page, 'fill in the new course form with Nairobi as partner', async () => {
    await main.getByLabel('Course key').fill(key);
    await main.getByRole('group', { name: 'Partner institutions' }).getByLabel('University of Nairobi').check();
    await main.locator('#title').fill('Climate Data Together');
    await main.getByRole('button', { name: 'Create course' }).click();
    await page.waitForURL(`**/studio/courses/${key}/settings?notice=created`);
  });
}

async function inviteToTeam(page: Page, email: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'open the Team tab', async () => {
    await main.getByRole('navigation', { name: 'Course studio' }).getByRole('link', { name: 'Team' }).click();
    await shouldSee(main.getByRole('heading', { name: 'Course team' }));
  });
  await step(page, `invite ${email} to teach for the University of Nairobi`, async () => {
    await main.getByLabel('E-mail address').fill(email);
    await main.getByLabel('Role', { exact: true }).selectOption('instructor');
    await main.getByLabel('Teaches for').selectOption({ label: 'University of Nairobi' });
    await main.getByRole('button', { name: 'Send invitation' }).click();
    await shouldSee(main.getByText('The invitation was sent.'));
  });
}

async function followInvitationMail(page: Page, email: string): Promise<void> {
  const main = mainOf(page);
  await step(page, 'open the newest message in the mailbox', async () => {
    await headerOf(page).getByRole('link', { name: 'Mailbox' }).click();
    const entry = main.locator('tr, li, article').filter({ hasText: email }).filter({ hasText: 'Invitation to teach' });
    await entry.first().getByRole('link').first().click();
    await page.waitForLoadState('domcontentloaded');
  });
  await step(page, 'follow the invitation link', async () => {
    const link = main.locator('a[href*="/studio/invitations/"]').first();
    if ((await link.count()) > 0) {
      await link.click();
    } else {
      const url = /https?:\/\/\S*\/studio\/invitations\/[A-Za-z0-9_-]+/.exec((await main.textContent()) ?? '')?.[0];
      if (!url) throw new Error('The message contains no invitation link.');
      await page.goto(url);
    }
    await shouldSee(main.getByRole('heading', { level: 1, name: /Invitation to the team of/ }));
  });
}

describe('a course team across two institutions', () => {
  test('a Tsinghua instructor starts a course with Nairobi and the Nairobi admin joins by mail', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    const key = `climate-${Date.now().toString(36)}`;
    await step(page, 'open the home page', () => page.goto('/'));
    await signIn(page, TSINGHUA_INSTRUCTOR, DEMO_LEARNER.password);
    await createCourse(page, key);
    await inviteToTeam(page, NAIROBI_ADMIN);
    await signOut(page);

    await signIn(page, NAIROBI_ADMIN, DEMO_LEARNER.password);
    await followInvitationMail(page, NAIROBI_ADMIN);
    const main = mainOf(page);
    await step(page, 'accept the invitation', async () => {
      await main.getByRole('button', { name: 'Accept invitation' }).click();
      await page.waitForURL(`**/studio/courses/${key}/team?notice=joined`);
    });
    await step(page, 'see both people on the team', async () => {
      const members = main.getByRole('table');
      await shouldSee(members.getByRole('rowheader').filter({ hasText: TSINGHUA_INSTRUCTOR }));
      await shouldSee(members.getByRole('rowheader').filter({ hasText: NAIROBI_ADMIN }));
    });
    expect(await main.getByRole('rowheader').count()).toBe(2);
    expectCleanConsole(watched);
  });
});
