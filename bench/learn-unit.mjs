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
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout } from 'node:timers';
import autocannon from 'autocannon';
import {
  readCpuMilliseconds,
  HAS_TASKSET,
  ROOT,
  envNumber,
  formatTable,
  pinSelfAwayFromServer,
  spawnPinned,
  startOrbisServer,
  startWatchdog,
  stopChild,
} from './lib.mjs';

const DURATION = envNumber('BENCH_DURATION', 8);
const CONNECTIONS = envNumber('BENCH_CONNECTIONS', 16);
const WARMUP = 2;
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? '';
const COURSE = 'climate-data-cities';
const RUN = 'self-paced';
const LEARNER = { email: 'learner@demo.orbis.test', password: 'orbis-demo-2020' };
const GOAL_BYTES = 50 * 1024;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

async function signIn(baseUrl) {
  const response = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { origin: baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify(LEARNER),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Signing in the demo learner failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** Enrolls through the API (201 new, 200 already enrolled) and finds the unit "resume" opens. */
async function prepareLearner(baseUrl, cookie) {
  const enrolled = await fetch(`${baseUrl}/api/v1/courses/${COURSE}/runs/${RUN}/enrollment`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl },
    signal: AbortSignal.timeout(10_000),
  });
  if (enrolled.status !== 201 && enrolled.status !== 200) {
    throw new Error(`Enrolling the demo learner failed: ${enrolled.status} ${await enrolled.text()}`);
  }
  const resume = await fetch(`${baseUrl}/learn/${COURSE}/${RUN}/resume`, {
    headers: { cookie },
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  const unit = resume.headers.get('location');
  if (resume.status !== 303 || !unit?.includes('/units/')) throw new Error(`No unit to resume: ${resume.status}`);
  // The first view records the visit; every later one is read-only.
  await fetch(baseUrl + unit, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
  return unit;
}

/** One GET as autocannon will send it, keeping the exact bytes and headers. */
function captureResponse(baseUrl, route, headers) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(route, baseUrl), { headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        const kept = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !HOP_BY_HOP.has(name)));
        kept['content-length'] = String(body.length);
        resolve({ status: response.statusCode ?? 0, headers: kept, body: body.toString('base64'), size: body.length });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(10_000, () => request.destroy(new Error(`Timed out fetching ${route}`)));
    request.end();
  });
}

/** What a first visit transfers: the page and its stylesheet and script, compressed as browsers ask. */
async function weighFirstVisit(baseUrl, route, cookie) {
  const compressed = { 'accept-encoding': 'br, gzip' };
  const plain = await captureResponse(baseUrl, route, { cookie });
  const html = Buffer.from(plain.body, 'base64').toString('utf8');
  const assets = [...new Set([...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]))];
  const parts = [['page', (await captureResponse(baseUrl, route, { cookie, ...compressed })).size]];
  for (const asset of assets) {
    parts.push([asset.split('?')[0], (await captureResponse(baseUrl, asset, compressed)).size]);
  }
  return { parts, total: parts.reduce((sum, [, size]) => sum + size, 0) };
}

async function startCeiling(file) {
  const child = spawnPinned(process.execPath, [path.join(ROOT, 'bench/ceiling.mjs'), file], { cwd: ROOT });
  let buffered = '';
  for await (const chunk of child.stdout) {
    buffered += chunk.toString('utf8');
    const match = /listening (\d+)/.exec(buffered);
    if (match) return { baseUrl: `http://127.0.0.1:${match[1]}`, child };
  }
  throw new Error('The ceiling server did not start.');
}

async function measure(url, duration, headers, pid = null) {
  const cpuBefore = readCpuMilliseconds(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration, headers, timeout: 10 });
  const cpuAfter = readCpuMilliseconds(pid);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / result.requests.total,
  };
}

export async function runLearnUnitBenchmark() {
  const pinned = pinSelfAwayFromServer();
  const watchdog = startWatchdog(4 * (DURATION + WARMUP + 10) + 240, 'bench/learn-unit');
  const workDir = mkdtempSync(path.join(tmpdir(), 'orbis-learn-ceiling-'));
  const server = await startOrbisServer();
  let ceiling = null;
  try {
    const cookie = await signIn(server.baseUrl);
    const unit = await prepareLearner(server.baseUrl, cookie);
    const headers = { cookie, ...(ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}) };
    // The signed-in home page is the reference: every signed-in page pays for the session first.
    const routes = [unit, '/'];
    const captured = {};
    for (const route of routes) captured[route] = await captureResponse(server.baseUrl, route, headers);
    const file = path.join(workDir, 'responses.json');
    writeFileSync(file, JSON.stringify(captured));
    ceiling = await startCeiling(file);
    const weight = await weighFirstVisit(server.baseUrl, unit, cookie);

    console.log(
      `Unit page of a signed-in learner on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ` +
        `${CONNECTIONS} connections, ${DURATION} s, server ${HAS_TASKSET ? 'pinned to core 0' : 'not pinned (no taskset)'}, ` +
        `load generator ${pinned ? 'on the other cores' : 'not pinned'}, accept-encoding "${ACCEPT_ENCODING || 'none'}".`,
    );
    const rows = [];
    for (const route of routes) {
      await measure(server.baseUrl + route, WARMUP, headers);
      const orbis = await measure(server.baseUrl + route, DURATION, headers, server.pid);
      await measure(ceiling.baseUrl + route, WARMUP, headers);
      const bare = await measure(ceiling.baseUrl + route, DURATION, headers);
      const ratio = bare.requestsPerSecond > 0 ? (100 * orbis.requestsPerSecond) / bare.requestsPerSecond : 0;
      rows.push([
        route === '/' ? '/ (signed in, reference)' : route,
        `${captured[route].status}`,
        `${captured[route].size}`,
        orbis.requestsPerSecond.toFixed(0),
        `${orbis.p50} ms`,
        `${orbis.p99} ms`,
        orbis.cpuPerRequest === null ? '-' : `${orbis.cpuPerRequest.toFixed(2)} ms`,
        bare.requestsPerSecond.toFixed(0),
        `${ratio.toFixed(1)} %`,
        `${orbis.failures}`,
      ]);
    }
    console.log(
      formatTable(
        ['route', 'status', 'bytes', 'req/s', 'p50', 'p99', 'CPU/req', 'ceiling req/s', 'ratio', 'failed'],
        rows,
      ),
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
