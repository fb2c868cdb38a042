import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, signIn, type TestContext } from '../../test/support/app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('the web application', () => {
  it('serves the home page with a CSP that allows no inline script', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toContain('<html lang="en" dir="ltr">');
  });

  it('sends the same security headers on pages, errors, API answers and assets', async () => {
    const answers = await Promise.all(
      ['/', '/no-such-page', '/api/v1/courses?limit=nope', '/assets/app.css'].map((url) =>
        ctx.app.inject({ method: 'GET', url }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 404, 400, 200]);
    for (const answer of answers) {
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(answer.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('answers in Arabic, right to left, when the browser asks for it', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/', headers: { 'accept-language': 'ar' } });
    expect(response.body).toContain('<html lang="ar" dir="rtl">');
  });

  it('reports readiness with the database and migrations', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', checks: { database: true, migrations: true } });
    expect((await ctx.app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
  });

  it('gives a friendly page for unknown pages and problem+json under /api', async () => {
    const page = await ctx.app.inject({ method: 'GET', url: '/no-such-page', headers: { 'accept-language': 'zh-CN' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('页面未找到');
    const api = await ctx.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('serves hashed, pre-compressed assets', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/assets/app.css?v=1',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['cache-control']).toContain('immutable');
  });
});

describe('the language switcher', () => {
  it('lets anonymous visitors switch with a plain link-like GET and sets no other cookie', async () => {
    const home = await ctx.app.inject({ method: 'GET', url: '/' });
    expect(home.headers['set-cookie']).toBeUndefined();
    expect(home.body).toContain('<form method="get" action="/locale"');
    const response = await ctx.app.inject({ method: 'GET', url: '/locale?locale=ar&next=/institutions' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/institutions');
    expect(String(response.headers['set-cookie'])).toContain('orbis_locale=ar');
    const arabic = await ctx.app.inject({ method: 'GET', url: '/', headers: { cookie: 'orbis_locale=ar' } });
    expect(arabic.body).toContain('dir="rtl"');
  });

  it('refuses an unknown language and a foreign redirect target', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/locale?locale=xx' })).statusCode).toBe(400);
    const response = await ctx.app.inject({ method: 'GET', url: '/locale?locale=en&next=//evil.example' });
    expect(response.headers.location).toBe('/');
  });
});

describe('the anonymous page cache', () => {
  it('serves a repeated anonymous page from the cache but never a signed-in one', async () => {
    const first = await ctx.app.inject({ method: 'GET', url: '/?cache-check=1' });
    const second = await ctx.app.inject({ method: 'GET', url: '/?cache-check=1' });
    expect(first.headers['x-orbis-cache']).toBeUndefined();
    expect(second.headers['x-orbis-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const compressed = await ctx.app.inject({
      method: 'GET',
      url: '/?cache-check=1',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(compressed.rawPayload).toString()).toBe(first.body);
    const arabic = await ctx.app.inject({
      method: 'GET',
      url: '/?cache-check=1',
      headers: { 'accept-language': 'ar' },
    });
    expect(arabic.headers['x-orbis-cache']).toBeUndefined();
    expect(arabic.body).toContain('dir="rtl"');
    const user = await createTestUser(ctx.platform, { name: 'Signed In Reader' });
    const cookie = await signIn(ctx.app, user.email);
    const signedIn = await ctx.app.inject({ method: 'GET', url: '/?cache-check=1', headers: { cookie } });
    expect(signedIn.headers['x-orbis-cache']).toBeUndefined();
    expect(signedIn.body).toContain('Signed In Reader');
    expect(signedIn.headers['cache-control']).toBe('no-store');
  });
});
