import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { signIn } from './support/journeys.ts';
import { mainOf, press, shouldSee, step } from './support/steps.ts';

const orbis = useOrbis();
const COURSE = 'circular-design';
const RUN = 'self-paced';
const PASSWORD = 'orbis-demo-2020';
/** Three people of the demo's Circular Design forum: two learners and Giulia, a community TA. */
const AMINA = 'learner@demo.orbis.test';
const WANJIRU = 'wanjiru@demo.orbis.test';
const GIULIA = 'giulia@demo.orbis.test';

async function openAs(email: string, javaScriptEnabled: boolean) {
  const watched = await orbis.open({ locale: 'en', javaScriptEnabled });
  await watched.page.goto('/');
  await signIn(watched.page, email, PASSWORD);
  return watched;
}

async function openThread(page: Page, title: string): Promise<void> {
  await step(page, `find "${title}" in the forum and open it`, async () => {
    await page.goto(`/learn/${COURSE}/${RUN}/forum?q=${encodeURIComponent(title)}`);
    await mainOf(page).getByRole('link', { name: title }).click();
    await page.waitForURL('**/forum/threads/**');
  });
}

/** The post (article) whose words contain `text`. */
function postWith(page: Page, text: string) {
  return mainOf(page).locator('article').filter({ hasText: text }).first();
}

async function runJourney(javaScriptEnabled: boolean): Promise<void> {
  const tag = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
  const title = `Repair cafés near you? (${tag}, ${Date.now().toString(36)})`;
  const opening = `Is there a repair café in your city? Mine is new (${tag}).`;

  const amina = await openAs(AMINA, javaScriptEnabled);
  const a = amina.page;
  await step(a, 'go from the course outline to its forum and start a thread', async () => {
    await a.goto(`/learn/${COURSE}/${RUN}`);
    await mainOf(a).getByRole('link', { name: 'Discussion' }).first().click();
    await a.waitForURL('**/forum');
    await mainOf(a).getByRole('link', { name: 'Start a thread' }).first().click();
    await mainOf(a)
      .getByRole('textbox', { name: /^Title/ })
      .fill(title);
    await mainOf(a)
      .getByRole('textbox', { name: /^Your post/ })
      .fill(opening);
    await press(a, 'Post the thread');
    await a.waitForURL('**/forum/threads/**');
    await shouldSee(mainOf(a).getByRole('heading', { name: title }));
  });

  const wanjiru = await openAs(WANJIRU, javaScriptEnabled);
  const w = wanjiru.page;
  await openThread(w, title);
  await step(w, 'follow the thread, upvote the post and reply', async () => {
    await press(w, 'Follow this thread');
    await shouldSee(mainOf(w).getByRole('button', { name: 'Stop following' }));
    await postWith(w, opening).getByRole('button', { name: 'Upvote' }).click();
    await shouldSee(mainOf(w).getByText('Your vote is counted.'));
    await mainOf(w)
      .locator('section.forum-reply-form')
      .getByRole('textbox')
      .fill('Yes — in Nairobi there is one every Saturday.');
    await press(w, 'Post the reply');
    await shouldSee(mainOf(w).getByText('Your reply is posted.'));
  });

  await step(a, 'answer the reply, which notifies the follower', async () => {
    await a.reload();
    await mainOf(a).locator('section.forum-reply-form').getByRole('textbox').fill('Thank you! I will visit next week.');
    await press(a, 'Post the reply');
    await shouldSee(mainOf(a).getByText('Your reply is posted.'));
  });

  await step(w, 'see the notification and report the opening post', async () => {
    await w.goto('/account/notifications');
    await shouldSee(mainOf(w).getByText(`replied in “${title}”`).first());
    await openThread(w, title);
    const post = postWith(w, opening);
    await post.locator('summary', { hasText: /^Report$/ }).click();
    await post.getByLabel('What is wrong with it?').selectOption('off_topic');
    await post.getByRole('button', { name: 'Send the report' }).click();
    await shouldSee(mainOf(w).getByText('Thank you: the moderators will look at your report.'));
  });

  const giulia = await openAs(GIULIA, javaScriptEnabled);
  const g = giulia.page;
  await step(g, 'as a community TA, find the report in the queue and hide the post with a reason', async () => {
    await g.goto(`/learn/${COURSE}/${RUN}/forum/moderation`);
    const item = mainOf(g).locator('li.forum-queue-item').filter({ hasText: opening }).first();
    await shouldSee(item);
    await item.getByRole('radio', { name: 'Hide it from learners' }).check();
    await item.getByRole('textbox', { name: 'Reason' }).fill('Please keep threads about the course');
    await item.getByRole('button', { name: 'Apply' }).click();
    await shouldSee(mainOf(g).getByText('The post is hidden, and its author was told why.'));
  });

  await step(a, 'the author sees that the post was hidden, and why', async () => {
    await a.reload();
    await shouldSee(mainOf(a).getByText('Hidden by a moderator: Please keep threads about the course'));
    await shouldSee(mainOf(a).getByText(opening));
    await a.goto('/account/notifications');
    await shouldSee(
      mainOf(a)
        .getByText(/moderator/i)
        .first(),
    );
  });

  await step(w, 'other learners see only a placeholder', async () => {
    await w.goto(`/learn/${COURSE}/${RUN}/forum`);
    expect(await mainOf(w).getByRole('link', { name: title }).count()).toBe(0);
  });

  for (const watched of [amina, wanjiru, giulia]) expectCleanConsole(watched);
}

describe('the Circular Design forum', () => {
  test('post, follow, upvote, reply, get notified, report; a community TA hides; the author sees why', async () => {
    await runJourney(true);
  });

  test('the same journey without JavaScript', async () => {
    await runJourney(false);
  });
});
