import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { listRecentMail } from '../../../platform/mail/index.ts';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestContext } from '../../../../test/support/app.ts';
import { TestBrowser, findLink, pathOf } from './test-browser.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'a brand new passphrase';

async function signedInBrowser(email: string, password = TEST_PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(ctx.app);
  const response = await browser.submit('/sign-in', '/sign-in', { email, password });
  expect(response.statusCode).toBe(303);
  return browser;
}

describe('resetting a forgotten password', () => {
  it('mails a link to our reset page, sets the new password and ends every session', async () => {
    const user = await createTestUser(ctx.platform);
    const elsewhere = await signedInBrowser(user.email);
    const browser = new TestBrowser(ctx.app);
    const requested = await browser.submit('/password/forgot', '/password/forgot', { email: user.email });
    expect(requested.statusCode).toBe(200);
    expect(requested.body).toContain('a message with a reset link is on its way');

    const [mail] = await listRecentMail(ctx.platform.db, { recipient: user.email, limit: 1 });
    expect(mail?.kind).toBe('reset-password');
    const link = findLink(mail!.textBody, 'http://localhost:3000/api/auth/reset-password/');
    const bounce = await browser.get(pathOf(link));
    expect(bounce.statusCode).toBe(302);
    const resetPage = pathOf(String(bounce.headers.location));
    expect(resetPage).toMatch(/^\/password\/reset\?token=/);
    const form = await browser.get(resetPage);
    expect(form.statusCode).toBe(200);
    expect(form.headers['referrer-policy']).toBe('no-referrer');

    const token = new URL(resetPage, 'http://localhost').searchParams.get('token')!;
    const mismatch = await browser.submit(resetPage, '/password/reset', {
      token,
      password: NEW_PASSWORD,
      confirm: 'something else entirely',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('The two passwords are not the same.');

    const reset = await browser.submit(resetPage, '/password/reset', {
      token,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(reset.statusCode).toBe(303);
    expect(reset.headers.location).toBe('/sign-in?done=reset');
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    await signedInBrowser(user.email, NEW_PASSWORD);
    expect(await listAuditEvents(ctx.platform.db, { action: 'auth.password_reset' })).toHaveLength(1);

    const reused = await browser.submit(resetPage, '/password/reset', {
      token,
      password: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.body).toContain('This reset link is not valid or has expired.');
  });

  it('answers the same for an address nobody uses', async () => {
    const browser = new TestBrowser(ctx.app);
    const response = await browser.submit('/password/forgot', '/password/forgot', { email: 'nobody@example.test' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('a message with a reset link is on its way');
    expect(await listRecentMail(ctx.platform.db, { recipient: 'nobody@example.test' })).toHaveLength(0);
  });

  it('explains a broken or missing reset link', async () => {
    const browser = new TestBrowser(ctx.app);
    const bounce = await browser.get('/api/auth/reset-password/nonsense?callbackURL=%2Fpassword%2Freset');
    expect(pathOf(String(bounce.headers.location))).toBe('/password/reset?error=INVALID_TOKEN');
    for (const url of ['/password/reset?error=INVALID_TOKEN', '/password/reset']) {
      const page = await browser.get(url);
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('href="/password/forgot"');
    }
  });

  it('rejects a malformed address with a message', async () => {
    const browser = new TestBrowser(ctx.app);
    const response = await browser.submit('/password/forgot', '/password/forgot', { email: 'nope' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter a valid email address.');
  });
});
