/* global fetch, AbortSignal */
// A run's forum under load: replies posted through the JSON API as fast as BENCH_CONNECTIONS
// connections send them, every acknowledged reply checked against what was stored, then the
// thread list page (by activity, by votes, and a search) next to a bare Node server sending the
// same bytes, and the list page's first-visit weight. Measurements, not tests: it prints figures
// and never fails on one. Bounded: fixed durations and a watchdog.
// Usage: node bench/forum.mjs   (needs a built dist/; BENCH_DATABASE_URL for PostgreSQL)
// The demo learner enrolls in the demo course's self-paced run and starts BENCH_FORUM_THREADS
// threads; the replies go round-robin over them, each with its own words, so consecutive
// requests rarely wait on the same thread's row lock. Posting limits are off (ORBIS_RATE_LIMIT).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import autocannon from 'autocannon';
import {
  HAS_TASKSET,
  ROOT,
  envNumber,
  formatTable,
  pinSelfAwayFromServer,
  readCpuMilliseconds,
  readPostgresCpuMilliseconds,
  startOrbisServer,
  startWatchdog,
  stopChild,
} from './lib.mjs';
import { captureResponse, compareWithCeiling, enrollInRun, signIn, startCeiling, weighFirstVisit } from './measure.mjs';

const DURATION = envNumber('BENCH_DURATION', 8);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 16);
const THREADS = envNumber('BENCH_FORUM_THREADS', 50);
const WARMUP = 2;
const ROUNDS = envNumber('BENCH_ROUNDS', 3);
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? '';
const COURSE = 'climate-data-cities';
const RUN = 'self-paced';
const API = `/api/v1/courses/${COURSE}/runs/${RUN}/forum/threads`;
const PAGE = `/learn/${COURSE}/${RUN}/forum`;
// In one thread title in five and one reply in ten, so the search matches titles and bodies.
const SEARCH_WORD = 'albedo';
const GOAL_RATIO = 10;
const GOAL_REPLIES_PER_SECOND = 500;
const GOAL_BYTES = 50 * 1024;
const ON_POSTGRES = Boolean(process.env.BENCH_DATABASE_URL);

async function postJson(baseUrl, cookie, route, payload) {
  const response = await fetch(baseUrl + route, {
    method: 'POST',
    headers: { cookie, origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the status and text say what went wrong.
  }
  return { status: response.status, json, text };
}

/** The new thread's id, whichever name the API gives it. */
function readThreadId(json) {
  const id = json?.id ?? json?.threadId ?? json?.thread?.id;
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}

async function createThreads(baseUrl, cookie) {
  const ids = [];
  for (let index = 1; index <= THREADS; index += 1) {
    const words = index % 5 === 0 ? `${SEARCH_WORD} of roofs and ` : '';
    const created = await postJson(baseUrl, cookie, API, {
      title: `Thread ${index}: ${words}heat in the city`,
      body: `Opening post ${index}: how does the measured temperature of our own city compare with the regional model?`,
      kind: 'discussion',
    });
    const id = readThreadId(created.json);
    if (created.status !== 201 || id === null) {
      throw new Error(`Starting thread ${index} failed: ${created.status} ${created.text.slice(0, 300)}`);
    }
    ids.push(id);
  }
  return ids;
}

/** Each reply says something of its own, so no two bodies are the same. */
function replyBody(number) {
  const extra = number % 10 === 0 ? ` The ${SEARCH_WORD} of pale roofs matters too.` : '';
  return `Reply ${number}: in my city the evening readings run warmer than the model by a degree or two.${extra}`;
}

/** One autocannon run of replies over the threads, round-robin; tallies every status. */
async function postReplies(baseUrl, cookie, threadIds, duration, tally) {
  const headers = { cookie, origin: baseUrl, 'content-type': 'application/json' };
  return autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    duration,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const number = tally.built;
          tally.built += 1;
          return {
            ...request,
            path: `${API}/${threadIds[number % threadIds.length]}/replies`,
            headers,
            body: JSON.stringify({ body: replyBody(number) }),
          };
        },
        onResponse: (status) => {
          tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
}

function countAcknowledged(statuses) {
  let total = 0;
  for (const [status, count] of statuses) if (status >= 200 && status < 300) total += count;
  return total;
}

function describeOthers(statuses) {
  const others = [...statuses].filter(([status]) => status < 200 || status >= 300);
  return others.map(([status, count]) => `${status}×${count}`).join(' ') || '0';
}

/** Replies each thread holds, from the API's thread view. */
async function countStoredReplies(baseUrl, cookie, threadIds) {
  let total = 0;
  for (const id of threadIds) {
    const response = await fetch(`${baseUrl}${API}/${id}`, {
      headers: { cookie },
      signal: AbortSignal.timeout(10_000),
    });
    const json = await response.json().catch(() => null);
    const replies = json?.replyPage?.total ?? json?.thread?.replyPage?.total;
    if (!response.ok || typeof replies !== 'number') {
      throw new Error(`Reading thread ${id} failed: ${response.status} ${JSON.stringify(json)?.slice(0, 300)}`);
    }
    total += replies;
  }
  return total;
}

function perReply(before, after, replies) {
  return before === null || after === null || replies === 0 ? '-' : `${((after - before) / replies).toFixed(2)} ms`;
}

async function measurePosting(server, cookie, threadIds) {
  const warmup = { built: 0, statuses: new Map() };
  const warmupResult = await postReplies(server.baseUrl, cookie, threadIds, WARMUP, warmup);
  const tally = { built: warmup.built, statuses: new Map() };
  const serverCpuBefore = readCpuMilliseconds(server.pid);
  const databaseCpuBefore = ON_POSTGRES ? readPostgresCpuMilliseconds() : null;
  const result = await postReplies(server.baseUrl, cookie, threadIds, DURATION, tally);
  const serverCpuAfter = readCpuMilliseconds(server.pid);
  const databaseCpuAfter = ON_POSTGRES ? readPostgresCpuMilliseconds() : null;
  const acknowledged = countAcknowledged(tally.statuses);
  const repliesPerSecond = acknowledged / result.duration;
  console.log(
    formatTable(
      [
        'connections',
        'threads',
        'replied (2xx)',
        'other',
        'replies/s',
        'p50',
        'p99',
        'server CPU/reply',
        'PostgreSQL CPU/reply',
        'errors',
      ],
      [
        [
          CONNECTIONS,
          threadIds.length,
          acknowledged,
          describeOthers(tally.statuses),
          repliesPerSecond.toFixed(0),
          `${result.latency.p50} ms`,
          `${result.latency.p99} ms`,
          perReply(serverCpuBefore, serverCpuAfter, acknowledged),
          ON_POSTGRES ? perReply(databaseCpuBefore, databaseCpuAfter, acknowledged) : '-',
          result.errors + result.timeouts,
        ],
      ],
    ),
  );
  const goal = ON_POSTGRES
    ? `goal ≥ ${GOAL_REPLIES_PER_SECOND} on PostgreSQL`
    : `the ${GOAL_REPLIES_PER_SECOND}/s goal is for PostgreSQL`;
  console.log(`${repliesPerSecond.toFixed(0)} replies/s (${goal}).`);
  const failed = result.non2xx + warmupResult.non2xx;
  const unanswered = result.errors + result.timeouts + warmupResult.errors + warmupResult.timeouts;
  console.log(
    `failures: ${failed} non-2xx (should be 0; warm-up: ${describeOthers(warmup.statuses)}), ` +
      `${unanswered} errors or timeouts.`,
  );
  return { allAcknowledged: countAcknowledged(warmup.statuses) + acknowledged, unanswered };
}

/**
 * Every acknowledged reply must be stored. A request still in flight when a run's timer ends,
 * or one that timed out, may be stored without an answer: at most one per connection and run,
 * plus the errors.
 */
async function checkStored(baseUrl, cookie, threadIds, { allAcknowledged, unanswered }) {
  const stored = await countStoredReplies(baseUrl, cookie, threadIds);
  console.log(`\nAcknowledged (2xx, warm-up included): ${allAcknowledged}; stored: ${stored}.`);
  console.log(`lost: ${Math.max(0, allAcknowledged - stored)}`);
  if (stored > allAcknowledged) {
    console.log(
      `stored without an answer: ${stored - allAcknowledged} (cut off when a run ended; ` +
        `at most ${2 * CONNECTIONS + unanswered} expected).`,
    );
  }
  return stored;
}

async function measureListPages(server, cookie, workDir) {
  const headers = { cookie, ...(ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}) };
  const routes = [PAGE, `${PAGE}?sort=votes`, `${PAGE}?q=${SEARCH_WORD}`];
  const captured = {};
  for (const route of routes) captured[route] = await captureResponse(server.baseUrl, route, headers);
  const file = path.join(workDir, 'responses.json');
  writeFileSync(file, JSON.stringify(captured));
  const ceiling = await startCeiling(file);
  try {
    console.log(
      await compareWithCeiling({
        serverUrl: server.baseUrl,
        ceilingUrl: ceiling.baseUrl,
        routes,
        captured,
        load: { connections: CONNECTIONS, headers },
        pid: server.pid,
        duration: DURATION,
        warmup: WARMUP,
        rounds: ROUNDS,
      }),
    );
    console.log(`Goal: the thread list at least ${GOAL_RATIO} % of the ceiling.`);
  } finally {
    await stopChild(ceiling.child);
  }
  const weight = await weighFirstVisit(server.baseUrl, PAGE, cookie);
  console.log('\nFirst visit of the thread list, compressed (br), bodies only:');
  console.log(
    formatTable(
      ['part', 'bytes'],
      [...weight.parts.map(([name, size]) => [name, `${size}`]), ['total', `${weight.total}`]],
    ),
  );
  console.log(
    `${(weight.total / 1024).toFixed(1)} KiB, ${weight.total <= GOAL_BYTES ? 'within' : 'over'} the 50 KiB goal.`,
  );
}

export async function runForumBenchmark() {
  const pinned = pinSelfAwayFromServer();
  const watchdog = startWatchdog(8 * (ROUNDS * DURATION + WARMUP + 10) + 300, 'bench/forum');
  const workDir = mkdtempSync(path.join(tmpdir(), 'orbis-forum-ceiling-'));
  const server = await startOrbisServer();
  try {
    const cookie = await signIn(server.baseUrl);
    await enrollInRun(server.baseUrl, cookie, COURSE, RUN);
    const threadIds = await createThreads(server.baseUrl, cookie);
    console.log(
      `Forum of ${COURSE}/${RUN} on ${ON_POSTGRES ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'PGlite'}: ` +
        `${CONNECTIONS} connections, ${DURATION} s after ${WARMUP} s of warm-up, server ` +
        `${HAS_TASKSET ? 'pinned to core 0' : 'not pinned (no taskset)'}, load generator ` +
        `${pinned ? 'on the other cores' : 'not pinned'}.`,
    );
    console.log(`\nPosting replies over ${threadIds.length} threads, one learner, session cookie:`);
    const posted = await measurePosting(server, cookie, threadIds);
    const stored = await checkStored(server.baseUrl, cookie, threadIds, posted);
    console.log(
      `\nThread list as the learner (${threadIds.length} threads, ${stored} replies), ` +
        `accept-encoding "${ACCEPT_ENCODING || 'none'}":`,
    );
    await measureListPages(server, cookie, workDir);
  } finally {
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench/forum.mjs')) {
  runForumBenchmark().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
