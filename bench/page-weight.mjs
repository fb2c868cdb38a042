// First-visit page weight: what a browser with an empty cache downloads for each page, counted in
// transferred (compressed) bytes from Chromium's own network events.
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import { chromium } from 'playwright-core';
import { ROOT, formatTable, startOrbisServer, startWatchdog } from './lib.mjs';
import { seedCourses } from './seed-courses.mjs';

export const PAGES = [
  '/',
  '/institutions',
  '/institutions/tsinghua',
  '/courses',
  '/courses/climate-data-cities',
  '/sign-in',
];
const GOAL_BYTES = 50 * 1024;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Loads one page in a fresh context and sums encodedDataLength over every finished request. */
async function weighPage(browser, baseUrl, route) {
  const context = await browser.newContext({ locale: 'en' });
  try {
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.setCacheDisabled', { cacheDisabled: true });
    const requests = new Map();
    let bytes = 0;
    let failed = 0;
    session.on('Network.requestWillBeSent', (event) => {
      if (!event.request.url.startsWith('data:')) requests.set(event.requestId, event.request.url);
    });
    session.on('Network.loadingFinished', (event) => {
      if (requests.has(event.requestId)) bytes += event.encodedDataLength;
    });
    session.on('Network.loadingFailed', (event) => {
      if (requests.has(event.requestId)) failed += 1;
    });
    const response = await page.goto(baseUrl + route, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    return { route, status: response?.status() ?? 0, requests: requests.size, bytes, failed };
  } finally {
    await context.close();
  }
}

export async function runPageWeight() {
  const watchdog = startWatchdog(480, 'bench/page-weight');
  // The catalog is filled before the server opens the database (one PGlite per process).
  const server = await startOrbisServer({ prepare: seedCourses });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const rows = [];
  try {
    for (const route of PAGES) {
      const weight = await weighPage(browser, server.baseUrl, route);
      rows.push([
        route,
        `${weight.status}`,
        `${weight.requests}`,
        `${weight.bytes}`,
        `${(weight.bytes / 1024).toFixed(1)} KiB`,
        weight.bytes <= GOAL_BYTES ? 'yes' : 'no',
        `${weight.failed}`,
      ]);
    }
  } finally {
    await browser.close();
    await server.stop();
    clearTimeout(watchdog);
  }
  console.log('First visit, empty cache, transferred bytes including headers (Chromium encodedDataLength).');
  console.log(formatTable(['page', 'status', 'requests', 'bytes', 'size', '<= 50 KiB', 'failed'], rows));
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench/page-weight.mjs')) {
  runPageWeight().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
