import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../../modules/identity/index.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { listRecentMail } from '../../../platform/mail/index.ts';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestContext } from '../../../../test/support/app.ts';
import { TestBrowser, findLink, pathOf } from './test-browser.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'a long enough secret phrase';

async function latestMailTo(email: string) {
  const [mail] = await listRecentMail(ctx.platform.db, { recipient: email, limit: 1 });
  if (!mail) throw new Error(`no mail to ${email}`);
  return mail;
}

async function signUp(browser: TestBrowser, email: string, extra: Record<string, string> = {}) {
  return browser.submit('/sign-up', '/sign-up', {
    name: 'Amina Njoroge',
    email,
    password: NEW_PASSWORD,
    country: 'KE',
    locale: 'en',
    ...extra,
  });
}

describe('signing up', () => {
  it('takes a person from the form through the mailed link to a signed-in account and back', async () => {
    const browser = new TestBrowser(ctx.app);
    const email = 'amina@example.test';
    const created = await signUp(browser, 'Amina@Example.test', { locale: 'zh-Hans' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/sign-up/check-email?email=amina%40example.test');
    const check = await browser.get(created.headers.location as string);
    expect(check.body).toContain('amina@example.test');

    const mail = await latestMailTo(email);
    expect(mail.kind).toBe('verify-email');
    expect(mail.locale).toBe('zh-Hans');
    const link = findLink(mail.textBody, 'http://localhost:3000/api/auth/verify-email?');
    expect(link).toContain('callbackURL=%2Fsign-up%2Fverified');
    const profile = await findUserByEmail(ctx.platform.db, email);
    expect(profile).toMatchObject({ country: 'KE', locale: 'zh-Hans', emailVerified: false });

    const verified = await browser.get(pathOf(link));
    expect(verified.statusCode).toBe(302);
    expect(verified.headers.location).toBe('/sign-up/verified');
    expect(browser.hasCookie('orbis.session_token')).toBe(true);
    const welcome = await browser.get('/sign-up/verified');
    expect(welcome.statusCode).toBe(200);
    expect(welcome.body).toContain('Amina Njoroge');
    expect((await browser.get('/account')).statusCode).toBe(200);
    const confirmed = await listAuditEvents(ctx.platform.db, { action: 'auth.email_verified', actorId: profile!.id });
    expect(confirmed).toHaveLength(1);

    const signedOut = await browser.submit('/account', '/sign-out', {});
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/');
    expect((await browser.get('/account')).statusCode).toBe(303);

    const signedIn = await browser.submit('/sign-in?next=/account', '/sign-in', {
      email,
      password: NEW_PASSWORD,
      next: '/account',
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/account');
    expect((await browser.get('/account')).statusCode).toBe(200);
  });

  it('answers a taken address exactly like a new one and tells the owner instead', async () => {
    const owner = await createTestUser(ctx.platform, { locale: 'ar' });
    const browser = new TestBrowser(ctx.app);
    const response = await signUp(browser, owner.email, { locale: 'en', country: 'FR' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-up/check-email?email=${encodeURIComponent(owner.email)}`);
    const mail = await latestMailTo(owner.email);
    expect(mail.kind).toBe('sign-up-attempt');
    expect(mail.textBody).toContain('http://localhost:3000/password/forgot');
    expect(await findUserByEmail(ctx.platform.db, owner.email)).toMatchObject({ locale: 'ar', country: null });
  });

  it('re-renders the form with messages and the entered values, but never the password', async () => {
    const browser = new TestBrowser(ctx.app);
    const response = await signUp(browser, 'not-an-address', { password: 'short', country: 'XX', name: 'Kai' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('Enter a valid email address.');
    expect(response.body).toContain('at least 10 characters');
    expect(response.body).toContain('Choose a country from the list.');
    expect(response.body).toContain('value="not-an-address"');
    expect(response.body).toContain('value="Kai"');
    expect(response.body).not.toContain('value="short"');
    expect(response.body).toContain('aria-invalid="true"');
  });

  it('offers a new link when the confirmation link is broken, without telling who exists', async () => {
    const browser = new TestBrowser(ctx.app);
    const broken = await browser.get('/api/auth/verify-email?token=nonsense&callbackURL=%2Fsign-up%2Fverified');
    expect(broken.statusCode).toBe(302);
    expect(broken.headers.location).toBe('/sign-up/verified?error=INVALID_TOKEN');
    const page = await browser.get(broken.headers.location as string);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('action="/verification-email"');

    const unknown = await browser.submit('/verification-email', '/verification-email', {
      email: 'nobody@example.test',
    });
    await signUp(browser, 'waiting@example.test');
    const before = (await listRecentMail(ctx.platform.db, { recipient: 'waiting@example.test' })).length;
    const known = await browser.submit('/verification-email', '/verification-email', { email: 'waiting@example.test' });
    expect(unknown.statusCode).toBe(200);
    expect(known.statusCode).toBe(200);
    const normalize = (body: string, email: string) =>
      body.replace(email, 'X').replace(/name="_csrf" value="[^"]+"/g, '');
    expect(normalize(known.body, 'waiting@example.test')).toBe(normalize(unknown.body, 'nobody@example.test'));
    expect((await listRecentMail(ctx.platform.db, { recipient: 'waiting@example.test' })).length).toBe(before + 1);
  });

  it('shows the verification link in the development mailbox as a link', async () => {
    const browser = new TestBrowser(ctx.app);
    await signUp(browser, 'mailbox@example.test');
    const mail = await latestMailTo('mailbox@example.test');
    const link = findLink(mail.textBody, 'http://localhost:3000/api/auth/verify-email?');
    const mailbox = await browser.get('/dev/mail');
    expect(mailbox.statusCode).toBe(200);
    expect(mailbox.body).toContain(`<a href="${link.replaceAll('&', '&amp;')}">`);
    const single = await browser.get(`/dev/mail/${mail.uuid}`);
    expect(single.statusCode).toBe(200);
    expect(single.body).toContain('mailbox@example.test');
    expect((await browser.get('/dev/mail/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('signing in', () => {
  it('gives one message for a wrong password and an unknown address', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = new TestBrowser(ctx.app);
    const wrong = await browser.submit('/sign-in', '/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await browser.submit('/sign-in', '/sign-in', {
      email: 'ghost@example.test',
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('The email address or password is not correct.');
    expect(unknown.body).toContain('The email address or password is not correct.');
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(browser.hasCookie('orbis.session_token')).toBe(false);
  });

  it('asks an unconfirmed person to confirm first and offers a new link', async () => {
    const browser = new TestBrowser(ctx.app);
    await signUp(browser, 'unconfirmed@example.test');
    const response = await browser.submit('/sign-in', '/sign-in', {
      email: 'unconfirmed@example.test',
      password: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Please confirm your email address first');
    expect(response.body).toContain('action="/verification-email"');
  });

  it('returns only to same-site paths', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = new TestBrowser(ctx.app);
    const response = await browser.submit('/sign-in', '/sign-in', {
      email: user.email,
      password: TEST_PASSWORD,
      next: '//evil.example/steal',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/');
    expect((await browser.get('/sign-in')).headers.location).toBe('/account');
  });

  it('records who signed in and out in the audit log', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = new TestBrowser(ctx.app);
    await browser.submit('/sign-in', '/sign-in', { email: user.email, password: TEST_PASSWORD });
    const [signIn] = await listAuditEvents(ctx.platform.db, { action: 'auth.sign_in', actorId: user.id });
    expect(signIn).toMatchObject({ objectType: 'user', objectId: user.id, after: { email: user.email } });
    expect(signIn?.requestId).toBeTruthy();
    await browser.submit('/', '/sign-out', {});
    const signOut = await listAuditEvents(ctx.platform.db, { action: 'auth.sign_out', actorId: user.id });
    expect(signOut).toHaveLength(1);
  });

  it('shows the demo accounts outside production', async () => {
    const page = await new TestBrowser(ctx.app).get('/sign-in');
    expect(page.body).toContain('learner@demo.orbis.test');
    expect(page.body).toContain('orbis-demo-2020');
  });
});

describe('forms without a CSRF token', () => {
  it.each(['/sign-up', '/sign-in', '/sign-out', '/verification-email', '/password/forgot', '/password/reset'])(
    'are refused at %s',
    async (url) => {
      const response = await ctx.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=someone%40example.test',
      });
      expect(response.statusCode).toBe(403);
    },
  );
});
