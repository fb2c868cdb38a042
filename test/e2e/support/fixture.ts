import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  describeProblems,
  isExpectedNotFound,
  launchBrowser,
  openContext,
  type ContextOptions,
  type WatchedContext,
} from './browser.ts';
import { startOrbis, type RunningOrbis } from './server.ts';

export type E2eFixture = {
  readonly baseUrl: string;
  open(options?: Omit<ContextOptions, 'baseUrl'>): Promise<WatchedContext>;
};

/**
 * One real server and one browser per test file; every context opened through the fixture is
 * closed at the end, and each test checks its own pages for console errors and CSP violations.
 */
export function useOrbis(): E2eFixture {
  let server: RunningOrbis | null = null;
  let browser: Browser | null = null;
  const contexts: WatchedContext[] = [];

  beforeAll(async () => {
    server = await startOrbis();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  return {
    get baseUrl() {
      if (!server) throw new Error('The server has not started.');
      return server.baseUrl;
    },
    async open(options = {}) {
      if (!server || !browser) throw new Error('The server or the browser has not started.');
      const context = await openContext(browser, { baseUrl: server.baseUrl, ...options });
      context.context.setDefaultTimeout(10_000);
      context.context.setDefaultNavigationTimeout(20_000);
      contexts.push(context);
      return context;
    },
  };
}

/** No console errors, page errors or CSP violations, except the 404 a not-found page is meant to log. */
export function expectCleanConsole(context: WatchedContext, options: { allowNotFound?: boolean } = {}): void {
  const problems = context.problems.filter((problem) => !(options.allowNotFound && isExpectedNotFound(problem)));
  expect(problems, describeProblems(problems)).toEqual([]);
}
