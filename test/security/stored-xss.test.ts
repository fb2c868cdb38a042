import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForumWorld, type ForumRole, type ForumWorld } from '../../src/web/pages/forum/test-world.ts';
import { hasChromium, launchBrowser } from '../e2e/support/browser.ts';
import { openInjectedContext } from '../support/injected-browser.ts';
import { XSS_PAYLOADS, markPayload } from '../support/xss-corpus.ts';

/*
 * Stored XSS, end to end: every payload of the corpus is posted through the JSON API (as thread
 * titles, opening posts, replies and comments), then every page that shows them is opened in
 * Chromium, as their author, a classmate and a moderator. A payload that runs calls
 * window.__xssHit. Each page is opened twice: with the site's CSP, and with the CSP ignored, so
 * the sanitiser is tested on its own and the CSP does not hide a sanitiser bug.
 */

const MARKER = 'window.__xssHit';
const browserAvailable = hasChromium();
const REPLIES_PER_THREAD = 40;

let world: ForumWorld;
let browser: Browser;
const threadIds: number[] = [];
const pages = new Set<string>();
const ownPostIds: number[] = [];

type Created = { id?: number; threadId?: number; postId?: number };

const refused: string[] = [];
let stored = 0;

async function postJson(who: ForumRole, url: string, body: unknown): Promise<Created> {
  const response = await world.api(who, 'POST', url, body);
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  return response.json() as Created;
}

/**
 * Posts a payload; the API may refuse it outright (control characters, which PostgreSQL text
 * cannot hold or the API never takes), which is as safe as storing it inertly. Anything else
 * must be stored.
 */
async function postPayload(
  who: ForumRole,
  url: string,
  id: string,
  body: Record<string, unknown>,
): Promise<Created | null> {
  const response = await world.api(who, 'POST', url, body);
  if (response.statusCode === 400 && /control characters|valid Unicode/.test(response.body)) {
    refused.push(id);
    return null;
  }
  expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
  stored += 1;
  return response.json() as Created;
}

/** A title is one line of plain text: the payload with its line breaks and control characters as spaces. */
function asTitle(id: string, source: string): string {
  const line = source
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ');
  return [...`${id} ${line}`].slice(0, 200).join('').trim();
}

/** A page of the corpus: the payloads as the browser test calls them. */
function marked(index: number): { id: string; source: string } {
  const payload = XSS_PAYLOADS[index % XSS_PAYLOADS.length]!;
  return { id: payload.id, source: markPayload(payload.source, MARKER) };
}

beforeAll(async () => {
  if (!browserAvailable) return;
  world = await createForumWorld();
  const total = XSS_PAYLOADS.length;
  let index = 0;
  while (index < total) {
    const opening = marked(index++);
    const title = asTitle(opening.id, opening.source);
    const thread =
      (await postPayload('learner', world.paths.apiThreads(), opening.id, {
        title,
        body: opening.source,
        kind: 'question',
      })) ??
      (await postJson('learner', world.paths.apiThreads(), {
        title,
        body: 'A carrier for the replies.',
        kind: 'question',
      }));
    const threadId = thread.threadId ?? thread.id!;
    threadIds.push(threadId);
    let lastReply: number | null = null;
    for (let n = 0; n < REPLIES_PER_THREAD && index < total; n += 1) {
      const payload = marked(index++);
      const author: ForumRole = n % 2 === 0 ? 'classmate' : 'learner';
      const asComment = n % 5 === 4 && lastReply !== null;
      const reply = await postPayload(author, `${world.paths.apiThread(threadId)}/replies`, payload.id, {
        body: payload.source,
        ...(asComment ? { parentId: lastReply } : {}),
      });
      if (!reply) continue;
      if (!asComment) lastReply = reply.postId!;
      if (author === 'learner') ownPostIds.push(reply.postId!);
      // Reports put the post in the moderation queue, another page that shows it.
      if (author === 'learner' && n % 3 === 1) {
        await postJson('classmate', `${world.paths.apiPost(reply.postId!)}/flags`, { reason: 'spam' });
      }
    }
    const replyPages = Math.ceil(REPLIES_PER_THREAD / 25) + 1;
    for (let page = 1; page <= replyPages; page += 1) pages.add(`${world.paths.thread(threadId)}?page=${page}`);
  }
  const listPages = Math.ceil(threadIds.length / 20);
  for (let page = 1; page <= listPages; page += 1) pages.add(`${world.paths.forum()}?page=${page}`);
  pages.add(`${world.paths.forum()}?q=XSS`);
  pages.add(`${world.paths.forum()}?sort=unanswered`);
  pages.add(`${world.paths.forum()}/moderation`);
  pages.add(world.paths.notifications());
  for (const postId of ownPostIds.slice(0, 5)) pages.add(`/learn/${world.key}/SP/forum/posts/${postId}/edit`);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await world?.close();
});

/** Runs the page's event handlers a person could trigger, and lists links and images that would run script. */
async function provokeAndInspect(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const unsafe: string[] = [];
    for (const element of Array.from(document.querySelectorAll('main *'))) {
      for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart', 'toggle', 'pointerdown']) {
        element.dispatchEvent(new Event(type));
      }
    }
    const safe = new Set(['http:', 'https:', 'mailto:']);
    for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
      const { protocol, origin } = anchor as HTMLAnchorElement;
      if (!safe.has(protocol) && origin !== location.origin) unsafe.push(`a ${anchor.getAttribute('href')}`);
    }
    for (const image of Array.from(document.querySelectorAll('img[src]'))) {
      const url = new URL((image as HTMLImageElement).src, location.href);
      if (url.protocol !== 'https:' && url.origin !== location.origin) unsafe.push(`img ${image.getAttribute('src')}`);
    }
    for (const form of Array.from(document.querySelectorAll('form[action]'))) {
      const url = new URL((form as HTMLFormElement).action, location.href);
      if (url.origin !== location.origin) unsafe.push(`form ${form.getAttribute('action')}`);
    }
    return unsafe;
  });
}

async function crawl(
  who: ForumRole,
  bypassCSP: boolean,
): Promise<{ hits: string[]; unsafe: string[]; opened: number }> {
  const context = await openInjectedContext(browser, {
    app: world.ctx.app,
    baseUrl: world.ctx.config.baseUrl,
    cookies: world.sessions[who].cookies,
    locale: 'en',
    bypassCSP,
  });
  await context.addInitScript(() => {
    const hits: string[] = [];
    Object.assign(window, { __xssHits: hits, __xssHit: (id: unknown) => hits.push(String(id)) });
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      Object.assign(window, { [name]: (...args: unknown[]) => hits.push(`${name}(${args.join(',')})`) });
    }
  });
  const hits: string[] = [];
  const unsafe: string[] = [];
  let opened = 0;
  try {
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      hits.push(`dialog ${dialog.message()}`);
      void dialog.dismiss();
    });
    for (const url of pages) {
      const response = await page.goto(url);
      // Moderation and edit pages answer 403/404 to people who may not see them; nothing to render.
      if (!response || response.status() !== 200) continue;
      opened += 1;
      if (!bypassCSP) expect(response.headers()['content-security-policy'], url).toContain("script-src 'self'");
      unsafe.push(...(await provokeAndInspect(page)).map((entry) => `${url}: ${entry}`));
      await page.waitForTimeout(20);
      hits.push(...(await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)));
    }
  } finally {
    await context.close();
  }
  return { hits, unsafe, opened };
}

describe.skipIf(!browserAvailable)(`${XSS_PAYLOADS.length} stored XSS payloads in the forum`, () => {
  it('stores nearly every payload; the rest are refused as text no one could store', () => {
    expect(stored + refused.length).toBe(XSS_PAYLOADS.length);
    expect(refused.length).toBeLessThan(XSS_PAYLOADS.length / 10);
  });

  it('the detector sees a script that runs (control)', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.evaluate(() => {
        const hits: string[] = [];
        Object.assign(window, { __xssHits: hits, __xssHit: (id: unknown) => hits.push(String(id)) });
      });
      await page.setContent(
        `<main><img src="x:" onerror="${MARKER}('control')"><b onmouseover="${MARKER}('hover')">x</b></main>`,
      );
      await page.waitForTimeout(50);
      await provokeAndInspect(page);
      expect(await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits)).toEqual(
        expect.arrayContaining(['control', 'hover']),
      );
    } finally {
      await context.close();
    }
  });

  for (const who of ['learner', 'classmate', 'lead'] as const) {
    for (const bypassCSP of [false, true]) {
      it(`run nowhere for ${who}${bypassCSP ? ' with the CSP ignored' : ''}`, async () => {
        const { hits, unsafe, opened } = await crawl(who, bypassCSP);
        expect(opened).toBeGreaterThan(threadIds.length);
        expect(hits).toEqual([]);
        expect(unsafe).toEqual([]);
      }, 300_000);
    }
  }
});
