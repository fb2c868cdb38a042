/* global fetch, AbortSignal */
// A signed-in learner's unit page: throughput next to a bare Node server sending the same bytes
// (and, for reference, the signed-in home page, which pays the same session cost), and the unit
// page's first-visit weight. Measurements, not tests: it prints figures and never fails
// on one. Bounded: fixed durations and a watchdog.
// Usage: node bench/learn-unit.mjs   (needs a built dist/; BENCH_DATABASE_URL for PostgreSQL)
// The demo learner enrolls in the demo course's self-paced run through the JSON API (the
// enrollment service), opens the run's first unit once (the visit is recorded then), and from
// then on every request is the hot path: a repeated view of the same unit, which writes nothing.
// One person repeating one page is the best case for the per-person caches of the request context
// (session, profile, roles; ADR 0021); the course and run caches serve every learner alike. The
// CPU/req column is the server's own CPU time per request (Linux /proc), which moves much less
// than requests per second when other programs share the machine.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import {
  HAS_TASKSET,
  ROOT,
  envNumber,
  formatTable,
  pinSelfAwayFromServer,
  startOrbisServer,
  startWatchdog,
  stopChild,
} from './lib.mjs';
import { captureResponse, compareWithCeiling, enrollInRun, signIn, startCeiling, weighFirstVisit } from './measure.mjs';

const DURATION = envNumber('BENCH_DURATION', 5);
const ROUNDS = envNumber('BENCH_ROUNDS', 3);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 16);
const WARMUP = 2;
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? '';
const COURSE = 'climate-data-cities';
const RUN = 'self-paced';
const GOAL_BYTES = 50 * 1024;

/**
 * Enrolls through the API (201 new, 200 already enrolled) and finds the unit "resume" opens.
 * Returns that unit and the cookies a browser holds after its first view of it: the session and
 * the form-token secret the page set, which a browser sends back on every later view.
 */
async function prepareLearner(baseUrl, cookie) {
  await enrollInRun(baseUrl, cookie, COURSE, RUN);
  const resume = await fetch(`${baseUrl}/learn/${COURSE}/${RUN}/resume`, {
    headers: { cookie },
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const unit = resume.headers.get('location');
  if (resume.status !== 303 || !unit?.includes('/units/')) throw new Error(`No unit to resume: ${resume.status}`);
  // The first view records the visit; every later one is read-only.
  const first = await fetch(baseUrl + unit, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  const given = first.headers.getSetCookie().map((value) => value.split(';')[0]);
  return { unit, cookie: [cookie, ...given].join('; ') };
}

export async function runLearnUnitBenchmark() {
  const pinned = pinSelfAwayFromServer();
  const watchdog = startWatchdog(4 * (ROUNDS * DURATION + WARMUP + 10) + 240, 'bench/learn-unit');
  const workDir = mkdtempSync(path.join(tmpdir(), 'orbis-learn-ceiling-'));
  const server = await startOrbisServer();
  let ceiling = null;
  try {
    const { unit, cookie } = await prepareLearner(server.baseUrl, await signIn(server.baseUrl));
    const headers = { cookie, ...(ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}) };
    // The signed-in home page is the reference: every signed-in page pays for the session first.
    const routes = process.env.BENCH_UNIT_ONLY ? [unit] : [unit, '/'];
    const captured = {};
    for (const route of routes) captured[route] = await captureResponse(server.baseUrl, route, headers);
    const file = path.join(workDir, 'responses.json');
    writeFileSync(file, JSON.stringify(captured));
    ceiling = await startCeiling(file);
    const weight = await weighFirstVisit(server.baseUrl, unit, cookie);

    console.log(
      `Unit page of a signed-in learner on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ` +
        `${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s each taking turns with the ceiling, server ${HAS_TASKSET ? 'pinned to core 0' : 'not pinned (no taskset)'}, ` +
        `load generator ${pinned ? 'on the other cores' : 'not pinned'}, accept-encoding "${ACCEPT_ENCODING || 'none'}".`,
    );
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
        label: (route) => (route === '/' ? '/ (signed in, reference)' : route),
      }),
    );
    console.log('\nFirst visit, compressed (br), bodies only, video and its poster excluded:');
    console.log(
      formatTable(
        ['part', 'bytes'],
        [...weight.parts.map(([name, size]) => [name, `${size}`]), ['total', `${weight.total}`]],
      ),
    );
    console.log(
      `${(weight.total / 1024).toFixed(1)} KiB, ${weight.total <= GOAL_BYTES ? 'within' : 'over'} the 50 KiB goal.`,
    );
  } finally {
    if (ceiling) await stopChild(ceiling.child);
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench/learn-unit.mjs')) {
  runLearnUnitBenchmark().then(
    () => process.exit(0),
    (error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
