import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { signIn, signOut, signUp, verifyEmailFromMailbox, type NewUser } from './support/journeys.ts';
import { answer, mainOf, press, shouldSee, step, uniqueEmail } from './support/steps.ts';

const orbis = useOrbis();
const COURSE = 'climate-data-cities';
const RUN = 'self-paced';
const STAFF = { email: 'instructor@demo.orbis.test', password: 'orbis-demo-2020' };

async function enroll(page: Page): Promise<void> {
  await step(page, 'find the joint course in the catalog and enroll in the self-paced run', async () => {
    await page.goto('/courses?q=climate');
    await mainOf(page)
      .getByRole('link', { name: /Climate Data for Sustainable Cities/ })
      .first()
      .click();
    await page.waitForURL(`**/courses/${COURSE}`);
    await mainOf(page)
      .locator(`form[action$="/runs/${RUN}/enroll"]`)
      .getByRole('button', { name: /Enroll/ })
      .click();
    await page.waitForURL(`**/learn/${COURSE}/${RUN}`);
  });
}

async function watchWelcomeVideo(page: Page, withScript: boolean): Promise<void> {
  const main = mainOf(page);
  await step(page, 'start the course and find the captioned welcome video', async () => {
    await main
      .getByRole('link', { name: /^(Start|Resume)$/ })
      .first()
      .click();
    await page.waitForURL('**/units/**');
    await shouldSee(main.getByRole('heading', { name: 'Welcome to Climate Data for Sustainable Cities' }));
    const tracks = await main
      .locator('video track[kind="captions"]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('srclang')));
    expect(tracks).toEqual(expect.arrayContaining(['en', 'zh-Hans']));
    await shouldSee(main.getByText(/Transcript/).first());
  });
  if (withScript) {
    await step(page, 'watch the video to the end, faster, with the transcript following', async () => {
      await main.getByText('Transcript (English)').click();
      const video = main.locator('video').first();
      await video.evaluate((element: HTMLVideoElement) => {
        element.muted = true;
        element.playbackRate = 2;
        void element.play();
      });
      await shouldSee(main.locator('a[data-start][aria-current="true"]'));
      await video.evaluate(
        (element: HTMLVideoElement) =>
          new Promise<void>((resolve) => {
            if (element.ended) resolve();
            else element.addEventListener('ended', () => resolve(), { once: true });
          }),
      );
    });
    await step(page, 'see the video counted as watched', async () => {
      await expect
        .poll(
          async () => {
            await page.reload();
            return main.getByText(/\(completed\)/).count();
          },
          { timeout: 15_000 },
        )
        .toBe(2);
    });
  } else {
    await step(page, 'without a player, mark the video as watched', async () => {
      await press(page, /Mark as complete/);
      expect(await main.getByText(/\(completed\)/).count()).toBe(2);
    });
  }
}

async function answerHomework(page: Page): Promise<void> {
  const main = mainOf(page);
  await step(page, 'read the anomalies unit and open its homework', async () => {
    await page.goto(`/learn/${COURSE}/${RUN}`);
    await main.getByRole('link', { name: 'Anomalies and trends' }).click();
    await shouldSee(main.getByRole('heading', { name: 'Baselines, anomalies and trends' }));
    await main.getByRole('link', { name: /Homework: anomalies/ }).click();
    await page.waitForURL('**/quizzes/**');
  });
  await step(page, 'start an attempt, answer, save, and submit', async () => {
    await press(page, /Start attempt/);
    await answer(page, 1, '1.3');
    await answer(page, 2, '1991–2020');
    await answer(page, 3, '0.28');
    await press(page, 'Save answers');
    await shouldSee(main.getByText(/Last saved|saved/i).first());
    await press(page, 'Submit');
    await page.waitForURL('**/attempts/**');
  });
  await step(page, 'see the score and a receipt', async () => {
    await shouldSee(main.getByText('Your score'));
    await shouldSee(main.getByText(/100\s?%|3 of 3/).first());
    await shouldSee(main.getByText('Submission id'));
    await shouldSee(main.getByText(/[0-9a-f]{64}/).first());
  });
}

async function leaveAndResume(page: Page): Promise<void> {
  await step(page, 'leave for the catalog, then come back through My learning and resume', async () => {
    await page.goto('/courses');
    await page.getByRole('navigation', { name: /main/i }).getByRole('link', { name: 'My learning' }).click();
    await page.waitForURL('**/learn');
    await mainOf(page)
      .getByRole('link', { name: /Resume/ })
      .first()
      .click();
    await page.waitForURL('**/units/**');
    await shouldSee(mainOf(page).getByRole('heading', { name: 'Baselines, anomalies and trends' }));
  });
}

async function passFinalExam(page: Page): Promise<void> {
  const main = mainOf(page);
  await step(page, 'take the final exam', async () => {
    await page.goto(`/learn/${COURSE}/${RUN}`);
    await main.getByRole('link', { name: 'Adaptation that works' }).click();
    await main.getByRole('link', { name: /Final exam/ }).click();
    await press(page, /Start attempt/);
    await main.getByRole('radio', { name: 'The air temperature people breathe' }).check();
    await main.getByRole('checkbox', { name: 'Street trees' }).check();
    await main.getByRole('checkbox', { name: 'Urban wetlands' }).check();
    await answer(page, 3, '68');
    await answer(page, 4, 'sponge city');
    await press(page, 'Submit');
    await page.waitForURL('**/attempts/**');
    await shouldSee(main.getByText('Your score'));
  });
  await step(page, 'see the progress chart say the course is passed', async () => {
    await page.goto(`/learn/${COURSE}/${RUN}/progress`);
    await shouldSee(main.locator('svg[role="img"]').first());
    await shouldSee(main.getByText(/passed/i).first());
  });
}

async function checkGradebook(page: Page, learnerEmail: string, withScript: boolean): Promise<void> {
  await signOut(page);
  await signIn(page, STAFF.email, STAFF.password);
  const main = mainOf(page);
  await step(page, 'open the run’s gradebook from the studio and find the learner', async () => {
    await page.goto(`/studio/courses/${COURSE}/runs`);
    await main
      .getByRole('link', { name: /Gradebook/ })
      .last()
      .click();
    await page.waitForURL('**/gradebook**');
    await main
      .getByLabel(/name or e-?mail/i)
      .first()
      .fill(learnerEmail);
    await press(page, /Filter|Search|Show/);
    await shouldSee(main.getByText(learnerEmail).first());
  });
  await step(page, 'export the gradebook as CSV', async () => {
    const link = main.getByRole('link', { name: /CSV/ }).first();
    const href = await link.getAttribute('href');
    expect(href).toContain('gradebook.csv');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    expect(await response.text()).toContain(learnerEmail);
    if (withScript) {
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
    }
  });
}

async function runJourney(page: Page, withScript: boolean, learner: NewUser): Promise<void> {
  await signUp(page, learner);
  await verifyEmailFromMailbox(page, learner.email);
  await enroll(page);
  await watchWelcomeVideo(page, withScript);
  await answerHomework(page);
  await leaveAndResume(page);
  await passFinalExam(page);
  await checkGradebook(page, learner.email, withScript);
}

describe('a learner takes the joint course', () => {
  test('enrolls, watches, reads, answers, resumes, passes; staff sees the grade and exports it', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const learner: NewUser = {
      name: 'Amina Otieno',
      email: uniqueEmail('amina'),
      password: 'kilimanjaro-sunrise-42',
      country: 'KE',
      language: 'en',
    };
    await runJourney(watched.page, true, learner);
    expectCleanConsole(watched);
  }, 180_000);

  test('does the same with JavaScript turned off', async () => {
    const watched = await orbis.open({ locale: 'en', javaScriptEnabled: false });
    const learner: NewUser = {
      name: 'Nguyen Thi Lan',
      email: uniqueEmail('lan'),
      password: 'mekong-delta-lantern-7',
      country: 'VN',
      language: 'en',
    };
    await runJourney(watched.page, false, learner);
    expectCleanConsole(watched);
  }, 180_000);
});
