import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectCleanConsole, useOrbis } from './support/fixture.ts';
import { signIn, signOut, signUp, verifyEmailFromMailbox, type NewUser } from './support/journeys.ts';
import { scanCertificateQr } from '../support/pdf.ts';
import { answer, mainOf, press, shouldSee, step, uniqueEmail } from './support/steps.ts';

const orbis = useOrbis();
const COURSE = 'circular-design';
const RUN = 'self-paced';
/** The Politecnico di Milano leads Circular Design; its registrar may revoke what it awards. */
const REGISTRAR = { email: 'registrar@demo.orbis.test', password: 'orbis-demo-2020' };

async function passCircularDesign(page: Page): Promise<void> {
  const main = mainOf(page);
  await step(page, 'enroll in Circular Design, self-paced', async () => {
    await page.goto(`/courses/${COURSE}`);
    await main
      .locator(`form[action$="/runs/${RUN}/enroll"]`)
      .getByRole('button', { name: /Enroll/ })
      .click();
    await page.waitForURL(`**/learn/${COURSE}/${RUN}`);
  });
  await step(page, 'take the final assessment and pass', async () => {
    await main.getByRole('link', { name: 'Case study and assessment' }).click();
    await main.getByRole('link', { name: /Final assessment/ }).click();
    await press(page, /Start attempt/);
    await answer(page, 1, '25');
    for (const choice of [
      'Screws instead of glue',
      'Fewer different materials',
      'Marking plastic parts with their type',
    ]) {
      await main.getByRole('checkbox', { name: choice }).check();
    }
    await answer(page, 3, 'Digital Product Passport');
    await main.getByRole('radio', { name: 'R6 Remanufacture' }).check();
    await press(page, 'Submit');
    await page.waitForURL('**/attempts/**');
    await shouldSee(main.getByText('Your score'));
  });
}

/** The worker issues the certificate from the outbox within a few seconds of the pass. */
async function openNewCredential(page: Page): Promise<string> {
  const main = mainOf(page);
  return step(page, 'see the certificate appear on My credentials and open it', async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto('/account/credentials');
      const link = main.getByRole('link', { name: /Circular Design/ }).first();
      if ((await link.count()) > 0) {
        await link.click();
        break;
      }
      if (Date.now() > deadline) throw new Error('No credential appeared within 30 s of passing.');
      await page.waitForTimeout(1000);
    }
    await page.waitForURL('**/credentials/**');
    await shouldSee(main.getByRole('heading', { name: /Circular Design/ }).first());
    return new URL(page.url()).pathname;
  });
}

async function scanCertificate(page: Page): Promise<string> {
  return step(page, 'download the PDF certificate and scan its QR code', async () => {
    const link = mainOf(page).getByRole('link', { name: /Printable certificate \(PDF\)/ });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const response = await page.request.get((await link.getAttribute('href'))!);
    expect(response.headers()['content-type']).toContain('application/pdf');
    const target = scanCertificateQr(Buffer.from(await response.body()));
    expect(target).toMatch(/\/verify\?credential=[0-9a-f-]{36}$/);
    return target!;
  });
}

async function expectVerdict(page: Page, verifyUrl: string, verdict: 'Verified' | 'Revoked'): Promise<void> {
  await step(page, `open the QR target: the verify page says ${verdict}`, async () => {
    await page.goto(verifyUrl);
    await shouldSee(
      mainOf(page)
        .getByRole('heading', { name: new RegExp(verdict) })
        .first(),
    );
  });
}

async function revokeAsRegistrar(page: Page, credentialPath: string): Promise<void> {
  await signIn(page, REGISTRAR.email, REGISTRAR.password);
  await step(page, 'the awarding institution’s registrar revokes it, giving a reason', async () => {
    await page.goto(credentialPath);
    const main = mainOf(page);
    await main.getByLabel('Reason').fill('Awarded in error after a grading mistake');
    await press(page, 'Revoke credential');
    await shouldSee(main.getByText(/has been revoked/).first());
  });
}

describe('a learner earns a certificate that anyone can verify', () => {
  test('pass → credential → PDF with QR → verified; revoked → the verify page says revoked', async () => {
    const watched = await orbis.open({ locale: 'en' });
    const { page } = watched;
    const learner: NewUser = {
      name: 'Chiara Esposito',
      email: uniqueEmail('chiara'),
      password: 'vesuvio-at-dawn-2027',
      country: 'IT',
      language: 'en',
    };
    await signUp(page, learner);
    await verifyEmailFromMailbox(page, learner.email);
    await passCircularDesign(page);
    const credentialPath = await openNewCredential(page);
    const verifyUrl = await scanCertificate(page);
    await signOut(page);
    await expectVerdict(page, verifyUrl, 'Verified');
    await revokeAsRegistrar(page, credentialPath);
    await signOut(page);
    await expectVerdict(page, verifyUrl, 'Revoked');
    expectCleanConsole(watched);
  }, 180_000);
});
