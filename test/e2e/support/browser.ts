import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Debian's Chromium is installed (CI installs it; a fresh machine may not have it). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Debian's Chromium; never a downloaded browser. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export type ContextOptions = {
  baseUrl: string;
  locale?: string;
  javaScriptEnabled?: boolean;
  viewport?: { width: number; height: number };
};

/** What went wrong in the browser while a test ran: console errors, page errors, CSP reports. */
export type PageProblem = { url: string; kind: 'console' | 'pageerror' | 'csp'; text: string };

export type WatchedContext = {
  context: BrowserContext;
  page: Page;
  problems: PageProblem[];
  close(): Promise<void>;
};

/**
 * A fresh context (no cookies, empty cache) in the given language, with every page watched for
 * console errors and Content-Security-Policy violations.
 */
export async function openContext(browser: Browser, options: ContextOptions): Promise<WatchedContext> {
  const context = await browser.newContext({
    baseURL: options.baseUrl,
    locale: options.locale ?? 'en',
    extraHTTPHeaders: { 'accept-language': options.locale ?? 'en' },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
  });
  const problems: PageProblem[] = [];
  // The init script runs from the browser's side channel, so the page's CSP does not block it,
  // and it turns every violation into a console error we can collect.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const csp = text.startsWith('CSP violation') || text.includes('Content Security Policy');
    problems.push({ url: message.page()?.url() ?? '', kind: csp ? 'csp' : 'console', text });
  });
  context.on('weberror', (error) => {
    problems.push({ url: error.page()?.url() ?? '', kind: 'pageerror', text: error.error().message });
  });
  const page = await context.newPage();
  return { context, page, problems, close: () => context.close() };
}

/** Console errors the browser logs for a page that is meant to answer 404. */
export function isExpectedNotFound(problem: PageProblem): boolean {
  return problem.kind === 'console' && /status of 404/.test(problem.text);
}

export function describeProblems(problems: PageProblem[]): string {
  return problems.map((problem) => `[${problem.kind}] ${problem.url}: ${problem.text}`).join('\n');
}

export type AxeReport = { violations: Result[]; summary: string };

/** Runs axe with the WCAG 2.2 AA rule set against the current page. */
export async function checkAccessibility(page: Page): Promise<AxeReport> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return { violations: results.violations, summary: summarizeViolations(page.url(), results.violations) };
}

export function summarizeViolations(url: string, violations: Result[]): string {
  if (violations.length === 0) return '';
  const lines = violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.join(' ')).slice(0, 5);
    const more = violation.nodes.length > 5 ? ` (+${violation.nodes.length - 5} more)` : '';
    return `  - ${violation.id} [${violation.impact ?? 'n/a'}] ${violation.help}: ${targets.join(' | ')}${more}`;
  });
  return `${url}\n${lines.join('\n')}`;
}
