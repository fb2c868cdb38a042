import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByEmail, getUserProfile } from '../../../modules/identity/index.ts';
import { listAuditEvents } from '../../../platform/audit/index.ts';
import { listRecentMail } from '../../../platform/mail/index.ts';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestContext } from '../../../../test/support/app.ts';
import { TestBrowser, findLink, pathOf } from '../auth/test-browser.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const NEW_PASSWORD = 'another long passphrase';

async function signedInBrowser(email: string, password = TEST_PASSWORD): Promise<TestBrowser> {
  const browser = new TestBrowser(ctx.app);
  const response = await browser.submit('/sign-in', '/sign-in', { email, password });
  expect(response.statusCode).toBe(303);
  return browser;
}

describe('who may use the account pages', () => {
  it.each(['/account'])('sends anonymous visitors of %s to sign in and back', async (url) => {
    const response = await ctx.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/sign-in?next=${encodeURIComponent(url)}`);
  });

  it.each(['/account/profile', '/account/password', '/account/email', '/account/tokens'])(
    'sends anonymous form posts to %s to sign in',
    async (url) => {
      const browser = new TestBrowser(ctx.app);
      const response = await browser.submit('/sign-in', url, { name: 'x' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/sign-in?next=%2Faccount');
    },
  );

  it('shows a signed-in person their own account and sends them away from sign-in and sign-up', async () => {
    const user = await createTestUser(ctx.platform, { name: 'Lin Wei' });
    const browser = await signedInBrowser(user.email);
    const page = await browser.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain(user.email);
    expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
    expect((await browser.get('/sign-up')).headers.location).toBe('/account');
    expect((await browser.get('/sign-in')).headers.location).toBe('/account');
  });

  it.each([
    '/account/profile',
    '/account/password',
    '/account/email',
    '/account/tokens',
    '/account/tokens/00000000-0000-4000-8000-000000000000/revocation',
  ])('refuses a post to %s without a CSRF token', async (url) => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const response = await browser.post(url, { name: 'Someone' });
    expect(response.statusCode).toBe(403);
  });
});

describe('the profile form', () => {
  it('saves the profile and confirms it', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const response = await browser.submit('/account', '/account/profile', {
      name: 'Somchai Prasert',
      country: 'TH',
      locale: 'ar',
      bio: 'Teaches data science at a Thai MOOC partner.',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account?done=profile');
    expect(await getUserProfile(ctx.platform.db, user.id)).toMatchObject({
      name: 'Somchai Prasert',
      country: 'TH',
      locale: 'ar',
      bio: 'Teaches data science at a Thai MOOC partner.',
    });
    const page = await browser.get('/account?done=profile');
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('تم حفظ ملفك الشخصي.');
  });

  it('re-renders bad input with messages instead of failing', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const response = await browser.submit('/account', '/account/profile', {
      name: '',
      country: 'ZZ',
      locale: 'klingon',
      bio: 'x'.repeat(1001),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('role="alert"');
    expect(response.body).toContain('Enter a display name');
    expect(response.body).toContain('Choose a country from the list.');
    expect(response.body).toContain('Choose a language from the list.');
    expect(response.body).toContain('Write at most 1000 characters');
    expect(response.body).toContain('aria-describedby="profile-bio-hint profile-bio-error"');
  });
});

describe('changing the password', () => {
  it('keeps this session, ends every other one and writes an audit record', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const elsewhere = await signedInBrowser(user.email);
    const response = await browser.submit('/account', '/account/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account?done=password');
    expect((await browser.get('/account')).statusCode).toBe(200);
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    await signedInBrowser(user.email, NEW_PASSWORD);
    const audit = await listAuditEvents(ctx.platform.db, { action: 'auth.password_changed', actorId: user.id });
    expect(audit).toHaveLength(1);
  });

  it('says so when the current password is wrong', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const response = await browser.submit('/account', '/account/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The current password is not correct.');
    expect(response.body).not.toContain(NEW_PASSWORD);
  });
});

describe('changing the e-mail address', () => {
  it('mails a link to the new address, ends other sessions and switches once the link is opened', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const elsewhere = await signedInBrowser(user.email);
    const newEmail = `moved-${Date.now()}@example.test`;
    const response = await browser.submit('/account', '/account/email', { email: newEmail });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/account?done=email');
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    expect((await browser.get('/account')).statusCode).toBe(200);

    const [mail] = await listRecentMail(ctx.platform.db, { recipient: newEmail, limit: 1 });
    expect(mail?.kind).toBe('change-email');
    expect(mail?.textBody).toContain(newEmail);
    const link = findLink(mail!.textBody, 'http://localhost:3000/api/auth/verify-email?');
    const followed = await browser.get(pathOf(link));
    expect(followed.statusCode).toBe(302);
    expect(followed.headers.location).toBe('/account?done=email-changed');
    expect(await findUserByEmail(ctx.platform.db, newEmail)).toMatchObject({ id: user.id });
    const page = await browser.get('/account?done=email-changed');
    expect(page.body).toContain('Your email address has been changed.');
  });

  it('refuses the current address and a malformed one', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const same = await browser.submit('/account', '/account/email', { email: user.email });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('This is already your address.');
    const bad = await browser.submit('/account', '/account/email', { email: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="nope"');
  });
});

describe('personal API tokens', () => {
  it('shows a new token once, lets it sign requests in, and stops it once revoked', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const created = await browser.submit('/account', '/account/tokens', { name: 'Grade export', expiresInDays: '30' });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain('data-island="copy-text"');
    expect(created.body).toContain('data-copy-status');
    const token = /id="new-token" type="text" value="(orb_[^"]+)"/.exec(created.body)?.[1];
    expect(token).toBeTruthy();

    const bearer = { authorization: `Bearer ${token}` };
    const viaToken = await ctx.app.inject({ method: 'GET', url: '/account', headers: bearer });
    expect(viaToken.statusCode).toBe(200);
    expect(viaToken.body).toContain(user.email);

    const listed = await browser.get('/account');
    expect(listed.body).toContain('Grade export');
    expect(listed.body).toContain(token!.slice(0, 10));
    expect(listed.body).not.toContain(token!);
    const uuid = /action="\/account\/tokens\/([0-9a-f-]+)\/revocation"/.exec(listed.body)?.[1];
    const revoked = await browser.submit('/account', `/account/tokens/${uuid}/revocation`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account?done=token-revoked');
    expect((await ctx.app.inject({ method: 'GET', url: '/account', headers: bearer })).statusCode).toBe(303);
  });

  it('validates the name and the number of days', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = await signedInBrowser(user.email);
    const response = await browser.submit('/account', '/account/tokens', { name: '', expiresInDays: '400' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Give the token a name');
    expect(response.body).toContain('from 1 to 365');
  });

  it("cannot revoke someone else's token", async () => {
    const owner = await createTestUser(ctx.platform);
    const ownerBrowser = await signedInBrowser(owner.email);
    await ownerBrowser.submit('/account', '/account/tokens', { name: 'Mine', expiresInDays: '' });
    const uuid = /action="\/account\/tokens\/([0-9a-f-]+)\/revocation"/.exec(
      (await ownerBrowser.get('/account')).body,
    )?.[1];
    const other = await signedInBrowser((await createTestUser(ctx.platform)).email);
    expect((await other.submit('/account', `/account/tokens/${uuid}/revocation`, {})).statusCode).toBe(404);
    expect((await other.submit('/account', '/account/tokens/not-a-uuid/revocation', {})).statusCode).toBe(404);
  });
});
