/**
 * Axe checks of server-rendered pages without a server: a Chromium context whose every request
 * to the app's origin is answered by `app.inject` (styles and islands included), as the person
 * whose cookies are given.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkAccessibility } from '../e2e/support/browser.ts';

const DROPPED_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'set-cookie']);

export type InjectedContextOptions = {
  app: FastifyInstance;
  baseUrl: string;
  cookies: string;
  locale: string;
  /** Ignore the pages' Content-Security-Policy, to test what stands behind it on its own. */
  bypassCSP?: boolean;
};

export async function openInjectedContext(browser: Browser, options: InjectedContextOptions): Promise<BrowserContext> {
  const { app, baseUrl, cookies, locale } = options;
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale,
    bypassCSP: options.bypassCSP ?? false,
    extraHTTPHeaders: { 'accept-language': locale },
  });
  await context.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin !== baseUrl) return route.abort();
    const headers: Record<string, string> = { ...request.headers() };
    delete headers['accept-encoding'];
    if (cookies) headers.cookie = cookies;
    const response = await app.inject({
      method: request.method() as 'GET' | 'POST',
      url: `${url.pathname}${url.search}`,
      headers,
      payload: request.postDataBuffer() ?? undefined,
    });
    const answered = Object.entries(response.headers).filter(([name]) => !DROPPED_HEADERS.has(name));
    await route.fulfill({
      status: response.statusCode,
      headers: Object.fromEntries(answered.map(([name, value]) => [name, String(value)])),
      body: response.rawPayload,
    });
  });
  return context;
}

/** The page is in `locale` and axe (the browser journeys' WCAG 2.2 AA rules) finds nothing. */
export async function expectNoAxeViolations(page: Page, locale: string): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe(locale);
  const report = await checkAccessibility(page);
  expect(
    report.violations.map((violation) => violation.id),
    report.summary,
  ).toEqual([]);
}

/** Opens `path` in a fresh injected context, expects `status`, and expects no axe violation. */
export async function auditInjectedPage(
  browser: Browser,
  options: InjectedContextOptions,
  path: string,
  status = 200,
): Promise<void> {
  const context = await openInjectedContext(browser, options);
  try {
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await expectNoAxeViolations(page, options.locale);
  } finally {
    await context.close();
  }
}
