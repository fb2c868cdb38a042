import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, TEST_PASSWORD, type TestContext } from '../../../../test/support/app.ts';
import { TestBrowser } from './test-browser.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp({
    config: {
      NODE_ENV: 'production',
      ORBIS_SECRET: 'x'.repeat(40),
      ORBIS_BASE_URL: 'https://orbis.example.org',
      ORBIS_RATE_LIMIT: 'true',
    },
  });
});
afterAll(() => ctx.close());

describe('the account pages in production', () => {
  it('sign people in with secure cookies', async () => {
    const user = await createTestUser(ctx.platform);
    const browser = new TestBrowser(ctx.app);
    const response = await browser.submit('/sign-in', '/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(303);
    const session = response.cookies.find((cookie) => cookie.name.endsWith('orbis.session_token'));
    expect(session?.name).toBe('__Secure-orbis.session_token');
    expect(session?.secure).toBe(true);
    expect((await browser.get('/account')).statusCode).toBe(200);
  });

  it('never show the demo accounts', async () => {
    const page = await new TestBrowser(ctx.app).get('/sign-in');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('demo.orbis.test');
    expect(page.body).not.toContain('orbis-demo-2020');
  });

  it('have no development mailbox', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/dev/mail' })).statusCode).toBe(404);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/dev/mail/00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
  });

  it('answer a flood of sign-in attempts with a friendly message', async () => {
    const browser = new TestBrowser(ctx.app);
    let last = await browser.submit('/sign-in', '/sign-in', { email: 'ghost@example.test', password: 'wrong guess' });
    for (let attempt = 0; attempt < 12 && last.statusCode !== 429; attempt += 1) {
      last = await browser.submit('/sign-in', '/sign-in', { email: 'ghost@example.test', password: 'wrong guess' });
    }
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('Too many attempts from your network.');
    expect(last.body).toContain('value="ghost@example.test"');
  });
});
