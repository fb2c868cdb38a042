// Durable graded quiz submissions per second: BENCH_CONNECTIONS (16) connections each send
// submissions of attempts started beforehand, one new attempt per request, through the API with
// an API token and an Idempotency-Key. Every 2xx is a committed transaction: the attempt marked
// and stored, the best score, the completion, the course grade and the xAPI statements.
// Each learner's first attempt is a warm-up, not measured. Bounded: the number of requests is the
// number of seeded attempts, and a watchdog ends the run.
import { randomUUID } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import {
  envNumber,
  formatTable,
  pinSelfAwayFromServer,
  readCpuMilliseconds,
  readPostgresCpuMilliseconds,
  startOrbisServer,
  startWatchdog,
} from './lib.mjs';

const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 16);
const LEARNERS = envNumber('BENCH_QUIZ_LEARNERS', 100);
const QUIZZES = envNumber('BENCH_QUIZZES', 40);
const MAX_SECONDS = envNumber('BENCH_DURATION', 60);
// 'learner' (default): each learner's attempts back to back, so the 16 connections mostly submit
// for the same learner and queue on that learner's grade row. 'interleaved': round-robin across
// learners, as many learners submitting at once would.
const ORDER = process.env.BENCH_QUIZ_ORDER === 'interleaved' ? 'interleaved' : 'learner';

startWatchdog(20 * 60, 'quiz-submit');
const { seedQuizWorld } = await tsImport('./quiz-world.ts', import.meta.url);

let world;
let databaseUrl = null;
const server = await startOrbisServer({
  prepare: async (target) => {
    databaseUrl = target.databaseUrl;
    const started = Date.now();
    world = await seedQuizWorld({ ...target, learners: LEARNERS, quizzes: QUIZZES, startAttempts: true });
    console.log(
      `Seeded ${world.openAttempts.length} open attempts (${LEARNERS} learners × ${QUIZZES} quizzes) in ${Math.round((Date.now() - started) / 1000)} s.`,
    );
  },
});
pinSelfAwayFromServer();

const base = `/api/v1/courses/${world.courseKey}/runs/${world.runCode}/quizzes`;

/** The attempts reordered round-robin by learner (their token), keeping each learner's order. */
function interleave(list) {
  const byLearner = new Map();
  for (const attempt of list) {
    const own = byLearner.get(attempt.token) ?? [];
    own.push(attempt);
    byLearner.set(attempt.token, own);
  }
  const queues = [...byLearner.values()];
  const result = [];
  for (let index = 0; result.length < list.length; index += 1) {
    for (const queue of queues) if (index < queue.length) result.push(queue[index]);
  }
  return result;
}

/*
 * Warm-up, not measured: each learner's first attempt, so that the measured run sees a server
 * whose code is compiled and whose caches know these learners, as a server in service does.
 */
const warmTokens = new Set();
const warmUp = [];
const measured = [];
for (const attempt of world.openAttempts) {
  if (warmTokens.has(attempt.token)) measured.push(attempt);
  else {
    warmTokens.add(attempt.token);
    warmUp.push(attempt);
  }
}
const body = JSON.stringify({ answers: world.answers });

/** Submits every attempt of `list` over CONNECTIONS connections; statuses counted, the clock read. */
async function submitAll(list) {
  let next = 0;
  const statuses = new Map();
  // autocannon settles on its next one-second tick after the last answer: the run ends at that answer.
  let lastAnswerAt = 0;
  const startedAt = performance.now();
  const result = await autocannon({
    url: server.baseUrl,
    connections: CONNECTIONS,
    amount: list.length,
    duration: MAX_SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const attempt = list[next % list.length];
          next += 1;
          return {
            ...request,
            path: `${base}/${attempt.blockKey}/attempts/${attempt.attemptId}/submission`,
            headers: {
              authorization: `Bearer ${attempt.token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body,
          };
        },
        onResponse: (status) => {
          lastAnswerAt = performance.now();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        },
      },
    ],
  });
  return { result, statuses, seconds: ((lastAnswerAt || performance.now()) - startedAt) / 1000 };
}

try {
  const warm = await submitAll(warmUp);
  const warmCreated = warm.statuses.get(201) ?? 0;
  console.log(`Warm-up: ${warmCreated} of ${warmUp.length} first attempts submitted (not measured).`);
  const serverCpuBefore = readCpuMilliseconds(server.pid);
  const databaseCpuBefore = databaseUrl ? readPostgresCpuMilliseconds() : null;
  const loadCpuBefore = readCpuMilliseconds(process.pid);
  const { result, statuses, seconds } = await submitAll(ORDER === 'interleaved' ? interleave(measured) : measured);
  const created = statuses.get(201) ?? 0;
  // CPU per submission: the server's own, (on a local PostgreSQL) the database server's, and this
  // process's, which sends the load from the same cores as the database.
  const perSubmission = (before, after) =>
    before === null || after === null || created === 0 ? '-' : `${((after - before) / created).toFixed(2)} ms`;
  const serverCpu = perSubmission(serverCpuBefore, readCpuMilliseconds(server.pid));
  const databaseCpu = perSubmission(databaseCpuBefore, databaseUrl ? readPostgresCpuMilliseconds() : null);
  const loadCpu = perSubmission(loadCpuBefore, readCpuMilliseconds(process.pid));
  console.log(
    formatTable(
      [
        'database',
        'order',
        'connections',
        'submitted (201)',
        'other',
        'submissions/s',
        'p50 ms',
        'p99 ms',
        'server CPU/sub',
        'database CPU/sub',
        'load CPU/sub',
        'errors',
      ],
      [
        [
          databaseUrl ? 'PostgreSQL' : 'PGlite',
          ORDER,
          CONNECTIONS,
          created,
          [...statuses]
            .filter(([status]) => status !== 201)
            .map(([status, count]) => `${status}×${count}`)
            .join(' ') || '0',
          (created / seconds).toFixed(0),
          result.latency.p50,
          result.latency.p99,
          serverCpu,
          databaseCpu,
          loadCpu,
          result.errors + result.timeouts,
        ],
      ],
    ),
  );
} finally {
  await server.stop();
}
