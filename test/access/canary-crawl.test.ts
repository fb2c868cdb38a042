import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTION_KINDS } from '../../src/modules/courses/index.ts';
import { createTestApp, type TestContext } from '../support/app.ts';
import { POLICIES, createCanaryCrawlWorld, type CanaryCrawlWorld } from './canary-crawl-world.ts';
import {
  crawl,
  fillRoute,
  findMarkers,
  listParameters,
  type Credential,
  type CrawlResult,
  type ParameterValues,
} from './crawler.ts';

/*
 * The generic canary crawl: before the reveal policy allows it, no answer key of any question
 * kind may reach a learner, on any page or API route, in a body or a header. The routes come
 * from the application itself (`listRoutes`), so a new route is crawled without touching this
 * file, unless it names a parameter the table below does not know: then the first test fails
 * until the table says which of the world's values fill it.
 */

const NIL = '00000000-0000-0000-0000-000000000000';
/** Enough for every route's combinations and the links they lead to, with room to grow. */
const MAX_ADDRESSES = 3000;

let ctx: TestContext;
let w: CanaryCrawlWorld;
let values: ParameterValues;
let result: CrawlResult;

/**
 * Route parameter → the world's values. Where the world has no such object (media, mail,
 * invitations), a well-formed address that does not exist: those routes are still fetched,
 * and the crawl follows any real address a page links to (the development mailbox, assets).
 */
function buildParameterValues(): ParameterValues {
  const { world, quizzes, attempts, sectionKeys } = w;
  const quizKeys = POLICIES.map((policy) => world.blocks[policy].key);
  const questionIds = POLICIES.flatMap((policy) => {
    const quiz = quizzes[policy];
    return quiz.type === 'quiz' ? (quiz.questions ?? []).map((question) => question.id) : [];
  });
  return {
    // The course; on /institutions and /api/v1/institutions the same name means an institution.
    key: [world.key, world.cast.lead.key, world.cast.partner.key],
    courseKey: [world.key],
    // The self-paced run the attempts live in, and the scheduled run the learner is also in.
    runCode: [world.runs.selfPaced.code, world.runs.scheduled.code],
    code: [world.runs.selfPaced.code, world.runs.scheduled.code],
    sectionKey: sectionKeys,
    unitKey: [world.unit.key],
    blockKey: [...quizKeys, world.text.key],
    questionId: [...new Set(questionIds)],
    // Submitted and open attempts of both quizzes.
    attemptId: POLICIES.flatMap((policy) => [attempts[policy].submitted, attempts[policy].open]),
    // Media and mail: none in this world.
    uuid: [NIL],
    filename: ['notes.pdf'],
    // The bundles prepareAssets builds.
    name: ['app.css', 'islands.js', 'favicon.svg'],
    // Institution and team invitations: none for this learner.
    token: ['no-such-invitation-token'],
    id: [NIL],
    // Forum threads and posts: the crawl follows the links of the forum pages to the real ones.
    threadId: ['1'],
    postId: ['1'],
    // Better Auth's GET endpoints for a signed-in person.
    '*': ['get-session', 'list-sessions', 'list-accounts', 'ok'],
  };
}

function listGetRoutes(): string[] {
  return [
    ...new Set(
      ctx.app
        .listRoutes()
        .filter((route) => route.method === 'GET')
        .map((route) => route.url),
    ),
  ];
}

/** Pages with the browser session; /api routes with the session and with the learner's API token. */
function pickCredentials(url: string): Credential[] {
  const session: Credential = { label: 'session', headers: { cookie: w.learner.cookie } };
  if (!url.startsWith('/api/')) return [session];
  return [session, { label: 'token', headers: { authorization: `Bearer ${w.learner.token}` } }];
}

beforeAll(async () => {
  ctx = await createTestApp();
  w = await createCanaryCrawlWorld(ctx);
  values = buildParameterValues();
  const routes = listGetRoutes().filter((route) => listParameters(route).every((name) => name in values));
  result = await crawl({
    app: ctx.app,
    baseUrl: ctx.config.baseUrl,
    seeds: routes.flatMap((route) => fillRoute(route, values)),
    credentialsFor: pickCredentials,
    maxAddresses: MAX_ADDRESSES,
  });
});
afterAll(() => ctx.close());

describe('the canary crawl of every GET route as a learner', () => {
  it('knows a value for every parameter of every GET route', () => {
    const unknown = listGetRoutes().flatMap((route) =>
      listParameters(route)
        .filter((name) => !(name in values))
        .map((name) => `${route} :${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('plants a marker in every accepted answer, feedback and explanation of every question kind', () => {
    for (const policy of POLICIES) {
      const quiz = w.quizzes[policy];
      if (quiz.type !== 'quiz') throw new Error('not a quiz');
      const questions = quiz.questions ?? [];
      expect(new Set(questions.map((question) => question.kind))).toEqual(new Set(QUESTION_KINDS));
      const planted = [...w.ledger.values()].filter((origin) => origin.startsWith(`${policy}.`));
      questions.forEach((question, index) => {
        const at = `${policy}.questions.${index}`;
        expect(planted, `${at} explanation`).toContain(`${at}.explanation`);
        if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
          question.choices.forEach((_choice, choice) =>
            expect(planted, `${at} choice ${choice}`).toContain(`${at}.choices.${choice}.feedback`),
          );
        }
        if (question.kind === 'short_text') {
          question.acceptedAnswers.forEach((_answer, answer) =>
            expect(planted, `${at} answer ${answer}`).toContain(`${at}.acceptedAnswers.${answer}`),
          );
        }
      });
    }
    expect(new Set(w.ledger.keys()).size).toBe(w.ledger.size);
  });

  it('lets the course staff see the markers, so finding none means something', async () => {
    for (const policy of POLICIES) {
      const url = `/studio/courses/${w.world.key}/blocks/${w.world.blocks[policy].key}/questions/text`;
      const response = await ctx.app.inject({ method: 'GET', url, headers: { cookie: w.staffCookie } });
      expect(response.statusCode, url).toBe(200);
      const page = {
        url,
        credential: 'staff',
        status: 200,
        contentType: 'text/html',
        body: response.body,
        headerText: '',
      };
      expect(findMarkers([page], w.markers).length, url).toBeGreaterThan(0);
    }
  });

  it('visits every address it finds', () => {
    expect(result.truncated, `more than ${MAX_ADDRESSES} addresses`).toBe(false);
    expect(result.addresses).toBeGreaterThan(100);
  });

  it('fetches the quiz, unit, attempt, progress and export pages and routes with 200', () => {
    const { key, unit, blocks } = w.world;
    const run = `/learn/${key}/SP`;
    const api = `/api/v1/courses/${key}/runs/SP`;
    const pages = [
      run,
      `${run}/units/${unit.key}`,
      `${run}/progress`,
      '/account/learning-data',
      '/account/learning-data.json',
      // The quiz page shows the open attempt; the attempt page is the submitted one's.
      ...POLICIES.flatMap((policy) => {
        const quiz = `${run}/quizzes/${blocks[policy].key}`;
        return [quiz, `${quiz}/attempts/${w.attempts[policy].submitted}`];
      }),
    ];
    const routes = [
      `${api}/outline`,
      `${api}/units/${unit.key}`,
      `${api}/progress`,
      '/api/v1/me/learning-data',
      '/api/v1/me/statements',
      '/api/v1/me/enrollments',
      ...POLICIES.flatMap((policy) => {
        const base = `${api}/quizzes/${blocks[policy].key}/attempts`;
        const { submitted, open } = w.attempts[policy];
        return [`${base}/${submitted}`, `${base}/${open}`];
      }),
    ];
    const expected = new Map<string, number>([
      ...pages.map((url) => [`${url} as session`, 200] as const),
      ...routes.flatMap((url) => [[`${url} as session`, 200] as const, [`${url} as token`, 200] as const]),
      // An open attempt's own address sends the learner back to the quiz page, where it is answered.
      ...POLICIES.map((policy) => {
        const quiz = `${run}/quizzes/${blocks[policy].key}`;
        return [`${quiz}/attempts/${w.attempts[policy].open} as session`, 303] as const;
      }),
    ]);
    const answered = new Map(result.fetched.map((page) => [`${page.url} as ${page.credential}`, page.status]));
    const wrong = [...expected]
      .filter(([entry, status]) => answered.get(entry) !== status)
      .map(([entry, status]) => `${entry}: ${answered.get(entry) ?? 'not fetched'} instead of ${status}`);
    expect(wrong).toEqual([]);
  });

  it('finds no marker in any body or header, and no answer marked right or wrong', () => {
    expect(findMarkers(result.fetched, w.markers)).toEqual([]);
    const flagged = result.fetched
      .filter((page) => page.contentType.includes('json') && /"correct"\s*:\s*(true|false)/.test(page.body))
      .map((page) => `${page.url} as ${page.credential}`);
    expect(flagged).toEqual([]);
  });

  it('answers below 500 when a notice in the address is a built-in name, to anyone who may see the page', async () => {
    const pages = [
      ...new Set(
        result.fetched
          .filter((page) => page.contentType.startsWith('text/html') && !page.url.startsWith('/api/'))
          .map((page) => page.url),
      ),
    ];
    const words = ['toString', '__proto__', 'constructor'];
    const visitors = [{}, { cookie: w.learner.cookie }, { cookie: w.staffCookie }];
    const failures: string[] = [];
    for (const url of pages) {
      for (const [turn] of words.entries()) {
        const [notice, done, error] = words.map((_, index) => words[(index + turn) % words.length]);
        const address = `${url}${url.includes('?') ? '&' : '?'}notice=${notice}&done=${done}&error=${error}`;
        for (const headers of visitors) {
          const response = await ctx.app.inject({ method: 'GET', url: address, headers });
          if (response.statusCode >= 500) failures.push(`${response.statusCode} ${address}`);
        }
      }
    }
    expect(pages.length).toBeGreaterThan(50);
    expect(failures).toEqual([]);
  });

  it('gets no answer of 500 or above on the way', () => {
    const failures = result.fetched
      .filter((page) => page.status >= 500)
      .map((page) => `${page.url} as ${page.credential}: ${page.status}`);
    expect(failures).toEqual([]);
  });
});
